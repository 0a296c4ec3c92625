"""Finance headline figures that must not mix row sets or compare across a year end.

Forecast figures are computed over the rows that have a forecast (a budgeted row without a
forecast is reported, not counted as a forecast of 0). Finance is year-to-date, so 2018-T1
is compared with 2017-T1, never with 2017-T3 (a full year), while operations and staff
(stocks) still compare with 2017-T3. Every expected value is worked out by hand.
"""

from __future__ import annotations

import pytest

from dashboard.kpis import Selection, finance, finance_trend, summary
from tests.dashboard.kpis.test_kpis import make_frame, rows

F_KEYS = "unit category budget outcome forecast previous_forecast"
ANALYS, STOD = "Analysavdelningen", "Stödavdelningen"
UNITS = [("Analysenheten", ANALYS), ("Statistikenheten", ANALYS), ("Ekonomienheten", STOD),
         ("Öppna enheten", STOD)]


def units_frame():
    return make_frame("units", [{"unit": u, "department": d} for u, d in UNITS])


def finance_frames(*finance_rows: dict) -> dict:
    return {"units": units_frame(), "finance": make_frame("finance", list(finance_rows))}


# --- (A) forecast figures over the rows that have a forecast ----------------------------

def test_the_example_of_the_review_is_level_not_minus_fifty_percent():
    frames = finance_frames(*rows(F_KEYS, "2018-T2",
                                  ("Analysenheten", "Totalt", 1000.0, 600.0, 1000.0, None),
                                  ("Statistikenheten", "Totalt", 1000.0, 700.0, None, None)))
    fin = finance(frames, Selection("2018-T2"))
    assert fin["forecast_deviation"] == 0.0        # (1000 - 1000) / 1000, not -50 %
    assert fin["status"] == "green"                # not red
    assert fin["forecast_missing_rows"] == 1
    assert fin["forecast_missing_units"] == ["Statistikenheten"]
    assert (fin["budget"], fin["outcome"]) == (2000.0, 1300.0)   # every row
    assert fin["consumption"] == pytest.approx(0.65)             # 1300 / 2000
    assert (fin["forecast"], fin["forecast_budget"]) == (1000.0, 1000.0)


def test_a_budgeted_row_without_forecast_is_left_out_and_named():
    frames = finance_frames(*rows(
        F_KEYS, "2018-T2",
        ("Analysenheten", "Personal", 1000.0, 600.0, 1030.0, 1010.0),  # both forecasts
        ("Statistikenheten", "Totalt", 1000.0, 700.0, None, 990.0),    # no forecast
        ("Ekonomienheten", "Totalt", 500.0, 300.0, 500.0, None),       # no previous one
        ("Öppna enheten", "Totalt", 400.0, 100.0, None, None),         # no forecast
        (None, "Gemensamt", 100.0, 50.0, None, None),                  # agency, no forecast
    ))
    fin = finance(frames, Selection("2018-T2"))
    # forecast rows: budget 1000 + 500, forecast 1030 + 500 -> 30 / 1500 = 2 % (green)
    assert fin["forecast_budget"] == 1500.0 and fin["forecast"] == 1530.0
    assert fin["forecast_deviation"] == pytest.approx(0.02)
    assert fin["status"] == "green"
    # rows with both forecasts: Analysenheten only, 1030 - 1010 (not 1530 - 2000)
    assert fin["forecast_vs_previous"] == 20.0
    assert fin["forecast_missing_rows"] == 3   # the agency row counted, not named
    assert fin["forecast_missing_units"] == ["Statistikenheten", "Öppna enheten"]
    assert fin["budget"] == 3000.0 and fin["outcome"] == 1750.0
    stod = finance(frames, Selection("2018-T2", department=STOD))
    assert stod["forecast_deviation"] == 0.0 and stod["forecast_budget"] == 500.0
    assert stod["forecast_missing_units"] == ["Öppna enheten"]


