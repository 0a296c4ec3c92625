"""Plain HTTP routes beside the Dash pages: the original file of an import, for download.

``GET /historik/<id>/fil`` sends the bytes the store kept for the import, exactly as they
were uploaded, as an attachment under the original file name (``filename*`` per RFC 5987 for
å, ä, ö, with an ASCII fallback). The content type is the standard one of the file's kind,
found from its bytes like at the upload, and ``X-Content-Type-Options: nosniff`` keeps a
browser from guessing another; an unknown import is a plain 404 in Swedish and English, and
an address that cannot name an import (not a whole number from 1 to ``MAX_IMPORT_ID``, such as
``/historik/1180591620717411303424/fil``) a plain 400, before it reaches the database.
"""

from __future__ import annotations

import io
import re

import flask

from dashboard.views.history import DOWNLOAD_PATH
from dashboard.web.answers import answer, download, error_answer
from dashboard.web.auth import require
from dashboard.web.context import current
from loaders.errors import StoreError, TertialError
from loaders.imports.importer import limits_from
from loaders.ingest.safety import sniff
from loaders.store.store import MAX_IMPORT_ID, bad_import_id, valid_import_id

blueprint = flask.Blueprint("history", __name__)
OCTET_STREAM = "application/octet-stream"
CONTENT_TYPES = {  # the file kinds loaders.ingest.safety.sniff recognises
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
}
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


def import_id_of(text: str) -> int | None:
    """The import id an address names (ASCII digits, at most :data:`MAX_IMPORT_ID`); None
    for anything else."""
    digits = text.isascii() and text.isdigit() and len(text) <= len(str(MAX_IMPORT_ID))
    number = int(text) if digits else None
    return number if valid_import_id(number) else None


@blueprint.get(DOWNLOAD_PATH.replace("{id}", "<raw_id>"))
@download
def original_file(raw_id: str) -> flask.Response:
    """The original file of import ``raw_id``, byte for byte."""
    require("history")
    import_id = import_id_of(raw_id)
    if import_id is None:  # 400, Swedish first, with English
        return error_answer(bad_import_id())
    try:
        file_name, data = current().store.original_file(import_id)
    except StoreError:
        return answer(404, "history.file_missing", id=import_id)
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
