"""The app factory: :func:`create_app` builds one Tertial app from its settings.

Everything an app is made of, in the order it must be made: the store (an empty database gets
the demo when the settings say so), the one Dash object with its pages and callbacks, the
upload's staging, and the web edge's installs (security headers and the cross-site refusal
first, then who asks, the audit of refusals, and the routes). ``app.py`` calls it once per
process, after the process's own setup (the owner-only umask, the runtime checks, the
settings); the tests and the benchmarks call it for an app on a folder of their own.

A callback that raises is logged and answered with a notification in the shell
(:func:`on_callback_error`); the reader never gets a dead page or a traceback.

Dash keeps the callbacks that ``@dash.callback`` registers in a process-wide registry and moves
them into the first app that serves a request. A process runs one app (``python app.py``,
each gunicorn worker); a test process that builds several keeps and restores that registry
itself (``tests/apps.py``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import dash
from dash.exceptions import DependencyException
from flask import Flask
from werkzeug.exceptions import HTTPException

from dashboard import ids
from dashboard.callbacks import export as _export_callbacks  # noqa: F401  (registers callbacks)
from dashboard.callbacks import followup as _followup_callbacks  # noqa: F401
from dashboard.callbacks import operations as _operations_callbacks  # noqa: F401
from dashboard.callbacks import shell as _shell_callbacks  # noqa: F401
from dashboard.callbacks import survey as _survey_callbacks  # noqa: F401
from dashboard.callbacks import upload as _upload_callbacks  # noqa: F401
from dashboard.components import shell
from dashboard.state.address import language_of
from dashboard.text.i18n import language
from dashboard.views.preview import describe
from dashboard.web import addresses, answers, assets, auth, context, refusals, security
from dashboard.web import calendar as calendar_routes
from dashboard.web import export as export_routes
from dashboard.web import history_files as history_routes
from dashboard.web import login as login_routes
from dashboard.web import report as report_routes
from dashboard.web import upload as upload_routes
from loaders import private
from loaders.demo.load import load_demo
from loaders.imports.staging import Staging
from loaders.settings import Settings
from loaders.store.schema import sqlite_files
from loaders.store.store import Store

HERE = Path(__file__).resolve().parent
UPLOADS = "uploads"  # uploads being checked, under the data folder (any worker reads them)
log = logging.getLogger("tertial")


@dataclass(frozen=True)
class Tertial:
    """One built app: the Dash object, its Flask server and what they serve from."""

    app: dash.Dash
    server: Flask
    settings: Settings
    store: Store
    staging: Staging
    data_dir: Path


def _callback_lang() -> str:
    """The failed callback's language: the switch if it was sent, else the address's ``lang``."""
    sent = {**dash.ctx.inputs, **dash.ctx.states}
    return language(sent.get(f"{ids.LANGUAGE}.value") or language_of(sent.get(f"{ids.URL}.search")))


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


def _dash_app() -> dash.Dash:
    app = dash.Dash(
        # the package's name: Dash names the page modules from it (dashboard.pages.overview)
        # and Flask finds its root there, whichever module builds the app
        "dashboard",
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        title="Tertial",
        update_title=None,  # Dash's "Updating..." is English; the page's own title stays
        on_error=on_callback_error,
        # On purpose, not as a habit: without it Dash calls every page's layout on a worker's
        # first request, as whoever made it, and sends the result ("validation_layout") in
        # every later visitor's index page: an admin's history or the whole agency's figures
        # to a head held to one department. Callbacks are checked by the tests instead.
        suppress_callback_exceptions=True,
    )
    app.layout = shell.layout()
    return app


def create_app(settings: Settings) -> Tertial:
    """The app on ``settings``: its data folder made private, the store opened (raises
    :class:`loaders.errors.StoreError` for a schema to upgrade first), the demo loaded into an
    empty database when ``settings.demo_on_empty``, and every route and check installed."""
    data_dir = private.private_folder(settings.data_dir)
    store = Store(settings.resolved_database_url)
    try:
        if settings.demo_on_empty and not store.history():
            load_demo(store, settings)
        app = _dash_app()
        server = app.server
        # a path under /_dash-component-suites/ that names no file of a registered library is
        # Dash's DependencyException: not found, not a server error
        server.register_error_handler(DependencyException, lambda _error: ("Not found\n", 404))
        assets.install(app)  # compression, and the browser's cache for the app's own files
        # the upload's limit plus room for the form; a bigger body gets upload_routes.too_large
        server.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes + 1024 * 1024
        staging = Staging(data_dir / UPLOADS, store, settings, describe=describe)
        kept = [data_dir, data_dir / UPLOADS, data_dir / auth.SECRET_FILE,
                *sqlite_files(store.engine)]
        for warning in private.warnings(kept):
            log.warning(warning)  # once at start-up; what exists is not changed
        context.install(server, context.AppContext.of(settings, store, staging))
        security.install(app)  # headers (CSP, framing, nosniff) and the cross-site refusal, first
        auth.install(server, settings)  # who asks (local, password or header), refused if nobody
        refusals.install(server)  # every refusal in the audit log, once
        answers.install(server)  # a typed error a route raises: its answer
        addresses.install(server)  # a page opened without its tertial: to its full address
        login_routes.install(server)  # the password mode's login and logout
        history_routes.install(server)  # the history's file downloads
        upload_routes.install(server)  # the upload's file, the template, oversized requests
        report_routes.install(server)  # the department report (/rapport) and its PDFs
        export_routes.install(server)  # the view's numbers as a workbook, and export jobs' files
        calendar_routes.install(server)  # the government assignments' reports as a calendar
    except BaseException:
        store.close()
        raise
    return Tertial(app=app, server=server, settings=settings, store=store, staging=staging,
                   data_dir=data_dir)
