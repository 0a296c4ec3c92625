"""Figures over time: one row per tertial of the data, up to the selected tertial.

Each trend is the headline figure of one perspective computed for every tertial the dataset
holds that is not later than the selection's period (the view of 2018-T1 never shows
2018-T2), oldest first, with the selection's department or unit applied to every tertial
(units belong to the department the current units frame says). A tertial with rows in the
dataset but none in the selection keeps its row, with missing figures (NA), so that the
periods of every chart line up. Every row equals what the perspective's own function
(:func:`~dashboard.kpis.operations`, :func:`~dashboard.kpis.finance`, ...) gives for that
tertial: the trends reuse their rules rather than restate them.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpis.periods import periods
from dashboard.kpis.status import DEFAULT_DIRECTION, DEFAULT_THRESHOLDS, Thresholds, kpi_statuses
from loaders.periods import Tertial, parse_tertial

from .finance import tertial_figures
from .operations import ACTIVE, STATUS_CODES, assignment_counts
from .organisation import Frames, dataset, one_key, swedish_key
from .prepared import memoized
from .processes import _settings, _view
from .rows import scoped_rows
from .scope import Scope, Selection, resolve
from .staff import _figures

STATUS_TREND_COLUMNS: dict[str, str] = {
    "period": "string", **dict.fromkeys(STATUS_CODES, "Int64"), "active": "Int64",
    **{f"{code}_share": "Float64" for code in ACTIVE},
}
FINANCE_TREND_COLUMNS: dict[str, str] = {
    "period": "string", "budget": "Float64", "outcome": "Float64", "forecast": "Float64",
    "previous_forecast": "Float64", "year_share": "Float64", "consumption": "Float64",
    "consumption_vs_share": "Float64", "forecast_deviation": "Float64", "status": "string",
}
STAFF_TREND_COLUMNS: dict[str, str] = {
    "period": "string", "permanent": "Int64", "temporary": "Int64", "headcount": "Int64",
    "fte": "Float64", "sick_leave": "Float64", "turnover": "Float64", "weighted_by": "string",
}
KPI_TREND_COLUMNS: dict[str, str] = {
    "period": "string", "kpi": "string", "unit": "string", "value": "Float64",
    "target": "Float64", "unit_of_measure": "string", "direction": "string",
    "tolerance": "Float64", "status": "string",
}


def typed_frame(records: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """Records as a frame with exactly ``columns`` (name -> dtype); None becomes NA."""
    return pd.DataFrame({name: pd.Series([r.get(name) for r in records], dtype=dtype)
                         for name, dtype in columns.items()})


def period_labels(frame: pd.DataFrame) -> pd.Series:
    """Each row's canonical tertial label (NA where the period cell cannot be read)."""
    cells = frame["period"].dropna().unique()
    found = {cell: parse_tertial(cell) for cell in cells}
    mapping = {cell: t.label for cell, t in found.items() if t is not None}
    return frame["period"].map(mapping).astype("string")


def trend_periods(frames: Frames, name: str, scope: Scope) -> list[Tertial]:
    """The dataset's tertials up to and including the selected one, oldest first."""
    return [t for t in periods(frames, [name]) if t <= scope.period]


def _per_period(frames: Frames, name: str,
                scope: Scope) -> list[tuple[Tertial, pd.DataFrame]]:
    """(tertial, the scope's rows of it) for every tertial of the trend, rows possibly
    empty."""
    return [(t, scoped_rows(frames, name, scope, t))
            for t in trend_periods(frames, name, scope)]


def status_trend(frames: Frames, selection: Selection) -> pd.DataFrame:
    """Assignment statuses per tertial: counts of the five status codes, ``active`` (green
    + yellow + red) and ``green_share``, ``yellow_share``, ``red_share`` over the active ones
    (completed and cancelled left out). Counts are NA for a tertial without assignments in
    the selection; shares are NA when nothing is active."""
    scope = resolve(frames, selection)
    records = []
    for tertial, rows in _per_period(frames, "assignments", scope):
        figures = assignment_counts(rows)
        shares = {f"{code}_share": share for code, share in figures["status_share"].items()}
        records.append({"period": tertial.label, **figures["status_counts"],
                        "active": figures["active"], **shares})
    return typed_frame(records, STATUS_TREND_COLUMNS)


def finance_trend(frames: Frames, selection: Selection,
                  thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """Finance per tertial (year-to-date, tkr): budget, outcome, forecast,
    previous_forecast, year_share (4/12, 8/12, 12/12), consumption (outcome / budget),
    consumption_vs_share, forecast_deviation ((forecast - budget) / budget) and status."""
    scope = resolve(frames, selection)
    records = []
    for tertial, rows in _per_period(frames, "finance", scope):
        figures = tertial_figures(rows, tertial, thresholds)
        records.append({"period": tertial.label,
                        **{k: v for k, v in figures.items() if k in FINANCE_TREND_COLUMNS}})
    return typed_frame(records, FINANCE_TREND_COLUMNS)


def staff_trend(frames: Frames, selection: Selection) -> pd.DataFrame:
    """Staff per tertial: permanent, temporary, headcount (stocks at the tertial's end),
    fte, sick_leave and turnover (fractions, weighted by FTE when every row gives it, else
    by headcount: ``weighted_by`` says which)."""
    scope = resolve(frames, selection)
    records = [{"period": tertial.label, **_figures(rows)}
               for tertial, rows in _per_period(frames, "staff", scope)]
    return typed_frame(records, STAFF_TREND_COLUMNS)


def _unit_order(units: pd.Series) -> pd.Series:
    return units.map(lambda u: swedish_key(u)[0] if isinstance(u, str) else "")


def kpi_trend(frames: Frames, selection: Selection, kpi: str,
              thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """One key figure per tertial: value, target, direction, tolerance and status.

    Never averaged across units, as in :func:`~dashboard.kpis.processes`: the agency view
    has the rows with a blank unit (``unit`` NA), a department or unit view one row per unit
    and tertial. The row's own target wins over the KPI settings'. The key figure's name is
    compared without case; an unknown name gives an empty frame. Sorted by period, then
    unit in Swedish order.

    The rows are those of the scope's table of every key figure (:func:`kpi_trends_table`),
    made once per scope and data version: the page draws one chart per key figure. A
    scope without key figures has an empty trend.
    """
    scope = resolve(frames, selection)
    table = memoized(frames, ("kpi_trends", scope.period, scope.unit_keys, thresholds),
                     lambda: kpi_trends_table(frames, scope, thresholds))
    mine = table["kpi_key"].eq(one_key(kpi)).fillna(False).to_numpy(dtype=bool)
    return table.loc[mine, list(KPI_TREND_COLUMNS)].reset_index(drop=True)


def kpi_trends_table(frames: Frames, scope: Scope,
                     thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """Every key figure's trend rows of ``scope`` (see :func:`kpi_trend`) in one frame: the
    columns of ``KPI_TREND_COLUMNS`` and ``kpi_key``, sorted by period, then unit in Swedish
    order (a stable sort: one key figure's rows keep the order its own pass gives them)."""
    data = dataset(frames, "processes")
    rows = _view(data, scope)
    # the labels of the scope's own rows (assigned to an empty view, the whole column would
    # make rows of its own: a department without key figures had NA rows of every tertial)
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
    columns = {**KPI_TREND_COLUMNS, "kpi_key": "string"}
    return table[list(columns)].astype(columns).reset_index(drop=True)
