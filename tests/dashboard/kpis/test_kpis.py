"""The tertial figures, checked against values worked out by hand from small frames.

The organisation: Analysavdelningen = Analysenheten + Statistikenheten; Ekonomiavdelningen =
Ekonomienheten + Löneenheten + Juridiska enheten (no data at all). Current tertial 2018-T1,
previous 2017-T3 (across the year end); finance also has 2017-T1 (a year before) but not
2017-T3.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.kpis import (
    Selection,
    SelectionError,
    departments,
    finance,
    operations,
    processes,
    staff,
    summary,
    swedish_key,
)
from dashboard.kpis.status import Thresholds
from loaders.specs import BY_NAME
from tests.frames import make_frame, rows

NOW, PREV = "2018-T1", "2017-T3"
ANALYS, EKONOMI = "Analysavdelningen", "Ekonomiavdelningen"


A_KEYS = "id type unit status comment"
GOV, OP, INT = "government", "operational_plan", "internal"


def assignment_rows() -> list[dict]:
    before = rows(A_KEYS, PREV,
                  ("RU-1", GOV, "Analysenheten", "green", None),
                  ("VP-2", OP, "Analysenheten", "green", None),
                  ("VP-3", OP, "Statistikenheten", "yellow", "Sen"),
                  ("X-9", INT, "Ekonomienheten", "green", None),
                  ("RU-5", OP, "Löneenheten", "red", "Stopp"),       # another type before
                  ("VP-6", OP, "Ekonomienheten", "yellow", "Risk"),
                  ("RU-11", GOV, "Analysenheten", "green", None))    # moves to Löneenheten
    now = rows(A_KEYS, NOW,
               ("ru-1 ", GOV, "Analysenheten", "yellow", "Risk"),  # same id as RU-1: worse
               ("VP-2", OP, "Analysenheten", "completed", None),
               ("VP-3", OP, "Statistikenheten", "green", None),   # better
               ("RU-4", GOV, "Statistikenheten", "red", None),     # new, no comment
               ("RU-5", GOV, "Löneenheten", "green", None),        # better, not a new RU
               ("RU-7", GOV, "Ekonomienheten", "green", None),     # new RU
               ("VP-6", OP, "Ekonomienheten", "cancelled", None),
               ("VP-8", OP, "Löneenheten", "yellow", "   "),      # new, blank comment
               ("Ru-11", GOV, "Löneenheten", "green", None))
    return [{**r, "name": f"Uppdrag {r['id'].strip()}"} for r in before + now]


F_KEYS = "unit category budget outcome forecast previous_forecast"
S_KEYS = "unit permanent temporary fte sick_leave turnover"
P_KEYS = "kpi unit value target unit_of_measure"
TIME, DIGITAL = "Handläggningstid", "Andel digitala ansökningar"


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    units = [("Analysenheten", ANALYS), ("Statistikenheten", ANALYS),
             ("Ekonomienheten", EKONOMI), ("Löneenheten", EKONOMI),
             ("Juridiska enheten", EKONOMI)]
    return {
        "units": make_frame("units", [{"unit": u, "department": d} for u, d in units]),
        "assignments": make_frame("assignments", assignment_rows()),
        "finance": make_frame("finance", rows(
            F_KEYS, NOW,
            ("Analysenheten", "Personal", 1000.0, 300.0, 1020.0, 1000.0),  # deviation 2 %
            ("Analysenheten", "Lokaler", 500.0, 150.0, 500.0, None),
            ("Statistikenheten", "Totalt", 1000.0, 400.0, 1050.0, None),
            ("Ekonomienheten", "Totalt", 2000.0, 700.0, 2100.0, None),     # deviation 5 %
            ("Löneenheten", "Totalt", 0.0, 10.0, None, None),              # budget 0
            (None, "Gemensamt", 500.0, 100.0, 500.0, None),                # agency level
        ) + rows(
            F_KEYS, "2017-T1",
            ("Analysenheten", "Personal", 1000.0, 300.0, 1000.0, None),
            ("Statistikenheten", "Totalt", 1000.0, 300.0, 1000.0, None),
        )),
        "staff": make_frame("staff", rows(
            S_KEYS, NOW,
            ("Analysenheten", 10, 2, 11.0, 0.04, 0.10),
            ("Statistikenheten", 5, 1, 5.0, 0.10, 0.0),
            ("Ekonomienheten", 8, 0, None, 0.05, 0.05),
            ("Löneenheten", 4, 4, 7.5, 0.02, None),
        ) + rows(
            S_KEYS, PREV,
            ("Analysenheten", 10, 0, 10.0, 0.03, 0.05),
            ("Statistikenheten", 5, 1, 5.5, 0.06, 0.02),
            ("Ekonomienheten", 8, 0, 8.0, 0.04, 0.0),
        )),
        "processes": make_frame("processes", rows(
            P_KEYS, NOW,
            (TIME, None, 30.0, None, "dagar"),
            (TIME, "Analysenheten", 25.0, None, "dagar"),
            (TIME, "Ekonomienheten", 40.0, None, "dagar"),
            (DIGITAL, None, 0.72, 0.80, "%"),
            (DIGITAL, "Statistikenheten", 0.85, 0.80, "%"),
            ("IT-svarstid", None, 5.0, 4.0, "timmar"),
        ) + rows(
            P_KEYS, PREV,
            (TIME, None, 33.0, None, "dagar"),
            (TIME, "Analysenheten", 27.0, None, "dagar"),
        )),
        "kpi_settings": make_frame("kpi_settings", [
            {"kpi": TIME, "direction": "lower", "target": 28.0, "yellow_tolerance": 0.10},
            {"kpi": DIGITAL, "direction": "higher", "target": 0.90},
        ]),
    }


def ids(change: dict) -> list[str]:
    return [item["id"].strip() for item in change["items"]]


# --- operations ------------------------------------------------------------------------

def test_operations_whole_agency(frames):
    ops = operations(frames, Selection(NOW))
    assert ops["assignments"] == 9  # closed ones included
    assert ops["status_counts"] == {"green": 4, "yellow": 2, "red": 1, "completed": 1,
                                    "cancelled": 1}
    # 7 active (completed and cancelled left out): 4 green, 2 yellow, 1 red
    assert ops["status_share"] == pytest.approx({"green": 4 / 7, "yellow": 2 / 7, "red": 1 / 7})
    assert ops["status"] == "red"  # 0.57 < 0.75
    assert ops["government_assignments"] == 5  # ru-1, RU-4, RU-5, RU-7, Ru-11
    # ru-1 was RU-1, RU-5 was there as another type, Ru-11 was RU-11: only RU-4 and RU-7
    assert ops["new_government_assignments"] == 2
    changes = ops["changes"]
    assert ids(changes["worse"]) == ["ru-1"]
    assert changes["worse"]["items"][0] == {"id": "ru-1 ", "name": "Uppdrag ru-1",
                                            "unit": "Analysenheten",
                                            "department": "Analysavdelningen",
                                            "from": "green", "to": "yellow"}
    assert ids(changes["better"]) == ["VP-3", "RU-5"]  # completed/cancelled are neither
    assert ids(changes["new"]) == ["RU-4", "RU-7", "VP-8"]
    assert ids(changes["gone"]) == ["X-9"]
    assert changes["gone"]["count"] == 1
    assert ops["missing_comments"] == ["RU-4", "VP-8"]
    assert ops["previous_period"] == PREV


def test_operations_department(frames):
    ops = operations(frames, Selection(NOW, department=EKONOMI))
    # RU-5 g, RU-7 g, VP-6 cancelled, VP-8 y, Ru-11 g: 3 of 4 active green -> 0.75
    assert ops["assignments"] == 5
    assert ops["status_share"] == {"green": 0.75, "yellow": 0.25, "red": 0.0}
    assert ops["status"] == "yellow"
    assert ops["government_assignments"] == 3
    # Ru-11 was in Analysenheten last tertial: not new anywhere in the agency
    assert ops["new_government_assignments"] == 1
    assert ids(ops["changes"]["new"]) == ["RU-7", "VP-8"]
    assert ids(ops["changes"]["gone"]) == ["X-9"]
    assert ids(ops["changes"]["better"]) == ["RU-5"]
    assert ops["changes"]["worse"] == {"count": 0, "items": []}

    analys = operations(frames, Selection(NOW, department=ANALYS))
    assert analys["assignments"] == 4 and analys["new_government_assignments"] == 1
    assert analys["changes"]["gone"]["count"] == 0  # RU-11 moved, it did not go
    assert analys["missing_comments"] == ["RU-4"]


def test_green_share_change_compares_the_same_scope_with_the_previous_tertial(frames):
    # the agency: 4 of 7 active green before (RU-1, VP-2, X-9, RU-11) and now: no change
    assert operations(frames, Selection(NOW))["green_share_change"] == pytest.approx(0.0)
    # Ekonomi: 1 of 3 before (X-9 g, RU-5 r, VP-6 y), 3 of 4 now: +5/12
    ekonomi = operations(frames, Selection(NOW, department=EKONOMI))
    assert ekonomi["green_share_change"] == pytest.approx(0.75 - 1 / 3)
    # Analys: 3 of 4 before (RU-1, VP-2, RU-11 g; VP-3 y), 1 of 3 now (VP-3 g; ru-1 y, RU-4 r)
    analys = operations(frames, Selection(NOW, department=ANALYS))
    assert analys["green_share_change"] == pytest.approx(1 / 3 - 3 / 4)
    # the first tertial has nothing to compare with
    assert operations(frames, Selection(PREV))["green_share_change"] is None


def test_operations_unit_and_case_of_names(frames):
    ops = operations(frames, Selection(NOW, unit="  löneenheten "))
    # RU-5 g, VP-8 y, Ru-11 g -> 2 of 3
    assert ops["assignments"] == 3
    assert ops["status_share"]["green"] == pytest.approx(2 / 3)


def test_operations_without_previous_tertial(frames):
    frames["assignments"] = frames["assignments"].query("period == @NOW")
    ops = operations(frames, Selection(NOW))
    assert ops["previous_period"] is None
    assert ops["new_government_assignments"] is None
    assert ops["changes"]["new"] == {"count": None, "items": []}
    assert ops["assignments"] == 9  # the current figures stay


# --- finance -------------------------------------------------------------------------

def test_finance_agency(frames):
    fin = finance(frames, Selection(NOW))
    # budget 1000+500+1000+2000+0+500; outcome 300+150+400+700+10+100
    assert (fin["budget"], fin["outcome"]) == (5000.0, 1660.0)
    assert fin["forecast"] == 5170.0  # the blank forecast of Löneenheten left out
    assert fin["consumption"] == pytest.approx(0.332)
    assert fin["year_share"] == pytest.approx(4 / 12)
    assert fin["consumption_vs_share"] == pytest.approx(0.332 - 4 / 12)
    assert fin["forecast_deviation"] == pytest.approx(170 / 5000)  # 3.4 %
    assert fin["status"] == "yellow"
    assert fin["previous"] is None  # finance has no 2017-T3


def test_finance_department_and_year_before(frames):
    fin = finance(frames, Selection(NOW, department=ANALYS))
    # 2500 budget, 850 outcome, 2570 forecast -> 0.34 and 2.8 %
    assert fin["consumption"] == pytest.approx(0.34)
    assert fin["forecast_deviation"] == pytest.approx(0.028)
    yb = fin["year_before"]
    # 2017-T1: budget 2000, outcome 600 -> 0.30; +4 percentage points, as a fraction 0.04
    assert yb["period"] == "2017-T1"
    assert yb["consumption"] == pytest.approx(0.30)
    assert yb["consumption_change"] == pytest.approx(0.04)
    assert yb["outcome_change"] == 250.0


def test_finance_status_at_the_limits(frames):
    table = finance(frames, Selection(NOW))["table"]
    by_row = {(r.unit if pd.notna(r.unit) else None, r.category): r
              for r in table.itertuples()}
    assert by_row[("Analysenheten", "Personal")].status == "green"  # exactly 2 %
    assert by_row[("Ekonomienheten", "Totalt")].status == "yellow"  # exactly 5 %
    lone = by_row[("Löneenheten", "Totalt")]
    assert pd.isna(lone.consumption) and pd.isna(lone.status)      # budget 0
    assert by_row[(None, "Gemensamt")].forecast_deviation == 0.0
    assert by_row[("Analysenheten", "Personal")].department == ANALYS
    assert table["status"].dtype == "string"
    assert finance(frames, Selection(NOW, department=EKONOMI))["status"] == "yellow"


def test_finance_float_noise_at_two_percent():
    frames = {"finance": make_frame("finance", rows(
        "unit budget outcome forecast", NOW, ("A", 1.1, 0.5, 1.122)))}
    fin = finance(frames, Selection(NOW))
    assert fin["forecast_deviation"] > 0.02  # 0.020000000000000018 in floats
    assert fin["status"] == "green"


def test_finance_budget_zero_gives_none(frames):
    fin = finance(frames, Selection(NOW, unit="Löneenheten"))
    assert fin["budget"] == 0.0 and fin["outcome"] == 10.0
    assert fin["consumption"] is None and fin["forecast_deviation"] is None
    assert fin["forecast"] is None and fin["status"] is None
    assert fin["year_before"]["consumption"] is None  # no rows that year


# --- staff ---------------------------------------------------------------------------

def test_staff_department_weighted_by_fte(frames):
    st = staff(frames, Selection(NOW, department=ANALYS))
    assert (st["permanent"], st["temporary"], st["headcount"]) == (15, 3, 18)
    assert st["fte"] == 16.0
    assert st["weighted_by"] == "fte"
    # (0.04 * 11 + 0.10 * 5) / 16 = 0.94 / 16
    assert st["sick_leave"] == pytest.approx(0.05875)
    assert st["turnover"] == pytest.approx(1.1 / 16)
    # previous: 15 + 1 = 16 -> +2, all temporary
    assert (st["headcount_change"], st["permanent_change"], st["temporary_change"]) == (2, 0, 2)
    # previous sick leave (0.03 * 10 + 0.06 * 5.5) / 15.5 = 0.63 / 15.5
    assert st["sick_leave_change"] == pytest.approx(0.05875 - 0.63 / 15.5)


def test_staff_weighted_by_headcount_when_fte_missing(frames):
    st = staff(frames, Selection(NOW, department=EKONOMI))
    assert st["weighted_by"] == "headcount"  # Ekonomienheten gives no FTE
    # (0.05 * 8 + 0.02 * 8) / 16; turnover only Ekonomienheten has: 0.05
    assert st["sick_leave"] == pytest.approx(0.035)
    assert st["turnover"] == pytest.approx(0.05)
    assert st["headcount_change"] == 8  # Löneenheten had no row, Ekonomienheten 8 -> 8
    table = st["table"]
    assert table["unit"].tolist() == ["Ekonomienheten", "Löneenheten"]
    assert table["headcount"].tolist() == [8, 8]


def test_staff_without_previous_tertial(frames):
    frames["staff"] = frames["staff"].query("period == @NOW")
    st = staff(frames, Selection(NOW))
    assert st["headcount"] == 34
    for key in ("headcount_change", "permanent_change", "temporary_change",
                "sick_leave_change", "turnover_change"):
        assert st[key] is None


# --- processes -----------------------------------------------------------------------

def by_kpi(result: list[dict]) -> dict:
    return {(r["kpi"], r["unit"]): r for r in result}


def test_processes_agency_view_shows_only_agency_rows(frames):
    result = by_kpi(processes(frames, Selection(NOW)))
    assert set(result) == {(TIME, None), (DIGITAL, None), ("IT-svarstid", None)}
    time = result[(TIME, None)]
    # no row target -> settings 28, lower is better: 30 <= 28 * 1.1 -> yellow
    assert (time["target"], time["direction"], time["status"]) == (28.0, "lower", "yellow")
    assert (time["previous_value"], time["change"]) == (33.0, -3.0)
    digital = result[(DIGITAL, None)]
    # the row's target 0.80 wins over 0.90; default tolerance: 0.72 >= 0.8 * 0.9 -> yellow
    assert (digital["target"], digital["tolerance"], digital["status"]) == (0.8, 0.1, "yellow")
    assert digital["previous_value"] is None and digital["change"] is None
    it = result[("IT-svarstid", None)]
    assert (it["direction"], it["status"]) == ("higher", "green")  # no settings: higher


def test_processes_department_view_shows_its_units(frames):
    result = by_kpi(processes(frames, Selection(NOW, department=ANALYS)))
    assert set(result) == {(TIME, "Analysenheten"), (DIGITAL, "Statistikenheten")}
    assert result[(TIME, "Analysenheten")]["status"] == "green"  # 25 <= 28
    assert result[(TIME, "Analysenheten")]["change"] == -2.0
    ekonomi = processes(frames, Selection(NOW, department=EKONOMI))
    assert [(r["unit"], r["status"]) for r in ekonomi] == [("Ekonomienheten", "red")]


# --- selection, errors, empty and missing data ---------------------------------------

def test_empty_selection_gives_none(frames):
    sel = Selection(NOW, unit="Juridiska enheten")
    ops = operations(frames, sel)
    assert ops["assignments"] is None and ops["status_share"]["green"] is None
    assert ops["status"] is None and ops["new_government_assignments"] is None
    fin = finance(frames, sel)
    assert fin["budget"] is None and fin["consumption"] is None and fin["table"].empty
    st = staff(frames, sel)
    assert st["headcount"] is None and st["sick_leave"] is None
    assert st["headcount_change"] is None
    assert processes(frames, sel) == []


@pytest.mark.parametrize(("selection", "code"), [
    (Selection("2019-T2"), "unknown_period"),
    (Selection("hello"), "invalid_period"),
    (Selection(NOW, department="Påhittade avdelningen"), "unknown_department"),
    (Selection(NOW, unit="Påhittade enheten"), "unknown_unit"),
    (Selection(NOW, department=ANALYS, unit="Löneenheten"), "unit_not_in_department"),
])
def test_bad_selection_is_refused_in_both_languages(frames, selection, code):
    with pytest.raises(ValueError) as caught:
        summary(frames, selection)
    error = caught.value
    assert isinstance(error, SelectionError)
    assert error.code == code
    assert error.message_sv and error.message_en and error.message_sv != error.message_en


def test_missing_datasets_still_give_a_summary(frames):
    only = {"assignments": frames["assignments"]}
    result = summary(only, Selection(NOW))
    assert result["operations"]["assignments"] == 9
    assert result["finance"]["budget"] is None and result["finance"]["status"] is None
    assert result["staff"]["headcount"] is None and result["processes"] == []
    assert result["departments"] == []
    with pytest.raises(SelectionError):
        summary(only, Selection(NOW, department=ANALYS))  # no units frame
    empty = {name: make_frame(name, []) for name in BY_NAME} | {"staff": pd.DataFrame()}
    with pytest.raises(SelectionError):
        summary(empty, Selection(NOW))  # no data, no period


def plain_only(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain_only(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def test_summary_is_plain_json(frames):
    result = summary(frames, Selection(NOW, department=ANALYS))
    assert plain_only(result)
    json.dumps(result, allow_nan=False)
    assert result["period"] == NOW
    assert result["previous_period"] == PREV
    assert result["year_before_period"] == "2017-T1"
    assert result["selection"] == {"department": ANALYS, "unit": None}
    assert result["departments"] == [ANALYS, EKONOMI]
    assert result["units"][EKONOMI] == ["Ekonomienheten", "Juridiska enheten", "Löneenheten"]
    ops = result["operations"]
    assert ops["status_counts"]["completed"] == 1
    assert ops["changes"]["worse"]["count"] == 1
    assert result["finance"]["status"] == "yellow"
    assert result["staff"]["temporary_change"] == 2
    assert {p["kpi"] for p in result["processes"]} == {TIME, DIGITAL}
    assert set(result["processes"][0]) >= {"kpi", "unit", "value", "target", "status",
                                           "unit_of_measure"}


def test_summary_of_a_unit_names_its_department(frames):
    result = summary(frames, Selection(NOW, unit="Löneenheten"))
    assert result["selection"] == {"department": EKONOMI, "unit": "Löneenheten"}


def test_summary_thresholds_are_passed_on(frames):
    lax = Thresholds(operations_green=0.5, operations_yellow=0.4, finance_green=0.05)
    result = summary(frames, Selection(NOW), lax)
    assert result["operations"]["status"] == "green"  # 4/7 >= 0.5
    assert result["finance"]["status"] == "green"     # 3.4 % <= 5 %


def test_departments_in_swedish_alphabetical_order():
    names = ["Ekonomiavdelningen", "Analysavdelningen", "Översättningsavdelningen",
             "Ärendeavdelningen", "Åtgärdsavdelningen", "ekonomiavdelningen "]
    frames = {"units": make_frame("units", [
        {"unit": f"Enhet {i}", "department": name} for i, name in enumerate(names)])}
    assert departments(frames) == ["Analysavdelningen", "Ekonomiavdelningen",
                                   "Åtgärdsavdelningen", "Ärendeavdelningen",
                                   "Översättningsavdelningen"]
    assert sorted(["ö", "z", "ä", "å", "é", "a"], key=swedish_key) == [
        "a", "é", "z", "å", "ä", "ö"]
