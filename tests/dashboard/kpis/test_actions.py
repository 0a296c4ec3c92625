"""The last follow-up's actions, followed up on the next tertial (``dashboard/kpis/actions``):
done when the tertial's assessment says so, overdue when not done and due before the day,
else open; only the selection's; the overdue first."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.kpis import Selection
from dashboard.kpis.actions import followed_actions, overdue_count
from loaders.followup.overlay import assessments_frame
from loaders.followup.records import StoredAssessment
from loaders.followup.rules import ASSESSMENTS_FRAME, Assessment
from tests.loaders.followup.agency import book

AT = dt.datetime(2018, 9, 5, tzinfo=dt.UTC)
END = dt.date(2018, 8, 31)


def saved(period: str, aid: str, assessment: Assessment) -> StoredAssessment:
    return StoredAssessment(1, period, aid, 1, assessment, "app", "anna", "Anna", AT)


def frames(*items: StoredAssessment) -> dict[str, pd.DataFrame]:
    made = dict(book("2018-T1", "2018-T2"))
    made[ASSESSMENTS_FRAME] = assessments_frame({(s.period, s.assignment_id): s for s in items})
    return made


T1_ACTIONS = (
    saved("2018-T1", "A-1", Assessment("red", "Sen", "Rekrytera", "Anna", dt.date(2018, 6, 30))),
    saved("2018-T1", "A-2", Assessment("yellow", "Risk", "Ny plan", "Anna",
                                       dt.date(2018, 12, 1))),
    saved("2018-T1", "I-2", Assessment("red", "Budget", "Omprioritera", "Ivar",
                                       dt.date(2018, 5, 31))),
)


def test_each_action_is_done_open_or_overdue_the_overdue_first():
    done = saved("2018-T2", "I-2", Assessment("green", "", prior_action_done=True))
    rows = followed_actions(frames(*T1_ACTIONS, done), Selection("2018-T2"), END)
    assert [(r["id"], r["state"], r["due"], r["owner"]) for r in rows] == [
        ("A-1", "overdue", "2018-06-30", "Anna"), ("A-2", "open", "2018-12-01", "Anna"),
        ("I-2", "done", "2018-05-31", "Ivar")]
    assert rows[0]["name"] == "Analysera" and rows[0]["action"] == "Rekrytera"
    assert overdue_count(rows) == 1


def test_only_the_selections_actions_and_none_without_a_previous_follow_up():
    rows = followed_actions(frames(*T1_ACTIONS), Selection("2018-T2", "IT-avdelningen"), END)
    assert [(r["id"], r["state"]) for r in rows] == [("I-2", "overdue")]
    assert followed_actions(frames(*T1_ACTIONS), Selection("2018-T1"), END) == []
    assert followed_actions(frames(), Selection("2018-T2"), END) == []
    plain = dict(book("2018-T1", "2018-T2"))  # frames without the follow-up (the CLI's)
    assert followed_actions(plain, Selection("2018-T2"), END) == []


def test_an_assessment_without_an_action_is_no_action():
    rows = followed_actions(frames(saved("2018-T1", "A-2", Assessment("yellow", "Ok"))),
                            Selection("2018-T2"), END)
    assert rows == []
