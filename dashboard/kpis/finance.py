"""Finance (ekonomi): budget, year-to-date outcome and forecast, in tkr.

Outcome is year-to-date at the end of the tertial, so consumption (outcome / budget) is read
against the share of the year gone (4/12, 8/12, 12/12), and comparisons are year-to-date
against year-to-date: the same tertial a year before, and the previous tertial of the same
year (never the previous year's T3, a full year). Forecast figures are computed over the rows
that have a forecast, never mixed with the budget of rows without one. Changes of a
ratio (``consumption_change``, ``forecast_deviation_change``) are differences of fractions:
0.012 means 1.2 percentage points. Between two tertials of one year consumption grows with
the year itself (about a third of the budget each tertial), so what the pages show as its
change is ``consumption_vs_share_change``: how its distance to the year's pace moved.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpis.periods import label_if_present
from dashboard.kpis.status import DEFAULT_THRESHOLDS, Thresholds, finance_status
from loaders.periods import Tertial

from .numbers import difference, ratio, total
from .organisation import Frames, swedish_key
from .rows import scoped_rows
from .scope import Scope, Selection, resolve

MONEY: tuple[str, ...] = ("budget", "outcome", "forecast", "previous_forecast")
TABLE_COLUMNS: dict[str, str] = {
    "unit": "string", "department": "string", "category": "string",
    "budget": "Float64", "outcome": "Float64", "forecast": "Float64",
    "consumption": "Float64", "forecast_deviation": "Float64", "status": "string",
}
# figure -> its change key in a comparison with another tertial
COMPARED: dict[str, str] = {
    "budget": "budget_change",
    "outcome": "outcome_change",
    "forecast": "forecast_change",
    "consumption": "consumption_change",
    "consumption_vs_share": "consumption_vs_share_change",  # against the year's pace
    "forecast_deviation": "forecast_deviation_change",
}


def _missing_forecast(rows: pd.DataFrame) -> dict:
    """Which rows of the selection have no forecast: their count and their named units
    (Swedish order; agency-level rows, with a blank unit, are counted but not named).
    Both None when the selection has no finance rows."""
    if rows.empty:
        return {"forecast_missing_rows": None, "forecast_missing_units": None}
    lacking = rows[rows["forecast"].isna()]
    units = lacking["unit"].astype("string").str.strip().dropna()
    named = sorted({u for u in units if u}, key=swedish_key)
    return {"forecast_missing_rows": len(lacking), "forecast_missing_units": named}


def _forecast_figures(rows: pd.DataFrame, thresholds: Thresholds) -> dict:
    """Forecast figures, each over the rows that have what it compares, never mixing row
    sets: the deviation (and status) over the rows with a forecast (and a budget), the
    change against the previous forecast over the rows with both forecasts. None when no
    row qualifies."""
    with_forecast = rows[rows["forecast"].notna() & rows["budget"].notna()]
    budget = total(with_forecast["budget"])
    deviation = ratio(difference(total(with_forecast["forecast"]), budget), budget)
    both = rows[rows["forecast"].notna() & rows["previous_forecast"].notna()]
    return {
        "forecast_budget": budget,
        "forecast_deviation": deviation,
        "forecast_vs_previous": difference(total(both["forecast"]),
                                           total(both["previous_forecast"])),
        **_missing_forecast(rows),
        "status": finance_status(deviation, thresholds),
    }


def tertial_figures(rows: pd.DataFrame, tertial: Tertial, thresholds: Thresholds) -> dict:
    """Sums and ratios of the finance rows of one tertial (None where not computable).
    Budget, outcome and consumption are over every row (both are always given); the
    forecast figures over the rows that have a forecast (see :func:`_forecast_figures`)."""
    sums = {field: total(rows[field]) for field in MONEY}
    consumption = ratio(sums["outcome"], sums["budget"])
    return {
        **sums,
        "year_share": tertial.year_share,
        "consumption": consumption,
        "consumption_vs_share": difference(consumption, tertial.year_share),
        **_forecast_figures(rows, thresholds),
    }


def _like_with_like(now: Tertial, other: Tertial) -> bool:
    """Year-to-date figures compare within one year or with the same tertial of another."""
    return other.year == now.year or other.number == now.number


def compared_with(frames: Frames, scope: Scope, current: dict,
                other: Tertial, thresholds: Thresholds) -> dict | None:
    """The other tertial's figures and the changes to the current ones; None when the
    finance data lacks that tertial, or when it lies in another year but is not the same
    tertial (finance is year-to-date and restarts in January: 2018-T1 is never compared
    with 2017-T3, a full year)."""
    if not _like_with_like(scope.period, other):
        return None
    if label_if_present(frames, other, ["finance"]) is None:
        return None
    then = tertial_figures(scoped_rows(frames, "finance", scope, other), other, thresholds)
    result: dict = {"period": other.label}
    for figure, change in COMPARED.items():
        result[figure] = then[figure]
        result[change] = difference(current[figure], then[figure])
    return result


def _sort_key(series: pd.Series) -> pd.Series:
    return series.map(lambda text: swedish_key(text)[0] if isinstance(text, str) else "")


def finance_table(rows: pd.DataFrame, scope: Scope,
                  thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """One row per unit and category: sums, consumption, forecast deviation and status.
    Agency-level rows (blank unit) keep a missing unit and department."""
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in TABLE_COLUMNS.items()})
    rows = rows.assign(unit=rows["unit"].astype("string").str.strip(),
                       category=rows["category"].astype("string").str.strip())
    money = ["budget", "outcome", "forecast"]
    table = (rows.groupby(["unit", "category"], dropna=False, sort=False)[money]
             .sum(min_count=1).reset_index())
    budget = table["budget"].astype("Float64").mask(table["budget"].eq(0).fillna(False))
    table["consumption"] = table["outcome"] / budget
    table["forecast_deviation"] = (table["forecast"] - table["budget"]) / budget
    table["department"] = scope.department_of(table["unit"])
    table["status"] = table["forecast_deviation"].map(
        lambda deviation: finance_status(deviation, thresholds)).astype("string")
    table = table.sort_values(["unit", "category"], key=_sort_key, na_position="first")
    return table[list(TABLE_COLUMNS)].astype(TABLE_COLUMNS).reset_index(drop=True)


def finance_figures(frames: Frames, scope: Scope,
                    thresholds: Thresholds = DEFAULT_THRESHOLDS, with_table: bool = True) -> dict:
    """Finance figures of an already resolved scope (see :func:`finance`); the table per unit
    and category only when ``with_table`` (the summary does not show it)."""
    rows = scoped_rows(frames, "finance", scope)
    current = tertial_figures(rows, scope.period, thresholds)
    return {
        "period": scope.period.label,
        **current,
        "previous": compared_with(frames, scope, current, scope.period.previous, thresholds),
        "year_before": compared_with(frames, scope, current, scope.period.year_before,
                                   thresholds),
        **({"table": finance_table(rows, scope, thresholds)} if with_table else {}),
    }


def finance(frames: Frames, selection: Selection,
            thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """The finance perspective for a selection.

    Keys: period, budget, outcome, forecast, previous_forecast (sums in tkr; None when no
    row has a value), year_share, consumption (outcome / budget), consumption_vs_share;
    forecast_budget (the budget of the rows with a forecast), forecast_deviation ((forecast
    - budget) / budget over the rows with a forecast; None when no row has one),
    forecast_vs_previous (forecast - previous forecast over the rows with both),
    forecast_missing_rows and forecast_missing_units (the rows without a forecast and their
    named units, for "prognos saknas för 3 enheter"), status (from forecast_deviation);
    previous and year_before (the same figures of that tertial with ``*_change`` keys, or
    None when the finance data lacks it; previous is also None across a year end, as
    year-to-date figures restart in January); table (a DataFrame per unit and category).
    """
    return finance_figures(frames, resolve(frames, selection), thresholds)
