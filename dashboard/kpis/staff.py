"""Staff (medarbetare): headcount by employment type, FTE, sick leave and turnover.

Headcount is a stock at the tertial's last day: permanent + temporary. Sick leave and
turnover over several rows are weighted by FTE when every row of the selection gives its
FTE, else by headcount. Changes are this tertial minus the previous one over the same
selection; the changes of sick leave and turnover are differences of fractions (0.012 means
1.2 percentage points). Every change is None when the staff data has no previous tertial.
"""

from __future__ import annotations

import pandas as pd

from dashboard.periods import label_if_present, rows_of_period

from .numbers import difference, total, weighted_mean
from .organisation import Frames, dataset, name_key, swedish_key
from .scope import Scope, Selection, in_scope, resolve

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


def _per_unit(rows: pd.DataFrame, previous: pd.DataFrame | None,
              scope: Scope) -> pd.DataFrame:
    """One row per unit (agency-level rows under a missing unit)."""
    keys = name_key(rows["unit"])
    old_keys = None if previous is None else name_key(previous["unit"])
    records = []
    for key, group in rows.groupby(keys, dropna=False, sort=False):
        figures = _figures(group)
        change = None
        if previous is not None:
            before = previous[(old_keys == key).fillna(False) if pd.notna(key)
                              else old_keys.isna()]
            change = difference(figures["headcount"], _figures(before)["headcount"])
        unit = group["unit"].iloc[0]
        records.append({"unit": None if pd.isna(unit) else str(unit).strip(),
                        **figures, "headcount_change": change})
    table = pd.DataFrame(records, columns=[c for c in TABLE_COLUMNS if c != "department"])
    table["department"] = scope.department_of(table["unit"].astype("string"))
    table = table[list(TABLE_COLUMNS)].astype(TABLE_COLUMNS)
    order = table["unit"].map(lambda u: swedish_key(u)[0] if isinstance(u, str) else "")
    return table.loc[order.sort_values(kind="stable").index].reset_index(drop=True)


def staff_figures(frames: Frames, scope: Scope, with_table: bool = True) -> dict:
    """Staff figures of an already resolved scope (see :func:`staff`); the per-unit table
    only when ``with_table`` (the summary does not show it, and at 1000 units it costs
    most of the summary's time)."""
    data = dataset(frames, "staff")
    rows = in_scope(rows_of_period(data, scope.period), scope)
    current = _figures(rows)
    previous_label = label_if_present(frames, scope.period.previous, ["staff"])
    previous_rows = None
    before = dict.fromkeys(current)
    if previous_label is not None:
        previous_rows = in_scope(rows_of_period(data, scope.period.previous), scope)
        before = _figures(previous_rows)
    result = {"period": scope.period.label, "previous_period": previous_label, **current}
    for figure in CHANGED:
        result[f"previous_{figure}"] = before[figure]
        result[f"{figure}_change"] = difference(current[figure], before[figure])
    if with_table:
        result["table"] = _per_unit(rows, previous_rows, scope)
    return result


def staff(frames: Frames, selection: Selection) -> dict:
    """The staff perspective for a selection.

    Keys: period, previous_period (label or None), permanent, temporary, headcount, fte,
    sick_leave, turnover (fractions), weighted_by ("fte"/"headcount"); previous_<figure> and
    <figure>_change for headcount, permanent, temporary, fte, sick_leave and turnover (None
    without a previous tertial or an empty selection); table (a DataFrame per unit).
    """
    return staff_figures(frames, resolve(frames, selection))
