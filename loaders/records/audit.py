"""The audit log: who logged in (or failed to), uploaded, rolled back, changed users, or
changed the follow-up cycle.

One row per event, never changed afterwards: written in its own short transaction, or, for a
change that must not happen without its line in the log, in the change's own
(:func:`entry`). Shown to admins on the Händelselogg page; the CLI's user commands write here
too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Insert, Table, insert, select

from loaders.store.schema import reading, utc, writing

if TYPE_CHECKING:
    from loaders.store.store import Store

ACTIONS = (
    "login", "login_failed", "locked", "logout",  # sessions
    "import", "rollback",  # data
    "user_add", "user_passwd", "user_role", "user_remove",  # users
    "refused",  # a request whose role does not allow it
    # the follow-up cycle (loaders/followup/cycle.py)
    "round_open", "round_last_day", "round_close", "round_reopen",
    "assess", "ready", "unready", "adopt", "correction",
)
MAX_DETAIL = 500  # characters of detail kept (a hostile name must not fill the log)


@dataclass(frozen=True)
class Event:
    id: int
    at: dt.datetime
    user: str
    action: str
    detail: str
    address: str


class AuditLog:
    def __init__(self, store: Store):
        self.engine, self.table = store.engine, store.schema.audit

    def record(self, user: str, action: str, detail: str = "", address: str = "") -> None:
        with writing(self.engine) as conn:
            conn.execute(entry(self.table, user, action, detail, address))

    def events(self, limit: int = 2000) -> list[Event]:
        """The latest ``limit`` events, newest first."""
        with reading(self.engine) as conn:
            rows = conn.execute(select(self.table).order_by(self.table.c.id.desc())
                                .limit(limit)).all()
        return [Event(r.id, utc(r.at), r.user, r.action, r.detail, r.address) for r in rows]


def entry(table: Table, user: str, action: str, detail: str = "", address: str = "",
          at: dt.datetime | None = None) -> Insert:
    """The INSERT of one event (at ``at``, by default now), for the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return insert(table).values(at=at or dt.datetime.now(dt.UTC), user=user[:MAX_DETAIL],
                                action=action, detail=detail[:MAX_DETAIL], address=address[:100])
