"""The follow-up cycle's records as Python values, and the queries that read them.

Every function takes the caller's connection, so a change can read what it checks inside its
own transaction (``loaders/followup/cycle.py``) and a page can read several of them at one
moment.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from loaders.followup.rules import Assessment
from loaders.store.followup_tables import FollowUpTables
from loaders.store.schema import utc


@dataclass(frozen=True)
class Round:
    period: str
    state: str
    last_day: dt.date
    opened_by: str
    opened_at: dt.datetime
    changed_by: str
    changed_at: dt.datetime
    correction: str | None  # why an adopted round was opened again


@dataclass(frozen=True)
class StoredAssessment:
    """One saved assessment: a revision of an assignment's assessment in one round."""

    id: int
    period: str
    assignment_id: str
    revision: int
    assessment: Assessment
    source: str  # "app", or "file" when finance chose the uploaded file's
    author: str
    author_name: str
    at: dt.datetime


@dataclass(frozen=True)
class Adoption:
    """A fastställd follow-up: version 1, then one more for every correction."""

    id: int
    period: str
    version: int
    adopted_by: str
    adopted_by_name: str
    adopted_at: dt.datetime
    reason: str | None
    not_ready: tuple[str, ...]  # departments adopted while not ready (named by the adopter)
    data_version: int
    assessment_cutoff: int
    thresholds: dict
    latest_import: int | None = None  # the newest import among the slices it froze


def read_round(conn: Connection, t: FollowUpTables, period: str) -> Round | None:
    row = conn.execute(select(t.rounds).where(t.rounds.c.period == period)).first()
    return _round(row) if row is not None else None


def read_rounds(conn: Connection, t: FollowUpTables) -> list[Round]:
    rows = conn.execute(select(t.rounds).order_by(t.rounds.c.period.desc())).all()
    return [_round(r) for r in rows]


def _round(row) -> Round:
    return Round(row.period, row.state, _day(row.last_day), row.opened_by, utc(row.opened_at),
                 row.changed_by, utc(row.changed_at), row.correction)


def latest_assessments(conn: Connection, t: FollowUpTables, *, period: str | None = None,
                       assignment_id: str | None = None, cutoff: int | None = None
                       ) -> dict[tuple[str, str], StoredAssessment]:
    """(period, assignment id) -> its latest assessment, of one tertial or every one, as of
    the assessment ``cutoff`` (an adoption's) when given."""
    a = t.assessments
    latest = select(func.max(a.c.id).label("id")).group_by(a.c.period, a.c.assignment_id)
    if period is not None:
        latest = latest.where(a.c.period == period)
    if assignment_id is not None:
        latest = latest.where(a.c.assignment_id == assignment_id)
    if cutoff is not None:
        latest = latest.where(a.c.id <= cutoff)
    sub = latest.subquery()
    rows = conn.execute(select(a).join(sub, sub.c.id == a.c.id)).all()
    return {(r.period, r.assignment_id): _assessment(r) for r in rows}


def assessment_history(conn: Connection, t: FollowUpTables, period: str,
                       assignment_id: str) -> list[StoredAssessment]:
    """Every revision of one assignment's assessment in one round, the first first."""
    a = t.assessments
    rows = conn.execute(select(a).where(and_(a.c.period == period,
                                             a.c.assignment_id == assignment_id))
                        .order_by(a.c.revision)).all()
    return [_assessment(r) for r in rows]


def _assessment(row) -> StoredAssessment:
    assessment = Assessment(row.status, row.motivation, row.action, row.action_owner,
                            _day(row.action_due), bool(row.prior_action_done))
    return StoredAssessment(row.id, row.period, row.assignment_id, row.revision, assessment,
                            row.source, row.author, row.author_name, utc(row.at))


def ready_departments(conn: Connection, t: FollowUpTables, period: str) -> dict[str, bool]:
    """Department -> ready (its latest mark) for every department ever marked in the round."""
    r = t.readiness
    latest = (select(func.max(r.c.id).label("id")).where(r.c.period == period)
              .group_by(r.c.department).subquery())
    rows = conn.execute(select(r.c.department, r.c.ready)
                        .join(latest, latest.c.id == r.c.id)).all()
    return {row.department: bool(row.ready) for row in rows}


def read_adoptions(conn: Connection, t: FollowUpTables, period: str | None = None
                   ) -> list[Adoption]:
    """The adoptions, of one tertial or all, newest version first."""
    s = t.adoption_slices
    newest = (select(func.max(s.c.import_id)).where(s.c.adoption_id == t.adoptions.c.id)
              .scalar_subquery().label("latest_import"))
    query = select(t.adoptions, newest).order_by(t.adoptions.c.period.desc(),
                                                 t.adoptions.c.version.desc())
    if period is not None:
        query = query.where(t.adoptions.c.period == period)
    return [Adoption(r.id, r.period, r.version, r.adopted_by, r.adopted_by_name,
                     utc(r.adopted_at), r.reason, tuple(json.loads(r.not_ready)),
                     r.data_version, r.assessment_cutoff, json.loads(r.thresholds),
                     r.latest_import)
            for r in conn.execute(query).all()]


def adoption_slices(t: FollowUpTables, adoption_id: int):
    """The subquery of the slices an adoption froze (dataset, period, import_id)."""
    s = t.adoption_slices
    return (select(s.c.dataset, s.c.period, s.c.import_id)
            .where(s.c.adoption_id == adoption_id).subquery("adopted_slices"))


def _day(value) -> dt.date | None:
    """A stored date as a date (some drivers hand back a datetime)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value
