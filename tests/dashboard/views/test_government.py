"""The Regeringsuppdrag page's words (issue 18): the headline's singular and plural in
Swedish and English, the overdue ones named, and the register's rows in words."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.kpis.government import reports
from dashboard.views.government import headline_sentences, register_rows

ITEM = {"id": "RU-1", "name": "Sent uppdrag", "unit": "Enhet", "department": "Avdelning A",
        "date": "2018-06-29", "kind": "final"}


def figures(due: int | None, overdue: int | None, reported: int | None) -> dict:
    return {"due_before_next": due, "overdue": overdue, "reported": reported,
            "next_period": "2018-T3", "due_until": "2018-12-31",
            "overdue_items": [dict(ITEM, id=f"RU-{n}") for n in range(overdue or 0)]}


@pytest.mark.parametrize(("counts", "lang", "expected"), [
    ((2, 1, 4), "sv", [
        "2 regeringsuppdrag ska redovisas före nästa uppföljning (2018-T3 slutar 2018-12-31).",
        "1 regeringsuppdrag är försenat:",
        "4 regeringsuppdrag har slutredovisats sedan förra uppföljningen (2018-T1)."]),
    ((0, 2, 1), "sv", [
        "Inget regeringsuppdrag ska redovisas före nästa uppföljning (2018-T3 slutar "
        "2018-12-31).",
        "2 regeringsuppdrag är försenade:",
        "1 regeringsuppdrag har slutredovisats sedan förra uppföljningen (2018-T1)."]),
    ((1, 0, 0), "sv", [
        "1 regeringsuppdrag ska redovisas före nästa uppföljning (2018-T3 slutar 2018-12-31).",
        "Inget regeringsuppdrag är försenat.",
        "Inget regeringsuppdrag har slutredovisats sedan förra uppföljningen (2018-T1)."]),
    ((1, 1, 1), "en", [
        "1 government assignment is due to report before the next follow-up (2018-T3 ends "
        "2018-12-31).",
        "1 government assignment is overdue:",
        "1 government assignment has made its final report since the previous follow-up "
        "(2018-T1)."]),
    ((2, 2, None), "en", [
        "2 government assignments are due to report before the next follow-up (2018-T3 ends "
        "2018-12-31).",
        "2 government assignments are overdue:",
        "There is no previous tertial to compare the final reports with."]),
])
def test_the_headline_counts_in_the_singular_or_the_plural(counts, lang, expected):
    sentences = headline_sentences(figures(*counts), "2018-T1", lang)
    assert [s.text for s in sentences] == expected
    assert len(sentences[1].named) == counts[1]


def test_the_overdue_are_named_with_department_and_date():
    sentences = headline_sentences(figures(0, 1, 0), "2018-T1", "sv")
    assert sentences[1].named == (
        ("RU-0", "Sent uppdrag (Avdelning A, skulle ha redovisats 2018-06-29)"),)
    english = headline_sentences(figures(0, 1, 0), "2018-T1", "en")
    assert english[1].named == (("RU-0", "Sent uppdrag (Avdelning A, due 2018-06-29)"),)


def test_an_empty_selection_says_so():
    assert [s.text for s in headline_sentences(figures(None, None, None), "2018-T1", "sv")] \
        == ["Det finns inga uppdrag i urvalet."]


def register() -> pd.DataFrame:
    return pd.DataFrame({
        "key": ["ru-1", "ru-2"], "id": ["RU-1", "RU-2"], "name": ["Sent", "Klart"],
        "unit": ["Enhet", None], "department": ["Avdelning A", None],
        "register_number": ["N2018/1", None], "ministry": ["Näringsdepartementet", None],
        "status": ["yellow", "completed"], "comment": ["Försenat underlag", None],
        "report_due": pd.to_datetime(["2018-06-29", "2018-05-31"]),
        "interim_reports": ["2018-01-31; 2017-09-30", None],
        "next_deadline": pd.to_datetime(["2018-06-29", None]),
        "next_kind": pd.array(["final", None], dtype="string"),
        "days_left": pd.array([-63, None], dtype="Int64"),
        "overdue": [True, False], "due_before_next": [False, False],
    })


def test_the_register_s_rows_in_words():
    late, done = register_rows(register(), "sv")
    assert (late.id, late.name, late.register_number, late.ministry) == (
        "RU-1", "Sent", "N2018/1", "Näringsdepartementet")
    assert (late.next_deadline, late.next_kind, late.days_left, late.overdue) == (
        "2018-06-29", "Slutredovisning", "−63", True)
    assert late.reports == ("Delredovisning 2017-09-30", "Delredovisning 2018-01-31",
                            "Slutredovisning 2018-06-29")
    assert (late.status, late.status_text) == ("yellow", "▲ Gul")
    assert (done.next_deadline, done.next_kind, done.days_left, done.overdue) == (
        "–", "", "–", False)
    assert (done.department, done.register_number, done.status_text) == ("–", "–",
                                                                         "✓ Avslutad")
    english = register_rows(register(), "en")[0]
    assert (english.next_kind, english.days_left, english.reports[-1]) == (
        "Final report", "-63", "Final report 2018-06-29")


def test_reports_are_read_from_the_canonical_text_and_sorted():
    row = register().iloc[0]
    assert [(r.day.isoformat(), r.kind) for r in reports(row)] == [
        ("2017-09-30", "interim"), ("2018-01-31", "interim"), ("2018-06-29", "final")]
