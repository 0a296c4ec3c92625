"""One row of the audit log as an INSERT, for the caller's transaction: what the store writes
with its own imports and rollbacks, and what :func:`loaders.records.audit.entry` builds for
everyone else (it checks the action against its vocabulary first). Kept here, with the store,
so the store logs its changes without importing the records above it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Insert, Table, insert

MAX_DETAIL = 500  # characters of user and detail kept (a hostile name must not fill the log)
MAX_ADDRESS = 100


def audit_insert(table: Table, user: str, action: str, detail: str = "", address: str = "",
                 at: dt.datetime | None = None) -> Insert:
    """The INSERT of one event (at ``at``, by default now)."""
    return insert(table).values(at=at or dt.datetime.now(dt.UTC), user=user[:MAX_DETAIL],
                                action=action, detail=detail[:MAX_DETAIL],
                                address=address[:MAX_ADDRESS])
