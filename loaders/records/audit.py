"""The audit log: who logged in (or failed to), imported, rolled back, changed users,
changed the follow-up cycle, or was refused.

One row per event, never changed afterwards: written in its own short transaction, or, for a
change that must not happen without its line in the log, in the change's own
(:func:`entry`: the store's imports and rollbacks, the follow-up cycle). Shown to admins on
the Händelselogg page, filtered by :data:`KINDS` on the server; the CLI writes here too.

Refusals are many and cost an attacker nothing, so :meth:`AuditLog.refusal` keeps at most
:data:`REFUSALS_PER_WINDOW` rows per client address in any :data:`REFUSAL_WINDOW`, counted
in the database (so across every worker); the next one writes a single "refused_muted" row
saying until when that address is not logged, and the rest are dropped without a write (a
write per dropped request would let a flood queue behind, or in front of, the imports on
SQLite's one write lock), counted per process in :attr:`AuditLog.dropped` and reported in the
process's log at the first and every :data:`DROPPED_REPORT_EVERY`-th.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Insert, Table, func, select
from sqlalchemy.engine import Connection

from loaders.store.audit_rows import MAX_ADDRESS, audit_insert
from loaders.store.schema import reading, utc, writing

if TYPE_CHECKING:
    from loaders.store.store import Store

ACTIONS = (
    "login", "login_failed", "locked", "logout",  # sessions
    "import", "rollback",  # data
    "user_add", "user_passwd", "user_role", "user_unlock", "user_remove",  # users
    "refused",  # a request refused: no login, a role or department that does not allow it
    "refused_muted",  # more refusals from one address than the log keeps (AuditLog.refusal)
    # the follow-up cycle (loaders/followup/cycle.py)
    "round_open", "round_last_day", "round_close", "round_reopen",
    "assess", "ready", "unready", "adopt", "correction",
)
# The Händelselogg page's filter: each kind and its actions (every action is of one kind).
KINDS: dict[str, tuple[str, ...]] = {
    "sessions": ("login", "login_failed", "locked", "logout"),
    "data": ("import", "rollback"),
    "users": ("user_add", "user_passwd", "user_role", "user_unlock", "user_remove"),
    "refusals": ("refused", "refused_muted"),
    "followup": ("round_open", "round_last_day", "round_close", "round_reopen", "assess",
                 "ready", "unready", "adopt", "correction"),
}
# Refusal rows kept per client address in any window: enough for a page whose session ended
# (each of its callbacks refused once), far too few to fill the log.
REFUSALS_PER_WINDOW = 30
REFUSAL_WINDOW = dt.timedelta(minutes=1)
DROPPED_REPORT_EVERY = 100  # the process's log says how many were dropped, every 100th time
# what AuditLog.refusal did
LOGGED, MUTED, DROPPED = "logged", "muted", "dropped"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    id: int
    at: dt.datetime
    user: str
    action: str
    detail: str
    address: str


class AuditLog:
    """The log of ``store``; ``clock`` gives the time (aware UTC; tests pass their own)."""

    def __init__(self, store: Store, clock: Callable[[], dt.datetime] | None = None):
        self.engine, self.table = store.engine, store.schema.audit
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.dropped: Counter[str] = Counter()  # refusals not written, by address (this process)
        self._lock = threading.Lock()

    def record(self, user: str, action: str, detail: str = "", address: str = "") -> None:
        with writing(self.engine) as conn:
            conn.execute(entry(self.table, user, action, detail, address, self.clock()))

    def refusal(self, user: str, detail: str, address: str) -> str:
        """Log a refusal, at most :data:`REFUSALS_PER_WINDOW` per address in a window (then
        one "refused_muted" row, then none until the window has moved on); what was done:
        :data:`LOGGED`, :data:`MUTED` or :data:`DROPPED`.

        Counted again inside the writing transaction: on SQLite that transaction holds the
        write lock, so the limit is exact across workers; on PostgreSQL refusals from one
        address at the very same moment may each pass the count, so an address gets at most
        the limit plus those running at once (bounded by workers x threads)."""
        now = self.clock()
        with reading(self.engine) as conn:
            seen = self._refusals_since(conn, address, now - REFUSAL_WINDOW)
        if seen <= REFUSALS_PER_WINDOW:
            with writing(self.engine) as conn:
                seen = self._refusals_since(conn, address, now - REFUSAL_WINDOW)
                if seen < REFUSALS_PER_WINDOW:
                    conn.execute(entry(self.table, user, "refused", detail, address, now))
                    return LOGGED
                if seen == REFUSALS_PER_WINDOW:
                    until = (now + REFUSAL_WINDOW).strftime("%H:%M:%S")
                    conn.execute(entry(self.table, user, "refused_muted",
                                       f"{REFUSALS_PER_WINDOW} refusals within "
                                       f"{REFUSAL_WINDOW.seconds} s: no more are logged from "
                                       f"this address until {until} UTC ({detail})",
                                       address, now))
                    log.warning("refusals from %s muted in the audit log until %s UTC",
                                address, until)
                    return MUTED
        with self._lock:
            self.dropped[address] += 1
            count = self.dropped[address]
        if count % DROPPED_REPORT_EVERY == 1:  # the server's log, not flooded either
            log.warning("%d refusals from %s not written to the audit log by this process "
                        "(over %d within %s)", count, address, REFUSALS_PER_WINDOW,
                        REFUSAL_WINDOW)
        return DROPPED

    def events(self, limit: int = 2000, kind: str | None = None) -> list[Event]:
        """The latest ``limit`` events, newest first; of one of :data:`KINDS` when given."""
        query = select(self.table).order_by(self.table.c.id.desc()).limit(limit)
        if kind is not None:
            query = query.where(self.table.c.action.in_(KINDS[kind]))
        with reading(self.engine) as conn:
            rows = conn.execute(query).all()
        return [Event(r.id, utc(r.at), r.user, r.action, r.detail, r.address) for r in rows]

    def _refusals_since(self, conn: Connection, address: str, since: dt.datetime) -> int:
        table = self.table
        return conn.execute(select(func.count()).select_from(table).where(
            table.c.at > since, table.c.address == address[:MAX_ADDRESS],
            table.c.action.in_(KINDS["refusals"]))).scalar_one()


def entry(table: Table, user: str, action: str, detail: str = "", address: str = "",
          at: dt.datetime | None = None) -> Insert:
    """The INSERT of one event (at ``at``, by default now), for the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return audit_insert(table, user, action, detail, address, at)
