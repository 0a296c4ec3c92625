"""The overview's sentence on government assignments' reports (issue 18): how many must
report before the next follow-up, and the overdue ones named with their departments, for
counts of 0, 1 and many, in both languages."""

from __future__ import annotations

import pytest

from tests.dashboard.text.test_narrative import blank, put, said

KEY = "operations.government_reports"


def late(n: int) -> list[dict]:
    return [{"id": f"RU-{i}", "name": f"Uppdrag {i}", "unit": "Enheten för analys",
             "department": "Analysavdelningen", "date": f"2018-06-{10 + i}", "kind": "final"}
            for i in range(1, n + 1)]


def reports(due: int, overdue: int, government: int = 10) -> dict:
    return put(blank(), operations__assignments=50,
               operations__government_assignments=government,
               operations__government_reports={
                   "due_before_next": due, "overdue": overdue, "due_items": [],
                   "overdue_items": late(overdue), "as_of": "2018-08-31",
                   "due_until": "2018-12-31", "next_period": "2018-T3", "reported": 0})


@pytest.mark.parametrize(("due", "overdue", "sv", "en"), [
    (0, 0, "Inga regeringsuppdrag ska redovisas före nästa uppföljning.",
     "No government assignment is due to report before the next follow-up."),
    (1, 0, "Ett regeringsuppdrag ska redovisas före nästa uppföljning.",
     "One government assignment is due to report before the next follow-up."),
    (7, 0, "7 regeringsuppdrag ska redovisas före nästa uppföljning.",
     "7 government assignments are due to report before the next follow-up."),
    (0, 1, "Inga regeringsuppdrag ska redovisas före nästa uppföljning, men ett regeringsuppdrag "
           "är försenat: ”Uppdrag 1” (Analysavdelningen, skulle ha redovisats 2018-06-11).",
     "No government assignment is due to report before the next follow-up, but one government "
     "assignment is overdue: “Uppdrag 1” (Analysavdelningen, due 2018-06-11)."),
    (1, 1, "Ett regeringsuppdrag ska redovisas före nästa uppföljning; ett är försenat: "
           "”Uppdrag 1” (Analysavdelningen, skulle ha redovisats 2018-06-11).",
     "One government assignment is due to report before the next follow-up; one is overdue: "
     "“Uppdrag 1” (Analysavdelningen, due 2018-06-11)."),
    (3, 2, "3 regeringsuppdrag ska redovisas före nästa uppföljning; 2 är försenade: "
           "”Uppdrag 1” (Analysavdelningen, skulle ha redovisats 2018-06-11) och ”Uppdrag 2” "
           "(Analysavdelningen, skulle ha redovisats 2018-06-12).",
     "3 government assignments are due to report before the next follow-up; 2 are overdue: "
     "“Uppdrag 1” (Analysavdelningen, due 2018-06-11) and “Uppdrag 2” (Analysavdelningen, "
     "due 2018-06-12)."),
])
def test_counts_of_none_one_and_many(due, overdue, sv, en):
    summary = reports(due, overdue)
    assert said(summary, KEY, "sv") == sv
    assert said(summary, KEY, "en") == en


def test_more_than_three_overdue_names_three_among_them():
    text = said(reports(0, 5), KEY, "sv")
    assert "5 regeringsuppdrag är försenade, bland dem ”Uppdrag 1”" in text
    assert "Uppdrag 3" in text and "Uppdrag 4" not in text


def test_no_sentence_without_government_assignments_or_data():
    assert said(reports(0, 0, government=0), KEY) is None
    assert said(blank(), KEY) is None
