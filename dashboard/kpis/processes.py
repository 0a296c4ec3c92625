"""Processes (processer): key figures with a value, a target and a direction.

A key figure is never averaged across units. The agency view (no department, no unit) shows
the rows whose unit is blank; a department or unit view shows the rows of its units, each with
its own status. The row's own target wins over the KPI settings' target; the direction comes
from the KPI settings (higher when not given), and so does the yellow tolerance (the
thresholds' default when not given).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.kpis.status import (
    DEFAULT_DIRECTION,
    DEFAULT_THRESHOLDS,
    Thresholds,
    kpi_statuses,
    worst,
)
from loaders.periods import Tertial

from .numbers import plain
from .organisation import Frames, dataset, keys_of, name_key
from .prepared import memoized
from .rows import period_rows
from .scope import Scope, Selection, in_scope, resolve

FIELDS: tuple[str, ...] = ("kpi", "unit", "value", "target", "unit_of_measure", "direction",
                           "tolerance", "status", "previous_value", "change")


def _view(rows: pd.DataFrame, scope: Scope | None) -> pd.DataFrame:
    """The rows the view shows, with ``kpi_key`` and ``unit_key`` ("" for agency rows);
    every row for ``None`` (every unit's, see :func:`processes_table`)."""
    if scope is not None:
        blank = keys_of(rows, "unit").fillna("").eq("")
        rows = rows[blank] if scope.agency else in_scope(rows, scope)
    return rows.assign(kpi_key=keys_of(rows, "kpi"),
                       unit_key=keys_of(rows, "unit").fillna(""))


def _settings(frames: Frames) -> pd.DataFrame:
    """KPI settings, one row per key figure (the first when listed twice); read-only: kept
    per data version (every department's table merges the same one)."""
    return memoized(frames, ("kpi_settings_table",), lambda: _settings_table(frames))


def _settings_table(frames: Frames) -> pd.DataFrame:
    settings = dataset(frames, "kpi_settings")
    table = pd.DataFrame({
        "kpi_key": name_key(settings["kpi"]),
        "set_direction": settings["direction"].astype("string"),
        "set_target": settings["target"].astype("Float64"),
        "set_tolerance": settings["yellow_tolerance"].astype("Float64"),
    })
    return table.dropna(subset=["kpi_key"]).drop_duplicates("kpi_key")


def _previous_values(frames: Frames, period: Tertial, scope: Scope | None) -> pd.DataFrame:
    previous = _view(period_rows(frames, "processes", period.previous), scope)
    table = previous[["kpi_key", "unit_key", "value"]].rename(
        columns={"value": "previous_value"})
    return table.drop_duplicates(["kpi_key", "unit_key"])


def _table(frames: Frames, period: Tertial, scope: Scope | None,
           thresholds: Thresholds) -> pd.DataFrame:
    """The key figures of ``scope`` (every row for None) with FIELDS and ``unit_key``."""
    rows = _view(period_rows(frames, "processes", period), scope).reset_index(drop=True)
    table = rows.merge(_settings(frames), on="kpi_key", how="left")
    table = table.merge(_previous_values(frames, period, scope), on=["kpi_key", "unit_key"],
                        how="left")
    table["target"] = table["target"].astype("Float64").fillna(table["set_target"])
    table["direction"] = table["set_direction"].fillna(DEFAULT_DIRECTION)
    table["tolerance"] = table["set_tolerance"].fillna(thresholds.kpi_tolerance)
    table["status"] = kpi_statuses(table["value"], table["target"], table["direction"],
                                   table["tolerance"], thresholds.kpi_tolerance)
    table["previous_value"] = table["previous_value"].astype("Float64")
    table["change"] = table["value"].astype("Float64") - table["previous_value"]
    return table[[*FIELDS, "unit_key"]]


def processes_table(frames: Frames, scope: Scope,
                    thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """The key figures of the view as a frame with the columns of ``FIELDS``.

    A department's or a unit's are the rows of its units in the table of every unit's key
    figures, made once per tertial and data version (the department matrix reads every
    department's): a key figure's previous value is that of its own unit, so each row is
    the same in both."""
    if scope.agency:
        return _table(frames, scope.period, scope, thresholds)[list(FIELDS)]
    every = memoized(frames, ("processes_every_unit", scope.period, thresholds),
                     lambda: _table(frames, scope.period, None, thresholds))
    mine = every["unit_key"].isin(scope.unit_keys).to_numpy()
    if not mine.any():  # nothing of its own: the empty table as the view's own rows give it
        return _table(frames, scope.period, scope, thresholds)[list(FIELDS)]
    return every.loc[mine, list(FIELDS)].reset_index(drop=True)


def processes_figures(frames: Frames, scope: Scope,
                      thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[dict]:
    """Key figures of an already resolved scope (see :func:`processes`)."""
    return plain(processes_table(frames, scope, thresholds))


def processes_status(figures: Iterable[Mapping]) -> str | None:
    """The processes' status on a card and in the department matrix: the worst of the key
    figures' statuses (red before yellow before green); None when no key figure has one."""
    return worst(figure.get("status") for figure in figures)


def processes(frames: Frames, selection: Selection,
              thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[dict]:
    """The key figures of a selection, in data order, each a dict of ``FIELDS``:
    kpi, unit, value, target, unit_of_measure, direction, tolerance, status ("green",
    "yellow", "red" or None), previous_value and change (None without a previous value)."""
    return processes_figures(frames, resolve(frames, selection), thresholds)
