"""The current view as Excel: made in the request for scripts, or as a background job for the
page.

* ``GET /export.xlsx?period=…&avdelning=…&enhet=…&lang=…`` makes the workbook in the
  request, for views of at most ``TERTIAL_EXPORT_INLINE_MAX_ROWS`` rows (a larger one is
  refused, 422, with a message that points to the page's export).
* The page's export button (``dashboard/callbacks/export.py``) calls :func:`start_export`:
  a job row in the database (:mod:`loaders.records.export_jobs`) made by this process's runner
  (:mod:`dashboard.reports.export_runner`), followed from any worker, and its file served by
  ``GET /export/jobs/<id>.xlsx`` to its owner only (anyone else: 404, as for no job, and
  the attempt is written to the audit log as a refusal).

The address is read exactly as the pages read theirs (``state_from_params``, with the
reader's reach): a head held to their department gets that department's rows whatever the
address asks, and an unknown filter falls back as the page does. The workbook is built by
:mod:`dashboard.reports.excel` from the frames of the current data version and sent as an
attachment (``filename*`` per RFC 5987 for å, ä, ö, with an ASCII fallback). No data to
show: a plain 404 in Swedish and English.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from concurrent.futures import wait
from dataclasses import dataclass

import flask

from dashboard.data import Snapshot
from dashboard.kpis.scope import Selection, resolve
from dashboard.reports.content import adoption_stamp
from dashboard.reports.excel import ExportInfo, build_workbook, export_size, file_name
from dashboard.web.answers import answer, download, note_refusal
from dashboard.web.auth import require, state_from_params
from dashboard.web.context import current
from dashboard.web.roles import User

blueprint = flask.Blueprint("export", __name__)
EXPORT_PATH = "/export.xlsx"
JOB_PATH = "/export/jobs/<job_id>.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PARAMS = ("period", "avdelning", "enhet", "lang", "visa")  # visa=aktuell: not the adopted
QUICK_WAIT_S = 1.0  # a small view's job is done within this: the page gets it at once


@dataclass(frozen=True)
class AskedView:
    """The view an address asks for, as the reader may see it, in the current data."""

    snapshot: Snapshot
    selection: Selection | None  # None: no data to show
    lang: str
    params: dict[str, str]  # the view's address parameters, as resolved


def asked_view(args: Mapping[str, str]) -> AskedView:
    params = {name: args.get(name) or "" for name in PARAMS}
    state = state_from_params({k: v for k, v in params.items() if v},
                              current().frames.current().frames)
    snapshot = current().frames.for_view(state.period, state.shows_current)[0]
    resolved = dict(zip(PARAMS, (state.period or "", state.department or "",
                                 state.unit or "", state.lang,
                                 "aktuell" if state.shows_current else ""), strict=True))
    return AskedView(snapshot, state.selection, state.lang, resolved)


def job_path(job_id: str) -> str:
    return JOB_PATH.replace("<job_id>", job_id)


def start_export(args: Mapping[str, str], user: User) -> str | None:
    """Start the job that makes the asked view's workbook; its id (None: no data to show).
    Waits up to :data:`QUICK_WAIT_S` for it, so a small view is ready when this returns.
    :class:`loaders.records.export_jobs.ExportBusy` when the user's previous job is still
    running."""
    view, runner = asked_view(args), current().exports
    if view.selection is None:
        return None
    snapshot = view.snapshot
    job_id = runner.jobs.create(user.name, view.params, data_version=snapshot.version,
                                rows_total=export_size(snapshot.frames, view.selection))
    info = ExportInfo(snapshot.version, snapshot.latest_import, view.lang,
                      exported_by=user.shown_name,
                      adoption=adoption_stamp(snapshot, view.selection.period, view.lang))
    wait([runner.submit(job_id, snapshot.frames, view.selection, info)], timeout=QUICK_WAIT_S)
    return job_id


def _attachment(data: bytes, name: str) -> flask.Response:
    response = flask.send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True,
                               download_name=name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@blueprint.get(EXPORT_PATH)
@download
def export_view() -> flask.Response:
    """The workbook of the view the address names, as the reader may see it."""
    user = require("read")
    view = asked_view(flask.request.args)
    if view.selection is None:
        return answer(404, "export.no_data")
    frames, limit = view.snapshot.frames, current().settings.export_inline_max_rows
    rows = export_size(frames, view.selection)
    if rows > limit:
        return answer(422, "export.too_many_rows", counts={"rows": rows, "limit": limit})
    info = ExportInfo(view.snapshot.version, view.snapshot.latest_import, view.lang,
                      exported_by=user.shown_name,
                      adoption=adoption_stamp(view.snapshot, view.selection.period, view.lang))
    data = build_workbook(frames, view.selection, info)
    return _attachment(data, file_name(resolve(frames, view.selection), view.lang))


@blueprint.get(JOB_PATH)
@download
def export_job_file(job_id: str) -> flask.Response:
    """The finished file of one of the reader's own export jobs."""
    user = require("read")
    found = current().exports.jobs.file(job_id, user.name)
    if found is None:  # logged: someone else's job is asked for by its id
        note_refusal(f"export.job_unknown {job_id[:64]}")
        return answer(404, "export.job_unknown")
    name, data = found
    return _attachment(data, name)


def install(server: flask.Flask) -> None:
    """Add the routes to the app's Flask server (``app.py``); a second call does nothing."""
    if blueprint.name not in server.blueprints:
        server.register_blueprint(blueprint)
