"""The follow-up cycle's rules, pure: states, who may do what, and what an assessment needs.

A round (uppföljningsomgång) belongs to one tertial. Its states:

* ``open``: the departments assess their assignments and mark themselves ready;
* ``closed``: finance has stopped the editing (it may open it again) before the adoption;
* ``adopted``: leadership has adopted (fastställt) it; what was adopted is a record. A
  correction opens it again (``open``) with a reason, and its next adoption is version 2.

Everything here takes plain values (a role, a department, a state), so the server, the CLI
and the tests ask the same questions and get the same answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

OPEN, CLOSED, ADOPTED = "open", "closed", "adopted"
STATES = (OPEN, CLOSED, ADOPTED)

ASSESSED_STATUSES = ("green", "yellow", "red", "completed", "cancelled")
NEEDS_MOTIVATION = frozenset({"yellow", "red"})  # before the department may be marked ready
NEEDS_ACTION = frozenset({"red"})  # an action with an owner and a due date; yellow may have one
MAY_HAVE_ACTION = frozenset({"yellow", "red"})

MAX_MOTIVATION = 2000  # characters; stated on the page beside the field
MAX_ACTION = 500
MAX_OWNER = 120
MAX_REASON = 500

# What each role may do to a round. ``assess`` and ``ready`` are further held to the user's
# own department (:func:`may`); the rest concern the whole agency.
ALLOWED: Mapping[str, frozenset[str]] = MappingProxyType({
    "open_round": frozenset({"admin", "finance"}),  # open, set the last day, close, reopen
    "assess": frozenset({"head", "reporter"}),  # their department's assignments
    "ready": frozenset({"head"}),  # mark their department ready, or take it back
    "choose_file": frozenset({"admin", "finance"}),  # an upload's assessment over the app's
    "adopt": frozenset({"admin", "director"}),  # fastställ, and open a correction
    "follow": frozenset({"admin", "director", "finance", "leadership"}),  # the progress
})
HELD_TO_DEPARTMENT = frozenset({"assess", "ready"})

# In which states each change may be made.
STATES_FOR: Mapping[str, frozenset[str]] = MappingProxyType({
    "assess": frozenset({OPEN}),
    "ready": frozenset({OPEN}),
    "close": frozenset({OPEN}),
    "reopen": frozenset({CLOSED}),
    "last_day": frozenset({OPEN, CLOSED}),
    "adopt": frozenset({OPEN, CLOSED}),
    "correct": frozenset({ADOPTED}),
})


@dataclass(frozen=True)
class Actor:
    """Who makes a change: the web edge builds it from the logged-in user, the CLI from its
    operator."""

    name: str
    role: str
    department: str | None = None
    display_name: str = ""
    address: str = ""  # the client's, for the audit log ("" from the CLI)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.name


def may(role: str | None, action: str, *, user_department: str | None = None,
        department: str | None = None) -> bool:
    """May a user of ``role`` (held to ``user_department``) do ``action``, for ``department``
    where the action concerns one? Unknown actions and roles are refused."""
    if role is None or role not in ALLOWED.get(action, frozenset()):
        return False
    if action in HELD_TO_DEPARTMENT:
        return bool(user_department) and user_department == department
    return True


def allowed_in(state: str | None, change: str) -> bool:
    """May ``change`` be made to a round in ``state`` (None: no round)?"""
    return state in STATES_FOR.get(change, frozenset())


@dataclass(frozen=True)
class Assessment:
    """What a department says about one assignment in one round."""

    status: str
    motivation: str = ""
    action: str = ""
    action_owner: str = ""
    action_due: dt.date | None = None
    prior_action_done: bool = False  # the last follow-up's action on it is done

    @property
    def has_action(self) -> bool:
        return bool(self.action or self.action_owner or self.action_due)


@dataclass(frozen=True)
class Problem:
    """Why an assessment cannot be saved, or why a department cannot be marked ready."""

    code: str
    field: str
    limit: int | None = None


def problems(assessment: Assessment) -> list[Problem]:
    """What makes ``assessment`` impossible to save (an empty list when it may be saved).

    A motivation may still be missing: that blocks the department's readiness
    (:func:`readiness_problems`), not the saving of a draft."""
    found: list[Problem] = []
    if assessment.status not in ASSESSED_STATUSES:
        found.append(Problem("unknown_status", "status"))
    for name, limit in (("motivation", MAX_MOTIVATION), ("action", MAX_ACTION),
                        ("action_owner", MAX_OWNER)):
        if len(getattr(assessment, name)) > limit:
            found.append(Problem("too_long", name, limit))
    if assessment.has_action:
        if assessment.status not in MAY_HAVE_ACTION:
            found.append(Problem("action_not_allowed", "action"))
        for name in ("action", "action_owner", "action_due"):
            if not getattr(assessment, name):
                found.append(Problem("action_incomplete", name))
    return found


def readiness_problems(assessment: Assessment) -> list[Problem]:
    """What an assessment lacks before its department may be marked ready."""
    found = []
    if assessment.status in NEEDS_MOTIVATION and not assessment.motivation.strip():
        found.append(Problem("motivation_required", "motivation"))
    if assessment.status in NEEDS_ACTION and not assessment.has_action:
        found.append(Problem("action_required", "action"))
    return found


@dataclass(frozen=True)
class DepartmentProgress:
    department: str
    ready: bool
    assignments: int
    missing: tuple[str, ...]  # assignment ids still lacking a required motivation or action
    late: bool  # past the last day and not ready


@dataclass(frozen=True)
class Progress:
    """The round as finance follows it."""

    departments: tuple[DepartmentProgress, ...]
    last_day: dt.date
    days_left: int  # negative once the last day has passed
    ready_count: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ready_count", sum(d.ready for d in self.departments))

    @property
    def not_ready(self) -> tuple[str, ...]:
        return tuple(d.department for d in self.departments if not d.ready)


def progress(assessments: Mapping[str, Mapping[str, Assessment]], ready: Iterable[str],
             last_day: dt.date, today: dt.date) -> Progress:
    """Per department (``assessments``: department -> assignment id -> its assessment), in
    the order given: ready or not, what is missing, late or not; and the days left."""
    ready = set(ready)
    late = today > last_day
    rows = tuple(
        DepartmentProgress(
            department, department in ready, len(items),
            tuple(aid for aid, a in items.items() if readiness_problems(a)),
            late and department not in ready)
        for department, items in assessments.items())
    return Progress(rows, last_day, (last_day - today).days)


def override_problem(not_ready: Iterable[str], named: Iterable[str]) -> str | None:
    """An adoption with departments not ready must name exactly those departments: None when
    it does, else the code of what is wrong."""
    not_ready, named = set(not_ready), set(named)
    if not_ready == named:
        return None
    return "override_missing" if not_ready - named else "override_extra"


DONE, OPEN_ACTION, OVERDUE = "done", "open", "overdue"
# The frame of the assessments saved in the app that ``overlay.overlaid`` adds to a
# snapshot's frames (not a workbook sheet): period, id, status, motivation, source, action,
# owner, due, prior_done.
ASSESSMENTS_FRAME = "assessments"


def action_state(due: dt.date, done: bool, as_of: dt.date) -> str:
    """A followed-up action: done; overdue when not done and its due date has passed by
    ``as_of``; else open."""
    if done:
        return DONE
    return OVERDUE if due < as_of else OPEN_ACTION
