"""The upload's HTTP routes: the file itself, the blank template, and oversized requests.

The workbook does not travel through a Dash callback: the page's script posts it as
``multipart/form-data`` to ``POST /ladda-upp/fil`` (no base64 inflation, and the browser
can show the transfer's progress). The route stages the file (``loaders.imports.staging``), starts
the check in the background and answers at once with a token; the page then follows the
check through its own callbacks, from any worker. Every answer is JSON, errors in Swedish
and English, so the page can always say what happened.

The size limit holds on the server whatever the browser did: Flask refuses a body over
``MAX_CONTENT_LENGTH`` (the upload limit plus room for the form) with 413, which
:func:`too_large` turns into the same clear message, and the route reads at most one byte
more than the limit from the stream.
"""

from __future__ import annotations

import io

import flask
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.web.answers import answer
from dashboard.web.auth import require
from dashboard.web.context import current
from loaders.imports.staging_files import clean_file_name
from loaders.template import write_template

blueprint = flask.Blueprint("upload", __name__)
UPLOAD_PATH = "/ladda-upp/fil"
TEMPLATE_PATH = "/ladda-upp/mall.xlsx"
TEMPLATE_NAME = "uppfoljning_mall.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


@blueprint.post(UPLOAD_PATH)
def receive() -> tuple[flask.Response, int]:
    user = require("upload")
    app = current()
    limit = app.settings.max_upload_bytes
    upload = flask.request.files.get("file")
    if upload is None or not upload.filename:
        return answer(400, "upload.no_file")
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        return answer(413, "upload.too_large", limit=_megabytes(limit))
    form = flask.request.form
    # a file that cannot be staged raises its typed error: 400 with its message and code
    token = app.staging.stage(data, upload.filename, user=user.name,
                              period=form.get("period") or None,
                              csv_sheet=form.get("sheet") or None)
    app.staging.start(token)
    return flask.jsonify(token=token, file_name=clean_file_name(upload.filename)), 200


@blueprint.get(TEMPLATE_PATH)
def template() -> flask.Response:
    """The blank workbook with every sheet, header, list and instruction of the format."""
    buffer = io.BytesIO()
    write_template(buffer)
    buffer.seek(0)
    return flask.send_file(buffer, mimetype=XLSX, as_attachment=True,
                           download_name=TEMPLATE_NAME, max_age=0)


def too_large(error: RequestEntityTooLarge) -> tuple[flask.Response, int] | flask.Response:
    """A body over the server's limit: JSON for the upload and Dash's callbacks, text else."""
    return answer(413, "upload.too_large", limit=_megabytes(current().settings.max_upload_bytes))


def install(server: flask.Flask) -> None:
    server.register_blueprint(blueprint)
    server.register_error_handler(RequestEntityTooLarge, too_large)
