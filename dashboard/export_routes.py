"""``GET /export.xlsx?period=…&avdelning=…&enhet=…&lang=…``: the current view as Excel.

The address is read exactly as the pages read theirs (``state_from_params``, with the
reader's reach): a head held to their department gets that department's rows whatever the
address asks, and an unknown filter falls back as the page does. The workbook is built by
:mod:`dashboard.excel_export` from the frames of the current data version and sent as an
attachment (``filename*`` per RFC 5987 for å, ä, ö, with an ASCII fallback). No data to
show: a plain 404 in Swedish and English.
"""

from __future__ import annotations

import io

import flask

from dashboard.auth import require
from dashboard.components.page import state_from_params
from dashboard.context import current
from dashboard.excel_export import ExportInfo, build_workbook, file_name
from dashboard.i18n import LANGUAGES, t
from dashboard.kpis.scope import Selection, resolve

blueprint = flask.Blueprint("export", __name__)
EXPORT_PATH = "/export.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PARAMS = ("period", "avdelning", "enhet", "lang")


def _no_data() -> flask.Response:
    body = "\n".join(t("export.no_data", lang) for lang in LANGUAGES)
    response = flask.Response(body + "\n", status=404, mimetype="text/plain")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blueprint.get(EXPORT_PATH)
def export_view() -> flask.Response:
    """The workbook of the view the address names, as the reader may see it."""
    user = require("read")
    snapshot = current().frames.current()
    frames = snapshot.frames
    params = {name: flask.request.args.get(name, "") for name in PARAMS}
    state = state_from_params({k: v for k, v in params.items() if v}, frames)
    if state.period is None:
        return _no_data()
    selection = Selection(state.period, state.department, state.unit)
    info = ExportInfo(snapshot.version, snapshot.latest_import, state.lang,
                      exported_by=user.shown_name)
    data = build_workbook(frames, selection, info)
    name = file_name(resolve(frames, selection), state.lang)
    response = flask.send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True,
                               download_name=name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def install(server: flask.Flask) -> None:
    """Add the route to the app's Flask server (``app.py``); a second call does nothing."""
    if blueprint.name not in server.blueprints:
        server.register_blueprint(blueprint)
