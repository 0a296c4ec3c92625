"""Trends and breakdowns, checked against values worked out by hand from small frames.

The organisation: Analysavdelningen = Analysenheten + Statistikenheten; Ekonomiavdelningen =
Ekonomienheten; Åtgärdsavdelningen = Åtgärdsenheten; Ärendeavdelningen = Ärendeenheten
(Swedish order: Analys, Ekonomi, Åtgärd, Ärende; code-point order would put Ä before Å).
Tertials: 2017-T3 (PREV), 2018-T1 (NOW) and 2018-T2 (LATER, assignments only).
``small_frames`` is also used by ``test_figures.py``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.kpis import (
    Selection,
    SelectionError,
    finance,
    finance_trend,
    kpi_trend,
    natural_grouping,
    processes,
    staff,
    staff_changes,
    staff_trend,
    status_by_group,
    status_trend,
    summary,
)
from tests.frames import make_frame, rows

PREV, NOW, LATER = "2017-T3", "2018-T1", "2018-T2"
ANALYS, EKONOMI = "Analysavdelningen", "Ekonomiavdelningen"
ATGARD, ARENDE = "Åtgärdsavdelningen", "Ärendeavdelningen"
MM, DS = "Modern myndighet", "Digital service"
TIME, DIGITAL = "Handläggningstid", "Andel digitala ansökningar"


A_KEYS = "id type unit status result_area goal"
GOV, OP = "government", "operational_plan"
F_KEYS = "unit category budget outcome forecast"
S_KEYS = "unit permanent temporary fte sick_leave turnover"
P_KEYS = "kpi unit value target unit_of_measure"


def assignment_rows() -> list[dict]:
    before = rows(A_KEYS, PREV,
                  ("A1", GOV, "Analysenheten", "green", MM, "Attraktiv arbetsplats"),
                  ("A2", OP, "Statistikenheten", "yellow", MM, "Enkla processer"),
                  ("A3", OP, "Ekonomienheten", "red", DS, "Kortare handläggning"),
                  ("A4", OP, "Ärendeenheten", "green", DS, "Fler digitala"))
    now = rows(A_KEYS, NOW,
               ("a1 ", GOV, "Analysenheten", "green", MM, "Attraktiv arbetsplats"),
               ("A2", OP, "Statistikenheten", "green", MM, "enkla processer"),
               ("A3", OP, "Ekonomienheten", "yellow", DS, "Kortare handläggning"),
               ("A5", OP, "Ekonomienheten", "completed", DS, "Kortare handläggning"),
               ("A6", GOV, "Ärendeenheten", "red", None, None),
               ("A7", OP, "Åtgärdsenheten", "green", MM, "Attraktiv arbetsplats"),
               ("A8", OP, "Åtgärdsenheten", "cancelled", MM, "Attraktiv arbetsplats"),
               ("A9", OP, "Analysenheten", "yellow", "Modern myndighet ",
                "Attraktiv arbetsplats"))
    later = rows(A_KEYS, LATER, ("A1", GOV, "Analysenheten", "green", MM, "Attraktiv"))
    return [{**r, "name": f"Uppdrag {r['id']}"} for r in before + now + later]


def small_frames() -> dict[str, pd.DataFrame]:
    units = [("Analysenheten", ANALYS), ("Statistikenheten", ANALYS),
             ("Ekonomienheten", EKONOMI), ("Åtgärdsenheten", ATGARD),
             ("Ärendeenheten", ARENDE)]
    return {
        "units": make_frame("units", [{"unit": u, "department": d} for u, d in units]),
        "assignments": make_frame("assignments", assignment_rows()),
        "finance": make_frame("finance", rows(
            F_KEYS, NOW,
            ("Analysenheten", "Personal", 1200.0, 400.0, 1180.0),
            ("Analysenheten", "Lokaler", 300.0, 100.0, 300.0),
            ("Ekonomienheten", "Totalt", 1500.0, 450.0, 1560.0),
            (None, "Gemensamt", 500.0, 200.0, 500.0),              # agency level
        ) + rows(
            F_KEYS, PREV,
            ("Analysenheten", "Personal", 1000.0, 990.0, 1000.0),
            ("Ekonomienheten", "Totalt", 1000.0, 1020.0, 1050.0),
        )),
        "staff": make_frame("staff", rows(
            S_KEYS, NOW,
            ("Analysenheten", 10, 3, 12.0, 0.05, 0.08),
            ("Ekonomienheten", 6, 0, 6.0, 0.02, 0.0),
            ("Ärendeenheten", 4, 2, None, 0.10, 0.05),            # no FTE: weigh by heads
        ) + rows(
            S_KEYS, PREV,
            ("Analysenheten", 10, 1, 10.5, 0.04, 0.10),
            ("Ekonomienheten", 5, 0, 5.0, 0.02, 0.0),
        )),
        "processes": make_frame("processes", rows(
            P_KEYS, PREV,
            (TIME, None, 36.0, None, "dagar"),
            (TIME, "Analysenheten", 31.0, None, "dagar"),
            (DIGITAL, None, 70.0, 80.0, "%"),
        ) + rows(
            P_KEYS, NOW,
            (TIME, None, 32.0, None, "dagar"),
            (TIME, "Analysenheten", 28.0, None, "dagar"),
            (TIME, "Statistikenheten", 30.0, 25.0, "dagar"),      # own target wins
            (TIME, "Ekonomienheten", 35.0, 34.0, "dagar"),
            (DIGITAL, None, 72.0, 80.0, "%"),
        )),
        "kpi_settings": make_frame("kpi_settings", [
            {"kpi": TIME, "direction": "lower", "target": 30.0, "yellow_tolerance": 0.10},
            {"kpi": DIGITAL, "direction": "higher"},
        ]),
    }


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    return small_frames()


def column(df: pd.DataFrame, name: str) -> list:
    return [None if pd.isna(v) else v for v in df[name]]


# --- status_trend ----------------------------------------------------------------------

def test_status_trend_counts_and_shares_per_tertial_up_to_the_selected_one(frames):
    df = status_trend(frames, Selection(NOW))
    assert column(df, "period") == [PREV, NOW]  # LATER is after the selection
    # PREV: A1 g, A2 y, A3 r, A4 g; NOW: a1 g, A2 g, A7 g, A3 y, A9 y, A6 r, A5 done, A8 stop
    assert column(df, "green") == [2, 3]
    assert column(df, "yellow") == [1, 2]
    assert column(df, "red") == [1, 1]
    assert column(df, "completed") == [0, 1]
    assert column(df, "cancelled") == [0, 1]
    assert column(df, "active") == [4, 6]
    assert column(df, "green_share") == pytest.approx([0.5, 0.5])
    assert column(df, "yellow_share") == pytest.approx([0.25, 2 / 6])
    assert column(df, "red_share") == pytest.approx([0.25, 1 / 6])
    assert len(status_trend(frames, Selection(LATER))) == 3


def test_status_trend_last_row_equals_the_summary(frames):
    for selection in (Selection(NOW), Selection(NOW, department=ANALYS),
                      Selection(NOW, unit="ekonomienheten")):
        last = status_trend(frames, selection).iloc[-1]
        ops = summary(frames, selection)["operations"]
        assert {s: last[f"{s}_share"] for s in ("green", "yellow", "red")} == pytest.approx(
            ops["status_share"])
        assert {s: last[s] for s in ops["status_counts"]} == ops["status_counts"]


def test_status_trend_keeps_a_tertial_without_rows_in_the_selection_as_missing(frames):
    df = status_trend(frames, Selection(NOW, department=ATGARD))
    assert column(df, "period") == [PREV, NOW]
    assert column(df, "green") == [None, 1]  # Åtgärdsenheten had nothing in PREV
    assert column(df, "green_share") == [None, 1.0]
    ekonomi = status_trend(frames, Selection(NOW, department=EKONOMI))
    assert column(ekonomi, "red_share") == [1.0, 0.0]
    assert column(ekonomi, "yellow_share") == [0.0, 1.0]  # A5 completed is outside


def test_a_bad_selection_is_refused(frames):
    with pytest.raises(SelectionError):
        status_trend(frames, Selection(NOW, department="Okänd avdelning"))
    with pytest.raises(SelectionError):
        finance_trend(frames, Selection("2030-T1"))


# --- status_by_group -------------------------------------------------------------------

def test_status_by_department_in_swedish_order(frames):
    df = status_by_group(frames, Selection(NOW), "department")
    assert column(df, "department") == [ANALYS, EKONOMI, ATGARD, ARENDE]
    assert column(df, "green") == [2, 0, 1, 0]
    assert column(df, "yellow") == [1, 1, 0, 0]
    assert column(df, "red") == [0, 0, 0, 1]
    assert column(df, "active") == [3, 1, 1, 1]
    assert column(df, "green_share") == pytest.approx([2 / 3, 0, 1, 0])


def test_status_by_unit_within_a_department(frames):
    df = status_by_group(frames, Selection(NOW, department=ANALYS), "unit")
    assert column(df, "unit") == ["Analysenheten", "Statistikenheten"]
    assert column(df, "green") == [1, 1] and column(df, "yellow") == [1, 0]


def test_status_by_result_area_puts_assignments_without_one_last(frames):
    df = status_by_group(frames, Selection(NOW), "result_area")
    assert column(df, "result_area") == [DS, MM, None]
    # "Modern myndighet " with a trailing space is the same result area
    assert column(df, "green") == [0, 3, 0]
    assert column(df, "yellow") == [1, 1, 0]
    assert column(df, "cancelled") == [0, 1, 0]
    assert column(df, "red") == [0, 0, 1]


def test_the_goals_of_one_result_area(frames):
    df = status_by_group(frames, Selection(NOW), "goal", result_area="modern MYNDIGHET")
    assert column(df, "result_area") == [MM, MM]
    assert column(df, "goal") == ["Attraktiv arbetsplats", "enkla processer"]
    assert column(df, "green") == [2, 1]
    assert column(df, "yellow") == [1, 0]
    assert column(df, "active") == [3, 1]
    every = status_by_group(frames, Selection(NOW), "goal")
    assert column(every, "result_area") == [DS, MM, MM, None]


def test_the_natural_grouping_of_each_view():
    assert natural_grouping(Selection(NOW)) == "department"
    assert natural_grouping(Selection(NOW, department=ANALYS)) == "unit"
    assert natural_grouping(Selection(NOW, department=ANALYS, unit="Analysenheten")) == (
        "result_area")


def test_status_by_group_refuses_an_unknown_grouping_and_handles_no_rows(frames):
    with pytest.raises(ValueError, match="department"):
        status_by_group(frames, Selection(NOW), "owner")
    empty = status_by_group(frames, Selection(NOW), "goal", result_area="Finns inte")
    assert empty.empty and {"result_area", "goal", "green_share"} <= set(empty.columns)


# --- finance_trend ---------------------------------------------------------------------

def test_finance_trend(frames):
    df = finance_trend(frames, Selection(LATER))  # finance has no LATER: two rows
    assert column(df, "period") == [PREV, NOW]
    assert column(df, "budget") == [2000.0, 3500.0]
    assert column(df, "outcome") == [2010.0, 1150.0]
    assert column(df, "forecast") == [2050.0, 3540.0]
    assert column(df, "year_share") == pytest.approx([1.0, 1 / 3])
    assert column(df, "consumption") == pytest.approx([1.005, 1150 / 3500])
    assert column(df, "forecast_deviation") == pytest.approx([0.025, 40 / 3500])
    assert column(df, "status") == ["yellow", "green"]


def test_finance_trend_equals_finance_for_each_tertial(frames):
    selection = Selection(NOW, department=ANALYS)
    last = finance_trend(frames, selection).iloc[-1]
    figures = finance(frames, selection)
    for key in ("budget", "outcome", "forecast", "consumption", "forecast_deviation",
                "year_share", "status"):
        assert last[key] == pytest.approx(figures[key]), key
    assert last["consumption"] == pytest.approx(500 / 1500)


# --- staff_trend and staff_changes -----------------------------------------------------

def test_staff_trend(frames):
    df = staff_trend(frames, Selection(NOW))
    assert column(df, "permanent") == [15, 20]
    assert column(df, "temporary") == [1, 5]
    assert column(df, "headcount") == [16, 25]
    assert column(df, "fte") == pytest.approx([15.5, 18.0])
    # PREV weighted by FTE; NOW by headcount (Ärendeenheten gives no FTE)
    assert column(df, "sick_leave") == pytest.approx([0.52 / 15.5, 1.37 / 25])
    assert column(df, "turnover") == pytest.approx([1.05 / 15.5, 1.34 / 25])
    assert column(df, "weighted_by") == ["fte", "headcount"]
    now = staff(frames, Selection(NOW))
    assert df.iloc[-1]["headcount"] - df.iloc[0]["headcount"] == now["headcount_change"] == 9


def test_staff_changes_by_unit_split_by_employment_type(frames):
    df = staff_changes(frames, Selection(NOW))
    assert column(df, "unit") == ["Analysenheten", "Ekonomienheten", "Ärendeenheten"]
    assert column(df, "department") == [ANALYS, EKONOMI, ARENDE]
    assert column(df, "permanent_change") == [0, 1, None]
    assert column(df, "temporary_change") == [2, 0, None]  # "+2, all temporary"
    assert column(df, "headcount_change") == [2, 1, None]  # Ärendeenheten is new
    table = staff(frames, Selection(NOW))["table"]
    assert column(df, "headcount_change") == column(table, "headcount_change")


def test_staff_changes_by_department_and_without_previous_tertial(frames):
    df = staff_changes(frames, Selection(NOW), by="department")
    assert column(df, "department") == [ANALYS, EKONOMI, ARENDE]
    assert column(df, "headcount") == [13, 6, 6]
    assert column(df, "headcount_change") == [2, 1, None]
    first = staff_changes(frames, Selection(PREV))
    assert column(first, "headcount") == [11, 5]
    assert column(first, "headcount_change") == [None, None]
    with pytest.raises(ValueError):
        staff_changes(frames, Selection(NOW), by="result_area")


# --- kpi_trend -------------------------------------------------------------------------

def test_kpi_trend_agency_view_uses_the_rows_without_unit(frames):
    df = kpi_trend(frames, Selection(NOW), "handläggningstid")  # name without case
    assert column(df, "period") == [PREV, NOW]
    assert column(df, "unit") == [None, None]
    assert column(df, "value") == [36.0, 32.0]
    assert column(df, "target") == [30.0, 30.0]  # from the KPI settings
    # lower is better: green <= 30, yellow <= 33
    assert column(df, "status") == ["red", "yellow"]
    assert column(df, "direction") == ["lower", "lower"]


def test_kpi_trend_department_view_has_one_row_per_unit_never_an_average(frames):
    df = kpi_trend(frames, Selection(NOW, department=ANALYS), TIME)
    assert list(zip(column(df, "period"), column(df, "unit"), column(df, "value"),
                    column(df, "target"), column(df, "status"), strict=True)) == [
        (PREV, "Analysenheten", 31.0, 30.0, "yellow"),
        (NOW, "Analysenheten", 28.0, 30.0, "green"),
        (NOW, "Statistikenheten", 30.0, 25.0, "red"),  # its own target wins
    ]
    now = [p for p in processes(frames, Selection(NOW, department=ANALYS)) if p["kpi"] == TIME]
    assert [p["status"] for p in now] == column(df, "status")[1:]


def test_kpi_trend_of_an_unknown_key_figure_is_empty(frames):
    df = kpi_trend(frames, Selection(NOW), "Finns inte")
    assert df.empty and "value" in df.columns
