"""The filters' lists: a real option back to the whole agency and to all units (not for a
reader held to one department), and what choosing it does to the address."""

from __future__ import annotations

import dash
import pytest

from dashboard.callbacks.shell import changed
from dashboard.state.address import Reach
from dashboard.state.shell import EVERY, from_address, from_filters
from tests.demo_store import demo_frames

DEPARTMENT = "IT-avdelningen"


@pytest.fixture(scope="module")
def frames() -> dict:
    return demo_frames()


def labels(options: list[dict]) -> list[str]:
    return [o["label"] for o in options]


@pytest.mark.parametrize(("lang", "agency", "units"), [("sv", "Hela myndigheten", "Alla enheter"),
                                                       ("en", "Whole agency", "All units")])
def test_the_lists_start_with_the_whole_agency_and_all_units(frames, lang, agency, units):
    view = from_address(f"?avdelning={DEPARTMENT}&lang={lang}", frames)
    assert view.department_options[0] == {"value": EVERY, "label": agency}
    assert DEPARTMENT in labels(view.department_options)
    assert view.unit_options[0] == {"value": EVERY, "label": units}
    assert len(view.unit_options) > 1


def test_choosing_the_whole_agency_clears_the_department_and_its_unit(frames):
    view = from_address(f"?avdelning={DEPARTMENT}", frames)
    unit = view.unit_options[1]["value"]
    cleared = from_filters(view.period, EVERY, unit, "sv", frames, changed="department")
    assert (cleared.department, cleared.unit) == (None, None)
    assert cleared.problems == []  # a choice, not an unknown name
    assert cleared.search == f"?period={view.period}"
    assert cleared.unit_options == []  # no department: no units to choose among


def test_choosing_all_units_keeps_the_department(frames):
    view = from_address(f"?avdelning={DEPARTMENT}", frames)
    unit = view.unit_options[1]["value"]
    chosen = from_filters(view.period, DEPARTMENT, unit, "sv", frames, changed="unit")
    assert chosen.unit == unit
    back = from_filters(view.period, DEPARTMENT, EVERY, "sv", frames, changed="unit")
    assert (back.department, back.unit) == (DEPARTMENT, None)
    assert back.problems == []
    assert back.search == f"?period={view.period}&avdelning={DEPARTMENT}"


@pytest.mark.parametrize("changed", ["department", "unit"])
def test_a_survey_group_chosen_for_one_department_follows_the_next(frames, changed):
    """The survey page's group (``grupp``) was chosen for the department before: another
    department or unit lets the survey follow the new one; the rest of the page is kept."""
    page = (("enkat", "IT-enkäten"), ("grupp", "Analysavdelningen"))
    view = from_address(f"?avdelning={DEPARTMENT}", frames)
    unit = view.unit_options[1]["value"] if changed == "unit" else None
    moved = from_filters(view.period, DEPARTMENT, unit, "sv", frames, changed=changed,
                         page=page)
    assert "grupp=" not in moved.search and "enkat=" in moved.search


def test_another_tertial_keeps_the_survey_group(frames):
    page = (("enkat", "IT-enkäten"), ("grupp", "Analysavdelningen"))
    kept = from_filters("2018-T1", DEPARTMENT, None, "sv", frames, changed="period", page=page)
    assert "grupp=Analysavdelningen" in kept.search


def test_a_reader_held_to_one_department_is_not_offered_the_whole_agency(frames):
    held = Reach(only=DEPARTMENT, opening=DEPARTMENT)
    view = from_address("", frames, held)
    assert view.department_options == [{"value": DEPARTMENT, "label": DEPARTMENT}]
    assert view.department == DEPARTMENT
    asked = from_filters(view.period, EVERY, None, "sv", frames, changed="department",
                         reach=held)
    assert asked.department == DEPARTMENT  # still their own
    assert labels(asked.unit_options)[0] == "Alla enheter"  # the whole department is theirs


def test_only_what_differs_from_the_page_is_answered():
    shown = ("?period=2018-T2", [{"value": "a"}], "2018-T2", None, [])
    same = changed(shown, ("?period=2018-T2", [{"value": "a"}], "2018-T2", None, []))
    assert same == (dash.no_update,) * 5
    other = changed(shown, ("?period=2018-T1", [{"value": "a"}], "2018-T1", None, ["x"]))
    assert other == ("?period=2018-T1", dash.no_update, "2018-T1", dash.no_update, ["x"])
    cleared = changed(("", None, None, None, ["x"]), ("", None, None, None, []))
    assert cleared[-1] == []  # a notice shown before is taken away
