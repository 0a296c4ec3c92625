"""What the pages need from the running app, reached through Flask's ``current_app``.

``app.py`` (the composition root) builds one :class:`AppContext` and stores it on the Flask
server; pages and callbacks ask for it here instead of importing ``app.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import flask

from dashboard.data import FrameCache
from loaders.settings import Settings
from loaders.store.store import Store

if TYPE_CHECKING:
    from dashboard.reports.export_runner import ExportRunner
    from loaders.imports.staging import Staging
    from loaders.records.accounts import Accounts
    from loaders.records.audit import AuditLog

EXTENSION = "tertial"


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    store: Store
    frames: FrameCache
    accounts: Accounts  # the password mode's users
    audit: AuditLog  # logins, uploads, rollbacks, user changes
    staging: Staging | None = None  # uploads being checked (the upload page)
    exports: ExportRunner | None = None  # large exports made in the background

    @classmethod
    def of(cls, settings: Settings, store: Store, staging: Staging | None = None) -> AppContext:
        """The context of a store: its frame cache, users, audit log and export jobs."""
        from dashboard.reports.export_runner import ExportRunner
        from loaders.records.accounts import Accounts
        from loaders.records.audit import AuditLog
        from loaders.records.export_jobs import ExportJobs

        lockout = dt.timedelta(minutes=settings.lockout_minutes)
        return cls(settings, store, FrameCache(store),
                   Accounts(store, attempts=settings.login_attempts, lockout=lockout,
                            rate=settings.login_rate),
                   AuditLog(store), staging, ExportRunner(ExportJobs(store)))


def install(server: flask.Flask, context: AppContext) -> None:
    server.extensions[EXTENSION] = context


def current() -> AppContext:
    return flask.current_app.extensions[EXTENSION]
