"""The view's government assignments' reports as a calendar: ``GET /regeringsuppdrag.ics``.

``?period=…&avdelning=…&enhet=…&lang=…&visa=…``, read exactly as the Excel export reads its
address (:func:`dashboard.web.export.asked_view`: the reader's reach, the adopted follow-up
unless ``visa=aktuell``), so a head held to their department gets that department's reports
whatever the address asks. The file is made by :mod:`dashboard.reports.calendar` and sent as
an attachment, ``text/calendar; charset=utf-8``. No data to show: a plain 404 in Swedish and
English.
"""

from __future__ import annotations

import io

import flask

from dashboard.kpis.government import register_table
from dashboard.kpis.scope import resolve
from dashboard.reports.calendar import build_calendar, calendar_name, file_name
from dashboard.text.i18n import t
from dashboard.web.answers import answer, download
from dashboard.web.auth import require
from dashboard.web.export import asked_view

blueprint = flask.Blueprint("calendar", __name__)
CALENDAR_PATH = "/regeringsuppdrag.ics"
CALENDAR_TYPE = "text/calendar; charset=utf-8"


@blueprint.get(CALENDAR_PATH)
@download
def calendar_view() -> flask.Response:
    """The .ics of the view the address names, as the reader may see it."""
    require("read")
    view = asked_view(flask.request.args)
    if view.selection is None:
        return answer(404, "government.calendar_no_data")
    frames, lang = view.snapshot.frames, view.lang
    scope = resolve(frames, view.selection)
    place = scope.unit or scope.department or t("shell.all_departments", lang)
    period = scope.period.label
    data = build_calendar(register_table(frames, scope), calendar_name(place, period, lang),
                          lang)
    response = flask.send_file(io.BytesIO(data), mimetype=CALENDAR_TYPE, as_attachment=True,
                               download_name=file_name(place, period, lang), max_age=0)
    response.headers["Content-Type"] = CALENDAR_TYPE
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def install(server: flask.Flask) -> None:
    """Add the route to the app's Flask server (``app.py``); a second call does nothing."""
    if blueprint.name not in server.blueprints:
        server.register_blueprint(blueprint)
