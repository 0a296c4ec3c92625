"""The department matrix's finance cell and the staff rates' weighted mean, made with less
work, give exactly the figures of the way they were made before.

The finance cell takes the tertial's figures and the comparison with the previous tertial
straight from ``tertial_figures`` and ``compared_with`` (``dashboard/kpis/matrix.py``)
instead of all of ``finance_figures`` (which also compares with the year before); ``weighted_mean``
(``dashboard/kpis/numbers.py``) sums the arrays instead of building a frame per call. The
old ways are kept here as the references: on the demo, and on an untidy export whose units
are spelled in other cases, whose forecasts, FTEs and rates are partly missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.kpis import Selection, resolve, units_by_department
from dashboard.kpis.finance import finance_figures
from dashboard.kpis.matrix import CELLS, _cell
from dashboard.kpis.numbers import total, weighted_mean
from dashboard.kpis.prepared import PreparedFrames
from dashboard.kpis.staff import staff_figures
from dashboard.kpis.status import Thresholds
from tests.dashboard.kpis.test_prepared import demo_frames, untidy

PERIODS = ("2017-T3", "2018-T1", "2018-T2")


def untidy_money(frames: dict) -> dict:
    """The untidy demo, its finance and staff sheets spelled carelessly too."""
    frames = untidy(frames)
    f, s = frames["finance"].copy(), frames["staff"].copy()
    for sheet in (f, s):
        sheet.loc[sheet.index % 4 == 1, "unit"] = sheet.loc[sheet.index % 4 == 1,
                                                            "unit"].str.upper() + " "
        sheet.loc[sheet.index % 17 == 3, "unit"] = "Okänd enhet"
    f.loc[f.index % 5 == 2, "forecast"] = pd.NA
    f.loc[f.index % 7 == 3, "previous_forecast"] = pd.NA
    s.loc[s.index % 6 == 1, "fte"] = pd.NA
    s.loc[s.index % 9 == 4, "sick_leave"] = pd.NA
    s.loc[s.index % 10 == 5, "turnover"] = pd.NA
    frames["finance"], frames["staff"] = f, s
    return frames


def finance_cell_before(frames, scope, thresholds) -> dict:
    """The finance cell as it was made before: from all of ``finance_figures``."""
    figures = finance_figures(frames, scope, thresholds, with_table=False)
    then = figures["previous"]
    return _cell(figures["status"], "forecast_deviation", figures["forecast_deviation"],
                 None if then is None else then["forecast_deviation_change"])


def weighted_mean_before(values: pd.Series, weights: pd.Series) -> float | None:
    """``weighted_mean`` as it was before: a frame of the two columns without NA."""
    frame = pd.DataFrame({"v": values.astype("Float64"), "w": weights.astype("Float64")})
    frame = frame.dropna()
    weight = total(frame["w"])
    if not weight:
        return None
    return float((frame["v"] * frame["w"]).sum()) / weight


def selections(frames) -> list[Selection]:
    return [Selection(period, department) for period in PERIODS
            for department in [None, *units_by_department(frames)]]


MAKERS = pytest.mark.parametrize("make", [demo_frames, lambda: untidy_money(demo_frames())],
                                 ids=["demo", "untidy"])


@MAKERS
@pytest.mark.parametrize("thresholds", [
    Thresholds(), Thresholds(finance_green=0.005, finance_yellow=0.01)],
    ids=["default", "narrow"])
def test_the_matrixs_finance_cell_is_that_of_the_finance_figures(make, thresholds):
    frames = PreparedFrames(make())
    cells = []
    for selection in selections(frames):
        scope = resolve(frames, selection)
        got = CELLS["finance"](frames, scope, thresholds)
        assert got == finance_cell_before(frames, scope, thresholds), selection
        cells.append(got)
    assert any(c["value"] is not None for c in cells)
    assert any(c["change"] is not None for c in cells)  # a previous tertial compared


@MAKERS
def test_the_staff_rates_are_those_of_the_frame_of_value_and_weight(make):
    frames = make()
    rates = []
    for selection in selections(frames):
        figures = staff_figures(frames, resolve(frames, selection), with_table=False)
        rates += [figures["sick_leave"], figures["turnover"]]
    assert any(r is not None for r in rates)
    rows = frames["staff"]
    heads = rows["permanent"].fillna(0) + rows["temporary"].fillna(0)
    for weights in (rows["fte"], heads, heads * 0):
        for rate in ("sick_leave", "turnover"):
            for part in (rows, rows.iloc[::3], rows.iloc[:0]):
                assert weighted_mean(part[rate], weights.loc[part.index]) == \
                    weighted_mean_before(part[rate], weights.loc[part.index])


def test_the_weighted_mean_is_exactly_the_frames_on_random_columns():
    rng = np.random.default_rng(2018)
    checked = 0
    for size in (1, 2, 7, 100, 5000):
        for _ in range(20):
            values = pd.Series(rng.random(size) * 10.0 ** rng.integers(-3, 7), dtype="Float64")
            weights = pd.Series(rng.integers(0, 40, size), dtype="Int64")
            values[rng.random(size) < 0.2] = pd.NA
            weights[rng.random(size) < 0.2] = pd.NA
            fte = pd.Series(rng.random(size) * 10, dtype="Float64")
            for weight in (weights, fte, weights * 0):
                got = weighted_mean(values, weight)
                assert got == weighted_mean_before(values, weight)
                checked += got is not None
    assert checked > 100
    # rows given in another order: aligned by their index, as the frame did
    values = pd.Series([0.1, 0.2, pd.NA], index=[2, 0, 1], dtype="Float64")
    weights = pd.Series([1.0, 3.0, 5.0], dtype="Float64")
    assert weighted_mean(values, weights) == weighted_mean_before(values, weights) \
        == pytest.approx((0.2 * 1 + 0.1 * 5) / 6)
