"""Figures of the selected tertial broken down by group: statuses per department, unit,
result area or goal, and staff changes per unit or department.

Groups are matched by name without case (``name_key``) and shown as the data first spells
them; rows without a group (blank result area, a unit in no department) form one group with
a missing name (NA), listed last. Groups are in Swedish alphabetical order.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpis.periods import label_if_present

from .operations import ACTIVE, STATUS_CODES
from .organisation import Frames, keys_of, name_key, one_key, strip, swedish_key
from .rows import department_keys, departments_of, scoped_rows
from .scope import Scope, Selection, resolve
from .trends import typed_frame

GROUPINGS: tuple[str, ...] = ("department", "unit", "result_area", "goal")
COUNT_COLUMNS: dict[str, str] = {
    **dict.fromkeys(STATUS_CODES, "Int64"), "active": "Int64",
    **{f"{code}_share": "Float64" for code in ACTIVE},
}
STAFF_CHANGE_COLUMNS: dict[str, str] = {
    "permanent": "Int64", "temporary": "Int64", "headcount": "Int64",
    "permanent_change": "Int64", "temporary_change": "Int64", "headcount_change": "Int64",
}


def _names(rows: pd.DataFrame, by: str, scope: Scope) -> pd.Series:
    """The group name of every row (NA when blank)."""
    if by == "department":
        return departments_of(rows, scope)
    names = strip(rows[by])
    return names.mask(names.eq("").fillna(False))


def _keys(rows: pd.DataFrame, by: str, scope: Scope) -> pd.Series:
    """The group key of every row (NA when blank): the name without case."""
    keys = department_keys(rows, scope) if by == "department" else keys_of(rows, by)
    blank = keys.eq("").fillna(False)
    return keys.mask(blank) if blank.any() else keys


def _order(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Rows in Swedish order of ``columns`` (missing names last)."""
    keys = {c: frame[c].map(lambda n: swedish_key(n)[0] if isinstance(n, str) else "\U0010ffff")
            for c in columns}
    order = pd.DataFrame(keys).sort_values(columns, kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def _group_columns(by: str) -> list[str]:
    return ["result_area", "goal"] if by == "goal" else [by]


def _grouped_counts(rows: pd.DataFrame, columns: list[str], scope: Scope) -> pd.DataFrame:
    """Counts of each status code per group, with the groups' first spellings (trimmed;
    blank names NA)."""
    keys = {c: _keys(rows, c, scope) for c in columns}
    grouped = rows["code"].groupby(list(keys.values()), sort=False, dropna=False,
                                   observed=True)
    counts = grouped.value_counts().unstack(fill_value=0)
    counts = counts.reindex(columns=list(STATUS_CODES), fill_value=0)
    table = counts.reset_index(names=columns)
    for column in columns:  # the first spelling of each key, trimmed: a few names, not rows
        raw = departments_of(rows, scope) if column == "department" else rows[column]
        first = pd.DataFrame({"key": keys[column], "name": raw}).drop_duplicates("key")
        names = strip(first["name"])
        names = names.mask(names.eq("").fillna(False))
        spelled = dict(zip(first["key"], names, strict=True))
        table[column] = pd.Series([spelled.get(k) for k in table[column]], dtype="string")
    table["active"] = table[list(ACTIVE)].sum(axis=1)
    active = table["active"].astype("Float64").mask(table["active"].eq(0))
    for code in ACTIVE:
        table[f"{code}_share"] = table[code] / active
    return table


def natural_grouping(selection: Selection) -> str:
    """The grouping a view breaks statuses down by: departments for the agency, units for
    a department, result areas for one unit."""
    if selection.unit and selection.unit.strip():
        return "result_area"
    if selection.department and selection.department.strip():
        return "unit"
    return "department"


def status_by_group(frames: Frames, selection: Selection, by: str,
                    result_area: str | None = None) -> pd.DataFrame:
    """Assignment statuses of the selected tertial per group.

    ``by`` is ``department`` (for the agency view), ``unit`` (within a department),
    ``result_area`` or ``goal``. Columns: the group column (``goal`` also has
    ``result_area``, so goals read under their result area), the five status counts,
    ``active`` and the three shares over the active ones (NA when nothing is active).
    ``result_area`` keeps only that result area's assignments (matched without case): with
    ``by="goal"`` it gives one result area's goals, e.g. those of "Modern myndighet".
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}: {by!r}")
    scope = resolve(frames, selection)
    rows = scoped_rows(frames, "assignments", scope)
    if result_area is not None:
        rows = rows[keys_of(rows, "result_area").eq(one_key(result_area)).fillna(False)]
    rows = rows[rows["code"].isin(STATUS_CODES).fillna(False)]
    columns = _group_columns(by)
    group_types = dict.fromkeys(columns, "string")
    if rows.empty:
        return typed_frame([], {**group_types, **COUNT_COLUMNS})
    table = _grouped_counts(rows, columns, scope)
    return _order(table[[*columns, *COUNT_COLUMNS]].astype({**group_types, **COUNT_COLUMNS}),
                  columns)


def _staff_sums(rows: pd.DataFrame, by: str, scope: Scope) -> pd.DataFrame:
    """permanent, temporary and headcount per group key, with the group's name."""
    names = _names(rows, by, scope) if by == "department" else (
        strip(rows["unit"]))
    frame = pd.DataFrame({"key": name_key(names).fillna(""), by: names,
                          "permanent": rows["permanent"], "temporary": rows["temporary"]})
    grouped = frame.groupby("key", sort=False)
    table = grouped[["permanent", "temporary"]].sum(min_count=1)
    table[by] = grouped[by].first()
    known = table["permanent"].notna() | table["temporary"].notna()
    headcount = table["permanent"].fillna(0) + table["temporary"].fillna(0)
    table["headcount"] = headcount.astype("Int64").where(known)
    return table


def staff_changes(frames: Frames, selection: Selection, by: str = "unit") -> pd.DataFrame:
    """Headcount per unit (``by="unit"``, with its department) or per department in the
    selected tertial, split by employment type, and each change since the previous tertial.
    Changes are NA when the staff data has no previous tertial or the group had no staff
    rows then. So "+11, all temporary" reads straight off a row."""
    if by not in ("unit", "department"):
        raise ValueError(f"by must be unit or department: {by!r}")
    scope = resolve(frames, selection)
    now = _staff_sums(scoped_rows(frames, "staff", scope), by, scope)
    if label_if_present(frames, scope.period.previous, ["staff"]) is not None:
        before = _staff_sums(scoped_rows(frames, "staff", scope, scope.period.previous),
                             by, scope)
    else:
        before = now.iloc[:0]
    for figure in ("permanent", "temporary", "headcount"):
        old = before[figure].reindex(now.index)
        now[f"{figure}_change"] = now[figure] - old
    groups = ["unit", "department"] if by == "unit" else ["department"]
    if by == "unit":
        now["department"] = scope.department_of(now["unit"])
    types = {**dict.fromkeys(groups, "string"), **STAFF_CHANGE_COLUMNS}
    table = now.reset_index(drop=True)[list(types)].astype(types)
    return _order(table, [by])
