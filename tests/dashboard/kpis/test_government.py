"""Government assignments' reports (issue 18) from a hand-written workbook: deadlines on a
tertial's first and last day, at the year's end, interim dates, closed assignments, another
department, and an operational-plan item with a deadline (not counted)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kpis import Selection
from dashboard.kpis.government import government, register_table
from dashboard.kpis.scope import resolve
from dashboard.kpis.summary import summary
from loaders.ingest.workbook import LoadOptions, load_file
from tests.builders import xlsx_bytes

D = dt.date
UNITS = [["Enhet", "Avdelning"], ["Enheten för analys", "Analysavdelningen"],
         ["Enheten för drift", "IT-avdelningen"]]
HEADER = ["Id", "Namn", "Typ", "Enhet", "Period", "Status", "Redovisas senast",
          "Delredovisning", "Diarienummer"]
ANALYS, DRIFT = "Enheten för analys", "Enheten för drift"
RU, VP = "Regeringsuppdrag", "Verksamhetsplan"
ROWS = [
    # 2018-T1 (January-April)
    ["A", "Sista dagen", RU, ANALYS, "2018-T1", "Grön", D(2018, 8, 31), None, "N2018/1"],
    ["C", "Årets slut", RU, ANALYS, "2018-T1", "Grön", D(2018, 12, 31), None, "N2018/3"],
    ["E", "Lämnad", RU, ANALYS, "2018-T1", "Grön", D(2018, 6, 30), None, "N2018/5"],
    ["J", "Första dagen", RU, ANALYS, "2018-T1", "Gul", D(2018, 5, 1), None, "N2018/9"],
    # 2018-T2 (May-August): the tertial read
    ["A", "Sista dagen", RU, ANALYS, "2018-T2", "Grön", D(2018, 8, 31), None, "N2018/1"],
    ["B", "Nästa tertials första dag", RU, ANALYS, "2018-T2", "Grön", D(2018, 9, 1), None,
     None],
    ["C", "Årets slut", RU, ANALYS, "2018-T2", "Gul", D(2018, 12, 31), None, "N2018/3"],
    ["D", "Delredovisning i nästa tertial", RU, ANALYS, "2018-T2", "Grön", D(2019, 1, 1),
     "2018-10-15", None],
    ["E", "Lämnad", RU, ANALYS, "2018-T2", "Avslutad", D(2018, 6, 30), None, "N2018/5"],
    ["F", "Avbruten", RU, ANALYS, "2018-T2", "Avbruten", D(2018, 5, 1), None, None],
    ["G", "Delredovisning passerad", RU, ANALYS, "2018-T2", "Grön", D(2019, 3, 1),
     "2018-08-01", None],
    ["H", "Verksamhetsplanens datum", VP, ANALYS, "2018-T2", "Röd", D(2018, 9, 15), None,
     None],
    ["I", "Annan avdelning", RU, DRIFT, "2018-T2", "Grön", D(2018, 10, 1), None, None],
    ["J", "Första dagen", RU, ANALYS, "2018-T2", "Röd", D(2018, 5, 1), None, "N2018/9"],
]


@pytest.fixture(scope="module")
def frames():
    data = xlsx_bytes({"Enheter": UNITS, "Uppdrag": [HEADER, *ROWS]})
    result = load_file(data, "regeringsuppdrag.xlsx", LoadOptions())
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    return result.frames


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_reports_due_before_the_next_follow_up_overdue_and_given_at_2018_t2(frames):
    figures = government(frames, Selection("2018-T2"))
    assert (figures["as_of"], figures["due_until"]) == ("2018-08-31", "2018-12-31")
    # B on the next tertial's first day, C on the year's last, D by its interim report, I in
    # another department; not G (its interim date has passed, its final one is in 2019), not
    # H (not a government assignment), not the closed E and F
    assert ids(figures["due_items"]) == ["B", "I", "D", "C"]
    assert figures["due_before_next"] == 4
    assert [(i["date"], i["kind"]) for i in figures["due_items"]] == [
        ("2018-09-01", "final"), ("2018-10-01", "final"), ("2018-10-15", "interim"),
        ("2018-12-31", "final")]
    # due on the tertial's first day and on its last: both overdue, the longest first
    assert ids(figures["overdue_items"]) == ["J", "A"] and figures["overdue"] == 2
    assert figures["overdue_items"][0]["department"] == "Analysavdelningen"
    assert figures["reported"] == 1  # E: Avslutad now, Grön at 2018-T1


def test_a_department_counts_only_its_own(frames):
    figures = government(frames, Selection("2018-T2", department="IT-avdelningen"))
    assert ids(figures["due_items"]) == ["I"]
    assert (figures["overdue"], figures["reported"]) == (0, 0)
    analysis = government(frames, Selection("2018-T2", department="Analysavdelningen"))
    assert analysis["due_before_next"] == 3 and analysis["overdue"] == 2


def test_the_tertial_before_counts_as_of_its_own_last_day(frames):
    figures = government(frames, Selection("2018-T1"))
    # as of 2018-04-30: A (08-31, the next tertial's last day), E and J are due; C is not
    assert ids(figures["due_items"]) == ["J", "E", "A"]
    assert figures["overdue"] == 0
    assert figures["reported"] is None  # no 2017-T3 in the data


def test_the_register_is_sorted_overdue_first_then_by_the_next_deadline(frames):
    table = register_table(frames, resolve(frames, Selection("2018-T2")))
    assert list(table["id"]) == ["J", "A", "B", "I", "D", "C", "G", "E", "F"]
    by_id = table.set_index("id")
    assert by_id.loc["A", "days_left"] == 0 and by_id.loc["J", "days_left"] == -122
    assert by_id.loc["B", "days_left"] == 1
    assert by_id.loc["G", "next_kind"] == "final"  # its interim date has passed
    assert str(by_id.loc["G", "next_deadline"].date()) == "2019-03-01"
    assert by_id.loc["D", "next_kind"] == "interim"
    assert by_id.loc["E", "next_deadline"] is None or str(by_id.loc["E", "next_deadline"]) == "NaT"
    assert by_id.loc["J", "register_number"] == "N2018/9"
    assert "H" not in by_id.index


def test_an_empty_selection_and_no_government_assignments():
    data = xlsx_bytes({"Enheter": UNITS, "Uppdrag": [HEADER, [
        "H", "Bara verksamhetsplan", VP, ANALYS, "2018-T2", "Grön", D(2018, 9, 1), None,
        None]]})
    frames = load_file(data, "vp.xlsx", LoadOptions()).frames
    figures = government(frames, Selection("2018-T2"))
    assert (figures["due_before_next"], figures["overdue"]) == (0, 0)
    empty = government(frames, Selection("2018-T2", department="IT-avdelningen"))
    assert (empty["due_before_next"], empty["overdue"], empty["reported"]) == (None, None, None)


def test_the_summary_carries_them_under_operations(frames):
    result = summary(frames, Selection("2018-T2"))
    assert result["schema_version"] == 1  # additive keys: scripts reading version 1 still work
    reports = result["operations"]["government_reports"]
    assert reports == government(frames, Selection("2018-T2"))
