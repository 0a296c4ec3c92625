"""Staff (medarbetare): headcount by employment type, FTE, sick leave and turnover.

Headcount is a stock at the tertial's last day: permanent + temporary. Sick leave and
turnover over several rows are weighted by FTE when every row of the selection gives its
FTE, else by headcount. Changes are this tertial minus the previous one over the same
selection; the changes of sick leave and turnover are differences of fractions (0.012 means
1.2 percentage points). Every change is None when the staff data has no previous tertial.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpis.periods import label_if_present
from dashboard.kpis.status import DEFAULT_THRESHOLDS, Thresholds

from .numbers import difference, total, weighted_mean
from .organisation import Frames, keys_of, strip, swedish_key
from .rows import scoped_rows
from .scope import Scope, Selection, resolve
from .staff_targets import against_targets, rates_status

COUNTS: tuple[str, ...] = ("permanent", "temporary", "headcount")
RATES: tuple[str, ...] = ("sick_leave", "turnover")
CHANGED: tuple[str, ...] = (*COUNTS, "fte", *RATES)
TABLE_COLUMNS: dict[str, str] = {
    "unit": "string", "department": "string", "permanent": "Int64", "temporary": "Int64",
    "headcount": "Int64", "fte": "Float64", "sick_leave": "Float64", "turnover": "Float64",
    "headcount_change": "Int64",
}


def _figures(rows: pd.DataFrame) -> dict:
    """Headcount, FTE and weighted rates of some staff rows (None for no rows)."""
    permanent, temporary = total(rows["permanent"]), total(rows["temporary"])
    headcount = None if permanent is None and temporary is None else (
        (permanent or 0) + (temporary or 0))
    by_fte = not rows.empty and bool(rows["fte"].notna().all())
    weights = rows["fte"] if by_fte else (
        rows["permanent"].fillna(0) + rows["temporary"].fillna(0))
    figures = {"permanent": permanent, "temporary": temporary, "headcount": headcount,
               "fte": total(rows["fte"])}
    for rate in RATES:
        figures[rate] = weighted_mean(rows[rate], weights)
    figures["weighted_by"] = None if rows.empty else ("fte" if by_fte else "headcount")
    return figures


def _unit_sums(rows: pd.DataFrame, keys: pd.Series) -> pd.DataFrame:
    """Per unit key: permanent, temporary, headcount and FTE sums (NA when no row has one)
    and the rates weighted as :func:`_figures` weighs them, for all units in one pass."""
    grouped = rows.groupby(keys, sort=False, dropna=False)
    table = grouped[["permanent", "temporary", "fte"]].sum(min_count=1)
    known = table["permanent"].notna() | table["temporary"].notna()
    table["headcount"] = (table["permanent"].fillna(0) + table["temporary"].fillna(0)).where(known)
    by_fte = grouped["fte"].count().eq(grouped.size())  # every row of the unit gives its FTE
    heads = rows["permanent"].fillna(0) + rows["temporary"].fillna(0)
    row_by_fte = by_fte.reindex(keys).to_numpy(dtype=bool)
    weights = rows["fte"].astype("Float64").where(row_by_fte, heads.astype("Float64"))
    for rate in RATES:
        values = rows[rate].astype("Float64")
        usable = (values.notna() & weights.notna()).to_numpy(dtype=bool)
        weight = weights.where(usable).groupby(keys, sort=False, dropna=False).sum(min_count=1)
        product = (values * weights).where(usable).groupby(keys, sort=False, dropna=False).sum()
        table[rate] = (product / weight.mask(weight.eq(0))).astype("Float64")
    table["weighted_by"] = by_fte.map({True: "fte", False: "headcount"})
    return table


def _per_unit(rows: pd.DataFrame, previous: pd.DataFrame | None,
              scope: Scope) -> pd.DataFrame:
    """One row per unit (agency-level rows under a missing unit)."""
    keys = keys_of(rows, "unit")
    table = _unit_sums(rows, keys)
    table["unit"] = rows["unit"].groupby(keys, sort=False, dropna=False).first()
    if previous is not None:
        before = _unit_sums(previous, keys_of(previous, "unit"))["headcount"]
        table["headcount_change"] = table["headcount"] - before.reindex(table.index)
    else:
        table["headcount_change"] = pd.NA
    table = table.reset_index(drop=True)
    table["unit"] = strip(table["unit"].astype("string"))
    table["department"] = scope.department_of(table["unit"])
    table = table[list(TABLE_COLUMNS)].astype(TABLE_COLUMNS)
    order = table["unit"].map(lambda u: swedish_key(u)[0] if isinstance(u, str) else "")
    return table.loc[order.sort_values(kind="stable").index].reset_index(drop=True)


def staff_figures(frames: Frames, scope: Scope, with_table: bool = True,
                  thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """Staff figures of an already resolved scope (see :func:`staff`); the per-unit table
    only when ``with_table`` (the summary does not show it, and at 1000 units it costs
    most of the summary's time)."""
    rows = scoped_rows(frames, "staff", scope)
    current = _figures(rows)
    previous_label = label_if_present(frames, scope.period.previous, ["staff"])
    previous_rows = None
    before = dict.fromkeys(current)
    if previous_label is not None:
        previous_rows = scoped_rows(frames, "staff", scope, scope.period.previous)
        before = _figures(previous_rows)
    result = {"period": scope.period.label, "previous_period": previous_label, **current}
    for figure in CHANGED:
        result[f"previous_{figure}"] = before[figure]
        result[f"{figure}_change"] = difference(current[figure], before[figure])
    result.update(against_targets(frames, current, thresholds))
    result["status"] = rates_status(result)
    if with_table:
        result["table"] = _per_unit(rows, previous_rows, scope)
    return result


def staff(frames: Frames, selection: Selection,
          thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """The staff perspective for a selection.

    Keys: period, previous_period (label or None), permanent, temporary, headcount, fte,
    sick_leave, turnover (fractions), weighted_by ("fte"/"headcount"); previous_<figure> and
    <figure>_change for headcount, permanent, temporary, fte, sick_leave and turnover (None
    without a previous tertial or an empty selection); sick_leave_target, _direction and
    _status, and the same for turnover (see :mod:`.staff_targets`; None without a target);
    status (the worse of the two, None without targets or for a group too small to show
    them: :func:`~.staff_targets.rates_status`); table (a DataFrame per unit).
    """
    return staff_figures(frames, resolve(frames, selection), thresholds=thresholds)
