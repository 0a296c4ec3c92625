"""The demo's follow-up cycle tells the seed's story: 2018-T2's round open with one
department not ready; the four tertials before adopted a month after they ended;
Analysavdelningen's two red assignments at 2018-T2 carry actions, one of them overdue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.demo.load import load_demo
from loaders.followup.cycle import FollowUp
from loaders.followup.rules import action_state
from loaders.periods import Tertial
from loaders.settings import Settings
from loaders.store.store import Store
from tests.databases import folder_url


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory):
    folder: Path = tmp_path_factory.mktemp("demo")
    store = Store(folder_url(folder))
    load_demo(store, Settings(data_dir=folder))
    yield FollowUp(store)
    store.close()


def test_the_story_tertial_is_open_and_only_kommunikationsavdelningen_is_not_ready(cycle):
    found = cycle.round("2018-T2")
    assert (found.state, found.last_day) == ("open", dt.date(2018, 9, 21))
    seen = cycle.progress("2018-T2", dt.date(2018, 9, 18))
    assert seen.not_ready == ("Kommunikationsavdelningen",)
    assert {d.department: d.missing for d in seen.departments if d.missing} == {
        "Kommunikationsavdelningen": ("VP-2018-042",)}
    assert seen.ready_count == 7 and seen.days_left == 3


def test_every_earlier_tertial_is_adopted_a_month_after_its_end(cycle):
    adopted = {a.period: a for a in cycle.adoptions()}
    assert sorted(adopted) == ["2017-T1", "2017-T2", "2017-T3", "2018-T1"]
    for period, adoption in adopted.items():
        assert adoption.version == 1 and adoption.not_ready == ()
        assert adoption.adopted_by_name == "Greta Generaldirektör"
        end = Tertial.from_label(period).last_day
        assert adoption.adopted_at.date() == end + dt.timedelta(days=32)
    assert adopted["2018-T1"].adopted_at.date() == dt.date(2018, 6, 1)


def test_analysavdelningens_red_assignments_carry_actions_one_of_them_overdue(cycle):
    rows = cycle.department_assessments("2018-T2")["Analysavdelningen"]
    reds = {aid: a for aid, (a, _) in rows.items() if a.status == "red"}
    assert sorted(reds) == ["RU-2016-19", "VP-2016-083"]
    as_of = Tertial.from_label("2018-T2").last_day
    states = {aid: action_state(a.action_due, a.prior_action_done, as_of)
              for aid, a in reds.items()}
    assert states == {"RU-2016-19": "overdue", "VP-2016-083": "open"}
    assert reds["RU-2016-19"].action_owner == "Karin Blomqvist"
    earlier = cycle.assessments("2018-T1")
    assert earlier["RU-2016-19"].assessment.action_due == dt.date(2018, 6, 30)
    done = cycle.assessments("2018-T2")["RU-2017-12"].assessment
    assert done.prior_action_done and done.status == "green"  # its 2018-T1 action is done


def test_the_figures_stay_what_the_workbooks_say(cycle):
    store = cycle.store
    _, _, frames = cycle.snapshot()
    uploaded = store.frames()
    assert frames["assignments"]["status"].equals(uploaded["assignments"]["status"])
    assert frames["assignments"]["comment"].equals(uploaded["assignments"]["comment"])
