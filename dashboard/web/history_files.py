"""Plain HTTP routes beside the Dash pages: the original file of an import, for download.

``GET /historik/<id>/fil`` sends the bytes the store kept for the import, exactly as they
were uploaded, as an attachment under the original file name (``filename*`` per RFC 5987 for
å, ä, ö, with an ASCII fallback). The content type is the standard one of the file's kind,
found from its bytes like at the upload, and ``X-Content-Type-Options: nosniff`` keeps a
browser from guessing another; an unknown import is a plain 404 in Swedish and English.
"""

from __future__ import annotations

import io
import re

import flask

from dashboard.text.i18n import LANGUAGES, t
from dashboard.views.history import DOWNLOAD_PATH
from dashboard.web.auth import require
from dashboard.web.context import current
from loaders.errors import StoreError, TertialError
from loaders.imports.importer import limits_from
from loaders.ingest.safety import sniff

blueprint = flask.Blueprint("history", __name__)
OCTET_STREAM = "application/octet-stream"
CONTENT_TYPES = {  # the file kinds loaders.ingest.safety.sniff recognises
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
}
MAX_IMPORT_ID = 2**63 - 1  # beyond a database integer: no such import
UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


def content_type(data: bytes, file_name: str) -> str:
    try:
        kind = sniff(data, file_name, limits_from(current().settings))
        return CONTENT_TYPES.get(kind, OCTET_STREAM)
    except TertialError:
        return OCTET_STREAM


def download_name(file_name: str, import_id: int) -> str:
    """The stored name without folders or control characters (never an empty name)."""
    name = UNSAFE_IN_NAME.sub("_", file_name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name if name.strip("._ ") else f"import-{import_id}"


def _not_found(import_id: int) -> flask.Response:
    body = "\n".join(t("history.file_missing", lang, id=import_id) for lang in LANGUAGES)
    response = flask.Response(body + "\n", status=404, mimetype="text/plain")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blueprint.get(DOWNLOAD_PATH.replace("{id}", "<int:import_id>"))
def original_file(import_id: int) -> flask.Response:
    """The original file of import ``import_id``, byte for byte."""
    require("history")
    if import_id > MAX_IMPORT_ID:
        return _not_found(import_id)
    try:
        file_name, data = current().store.original_file(import_id)
    except StoreError:
        return _not_found(import_id)
    kind = content_type(data, file_name)
    response = flask.send_file(io.BytesIO(data), mimetype=kind, as_attachment=True,
                               download_name=download_name(file_name, import_id), max_age=0)
    response.headers["Content-Type"] = kind  # no charset: a CSV keeps the encoding it had
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def install(server: flask.Flask) -> None:
    """Add the routes to the app's Flask server (``app.py``)."""
    server.register_blueprint(blueprint)
