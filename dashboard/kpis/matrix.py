"""The department matrix: every department × the four perspectives, one status each.

The director-general's first question on the overview is which departments have problems,
in which perspective, and whether it is getting better. Each cell holds the perspective's
status for that department, the headline figure behind the status and its change since the
previous tertial:

- operations: the green share of the active assignments (status by the operations
  thresholds), change in percentage points;
- finance: the forecast deviation (status by the finance thresholds), change against the
  same figure of the previous tertial of the same year (finance is year-to-date: 2018-T1 is
  never compared with 2017-T3, as on the Ekonomi page);
- staff: the rate whose status is the worst of sick leave and turnover against their
  targets, change in percentage points; hidden (``hidden``) when the department has
  :data:`~dashboard.kpis.staff_targets.SMALL_GROUP_LIMIT` persons or fewer;
- processes: how many of the department's key figures meet their target (``value`` of
  ``of``), status the worst of theirs, change in that count.

Every figure is computed by the same functions as the department's own perspective page,
on the same rows (``scoped_rows``, kept per data version), so a cell and the page its link
opens always agree; the green share alone comes from the tertial's statuses counted per unit
in one grouped pass (:func:`unit_status_counts`), the same counts without taking every
department's rows (``tests/dashboard/kpis/test_grouped.py`` holds them equal). Rows are
ordered with the departments that have red first, then yellow, then by name (Swedish order).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.kpis.periods import label_if_present
from dashboard.kpis.prepared import memoized
from dashboard.kpis.status import (
    DEFAULT_THRESHOLDS,
    GREEN,
    RED,
    YELLOW,
    Thresholds,
    kpi_statuses,
    operations_status,
    worst,
)
from loaders.periods import Tertial

from .finance import compared_with, tertial_figures
from .numbers import difference, plain, ratio
from .operations import ACTIVE, assignment_counts
from .organisation import Frames, departments, keys_of, swedish_key
from .processes import processes_table
from .rows import period_rows, scoped_rows
from .scope import Scope, Selection, resolve
from .staff import staff_figures
from .staff_targets import RATES, rates_may_be_shown, rates_status

PERSPECTIVES: tuple[str, ...] = ("operations", "finance", "staff", "processes")


def _cell(status: str | None, figure: str, value: object, change: object,
          **extra: object) -> dict:
    return {"status": status, "figure": figure, "value": value, "change": change, **extra}


def unit_status_counts(frames: Frames, period: Tertial) -> dict[str, np.ndarray]:
    """Unit name key -> how many of the tertial's assignments of that unit have each code of
    :data:`~dashboard.kpis.operations.ACTIVE` (one grouped pass over the keyed rows, read-only:
    kept per data version)."""
    def compute() -> dict[str, np.ndarray]:
        rows = period_rows(frames, "assignments", period)
        units = keys_of(rows, "unit")
        if isinstance(units.dtype, pd.CategoricalDtype):  # the keyed rows' (kpis.rows)
            codes, keys = units.cat.codes.to_numpy(), units.cat.categories
        else:
            codes, keys = pd.factorize(units.astype(object), use_na_sentinel=True)
        status = {code: n for n, code in enumerate(ACTIVE)}
        statuses = rows["code"].map(status).fillna(len(ACTIVE)).to_numpy(dtype=np.int64)
        kept = codes >= 0  # rows without a unit are in no department's or unit's scope
        width = len(ACTIVE) + 1
        counts = np.bincount(codes[kept] * width + statuses[kept],
                             minlength=len(keys) * width).reshape(len(keys), width)
        return {key: counts[n, :len(ACTIVE)] for n, key in enumerate(keys)}
    return memoized(frames, ("unit_status_counts", period), compute)


def _green_share(frames: Frames, scope: Scope, period: Tertial) -> float | None:
    """``assignment_counts(scoped_rows(frames, "assignments", scope, period))``'s green
    share, from the counts per unit (no rows taken per department)."""
    if scope.agency:
        return assignment_counts(scoped_rows(frames, "assignments", scope, period))[
            "status_share"][GREEN]
    by_unit = unit_status_counts(frames, period)
    found = [by_unit[key] for key in scope.unit_keys if key in by_unit]
    counts = dict(zip(ACTIVE, np.sum(found, axis=0).tolist() if found else [0] * len(ACTIVE),
                      strict=True))
    return ratio(counts[GREEN], sum(counts.values()))


def _operations(frames: Frames, scope: Scope, thresholds: Thresholds) -> dict:
    share = _green_share(frames, scope, scope.period)
    before = None
    previous = scope.period.previous
    if label_if_present(frames, previous, ["assignments"]) is not None:
        before = _green_share(frames, scope, previous)
    return _cell(operations_status(share, thresholds), "green_share", share,
                 difference(share, before))


def _finance(frames: Frames, scope: Scope, thresholds: Thresholds) -> dict:
    # the figures of finance_figures that the cell shows: the tertial's and the comparison
    # with the previous one (not the year before's, nor the table)
    now = tertial_figures(scoped_rows(frames, "finance", scope), scope.period, thresholds)
    then = compared_with(frames, scope, now, scope.period.previous, thresholds)
    return _cell(now["status"], "forecast_deviation", now["forecast_deviation"],
                 None if then is None else then["forecast_deviation_change"])


def _staff(frames: Frames, scope: Scope, thresholds: Thresholds) -> dict:
    figures = staff_figures(frames, scope, with_table=False, thresholds=thresholds)
    if not rates_may_be_shown(figures["headcount"]):
        return _cell(None, "rates", None, None, hidden=not pd.isna(figures["headcount"]))
    status = rates_status(figures)
    # the rate that makes the status; sick leave when both stand alike (or no target)
    rate = next((r for r in RATES if status is not None and figures[f"{r}_status"] == status),
                RATES[0])
    return _cell(status, rate, figures[rate], figures[f"{rate}_change"],
                 target=figures[f"{rate}_target"], direction=figures[f"{rate}_direction"])


def _on_target(statuses: pd.Series) -> tuple[int, int]:
    """(key figures meeting their target, key figures with a status)."""
    known = statuses.dropna()
    return int(known.eq(GREEN).sum()), len(known)


def _processes(frames: Frames, scope: Scope, thresholds: Thresholds) -> dict:
    table = processes_table(frames, scope, thresholds)
    met, judged = _on_target(table["status"])
    change = None
    if table["previous_value"].notna().any():
        before = kpi_statuses(table["previous_value"], table["target"], table["direction"],
                              table["tolerance"], thresholds.kpi_tolerance)
        change = met - _on_target(before[table["previous_value"].notna()])[0]
    if not judged:
        return _cell(None, "on_target", None, None, of=None)
    return _cell(worst(table["status"]), "on_target", met, change, of=judged)


CELLS: dict[str, Callable[[Frames, Scope, Thresholds], dict]] = {
    "operations": _operations, "finance": _finance, "staff": _staff,
    "processes": _processes,
}


def _order(row: dict) -> tuple:
    statuses = [cell["status"] for cell in row["cells"].values()]
    return (-statuses.count(RED), -statuses.count(YELLOW), swedish_key(row["department"]))


def department_matrix(frames: Frames, period: Tertial | str,
                      thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[dict]:
    """[{department, red, yellow, cells: {perspective: cell}}] for every department of the
    units list, red first (see the module's docstring); each cell is {status, figure, value,
    change} and per perspective: ``of`` (processes), ``hidden`` (staff), ``target`` and
    ``direction`` (staff). Kept per data version; plain values only."""
    label = period.label if isinstance(period, Tertial) else str(period)

    def compute() -> list[dict]:
        rows = []
        for department in departments(frames):
            scope = resolve(frames, Selection(label, department, None))
            cells = {name: CELLS[name](frames, scope, thresholds) for name in PERSPECTIVES}
            statuses = [cell["status"] for cell in cells.values()]
            rows.append({"department": scope.department, "red": statuses.count(RED),
                         "yellow": statuses.count(YELLOW), "cells": cells})
        return plain(sorted(rows, key=_order))

    return memoized(frames, ("department_matrix", label, thresholds), compute)
