"""The survey page follows the shell's department and unit filters where the survey has that
group, says so when it has none, and lets a group chosen on the page win."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.state.address import Reach
from dashboard.state.survey import survey_state

IT, HR, LEGAL = "IT-avdelningen", "HR-avdelningen", "Rättsavdelningen"
SUPPORT_UNIT = "Enheten för it-support"


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    groups = [None, IT, HR]
    survey = pd.DataFrame({
        "survey": "IT-enkäten", "measurement": "Uppföljning 2018",
        "date": pd.Timestamp("2018-08-27"), "group": groups, "area": "Support",
        "question": "Nöjd med supporten?"})
    units = pd.DataFrame({"unit": [SUPPORT_UNIT, "Enheten för juridik"],
                          "department": [IT, LEGAL]})
    return {"survey": survey, "units": units}


def test_without_a_filter_the_page_shows_the_whole_organisation(frames):
    state = survey_state(frames, {})
    assert state.choice.group is None
    assert state.follows is None and state.unmatched is None


def test_the_department_filter_picks_the_department_s_group(frames):
    state = survey_state(frames, {}, department="it-avdelningen")  # names as the app matches
    assert state.choice.group == IT
    assert state.follows == ("department", "it-avdelningen") and state.unmatched is None


def test_a_department_without_answers_shows_the_whole_organisation_and_says_so(frames):
    state = survey_state(frames, {}, department=LEGAL)
    assert state.choice.group is None
    assert state.unmatched == (LEGAL, None) and state.follows is None


def test_a_unit_without_a_group_of_its_own_shows_its_department_s(frames):
    state = survey_state(frames, {}, department=IT, unit=SUPPORT_UNIT)
    assert state.choice.group == IT
    assert state.follows == ("department", IT)
    assert state.unmatched == (SUPPORT_UNIT, IT)


def test_a_group_chosen_on_the_page_wins_over_the_filter(frames):
    state = survey_state(frames, {"grupp": HR}, department=IT)
    assert state.choice.group == HR
    assert state.follows is None and state.unmatched is None


def test_a_restricted_head_follows_only_to_a_group_that_is_theirs(frames):
    own = survey_state(frames, {}, Reach(only=IT), department=IT)
    assert own.choice.group == IT
    held = survey_state(frames, {}, Reach(only=LEGAL), department=LEGAL)
    assert held.choice.group is None and held.unmatched == (LEGAL, None)