def test_no_forecast_at_all_gives_no_deviation_and_no_status():
    frames = finance_frames(*rows(F_KEYS, "2018-T2",
                                  ("Analysenheten", "Totalt", 1000.0, 600.0, None, 1000.0),
                                  ("Ekonomienheten", "Totalt", 500.0, 250.0, None, None)))
    fin = finance(frames, Selection("2018-T2"))
    assert fin["forecast"] is None and fin["forecast_budget"] is None
    assert fin["forecast_deviation"] is None and fin["status"] is None
    assert fin["forecast_vs_previous"] is None
    assert fin["forecast_missing_rows"] == 2
    assert fin["forecast_missing_units"] == ["Analysenheten", "Ekonomienheten"]
    assert fin["consumption"] == pytest.approx(850 / 1500)   # still shown
    trend = finance_trend(frames, Selection("2018-T2"))
    assert trend["status"].isna().all() and trend["forecast_deviation"].isna().all()


def test_an_empty_selection_has_no_missing_forecasts_to_report():
    frames = finance_frames(*rows(F_KEYS, "2018-T2",
                                  ("Analysenheten", "Totalt", 1000.0, 600.0, None, None)))
    fin = finance(frames, Selection("2018-T2", unit="Ekonomienheten"))
    assert fin["forecast_missing_rows"] is None and fin["forecast_missing_units"] is None
    assert fin["forecast_deviation"] is None and fin["status"] is None


# --- (B) year-to-date compares like with like ----------------------------------------------

A_KEYS = "id name type unit status"
S_KEYS = "unit permanent temporary"


def across_the_year_end() -> dict:
    finance_rows = (
        rows(F_KEYS, "2018-T1", ("Analysenheten", "Totalt", 1200.0, 300.0, 1212.0, None))
        + rows(F_KEYS, "2017-T3", ("Analysenheten", "Totalt", 1000.0, 990.0, 1000.0, None))
        + rows(F_KEYS, "2017-T1", ("Analysenheten", "Totalt", 1000.0, 250.0, 1040.0, None)))
    return {
        "units": units_frame(),
        "finance": make_frame("finance", finance_rows),
        "assignments": make_frame("assignments", rows(
            A_KEYS, "2018-T1",
            ("RU-1", "Uppdrag 1", "government", "Analysenheten", "green"),
            ("RU-2", "Uppdrag 2", "government", "Analysenheten", "green"),
        ) + rows(A_KEYS, "2017-T3",
                 ("RU-1", "Uppdrag 1", "government", "Analysenheten", "yellow"))),
        "staff": make_frame("staff", rows(S_KEYS, "2018-T1", ("Analysenheten", 10, 3))
                            + rows(S_KEYS, "2017-T3", ("Analysenheten", 10, 1))),
    }


def test_finance_t1_is_not_compared_with_the_previous_full_year():
    fin = finance(across_the_year_end(), Selection("2018-T1"))
    assert fin["previous"] is None   # 2017-T3 is a full year: no comparison
    yb = fin["year_before"]
    assert yb["period"] == "2017-T1"
    # 2018-T1: 300 / 1200 = 0.25; 2017-T1: 250 / 1000 = 0.25 -> +0 percentage points
    assert yb["consumption"] == pytest.approx(0.25)
    assert yb["consumption_change"] == pytest.approx(0.0)
    assert yb["outcome_change"] == 50.0 and yb["budget_change"] == 200.0
    # deviation 12 / 1200 = 1 % against 40 / 1000 = 4 % -> -3 percentage points
    assert yb["forecast_deviation_change"] == pytest.approx(-0.03)


def test_operations_and_staff_still_compare_with_the_previous_tertial():
    result = summary(across_the_year_end(), Selection("2018-T1"))
    assert result["previous_period"] == "2017-T3"
    assert result["finance"]["previous"] is None
    assert result["finance"]["year_before"]["period"] == "2017-T1"
    assert result["staff"]["headcount_change"] == 2       # 13 - 11
    assert result["staff"]["temporary_change"] == 2
    assert result["operations"]["new_government_assignments"] == 1   # RU-2
    assert result["operations"]["changes"]["better"]["count"] == 1    # RU-1 yellow -> green


def test_finance_t2_is_compared_with_t1_of_the_same_year():
    frames = finance_frames(*(
        rows(F_KEYS, "2018-T2", ("Analysenheten", "Totalt", 1200.0, 800.0, 1200.0, None))
        + rows(F_KEYS, "2018-T1", ("Analysenheten", "Totalt", 1200.0, 300.0, 1212.0, None))))
    previous = finance(frames, Selection("2018-T2"))["previous"]
    assert previous["period"] == "2018-T1"
    assert previous["outcome_change"] == 500.0
    assert previous["forecast_deviation_change"] == pytest.approx(-0.01)   # 0 % - 1 %
