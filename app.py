"""Tertial's composition root: settings, the store, the one Dash object, ``server``.

``python app.py`` serves the app on TERTIAL_HOST:TERTIAL_PORT (default 127.0.0.1:8050); an
empty database gets the demo data first. A production server runs ``app:server`` under
gunicorn (``--preload``, see the README's Production section). Nothing imports this module.

A callback that raises is logged and answered with a notification in the shell (``on_error``);
the reader never gets a dead page or a traceback.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import dash
from dash.exceptions import DependencyException
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from dashboard import ids
from dashboard.callbacks import export as _export_callbacks  # noqa: F401
from dashboard.callbacks import followup as _followup_callbacks  # noqa: F401
from dashboard.callbacks import operations as _operations_callbacks  # noqa: F401
from dashboard.callbacks import shell as _shell_callbacks  # noqa: F401  (registers callbacks)
from dashboard.callbacks import survey as _survey_callbacks  # noqa: F401
from dashboard.callbacks import upload as _upload_callbacks  # noqa: F401
from dashboard.components import shell
from dashboard.state.address import language_of
from dashboard.views.preview import describe
from dashboard.web import auth, context, devserver, refusals, security
from dashboard.web import calendar as calendar_routes
from dashboard.web import export as export_routes
from dashboard.web import history_files as routes
from dashboard.web import login as login_routes
from dashboard.web import report as report_routes
from dashboard.web import upload as upload_routes
from loaders import private
from loaders.demo.load import load_demo
from loaders.errors import StoreError
from loaders.imports.staging import Staging
from loaders.ingest.safety import check_runtime
from loaders.settings import load_settings
from loaders.store.schema import sqlite_files
from loaders.store.store import Store

HERE = Path(__file__).resolve().parent
UPLOADS = "uploads"  # uploads being checked, under the data folder (any worker reads them)
log = logging.getLogger("tertial")


def _callback_lang() -> str:
    """The failed callback's language: the switch if it was sent, else the address's ``lang``."""
    sent = {**dash.ctx.inputs, **dash.ctx.states}
    lang = sent.get(f"{ids.LANGUAGE}.value") or language_of(sent.get(f"{ids.URL}.search"))
    return "en" if lang == "en" else "sv"


def on_callback_error(error: Exception) -> None:
    """Log the failure with its traceback; show the reader a notification, leave the outputs.
    A refusal (``dashboard.web.answers.Refused``, an HTTP error) is no failure: it goes on to Flask,
    which answers with its status (403) and message."""
    if isinstance(error, HTTPException):
        raise error
    log.error("callback %s failed", dash.ctx.triggered_id, exc_info=error)
    try:
        lang = _callback_lang()
    except Exception:  # the notification must not fail on a malformed request
        lang = "sv"
    dash.set_props(ids.NOTIFICATIONS, {"children": shell.error_notification(lang)})


private.owner_only()  # what the app writes is 0600, its folders 0700 (loaders/private.py)
check_runtime()
try:
    settings = load_settings()
except ValueError as error:  # a setting that cannot work: say which, without a traceback
    raise SystemExit(str(error)) from None
data_dir = private.private_folder(settings.data_dir)
try:
    store = Store(settings.resolved_database_url)
except StoreError as error:  # a schema to upgrade first: say so, without a traceback
    raise SystemExit(f"{error.message_sv}\n{error.message_en}") from None
if settings.demo_on_empty and not store.history():
    load_demo(store, settings)

app = dash.Dash(
    __name__,
    use_pages=True,
    pages_folder=str(HERE / "dashboard" / "pages"),
    assets_folder=str(HERE / "dashboard" / "assets"),
    title="Tertial",
    update_title=None,  # Dash's "Updating..." is English; the page's own title stays
    on_error=on_callback_error,
    # On purpose, not as a habit: without it Dash calls every page's layout on a worker's
    # first request, as whoever made it, and sends the result ("validation_layout") in every
    # later visitor's index page: an admin's history or the whole agency's figures to a head
    # held to one department. Callbacks are checked by the tests instead.
    suppress_callback_exceptions=True,
)
app.layout = shell.layout()
server = app.server
# a path under /_dash-component-suites/ that names no file of a registered library is Dash's
# DependencyException: not found, not a server error
server.register_error_handler(DependencyException, lambda _error: ("Not found\n", 404))
Compress(server)  # gzip/brotli for pages, layout and callback responses
# the upload's limit plus room for the form; a bigger body gets upload_routes.too_large
server.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes + 1024 * 1024
staging = Staging(data_dir / UPLOADS, store, settings, describe=describe)
kept = [data_dir, data_dir / UPLOADS, data_dir / auth.SECRET_FILE, *sqlite_files(store.engine)]
for warning in private.warnings(kept):
    log.warning(warning)  # once at start-up; what exists is not changed (loaders/private.py)
context.install(server, context.AppContext.of(settings, store, staging))
security.install(app)  # headers (CSP, framing, nosniff) and the cross-site refusal, first
auth.install(server, settings)  # who asks (local, password or header), refused if nobody
refusals.install(server)  # every refusal in the audit log, once (dashboard/web/refusals.py)
login_routes.install(server)  # the password mode's login and logout
routes.install(server)  # the history's file downloads (dashboard/web/history_files.py)
upload_routes.install(server)  # the upload's file, the template, oversized requests
report_routes.install(server)  # the department report (/rapport) and its PDFs
export_routes.install(server)  # the view's numbers as a workbook, and export jobs' files
calendar_routes.install(server)  # the government assignments' reports as a calendar (.ics)

# What is made by now (modules, Dash, plotly, the layout) lives as long as the process: kept
# out of the cyclic garbage collector's full passes, which otherwise scan it all and stop a
# request for 100-150 ms now and then (benchmarks/README.md). Under ``gunicorn --preload``
# this runs in the master before the fork, so the workers also share those pages longer.
gc.collect()
gc.freeze()

if __name__ == "__main__":
    auth.check_listen(settings)  # the local mode (no login) listens on loopback only
    app.run(host=settings.host, port=settings.port, debug=settings.debug,
            request_handler=devserver.handler_for(settings))  # no versions; known hosts only
