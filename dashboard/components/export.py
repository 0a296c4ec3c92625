"""The shell's export control: the button, the job's progress in words and as a bar, and the
finished file.

The button starts a background job for the current view (``dashboard/callbacks/export.py``);
while it runs the page polls it every :data:`POLL_MS` and says how far it has come ("45 000
av 100 000 rader") in a live region, so a screen reader hears it too. When the file is ready
the browser downloads it, and a link offers it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from dashboard import ids
from dashboard.text.formatting import number
from dashboard.text.i18n import t
from dashboard.web.export import job_path
from loaders.records.export_jobs import DONE, FAILED, QUEUED, STOPPED, ExportJob

POLL_MS = 500


def export_control() -> html.Div:
    """The button and the (empty) places the job's state goes into."""
    return html.Div([
        html.Button(t("shell.export_link"), id=ids.EXPORT_BUTTON, type="button",
                    className="take-away-link export-button"),
        html.P(id=ids.EXPORT_STATUS, role="status", className="export-status"),
        html.Div(id=ids.EXPORT_DETAIL, className="export-detail"),
        dcc.Store(id=ids.EXPORT_JOB),
        dcc.Store(id=ids.EXPORT_READY),
        dcc.Store(id=ids.EXPORT_DOWNLOADED),
        dcc.Interval(id=ids.EXPORT_POLL, interval=POLL_MS, disabled=True),
    ], className="export")


@dataclass(frozen=True)
class JobView:
    """What the control shows of a job."""

    text: str  # the live region's words
    detail: list  # the progress bar, or the file's link
    running: bool  # poll again, and keep the button disabled
    ready: str | None = None  # the finished file's address


def _bar(job: ExportJob, lang: str) -> html.Progress:
    label = {"aria-label": t("export.progress_label", lang)}
    if job.status == QUEUED or not job.rows_total:
        return html.Progress(className="export-progress", **label)  # no value: waiting
    return html.Progress(value=str(job.rows_done), max=str(job.rows_total),
                         className="export-progress", **label)


def job_view(job: ExportJob | None, lang: str) -> JobView:
    """The words, the bar or link, and whether to poll again, for a job's state (None: the
    job is gone, or was never the reader's)."""
    if job is None:
        return JobView(t("export.job_gone", lang), [], running=False)
    rows = {"done": number(job.rows_done, lang=lang), "total": number(job.rows_total, lang=lang)}
    if job.status == DONE:
        href = job_path(job.id)
        link = html.A(t("export.job_download", lang, file=job.file_name), href=href,
                      download=job.file_name, className="export-file")
        return JobView(t("export.job_done", lang, **rows), [link], running=False, ready=href)
    if job.status == FAILED:
        key = "export.job_stopped" if job.error == STOPPED else "export.job_failed"
        return JobView(t(key, lang), [], running=False)
    key = "export.job_queued" if job.status == QUEUED else "export.job_running"
    return JobView(t(key, lang, **rows), [_bar(job, lang)], running=True)
