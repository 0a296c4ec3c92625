"""The follow-up cycle's pure rules: who may do what, in which state, and what an
assessment needs before it is saved and before its department is ready."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.followup.messages import refusal
from loaders.followup.rules import (
    ADOPTED,
    CLOSED,
    MAX_MOTIVATION,
    OPEN,
    Assessment,
    action_state,
    allowed_in,
    may,
    override_problem,
    problems,
    progress,
    readiness_problems,
)
from loaders.settings import ROLES

DUE = dt.date(2018, 10, 15)


@pytest.mark.parametrize(("action", "roles"), [
    ("open_round", {"admin", "finance"}),
    ("adopt", {"admin", "director"}),
    ("follow", {"admin", "director", "finance", "leadership"}),
    ("choose_file", {"admin", "finance"}),
])
def test_agency_wide_changes_belong_to_their_roles_only(action, roles):
    assert {role for role in ROLES if may(role, action)} == roles


@pytest.mark.parametrize(("action", "roles"), [("assess", {"head", "reporter"}),
                                               ("ready", {"head"})])
def test_assessing_and_readiness_are_held_to_the_users_own_department(action, roles):
    own = {role for role in ROLES if may(role, action, user_department="it",
                                        department="it")}
    assert own == roles
    assert not any(may(role, action, user_department="it", department="analys")
                   for role in ROLES)
    assert not may("head", action, user_department=None, department="it")
    assert not may("head", action, user_department="", department="")


def test_an_unknown_action_or_role_is_refused():
    assert not may("admin", "asess")
    assert not may(None, "open_round")
    assert not may("gd", "adopt")


@pytest.mark.parametrize(("state", "allowed"), [
    (OPEN, {"assess", "ready", "close", "last_day", "adopt"}),
    (CLOSED, {"reopen", "last_day", "adopt"}),
    (ADOPTED, {"correct"}),
    (None, set()),
])
def test_what_each_state_allows(state, allowed):
    changes = {"assess", "ready", "close", "reopen", "last_day", "adopt", "correct"}
    assert {c for c in changes if allowed_in(state, c)} == allowed


def test_a_draft_may_lack_its_motivation_but_not_be_ready():
    red = Assessment("red")
    assert problems(red) == []
    assert [p.code for p in readiness_problems(red)] == ["motivation_required",
                                                         "action_required"]
    yellow = Assessment("yellow", " \n ")
    assert [p.code for p in readiness_problems(yellow)] == ["motivation_required"]
    assert readiness_problems(Assessment("yellow", "Försenat")) == []
    assert readiness_problems(Assessment("green")) == []
    assert readiness_problems(Assessment("completed")) == []
    full = Assessment("red", "Budget", "Ny upphandling", "Ivar", DUE)
    assert problems(full) == [] and readiness_problems(full) == []


def test_an_action_has_an_owner_and_a_due_date_and_belongs_to_yellow_and_red():
    half = Assessment("red", "Budget", "Ny upphandling")
    assert [(p.code, p.field) for p in problems(half)] == [
        ("action_incomplete", "action_owner"), ("action_incomplete", "action_due")]
    green = Assessment("green", "", "Något", "Ivar", DUE)
    assert [p.code for p in problems(green)] == ["action_not_allowed"]
    assert problems(Assessment("yellow", "Risk", "Plan", "Anna", DUE)) == []


def test_lengths_are_limited_and_an_unknown_status_refused():
    long = Assessment("yellow", "x" * (MAX_MOTIVATION + 1))
    assert [(p.code, p.field, p.limit) for p in problems(long)] == [
        ("too_long", "motivation", MAX_MOTIVATION)]
    assert problems(Assessment("yellow", "x" * MAX_MOTIVATION)) == []
    assert [p.code for p in problems(Assessment("purple"))] == ["unknown_status"]


def test_a_refusal_says_what_is_missing_in_both_languages():
    error = refusal("invalid", assignment="A-1",
                    what=problems(Assessment("red", "", "Plan")))
    assert error.message("sv") == ("Bedömningen av A-1 kan inte sparas: åtgärden behöver en "
                                   "ansvarig; åtgärden behöver ett klart-datum.")
    assert error.message("en") == ("The assessment of A-1 cannot be saved: the action needs "
                                   "an owner; the action needs a due date.")


def test_progress_per_department_with_the_days_left_and_who_is_late():
    items = {"Analys": {"A-1": Assessment("red"), "A-2": Assessment("yellow", "Ok")},
             "IT": {"I-1": Assessment("green")}}
    before = progress(items, ["IT"], dt.date(2018, 9, 21), dt.date(2018, 9, 18))
    assert before.days_left == 3 and before.ready_count == 1
    assert [(d.department, d.ready, d.assignments, d.missing, d.late)
            for d in before.departments] == [("Analys", False, 2, ("A-1",), False),
                                             ("IT", True, 1, (), False)]
    assert before.not_ready == ("Analys",)
    after = progress(items, ["IT"], dt.date(2018, 9, 21), dt.date(2018, 9, 22))
    assert after.days_left == -1
    assert [d.late for d in after.departments] == [True, False]


def test_an_override_names_exactly_the_departments_not_ready():
    assert override_problem(["IT"], ["IT"]) is None
    assert override_problem([], []) is None
    assert override_problem(["IT", "Analys"], ["IT"]) == "override_missing"
    assert override_problem(["IT"], ["IT", "Analys"]) == "override_extra"


def test_an_action_is_done_open_or_overdue():
    assert action_state(DUE, True, dt.date(2019, 1, 1)) == "done"
    assert action_state(DUE, False, DUE) == "open"  # due that day: not yet overdue
    assert action_state(DUE, False, DUE + dt.timedelta(days=1)) == "overdue"
