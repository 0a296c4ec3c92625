"""The follow-up cycle in a real store, SQLite and PostgreSQL: a round opened, assessed,
marked ready and adopted; every refusal with its words and nothing stored; the adopted
follow-up unchanged by later imports and rollbacks; a correction as version 2."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from loaders.followup.cycle import FollowUp
from loaders.followup.messages import CycleError
from loaders.followup.rules import Assessment
from loaders.records.audit import KINDS, AuditLog
from loaders.store.store import Store
from tests.databases import EACH_BACKEND, database_url, dump
from tests.loaders.followup.agency import (
    ADMIN,
    ANALYS,
    DIRECTOR,
    FINANCE,
    HEAD_ANALYS,
    HEAD_IT,
    IT,
    LAST_DAY,
    LEADER,
    REPORTER_ANALYS,
    T1,
    T2,
    VIEWER,
    load,
)

THRESHOLDS = {"operations_green": 0.9, "operations_yellow": 0.75}
ACTION = Assessment("red", "Leveransen är sen.", "Ny tidplan", "Anna Analyschef",
                    dt.date(2018, 10, 31))


@pytest.fixture(params=EACH_BACKEND)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with database_url(request.param, tmp_path) as url:
        made = Store(url)
        load(made)
        yield made
        made.close()


@pytest.fixture
def cycle(store: Store) -> FollowUp:
    return FollowUp(store)


@pytest.fixture
def opened(cycle: FollowUp) -> FollowUp:
    cycle.open_round(T2, LAST_DAY, FINANCE)
    return cycle


def refused(code: str, call, *args, **kwargs) -> CycleError:
    with pytest.raises(CycleError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.message("en")
    return caught.value


def statuses(frames: dict, period: str = T2) -> dict[str, str]:
    rows = frames["assignments"][frames["assignments"]["period"] == period]
    return dict(zip(rows["id"], rows["status"], strict=True))


def ready_everywhere(cycle: FollowUp) -> None:
    cycle.assess(T2, "A-1", ACTION, HEAD_ANALYS, 0)
    cycle.set_ready(T2, ANALYS, True, HEAD_ANALYS)
    cycle.assess(T2, "I-2", Assessment("red", "Budget", "Omprioritera", "Ivar",
                                       dt.date(2018, 11, 30)), HEAD_IT, 0)
    cycle.set_ready(T2, IT, True, HEAD_IT)


def cycle_events(store: Store) -> list:
    """The audit log's events, oldest first, without the fixture's imports (which the store
    logs itself)."""
    return [e for e in reversed(AuditLog(store).events()) if e.action not in KINDS["data"]]


def audit_actions(store: Store) -> list[str]:
    return [e.action for e in cycle_events(store)]


# --- the round ----------------------------------------------------------------------------

def test_finance_opens_a_round_with_a_last_day(cycle: FollowUp, store: Store):
    found = cycle.open_round(T2, LAST_DAY, FINANCE)
    assert (found.period, found.state, found.last_day, found.opened_by) == (
        T2, "open", LAST_DAY, "eva")
    assert cycle.round(T2) == found and cycle.rounds() == [found]
    assert cycle.set_last_day(T2, dt.date(2018, 9, 28), ADMIN).last_day == dt.date(2018, 9, 28)
    assert audit_actions(store) == ["round_open", "round_last_day"]


def test_opening_is_refused_twice_without_data_before_the_tertial_ends_or_for_a_head(
        cycle: FollowUp, store: Store):
    before = dump(store.engine.url.render_as_string(hide_password=False))
    error = refused("not_allowed", cycle.open_round, T2, LAST_DAY, HEAD_IT)
    assert error.message("sv") == "Din roll (head) får inte göra det här."
    refused("no_data", cycle.open_round, "2019-T1", dt.date(2019, 5, 20), FINANCE)
    error = refused("last_day_invalid", cycle.open_round, T2, dt.date(2018, 8, 30), FINANCE)
    assert "2018-08-31" in error.message("sv")
    after = dump(store.engine.url.render_as_string(hide_password=False))
    assert after.pop("audit_log")[-1][2:4] == ("ivar", "refused")  # the head's try, logged
    before.pop("audit_log")
    after["meta"] = before["meta"]  # the version counter moved; nothing else did
    assert after == before
    cycle.open_round(T2, LAST_DAY, FINANCE)
    refused("round_exists", cycle.open_round, T2, LAST_DAY, ADMIN)


def test_finance_closes_and_reopens_and_a_closed_round_takes_no_assessment(opened: FollowUp):
    assert opened.close_round(T2, FINANCE).state == "closed"
    error = refused("wrong_state", opened.assess, T2, "A-1", ACTION, HEAD_ANALYS, 0)
    assert error.message("sv") == ("Uppföljningsomgången för 2018-T2 är stängd; det går inte "
                                   "nu.")
    refused("not_allowed", opened.reopen_round, T2, LEADER)
    assert opened.reopen_round(T2, FINANCE).state == "open"
    refused("no_round", opened.assess, T1, "A-1", ACTION, HEAD_ANALYS, 0)


# --- assessing ------------------------------------------------------------------------------

def test_a_head_and_a_reporter_assess_their_department_and_every_revision_is_kept(
        opened: FollowUp):
    first = opened.assess(T2, "A-1", Assessment("red", "Sen leverans."), REPORTER_ANALYS, 0)
    second = opened.assess(T2, "A-1", ACTION, HEAD_ANALYS, 1)
    assert (first.revision, second.revision) == (1, 2)
    history = opened.history(T2, "A-1")
    assert [(h.revision, h.assessment.motivation, h.author_name) for h in history] == [
        (1, "Sen leverans.", "Rut Rapportör"), (2, "Leveransen är sen.", "Anna Analyschef")]
    assert history[1].assessment == ACTION
    assert opened.assessments(T2) == {"A-1": second}


def test_the_pages_frames_show_the_apps_assessment_over_the_files(opened: FollowUp):
    _, version_before, frames = opened.snapshot()
    assert statuses(frames)["A-2"] == "yellow"
    opened.assess(T2, "A-2", Assessment("green", "Ikapp igen."), HEAD_ANALYS, 0)
    _, version_after, frames = opened.snapshot()
    assert version_after > version_before
    assert statuses(frames) == {"A-1": "red", "A-2": "green", "I-1": "green", "I-2": "red"}
    row = frames["assignments"].query("period == @T2 and id == 'A-2'")
    assert row["comment"].tolist() == ["Ikapp igen."]
    assert statuses(frames, T1)["A-2"] == "yellow"  # the other tertial as uploaded


@pytest.mark.parametrize("actor", [HEAD_IT, VIEWER, LEADER, FINANCE, DIRECTOR, ADMIN],
                         ids=lambda a: a.role + ("-it" if a is HEAD_IT else ""))
def test_no_one_else_assesses_a_departments_assignment(opened: FollowUp, store: Store, actor):
    error = refused("other_department" if actor is HEAD_IT else "not_allowed",
                    opened.assess, T2, "A-1", ACTION, actor, 0)
    if actor is HEAD_IT:
        assert error.message("sv") == ("Uppdraget A-1 hör till Analysavdelningen; du får bara "
                                       "bedöma din egen avdelnings uppdrag.")
    assert opened.assessments(T2) == {}
    assert audit_actions(store)[-1] == "refused"


def test_a_second_save_from_the_same_revision_is_refused_with_the_first_ones_change(
        opened: FollowUp):
    opened.assess(T2, "A-2", Assessment("red", "Värre än väntat."), HEAD_ANALYS, 0)
    error = refused("conflict", opened.assess, T2, "A-2",
                    Assessment("green", "Klart snart."), REPORTER_ANALYS, 0)
    assert error.message("sv").startswith("Anna Analyschef sparade en annan bedömning av A-2 ")
    assert "(status Röd)" in error.message("sv") and "(status Red)" in error.message("en")
    assert [h.assessment.status for h in opened.history(T2, "A-2")] == ["red"]


def test_an_invalid_assessment_or_an_unknown_assignment_is_refused(opened: FollowUp):
    refused("invalid", opened.assess, T2, "A-1", Assessment("red", "", "Plan"), HEAD_ANALYS, 0)
    error = refused("unknown_assignment", opened.assess, T2, "X-9", ACTION, HEAD_ANALYS, 0)
    assert error.message("en") == "Assignment X-9 does not exist for 2018-T2."
    assert opened.assessments(T2) == {}


def test_hostile_text_is_stored_verbatim(opened: FollowUp):
    text = "<script>alert(1)</script>'; DROP TABLE assessments; -- =SUM(A1) \u202e"
    opened.assess(T2, "A-1", Assessment("red", text, text[:40], text[:40],
                                        dt.date(2018, 10, 1)), HEAD_ANALYS, 0)
    saved = opened.history(T2, "A-1")[0].assessment
    assert (saved.motivation, saved.action, saved.action_owner) == (text, text[:40], text[:40])


# --- readiness -----------------------------------------------------------------------------

def test_a_department_is_ready_only_with_every_motivation_and_action(opened: FollowUp,
                                                                      store: Store):
    error = refused("not_complete", opened.set_ready, T2, ANALYS, True, HEAD_ANALYS)
    assert error.message("sv") == ("Analysavdelningen kan inte klarmarkeras: 1 uppdrag saknar "
                                   "motivering eller åtgärd (A-1).")
    refused("not_allowed", opened.set_ready, T2, ANALYS, True, REPORTER_ANALYS)
    refused("other_department_ready", opened.set_ready, T2, ANALYS, True, HEAD_IT)
    opened.assess(T2, "A-1", ACTION, HEAD_ANALYS, 0)
    opened.set_ready(T2, ANALYS, True, HEAD_ANALYS)
    refused("department_ready", opened.assess, T2, "A-2", Assessment("green"), HEAD_ANALYS, 0)
    opened.set_ready(T2, ANALYS, False, HEAD_ANALYS)  # taken back: editable again
    opened.assess(T2, "A-2", Assessment("green"), HEAD_ANALYS, 0)
    assert audit_actions(store)[-3:] == ["ready", "unready", "assess"]


def test_finance_follows_the_rounds_progress(opened: FollowUp):
    opened.assess(T2, "A-1", ACTION, HEAD_ANALYS, 0)
    opened.set_ready(T2, ANALYS, True, HEAD_ANALYS)
    seen = opened.progress(T2, dt.date(2018, 9, 24))
    assert seen.days_left == -3 and seen.ready_count == 1
    assert {d.department: (d.ready, d.assignments, d.missing, d.late)
            for d in seen.departments} == {ANALYS: (True, 2, (), False),
                                           IT: (False, 2, ("I-2",), True)}


# --- adopting -----------------------------------------------------------------------------

def test_adoption_needs_every_department_ready_or_names_those_not(opened: FollowUp):
    opened.assess(T2, "A-1", ACTION, HEAD_ANALYS, 0)
    opened.set_ready(T2, ANALYS, True, HEAD_ANALYS)
    error = refused("override_missing", opened.adopt, T2, DIRECTOR, thresholds=THRESHOLDS)
    assert "(IT-avdelningen)" in error.message("sv")
    refused("override_extra", opened.adopt, T2, DIRECTOR, thresholds=THRESHOLDS,
            not_ready=[IT, ANALYS])
    refused("not_allowed", opened.adopt, T2, FINANCE, thresholds=THRESHOLDS, not_ready=[IT])
    refused("not_allowed", opened.adopt, T2, LEADER, thresholds=THRESHOLDS, not_ready=[IT])
    adopted = opened.adopt(T2, DIRECTOR, thresholds=THRESHOLDS, not_ready=["it-avdelningen"])
    assert (adopted.version, adopted.not_ready, adopted.adopted_by_name) == (
        1, (IT,), "Greta Direktör")
    assert opened.round(T2).state == "adopted"


def test_the_adopted_follow_up_never_changes_whatever_is_imported_or_rolled_back(
        opened: FollowUp, store: Store):
    ready_everywhere(opened)
    adopted = opened.adopt(T2, DIRECTOR, thresholds=THRESHOLDS)
    frozen = opened.adopted_frames(adopted)
    assert statuses(frozen) == {"A-1": "red", "A-2": "yellow", "I-1": "green", "I-2": "red"}

    refused("wrong_state", opened.assess, T2, "A-2", Assessment("green"), HEAD_ANALYS, 0)
    correction = load(store, "rattelse", T2, red_comment="Ny fil")  # a file after adoption
    assert opened.snapshot()[2]["assignments"].query("id == 'I-2' and period == @T2")[
        "comment"].tolist() == ["Budget"]  # the app's motivation still wins
    store.rollback(correction, user="eva")
    store.rollback(1, user="eva")  # even the import that was adopted
    assert store.frames()["assignments"].empty
    again = opened.adopted_frames(opened.adopted(T2))
    for name, frame in frozen.items():
        assert again[name].equals(frame), name
    assert opened.adopted(T2) == adopted


def test_a_correction_is_version_two_with_its_reason_and_version_one_is_kept(
        opened: FollowUp, store: Store):
    ready_everywhere(opened)
    first = opened.adopt(T2, DIRECTOR, thresholds=THRESHOLDS)
    refused("reason_required", opened.open_correction, T2, "  ", DIRECTOR)
    refused("not_allowed", opened.open_correction, T2, "Fel status", FINANCE)
    opened.open_correction(T2, "A-2 var egentligen grön.", DIRECTOR)
    opened.set_ready(T2, ANALYS, False, HEAD_ANALYS)
    opened.assess(T2, "A-2", Assessment("green", "Ikapp."), HEAD_ANALYS, 0)
    opened.set_ready(T2, ANALYS, True, HEAD_ANALYS)
    second = opened.adopt(T2, ADMIN, thresholds=THRESHOLDS)
    assert (second.version, second.reason) == (2, "A-2 var egentligen grön.")
    assert opened.adoptions(T2) == [second, first]
    assert opened.adopted(T2) == second and opened.adopted(T2, version=1) == first
    assert statuses(opened.adopted_frames(first))["A-2"] == "yellow"
    assert statuses(opened.adopted_frames(second))["A-2"] == "green"
    assert audit_actions(store)[-5:] == ["correction", "unready", "assess", "ready", "adopt"]


def test_every_change_is_in_the_audit_log_with_who_and_what(opened: FollowUp, store: Store):
    ready_everywhere(opened)
    opened.adopt(T2, DIRECTOR, thresholds=THRESHOLDS)
    events = cycle_events(store)
    assert [(e.user, e.action) for e in events] == [
        ("eva", "round_open"), ("anna", "assess"), ("anna", "ready"), ("ivar", "assess"),
        ("ivar", "ready"), ("gd", "adopt")]
    assert events[1].detail == "2018-T2 A-1 rev 1 red (app)"
    assert events[-1].detail == "2018-T2 version 1"


def test_an_adoption_keeps_the_slices_and_the_last_assessment_it_saw(opened: FollowUp,
                                                                       store: Store):
    ready_everywhere(opened)
    adopted = opened.adopt(T2, DIRECTOR, thresholds=THRESHOLDS)
    t = store.schema.followup
    with store.engine.connect() as conn:
        slices = conn.execute(select(t.adoption_slices.c.dataset, t.adoption_slices.c.period,
                                     t.adoption_slices.c.import_id)
                              .order_by(t.adoption_slices.c.dataset,
                                        t.adoption_slices.c.period)).all()
        last = conn.execute(select(t.assessments.c.id).order_by(
            t.assessments.c.id.desc())).scalar()
    assert [tuple(s) for s in slices] == [("assignments", T1, 1), ("assignments", T2, 1),
                                          ("units", "", 1)]
    assert adopted.assessment_cutoff == last and adopted.thresholds == THRESHOLDS


def test_finance_takes_the_files_assessment_all_or_nothing(opened: FollowUp, store: Store):
    file_says = Assessment("red", "Enligt filen", "Plan", "Eva", dt.date(2018, 12, 1))
    refused("not_allowed", opened.take_from_file, [(T2, "A-2", file_says)], HEAD_ANALYS)
    opened.assess(T2, "A-1", ACTION, HEAD_ANALYS, 0)
    opened.set_ready(T2, ANALYS, True, HEAD_ANALYS)
    before = dump(store.engine.url.render_as_string(hide_password=False))["assessments"]
    error = refused("department_ready", opened.take_from_file,
                    [(T2, "I-2", file_says), (T2, "A-2", file_says)], FINANCE)
    assert "Analysavdelningen är klarmarkerad" in error.message("sv")
    assert dump(store.engine.url.render_as_string(
        hide_password=False))["assessments"] == before  # I-2 was not taken either
    taken = opened.take_from_file([(T2, "I-2", file_says)], FINANCE)
    assert [(s.assignment_id, s.revision, s.source) for s in taken] == [("I-2", 1, "file")]
