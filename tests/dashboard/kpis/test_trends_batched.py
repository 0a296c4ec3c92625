"""A key figure's trend taken from the scope's table of every key figure is exactly the trend
its own pass gave.

The Processer page draws one trend chart per key figure; ``kpi_trend`` now slices them from
one table per scope and data version (``dashboard/kpis/trends.py``,
``kpi_trends_table``) instead of filtering, merging and sorting the processes sheet once per
key figure. The pass per key figure is kept here as the reference, and compared scope by
scope and key figure by key figure: on the demo, and on an untidy export whose key figures
are spelled in other cases, repeated, without a unit or in units of no department.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard.kpis import Selection, kpi_trend, resolve
from dashboard.kpis.organisation import dataset, keys_of, one_key
from dashboard.kpis.prepared import PreparedFrames
from dashboard.kpis.processes import _settings, _view
from dashboard.kpis.status import DEFAULT_DIRECTION, DEFAULT_THRESHOLDS, Thresholds, kpi_statuses
from dashboard.kpis.trends import KPI_TREND_COLUMNS, _unit_order, period_labels, trend_periods
from tests.dashboard.kpis.test_grouped import scopes, untidy_processes
from tests.dashboard.kpis.test_prepared import demo_frames


def per_kpi(frames, selection, kpi, thresholds=DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """The trend as it was computed before: the processes sheet filtered to the one key
    figure, then the scope, the periods, the settings, the statuses and the order (with the
    fix for a scope without rows)."""
    scope = resolve(frames, selection)
    data = dataset(frames, "processes")
    data = data[keys_of(data, "kpi").eq(one_key(kpi)).fillna(False)]
    rows = _view(data, scope)
    # before: ``.assign(period=period_labels(data))``, which gave a scope without rows of
    # the key figure one NA row per row of the key figure in the whole agency (fixed, see
    # test_a_department_without_key_figures_has_an_empty_trend)
    rows = rows.assign(period=period_labels(data).reindex(rows.index))
    wanted = [t.label for t in trend_periods(frames, "processes", scope)]
    rows = rows[rows["period"].isin(wanted).fillna(False)]
    table = rows.merge(_settings(frames), on="kpi_key", how="left")
    table["target"] = table["target"].astype("Float64").fillna(table["set_target"])
    table["direction"] = table["set_direction"].fillna(DEFAULT_DIRECTION)
    table["tolerance"] = table["set_tolerance"].fillna(thresholds.kpi_tolerance)
    table["status"] = kpi_statuses(table["value"], table["target"], table["direction"],
                                   table["tolerance"], thresholds.kpi_tolerance)
    table["unit"] = table["unit"].astype("string").str.strip()
    table = table.assign(_order=_unit_order(table["unit"]))
    table = table.sort_values(["period", "_order"], kind="stable")
    return table[list(KPI_TREND_COLUMNS)].astype(KPI_TREND_COLUMNS).reset_index(drop=True)


def kpi_names(frames) -> list[str]:
    """Every spelling of a key figure in the data, one more, and an unknown name."""
    names = dataset(frames, "processes")["kpi"].dropna().unique().tolist()
    return [*names, names[0].upper(), "Finns inte"]


@pytest.mark.parametrize(("make", "thresholds"), [
    (demo_frames, Thresholds()), (demo_frames, Thresholds(kpi_tolerance=0.2)),
    (lambda: untidy_processes(demo_frames()), Thresholds())], ids=["demo", "wide", "untidy"])
def test_a_key_figures_trend_is_that_of_its_own_pass(make, thresholds):
    plain = make()
    prepared = PreparedFrames(plain)
    # the agency in two tertials, then in the latest every department (in two spellings)
    # and every fourth unit
    latest = [s for s in scopes(plain) if s.period == "2018-T2"]
    selections = [Selection("2018-T2"), Selection("2018-T1"), *(
        s for n, s in enumerate(latest) if s.unit is None or n % 4 == 0)]
    checked = 0
    for n, selection in enumerate(selections):
        for frames in (prepared, plain) if n % 10 == 0 else (prepared,):
            for kpi in kpi_names(plain):
                got = kpi_trend(frames, selection, kpi, thresholds)
                assert_frame_equal(got, per_kpi(prepared, selection, kpi, thresholds),
                                   check_exact=True, obj=f"{selection} {kpi}")
                checked += len(got)
    assert checked > 100  # the scopes have trend rows to compare


def test_the_untidy_trends_hold_units_in_several_spellings_and_several_tertials():
    frames = untidy_processes(demo_frames())
    trends = [kpi_trend(frames, selection, kpi) for selection in scopes(frames)[:20]
              for kpi in kpi_names(frames)[:3]]
    longest = max(trends, key=len)
    assert longest["period"].nunique() > 1 and longest["unit"].nunique() > 1
    assert any(t["status"].isna().any() for t in trends)  # the missing values are in them


def test_a_department_without_key_figures_has_an_empty_trend():
    """The demo's Analysavdelningen reports no key figures: its trend has no rows (it had
    one row of NA per agency row of the key figure, a unit without name and value)."""
    frames = demo_frames()
    units = {one_key(unit) for unit in dataset(frames, "processes")["unit"].dropna()}
    selection = Selection("2018-T2", "Analysavdelningen")
    assert resolve(frames, selection).unit_keys and not units & resolve(
        frames, selection).unit_keys  # units of its own, none of them with key figures
    for kpi in kpi_names(frames)[:2]:
        trend = kpi_trend(frames, selection, kpi)
        assert trend.empty and list(trend.columns) == list(KPI_TREND_COLUMNS)
