"""The shell's export: start a background job for the view, follow it, download its file.

One callback does all three, so the control's parts have one writer: the button starts a
job (``dashboard.web.export.start_export``, with the reader's reach, exactly as
``/export.xlsx`` reads the address); the interval, enabled only while a job runs, reads its
state from the database (any worker may answer); the language switch says it again in the
other language. A finished job's address goes to ``EXPORT_READY``, and a clientside callback
has the browser download it once.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback, ctx, no_update

from dashboard import ids
from dashboard.components.export import job_view
from dashboard.state.address import params_of
from dashboard.text.i18n import language, t
from dashboard.web.auth import require
from dashboard.web.context import current
from dashboard.web.export import PARAMS, start_export
from loaders.records.export_jobs import ExportBusy

UNCHANGED = (no_update,) * 6


def address_params(search: object) -> dict[str, str]:
    """The view's parameters of an address's query string, as every address is read
    (:func:`dashboard.state.address.params_of`)."""
    given = params_of(search)
    return {name: given[name] for name in PARAMS if name in given}


@callback(
    Output(ids.EXPORT_JOB, "data"),
    Output(ids.EXPORT_STATUS, "children"),
    Output(ids.EXPORT_DETAIL, "children"),
    Output(ids.EXPORT_POLL, "disabled"),
    Output(ids.EXPORT_BUTTON, "disabled"),
    Output(ids.EXPORT_READY, "data"),
    Input(ids.EXPORT_BUTTON, "n_clicks"),
    Input(ids.EXPORT_POLL, "n_intervals"),
    Input(ids.LANGUAGE, "value"),
    State(ids.EXPORT_JOB, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def export_job(_clicks, _polls, lang, job_id, search):
    """(job, words, bar or link, poll off, button off, file to download)."""
    user = require("read")
    lang = language(lang or "sv")
    if ctx.triggered_id == ids.EXPORT_BUTTON:
        try:
            job_id = start_export(address_params(search), user)
        except ExportBusy:
            return no_update, t("export.job_busy", lang), no_update, no_update, no_update, \
                no_update
        if job_id is None:
            return None, t("export.no_data", lang), [], True, False, None
    elif not isinstance(job_id, str) or not job_id:
        return UNCHANGED
    view = job_view(current().exports.jobs.get(job_id, user.name), lang)
    ready = no_update if ctx.triggered_id == ids.LANGUAGE else view.ready
    return job_id, view.text, view.detail, not view.running, view.running, ready


# The browser downloads a finished file once (a late second poll must not download it again).
clientside_callback(
    """function (href, downloaded) {
        if (!href || href === downloaded) { return window.dash_clientside.no_update; }
        const link = document.createElement("a");
        link.href = href;
        link.download = "";
        document.body.appendChild(link);
        link.click();
        link.remove();
        return href;
    }""",
    Output(ids.EXPORT_DOWNLOADED, "data"),
    Input(ids.EXPORT_READY, "data"),
    State(ids.EXPORT_DOWNLOADED, "data"),
    prevent_initial_call=True,
)
