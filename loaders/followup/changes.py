"""What every change to the follow-up cycle does first: one transaction that takes the lock,
checks the role and the round's state, and writes its line in the audit log; and what the
checks read (the round, an assignment's department, the assessments by department).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from loaders.followup import records as rec
from loaders.followup.messages import CycleError, refusal
from loaders.followup.rules import MAX_REASON, Actor, Assessment, allowed_in, may
from loaders.periods import Tertial
from loaders.records.audit import entry
from loaders.store.schema import writing
from loaders.store.store import Store
from loaders.text import one_key

# refusals for the role or the department, which the audit log keeps as refused attempts
REFUSED_ROLE = frozenset({"not_allowed", "other_department", "other_department_ready"})


class Changes:
    """The transaction and the checks of :class:`~loaders.followup.cycle.FollowUp`."""

    def __init__(self, store: Store, clock: Callable[[], dt.datetime] | None = None):
        """``clock`` gives the moment a change is made (aware UTC; the demo tells its
        story in 2018 with one); the real time by default."""
        self.store = store
        self.t = store.schema.followup
        self.now = clock or utc_now

    @contextmanager
    def _change(self, actor: Actor) -> Iterator[Connection]:
        """One writing transaction, the follow-up version bumped first (the lock). A refusal
        for the role rolls it back and is then logged as refused, in its own transaction."""
        try:
            with writing(self.store.engine) as conn:
                meta = self.store.schema.meta
                conn.execute(update(meta).values(followup_version=meta.c.followup_version + 1))
                yield conn
        except CycleError as exc:
            if exc.code in REFUSED_ROLE:
                with writing(self.store.engine) as conn:
                    self._log(conn, actor, "refused", exc.message("sv"))
            raise

    def _log(self, conn: Connection, actor: Actor, action: str, detail: str) -> None:
        conn.execute(entry(self.store.schema.audit, actor.name, action, detail, actor.address,
                           self.now()))

    def _require(self, actor: Actor, action: str, *, department: str | None = None,
                 assignment: str | None = None) -> None:
        if may(actor.role, action, user_department=name_key(actor.department),
               department=name_key(department)):
            return
        if department is not None and may(actor.role, action, user_department=department,
                                          department=department):  # the role, not the place
            if assignment is None:
                raise refusal("other_department_ready", department=department)
            raise refusal("other_department", department=department, assignment=assignment)
        raise refusal("not_allowed", role=actor.role)

    def _round_in(self, conn: Connection, period: str, change: str) -> rec.Round:
        found = rec.read_round(conn, self.t, period)
        if found is None:
            raise refusal("no_round", period=period)
        if not allowed_in(found.state, change):
            raise refusal("wrong_state", period=period, state=found.state)
        return found

    def _versions(self, conn: Connection) -> tuple[int, int]:
        meta = self.store.schema.meta
        row = conn.execute(select(meta.c.data_version, meta.c.followup_version)).one()
        return row.data_version, row.followup_version

    def _department_of(self, conn: Connection, period: str, assignment_id: str) -> str:
        rows = self.store.current_rows(conn, "assignments", period, key=assignment_id)
        if rows.empty:
            raise refusal("unknown_assignment", assignment=assignment_id, period=period)
        return _departments(self.store.current_rows(conn, "units")).get(
            one_key(str(rows["unit"].iloc[0])), "")

    def _by_department(self, conn: Connection, period: str
                       ) -> dict[str, dict[str, tuple[Assessment, int]]]:
        assignments = self.store.current_rows(conn, "assignments", period)
        departments = _departments(self.store.current_rows(conn, "units"))
        saved = rec.latest_assessments(conn, self.t, period=period)
        out: dict[str, dict[str, tuple[Assessment, int]]] = {}
        for aid, unit, status, comment in zip(assignments["id"], assignments["unit"],
                                              assignments["status"], assignments["comment"],
                                              strict=True):
            department = departments.get(one_key(str(unit)), "")
            stored = saved.get((period, aid))
            item = ((stored.assessment, stored.revision) if stored
                    else (Assessment(str(status), "" if pd.isna(comment) else str(comment)), 0))
            out.setdefault(department, {})[aid] = item
        return out

    @staticmethod
    def _check_last_day(tertial: Tertial, last_day: dt.date) -> None:
        if last_day < tertial.last_day:
            raise refusal("last_day_invalid", day=last_day.isoformat(),
                          end=tertial.last_day.isoformat())


def _departments(units: pd.DataFrame) -> dict[str, str]:
    """Unit name key -> its department, as the current Enheter sheet says (a department
    spelt two ways is one, under its first spelling, as the dashboard lists it)."""
    names: dict[str, str] = {}
    return {one_key(str(u)): names.setdefault(one_key(str(d)), str(d))
            for u, d in zip(units["unit"], units["department"], strict=True)}


def name_key(name: str | None) -> str | None:
    return one_key(name) if name else name


def conflict(current: rec.StoredAssessment | None, assignment_id: str) -> CycleError:
    if current is None:
        return refusal("conflict", author="–", assignment=assignment_id, at="–", status="–")
    return refusal("conflict", author=current.author_name, assignment=assignment_id,
                   at=current.at.strftime("%Y-%m-%d %H:%M"), status=current.assessment.status)


def checked_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise refusal("reason_required")
    if len(reason) > MAX_REASON:
        raise refusal("too_long", limit=MAX_REASON)
    return reason


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
