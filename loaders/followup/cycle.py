"""The follow-up cycle kept in the store: open a round, assess, mark ready, adopt.

Every change runs in one writing transaction that first increments the follow-up version in
``meta`` (the row every import also updates first, so the database itself queues imports,
rollbacks and the cycle's changes one at a time, on SQLite and PostgreSQL and across app
servers), then reads what it checks, then writes its rows and its line in the audit log.
Nothing is ever overwritten: an assessment is a new revision, a readiness mark a new row, an
adoption a new version. Two people saving the same assignment from the same revision: the
first is stored, the second is refused with the first one's change (the revision check,
backed by a unique constraint should two transactions ever pass it at once).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from sqlalchemy import func, insert, literal, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from loaders.followup import records as rec
from loaders.followup.changes import Changes, checked_reason, conflict
from loaders.followup.messages import refusal
from loaders.followup.overlay import overlaid
from loaders.followup.rules import (
    ADOPTED,
    CLOSED,
    OPEN,
    Actor,
    Assessment,
    Progress,
    override_problem,
    problems,
    progress,
    readiness_problems,
)
from loaders.periods import Tertial
from loaders.specs import ALL_DATASETS, Dataset
from loaders.store.schema import reading
from loaders.text import one_key


class FollowUp(Changes):
    """The follow-up cycle of one store."""

    # --- reading ------------------------------------------------------------------------

    def versions(self) -> tuple[int, int]:
        """(data version, follow-up version): what a page's frames depend on."""
        with reading(self.store.engine) as conn:
            return self._versions(conn)

    def latest_assessments(self) -> dict[tuple[str, str], rec.StoredAssessment]:
        """(period, assignment id) -> its latest assessment, every tertial's."""
        with reading(self.store.engine) as conn:
            return rec.latest_assessments(conn, self.t)

    def round(self, period: str) -> rec.Round | None:
        with reading(self.store.engine) as conn:
            return rec.read_round(conn, self.t, period)

    def rounds(self) -> list[rec.Round]:
        with reading(self.store.engine) as conn:
            return rec.read_rounds(conn, self.t)

    def assessments(self, period: str) -> dict[str, rec.StoredAssessment]:
        """Assignment id -> its latest assessment saved in the round."""
        with reading(self.store.engine) as conn:
            found = rec.latest_assessments(conn, self.t, period=period)
        return {aid: a for (_, aid), a in found.items()}

    def history(self, period: str, assignment_id: str) -> list[rec.StoredAssessment]:
        with reading(self.store.engine) as conn:
            return rec.assessment_history(conn, self.t, period, assignment_id)

    def ready(self, period: str) -> set[str]:
        """The departments marked ready in the round (their latest mark)."""
        with reading(self.store.engine) as conn:
            return {d for d, r in rec.ready_departments(conn, self.t, period).items() if r}

    def adoptions(self, period: str | None = None) -> list[rec.Adoption]:
        with reading(self.store.engine) as conn:
            return rec.read_adoptions(conn, self.t, period)

    def adopted(self, period: str, version: int | None = None) -> rec.Adoption | None:
        """The period's adopted follow-up: its newest version, or the one asked for."""
        found = self.adoptions(period)
        if version is not None:
            found = [a for a in found if a.version == version]
        return found[0] if found else None

    def snapshot(self, datasets: tuple[Dataset, ...] = ALL_DATASETS
                 ) -> tuple[int, int, dict[str, pd.DataFrame]]:
        """(data version, follow-up version, the current frames with every assessment laid
        over the assignments), read at one moment."""
        with reading(self.store.engine) as conn:
            data_version, followup_version = self._versions(conn)
            frames = self.store.frozen_frames(conn, self.store.current_slices(), datasets)
            assessed = rec.latest_assessments(conn, self.t)
        return data_version, followup_version, overlaid(frames, assessed)

    def adopted_frames(self, adoption: rec.Adoption,
                       datasets: tuple[Dataset, ...] = ALL_DATASETS) -> dict[str, pd.DataFrame]:
        """The frames as they were adopted: the slices then current, the assessments then
        saved. Neither is ever deleted, so this is the same every time it is read."""
        with reading(self.store.engine) as conn:
            frames = self.store.frozen_frames(conn, rec.adoption_slices(self.t, adoption.id),
                                              datasets)
            assessed = rec.latest_assessments(conn, self.t, cutoff=adoption.assessment_cutoff)
        return overlaid(frames, assessed)

    def department_assessments(self, period: str
                               ) -> dict[str, dict[str, tuple[Assessment, int]]]:
        """Department -> assignment id -> (its assessment now, its revision: 0 while it is
        the uploaded file's), for the round's tertial."""
        with reading(self.store.engine) as conn:
            return self._by_department(conn, period)

    def progress(self, period: str, today: dt.date) -> Progress:
        with reading(self.store.engine) as conn:
            found = rec.read_round(conn, self.t, period)
            if found is None:
                raise refusal("no_round", period=period)
            by_department = self._by_department(conn, period)
            ready = [d for d, r in rec.ready_departments(conn, self.t, period).items() if r]
        items = {d: {aid: a for aid, (a, _) in rows.items()} for d, rows in by_department.items()}
        return progress(items, ready, found.last_day, today)

    # --- the round ------------------------------------------------------------------------

    def open_round(self, period: str, last_day: dt.date, actor: Actor) -> rec.Round:
        tertial = Tertial.from_label(period)
        self._check_last_day(tertial, last_day)
        with self._change(actor) as conn:
            self._require(actor, "open_round")
            if rec.read_round(conn, self.t, period) is not None:
                raise refusal("round_exists", period=period)
            if not self._by_department(conn, period):
                raise refusal("no_data", period=period)
            at = self.now()
            try:
                with conn.begin_nested():
                    conn.execute(insert(self.t.rounds).values(
                        period=period, state=OPEN, last_day=last_day, opened_by=actor.name,
                        opened_at=at, changed_by=actor.name, changed_at=at))
            except IntegrityError:  # opened by another transaction at the same moment
                raise refusal("round_exists", period=period) from None
            self._log(conn, actor, "round_open", f"{period} {last_day.isoformat()}")
            return rec.read_round(conn, self.t, period)  # type: ignore[return-value]

    def set_last_day(self, period: str, last_day: dt.date, actor: Actor) -> rec.Round:
        self._check_last_day(Tertial.from_label(period), last_day)
        return self._set_state(period, actor, "last_day", None, "round_last_day",
                               last_day=last_day, detail=last_day.isoformat())

    def close_round(self, period: str, actor: Actor) -> rec.Round:
        return self._set_state(period, actor, "close", CLOSED, "round_close")

    def reopen_round(self, period: str, actor: Actor) -> rec.Round:
        return self._set_state(period, actor, "reopen", OPEN, "round_reopen")

    def open_correction(self, period: str, reason: str, actor: Actor) -> rec.Round:
        """Open an adopted round again to correct it; its next adoption is a new version."""
        reason = checked_reason(reason)
        return self._set_state(period, actor, "correct", OPEN, "correction",
                               correction=reason, detail=reason, action="adopt")

    def _set_state(self, period: str, actor: Actor, change: str, state: str | None,
                   audit: str, *, detail: str = "", action: str = "open_round",
                   **values: object) -> rec.Round:
        with self._change(actor) as conn:
            self._require(actor, action)
            found = self._round_in(conn, period, change)
            if state is not None:
                values["state"] = state
            conn.execute(update(self.t.rounds).where(self.t.rounds.c.period == period)
                         .values(changed_by=actor.name, changed_at=self.now(), **values))
            self._log(conn, actor, audit, f"{period} {detail}".strip())
            return rec.read_round(conn, self.t, found.period)  # type: ignore[return-value]

    # --- assessing ------------------------------------------------------------------------

    def assess(self, period: str, assignment_id: str, assessment: Assessment, actor: Actor,
               expected_revision: int, *, source: str = "app") -> rec.StoredAssessment:
        """Save a new revision of an assignment's assessment, made from
        ``expected_revision`` (0: from the uploaded file's). Refused, with the other
        person's change, when someone saved another revision since."""
        found = problems(assessment)
        if found:
            raise refusal("invalid", assignment=assignment_id, what=found)
        with self._change(actor) as conn:
            self._round_in(conn, period, "assess")
            department = self._department_of(conn, period, assignment_id)
            if source == "file":
                self._require(actor, "choose_file")
            else:
                self._require(actor, "assess", department=department, assignment=assignment_id)
            if rec.ready_departments(conn, self.t, period).get(department):
                raise refusal("department_ready", department=department)
            latest = rec.latest_assessments(conn, self.t, period=period,
                                            assignment_id=assignment_id)
            current = latest.get((period, assignment_id))
            if (current.revision if current else 0) != expected_revision:
                raise conflict(current, assignment_id)
            return self._insert_assessment(conn, period, assignment_id, assessment, actor,
                                           expected_revision + 1, source)

    def _insert_assessment(self, conn: Connection, period: str, assignment_id: str,
                           assessment: Assessment, actor: Actor, revision: int,
                           source: str) -> rec.StoredAssessment:
        try:
            with conn.begin_nested():
                conn.execute(insert(self.t.assessments).values(
                    period=period, assignment_id=assignment_id, revision=revision,
                    status=assessment.status, motivation=assessment.motivation,
                    action=assessment.action, action_owner=assessment.action_owner,
                    action_due=assessment.action_due,
                    prior_action_done=assessment.prior_action_done, source=source,
                    author=actor.name, author_name=actor.shown_name, at=self.now()))
        except IntegrityError:  # another transaction stored that revision first
            raise conflict(None, assignment_id) from None
        self._log(conn, actor, "assess",
                  f"{period} {assignment_id} rev {revision} {assessment.status} ({source})")
        saved = rec.latest_assessments(conn, self.t, period=period, assignment_id=assignment_id)
        return saved[(period, assignment_id)]

    def take_from_file(self, chosen: Sequence[tuple[str, str, Assessment]], actor: Actor
                       ) -> list[rec.StoredAssessment]:
        """Finance's choice at an upload's confirm: for each (period, assignment id, the
        file's assessment), that assessment instead of the one saved in the app, as a new
        revision (source "file"). All of them or none: refused when a round is not open or
        a department is marked ready (its head takes the mark back first)."""
        with self._change(actor) as conn:
            self._require(actor, "choose_file")
            saved = []
            for period, assignment_id, assessment in chosen:
                found = problems(assessment)
                if found:
                    raise refusal("invalid", assignment=assignment_id, what=found)
                self._round_in(conn, period, "assess")
                department = self._department_of(conn, period, assignment_id)
                if rec.ready_departments(conn, self.t, period).get(department):
                    raise refusal("department_ready", department=department)
                current = rec.latest_assessments(conn, self.t, period=period,
                                                 assignment_id=assignment_id)
                now = current.get((period, assignment_id))
                saved.append(self._insert_assessment(
                    conn, period, assignment_id, assessment, actor,
                    (now.revision if now else 0) + 1, "file"))
            return saved

    def set_ready(self, period: str, department: str, ready: bool, actor: Actor) -> None:
        """Mark a department ready (every required motivation and action given), or take
        the mark back; both while the round is open."""
        with self._change(actor) as conn:
            self._round_in(conn, period, "ready")
            rows = self._by_department(conn, period)
            name = next((d for d in rows if one_key(d) == one_key(department)), None)
            if name is None:
                raise refusal("unknown_department", department=department, period=period)
            self._require(actor, "ready", department=name)
            if ready:
                missing = sorted(aid for aid, (a, _) in rows[name].items()
                                 if readiness_problems(a))
                if missing:
                    raise refusal("not_complete", department=name, count=len(missing),
                                  assignments=", ".join(missing[:10]))
            conn.execute(insert(self.t.readiness).values(
                period=period, department=name, ready=ready, by=actor.name,
                by_name=actor.shown_name, at=self.now()))
            self._log(conn, actor, "ready" if ready else "unready", f"{period} {name}")

    # --- adopting ---------------------------------------------------------------------------

    def adopt(self, period: str, actor: Actor, *, thresholds: Mapping[str, float],
              not_ready: Iterable[str] = (), reason: str | None = None) -> rec.Adoption:
        """Fastställ the round: freeze the slices now current and the assessments now saved.

        Every department must be ready, or the adopter names exactly the ones that are not.
        A later version (a correction) carries the correction's reason, or ``reason``."""
        with self._change(actor) as conn:
            self._require(actor, "adopt")
            found = self._round_in(conn, period, "adopt")
            departments = set(self._by_department(conn, period))
            ready = {d for d, r in rec.ready_departments(conn, self.t, period).items() if r}
            missing = sorted(departments - ready)
            named = {d for n in not_ready for d in departments if one_key(d) == one_key(n)}
            problem = override_problem(missing, named)
            if problem:
                raise refusal(problem, departments=", ".join(missing) or "–")
            version = 1 + (conn.execute(select(func.max(self.t.adoptions.c.version))
                                        .where(self.t.adoptions.c.period == period))
                           .scalar() or 0)
            why = reason or found.correction
            if version > 1 and not (why and why.strip()):
                raise refusal("reason_required")
            adoption_id = self._insert_adoption(conn, period, version, actor, missing,
                                                why if version > 1 else reason, thresholds)
            conn.execute(update(self.t.rounds).where(self.t.rounds.c.period == period)
                         .values(state=ADOPTED, correction=None, changed_by=actor.name,
                                 changed_at=self.now()))
            self._log(conn, actor, "adopt", f"{period} version {version}"
                      + (f" (ej klara: {', '.join(missing)})" if missing else ""))
            return next(a for a in rec.read_adoptions(conn, self.t, period)
                        if a.id == adoption_id)

    def _insert_adoption(self, conn: Connection, period: str, version: int, actor: Actor,
                         not_ready: list[str], reason: str | None,
                         thresholds: Mapping[str, float]) -> int:
        data_version, _ = self._versions(conn)
        cutoff = conn.execute(select(func.max(self.t.assessments.c.id))).scalar() or 0
        try:
            with conn.begin_nested():
                adoption_id = conn.execute(insert(self.t.adoptions).values(
                    period=period, version=version, adopted_by=actor.name,
                    adopted_by_name=actor.shown_name, adopted_at=self.now(), reason=reason,
                    not_ready=json.dumps(not_ready, ensure_ascii=False),
                    data_version=data_version, assessment_cutoff=cutoff,
                    thresholds=json.dumps(dict(thresholds)))).inserted_primary_key[0]
        except IntegrityError:  # adopted by another transaction at the same moment
            raise refusal("wrong_state", period=period, state=ADOPTED) from None
        current = self.store.current_slices()
        conn.execute(insert(self.t.adoption_slices).from_select(
            ["adoption_id", "dataset", "period", "import_id"],
            select(literal(adoption_id), current.c.dataset, current.c.period,
                   current.c.import_id)))
        return adoption_id
