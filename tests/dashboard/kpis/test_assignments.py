"""The assignments grid's server-side paging: filter, sort, quick filter, blocks and the
end-date flag, checked against answers worked out by hand from a small frame.

The tertial is 2018-T2, so the next tertial (2018-T3) ends on 2018-12-31: active
assignments ending on or before that day are flagged, closed ones never.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.kpis import Selection, ends_soon, page_assignments
from dashboard.kpis.assignments import MAX_BLOCK, assignment_table
from loaders.specs import BY_NAME, DTYPES

NOW = "2018-T2"
ANALYS, EKONOMI = "Analysavdelningen", "Ekonomiavdelningen"
KEYS = "id name type unit status comment end_date period"
GOV, OP, INT = "government", "operational_plan", "internal"
# id, name, type, unit, status, comment, end date
ASSIGNMENTS = [
    ("RU-1", "Öppna data", GOV, "Analysenheten", "red", "Stopp i leveransen", "2018-12-31"),
    ("VP-2", "Analys av e-tjänster", OP, "Analysenheten", "green", None, "2019-01-01"),
    ("VP-3", "Ärendeflöde", OP, "Statistikenheten", "yellow", "Risk för förseningar",
     "2018-09-15"),
    ("IN-4", "Arkiv", INT, "Statistikenheten", "completed", "Klart", "2018-06-30"),
    ("RU-5", "Zonindelning", GOV, "Ekonomienheten", "green", "Ökad takt", None),
    ("VP-6", "Budgetmodell", OP, "Ekonomienheten", "red", None, "2018-05-01"),
]
FLAGGED = {"RU-1", "VP-3", "VP-6"}  # by hand: active and ending by 2018-12-31
OWNERS = {"RU-1": "Karin Berg", "VP-3": "Ali Hassan", "VP-6": "  "}  # VP-6: blank, as none
# by hand: red first (ties by id), then yellow, green, closed
DEFAULT_ORDER = ["RU-1", "VP-6", "VP-3", "RU-5", "VP-2", "IN-4"]
NO_COMMENT = {"VP-6"}  # by hand: yellow or red without a comment (VP-2 is green)


def make_frame(dataset: str, rows: list[dict]) -> pd.DataFrame:
    """A frame as the loaders make it: the spec's fields in order, with the spec's dtypes."""
    return pd.DataFrame({
        c.field: pd.Series([r.get(c.field) for r in rows], dtype=DTYPES[c.kind])
        for c in BY_NAME[dataset].columns
    })


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    units = [("Analysenheten", ANALYS), ("Statistikenheten", ANALYS),
             ("Ekonomienheten", EKONOMI)]
    rows = [dict(zip(KEYS.split(), (*a[:6], pd.Timestamp(a[6]) if a[6] else None, NOW),
                     strict=True), owner=OWNERS.get(a[0])) for a in ASSIGNMENTS]
    rows.append({"id": "OLD-1", "name": "Förra tertialen", "type": OP, "unit": "Analysenheten",
                 "status": "red", "period": "2018-T1", "end_date": pd.Timestamp("2018-05-01")})
    return {"units": make_frame("units", [{"unit": u, "department": d} for u, d in units]),
            "assignments": make_frame("assignments", rows)}


def page(frames, sort=None, filters=None, quick=None, start=0, end=100, selection=None,
         lang="sv"):
    return page_assignments(frames, selection or Selection(NOW), sort, filters, quick, start,
                            end, lang=lang)


def ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


def test_rows_of_the_period_as_text_with_status_word_and_symbol(frames):
    rows, total = page(frames)
    assert total == 6 and ids(rows) == DEFAULT_ORDER
    assert rows[0] == {"id": "RU-1", "name": "Öppna data", "type": "Regeringsuppdrag",
                       "department": ANALYS, "unit": "Analysenheten", "owner": "Karin Berg",
                       "status": "■ Röd", "code": "red", "comment": "Stopp i leveransen",
                       "comment_missing": False, "end_date": "2018-12-31", "ends_soon": "⚑ Ja"}
    by_id = {r["id"]: r for r in rows}
    assert by_id["RU-5"]["end_date"] is None and by_id["VP-2"]["comment"] is None
    assert by_id["VP-6"]["owner"] is None and by_id["VP-2"]["owner"] is None
    assert by_id["RU-5"]["department"] == EKONOMI
    assert [r["status"] for r in rows] == ["■ Röd", "■ Röd", "▲ Gul", "● Grön", "● Grön",
                                           "✓ Avslutad"]
    english, _ = page(frames, lang="en")
    assert (english[0]["status"], english[0]["type"], english[0]["ends_soon"]) == (
        "■ Red", "Government assignment", "⚑ Yes")


def test_yellow_and_red_without_a_comment_are_flagged_in_the_cell(frames):
    rows, _ = page(frames)
    assert {r["id"] for r in rows if r["comment_missing"]} == NO_COMMENT
    flagged = {r["id"]: r["comment"] for r in rows if r["id"] in NO_COMMENT}
    assert flagged == {"VP-6": "⚠ Kommentar saknas"}
    assert page(frames, lang="en")[0][1]["comment"] == "⚠ Comment missing"
    assert {r["id"]: r["comment"] for r in rows}["VP-2"] is None  # green: no comment needed


def test_without_a_sort_red_then_yellow_come_first_and_the_readers_sort_still_works(frames):
    assert ids(page(frames, sort=[])[0]) == DEFAULT_ORDER
    assert ids(page(frames, sort=[{"colId": "id", "sort": "desc"}])[0]) == [
        "VP-6", "VP-3", "VP-2", "RU-5", "RU-1", "IN-4"]
    assert ids(page(frames, sort=[{"colId": "department", "sort": "asc"},
                                  {"colId": "owner", "sort": "asc"}])[0]) == [
        "VP-3", "RU-1", "IN-4", "VP-2", "RU-5", "VP-6"]


def test_end_date_flag_worked_out_by_hand(frames):
    rows, _ = page(frames)
    assert {r["id"] for r in rows if r["ends_soon"]} == FLAGGED
    end = pd.Series(pd.to_datetime(["2018-12-31", "2019-01-01", None, "2018-01-01"]))
    code = pd.Series(["green", "red", "yellow", "cancelled"], dtype="string")
    assert ends_soon(end, code, dt.date(2018, 12, 31)).tolist() == [True, False, False, False]


def test_selection_of_a_department_or_unit(frames):
    assert ids(page(frames, selection=Selection(NOW, ANALYS))[0]) == ["RU-1", "VP-3", "VP-2",
                                                                     "IN-4"]
    rows, total = page(frames, selection=Selection(NOW, None, "Ekonomienheten"))
    assert total == 2 and ids(rows) == ["VP-6", "RU-5"]


@pytest.mark.parametrize(("sort", "expected"), [
    ([{"colId": "status", "sort": "asc"}], DEFAULT_ORDER),
    ([{"colId": "status", "sort": "desc"}], ["IN-4", "RU-5", "VP-2", "VP-3", "RU-1", "VP-6"]),
    ([{"colId": "end_date", "sort": "asc"}], ["VP-6", "IN-4", "VP-3", "RU-1", "VP-2", "RU-5"]),
    ([{"colId": "name", "sort": "asc"}], ["VP-2", "IN-4", "VP-6", "RU-5", "VP-3", "RU-1"]),
    ([{"colId": "unit", "sort": "asc"}, {"colId": "id", "sort": "desc"}],
     ["VP-2", "RU-1", "VP-6", "RU-5", "VP-3", "IN-4"]),
    ([{"colId": "ends_soon", "sort": "desc"}, {"colId": "id", "sort": "asc"}],
     ["RU-1", "VP-3", "VP-6", "IN-4", "RU-5", "VP-2"]),
    ([{"colId": "no_such_column", "sort": "asc"}], DEFAULT_ORDER),
])
def test_sorting(frames, sort, expected):
    assert ids(page(frames, sort=sort)[0]) == expected


TEXT = "text"


@pytest.mark.parametrize(("filters", "expected"), [
    ({"comment": {"filterType": TEXT, "type": "contains", "filter": "RISK"}}, ["VP-3"]),
    ({"status": {"filterType": TEXT, "type": "contains", "filter": "röd"}}, ["RU-1", "VP-6"]),
    ({"status": {"filterType": "set", "values": ["red", "yellow"]}}, ["RU-1", "VP-3", "VP-6"]),
    ({"status": {"filterType": "set", "values": []}}, []),
    # forged values are dropped: not status codes, not the shown words, not other types
    ({"status": {"filterType": "set", "values": ["red", "■ Röd", "x", 3, None]}},
     ["RU-1", "VP-6"]),
    ({"status": {"filterType": "set", "values": ["nothing"]}}, []),
    ({"status": {"filterType": "set", "values": "red"}}, []),
    ({"comment": {"filterType": TEXT, "type": "blank"}}, ["VP-2", "VP-6"]),
    ({"type": {"filterType": TEXT, "type": "equals", "filter": "regeringsuppdrag"}},
     ["RU-1", "RU-5"]),
    ({"end_date": {"filterType": "date", "type": "lessThan", "dateFrom": "2018-07-01 00:00:00"}},
     ["IN-4", "VP-6"]),
    ({"end_date": {"filterType": "date", "type": "inRange", "dateFrom": "2018-09-15",
                   "dateTo": "2018-12-31"}}, ["RU-1", "VP-3"]),
    ({"unit": {"filterType": TEXT, "type": "startsWith", "filter": "analys"},
      "status": {"filterType": "set", "values": ["green"]}}, ["VP-2"]),
    ({"name": {"filterType": TEXT, "operator": "OR", "conditions": [
        {"filterType": TEXT, "type": "contains", "filter": "arkiv"},
        {"filterType": TEXT, "type": "contains", "filter": "zon"}]}}, ["IN-4", "RU-5"]),
    ({"ends_soon": {"filterType": TEXT, "type": "notBlank"}}, ["RU-1", "VP-3", "VP-6"]),
    ({"no_such_column": {"filterType": TEXT, "type": "contains", "filter": "x"}},
     [a[0] for a in ASSIGNMENTS]),
])
def test_filters(frames, filters, expected):
    rows, total = page(frames, filters=filters)
    assert ids(rows) == [i for i in DEFAULT_ORDER if i in expected]  # order kept
    assert total == len(expected)


@pytest.mark.parametrize(("quick", "expected"), [
    ("ekonomi", ["RU-5", "VP-6"]),             # unit
    ("ÖKAD", ["RU-5"]),                        # comment, any case
    ("hassan", ["VP-3"]),                      # owner
    ("ekonomiavdelningen", ["RU-5", "VP-6"]),  # department
    ("regeringsuppdrag röd", ["RU-1"]),        # every word must match some column
    ("  ", [a[0] for a in ASSIGNMENTS]),       # blank: no filter
    ("finns inte", []),
])
def test_quick_filter_searches_every_text_column(frames, quick, expected):
    rows, total = page(frames, quick=quick)
    assert ids(rows) == [i for i in DEFAULT_ORDER if i in expected]
    assert total == len(expected)


def test_blocks_and_total(frames):
    sort = [{"colId": "id", "sort": "asc"}]
    everything = ids(page(frames, sort=sort)[0])
    rows, total = page(frames, sort=sort, start=2, end=4)
    assert total == 6 and ids(rows) == everything[2:4]
    assert page(frames, sort=sort, start=4, end=10) == (page(frames, sort=sort)[0][4:], 6)
    assert page(frames, start=10, end=20) == ([], 6)
    assert ids(page(frames, start=-5, end=1)[0]) == ["RU-1"]
    filtered, count = page(frames, filters={"status": {"filterType": "set", "values": ["red"]}},
                           start=1, end=2)
    assert ids(filtered) == ["VP-6"] and count == 2  # RU-1, VP-6 by id


def test_a_forged_block_is_capped(frames):
    many = pd.concat([frames["assignments"]] * 200, ignore_index=True)
    many["id"] = [f"X-{i}" for i in range(len(many))]
    rows, total = page({**frames, "assignments": many}, start=0, end=10**9)
    assert total == 6 * 200 and len(rows) == MAX_BLOCK


@pytest.mark.parametrize(("sort_model", "filter_model", "quick"), [
    ([1, 2], None, None), ("name", None, None), (None, [1], None), (None, {"name": 3}, None),
    (None, None, 42), ([{"colId": "ingen"}], {"ingen": {}}, None),
])
def test_forged_grid_requests_are_ignored_not_crashing(frames, sort_model, filter_model, quick):
    rows, total = page_assignments(frames, Selection(NOW), sort_model, filter_model, quick, 0, 5)
    assert total == len(assignment_table(frames, Selection(NOW), "sv"))
    assert len(rows) == min(5, total)
