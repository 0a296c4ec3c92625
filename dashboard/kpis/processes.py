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

from .numbers import plain
from .organisation import Frames, dataset, keys_of, name_key
from .rows import period_rows
from .scope import Scope, Selection, in_scope, resolve

FIELDS: tuple[str, ...] = ("kpi", "unit", "value", "target", "unit_of_measure", "direction",
                           "tolerance", "status", "previous_value", "change")


def _view(rows: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """The rows the view shows, with ``kpi_key`` and ``unit_key`` ("" for agency rows)."""
    blank = keys_of(rows, "unit").fillna("").eq("")
    rows = rows[blank] if scope.agency else in_scope(rows, scope)
    return rows.assign(kpi_key=keys_of(rows, "kpi"),
                       unit_key=keys_of(rows, "unit").fillna(""))


def _settings(frames: Frames) -> pd.DataFrame:
    """KPI settings, one row per key figure (the first when listed twice)."""
    settings = dataset(frames, "kpi_settings")
    table = pd.DataFrame({
        "kpi_key": name_key(settings["kpi"]),
        "set_direction": settings["direction"].astype("string"),
        "set_target": settings["target"].astype("Float64"),
        "set_tolerance": settings["yellow_tolerance"].astype("Float64"),
    })
    return table.dropna(subset=["kpi_key"]).drop_duplicates("kpi_key")


def _previous_values(frames: Frames, scope: Scope) -> pd.DataFrame:
    previous = _view(period_rows(frames, "processes", scope.period.previous), scope)
    table = previous[["kpi_key", "unit_key", "value"]].rename(
        columns={"value": "previous_value"})
    return table.drop_duplicates(["kpi_key", "unit_key"])


def processes_table(frames: Frames, scope: Scope,
                    thresholds: Thresholds = DEFAULT_THRESHOLDS) -> pd.DataFrame:
    """The key figures of the view as a frame with the columns of ``FIELDS``."""
    rows = _view(period_rows(frames, "processes", scope.period), scope).reset_index(drop=True)
    table = rows.merge(_settings(frames), on="kpi_key", how="left")
    table = table.merge(_previous_values(frames, scope), on=["kpi_key", "unit_key"], how="left")
    table["target"] = table["target"].astype("Float64").fillna(table["set_target"])
    table["direction"] = table["set_direction"].fillna(DEFAULT_DIRECTION)
    table["tolerance"] = table["set_tolerance"].fillna(thresholds.kpi_tolerance)
    table["status"] = kpi_statuses(table["value"], table["target"], table["direction"],
                                   table["tolerance"], thresholds.kpi_tolerance)
    table["previous_value"] = table["previous_value"].astype("Float64")
    table["change"] = table["value"].astype("Float64") - table["previous_value"]
    return table[list(FIELDS)]


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
