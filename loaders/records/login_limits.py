"""Counting login attempts in the database, before any password is checked.

One rule counts every kind of attempt: a window opens with the first attempt and lasts a
``period``; an attempt is *taken* (counted) in one atomic ``UPDATE ... WHERE`` only while the
window is open and below the ``limit``, or when the window has ended (a new one opens). What
the database counted is what was allowed: two workers, or two servers on one database, can
never both take the last attempt, on SQLite (``BEGIN IMMEDIATE``) or PostgreSQL (the
``UPDATE`` re-reads a row another transaction changed before it decides). With ``lock``, the
attempt that reaches the limit starts a whole new period: a lock.

Three counters use the rule: the users' own (``users.failed_logins`` until
``users.locked_until``, ``loaders/records/accounts.py``), and in the ``login_limits`` table
the attempts per client address (the throttle, a minute) and per unknown name (so an unknown
name locks as a known one does and the lock tells no one which names exist). A row of
``login_limits`` whose window has ended counts nothing and is pruned by a later attempt.

Nothing here knows about HTTP or passwords.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Table,
    case,
    delete,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, Row

from loaders.store.schema import utc

PRUNE_BATCH = 200  # ended windows removed per attempt (the table stays small)
ADDRESS_KEY = "address "
NAME_KEY = "name "


@dataclass(frozen=True)
class Rule:
    limit: int  # attempts per window
    period: dt.timedelta  # how long a window (or a lock) lasts
    lock: bool = False  # the attempt that reaches the limit starts a new period (a lock)


@dataclass(frozen=True)
class Taken:
    """An attempt counted (``ok``) or refused, with the counter as the attempt left it."""

    ok: bool
    count: int
    ends_at: dt.datetime | None
    row: Row | None = None  # the columns asked for beside the counter


class Retry(Exception):
    """The counter changed between two statements of the transaction: run it again."""


def take(conn: Connection, table: Table, where: ColumnElement[bool], count: str, ends: str,
         rule: Rule, now: dt.datetime, returning: tuple = ()) -> Row | None:
    """Count one attempt on the row ``where`` selects, if the rule allows it: the row as it
    is afterwards (``count``, ``ends`` and ``returning``), or None (no row, or refused)."""
    n, until = table.c[count], table.c[ends]
    ended = or_(until.is_(None), until <= literal(now, until.type))
    fresh_end = literal(now + rule.period, until.type)
    new_end = case((ended, fresh_end), (n + 1 >= rule.limit, fresh_end),
                   else_=until) if rule.lock else case((ended, fresh_end), else_=until)
    statement = (update(table).where(where, or_(ended, n < rule.limit))
                 .values({count: case((ended, 1), else_=n + 1), ends: new_end})
                 .returning(n, until, *returning))
    return conn.execute(statement).first()


def refused(count: int, ends_at: dt.datetime | None, rule: Rule, now: dt.datetime) -> bool:
    """Is a counter in this state refusing attempts?"""
    return ends_at is not None and ends_at > now and count >= rule.limit


def take_key(conn: Connection, table: Table, key: str, rule: Rule,
             now: dt.datetime) -> Taken:
    """Count one attempt under ``key`` in ``login_limits``: a new row for a new key. Raises
    :class:`Retry` when another transaction changed the row meanwhile, and SQLAlchemy's
    ``IntegrityError`` when it added the same key first (run the transaction again)."""
    row = take(conn, table, table.c.key == key, "attempts", "ends_at", rule, now)
    if row is not None:
        return Taken(True, row.attempts, utc(row.ends_at))
    found = conn.execute(select(table.c.attempts, table.c.ends_at)
                         .where(table.c.key == key)).first()
    if found is None:
        ends_at = now + rule.period
        conn.execute(insert(table).values(key=key, attempts=1, ends_at=ends_at))
        return Taken(True, 1, ends_at)
    if not refused(found.attempts, utc(found.ends_at), rule, now):
        raise Retry(key)
    return Taken(False, found.attempts, utc(found.ends_at))


def prune(conn: Connection, table: Table, now: dt.datetime) -> None:
    """Remove rows whose window has ended, skipping rows another transaction holds (so two
    attempts pruning at once never wait for each other: no deadlock on PostgreSQL)."""
    ended = (select(table.c.key).where(table.c.ends_at <= literal(now, table.c.ends_at.type))
             .limit(PRUNE_BATCH).with_for_update(skip_locked=True))
    conn.execute(delete(table).where(table.c.key.in_(ended.scalar_subquery())))

