"""The rows a figure reads: one dataset's rows of one tertial, inside a scope, with keys.

Matching by name without case (``name_key``) is the costly part of every figure at 100,000
assignments, so the rows of a tertial get their keys once per data version: ``unit__key``
(and the others of :data:`KEYED`) beside the columns they key, the unit's department as the
units frame says (``department__name``, with its key), and for assignments ``key`` (the id)
and ``code`` (the status), one row per assignment. :func:`keys_of` takes such a key column
when the rows have it and computes it when they do not, so every figure also works on plain
frames.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.kpis.periods import rows_of_period
from dashboard.kpis.prepared import memoized
from loaders.periods import Tertial

from .organisation import (
    Frames,
    dataset,
    key_codes,
    key_column,
    keys_of,
    name_key,
    one_keys,
    spread,
    unit_departments,
)
from .scope import Scope, in_scope

# dataset -> its text columns that figures match or group by name
KEYED: Mapping[str, tuple[str, ...]] = {
    "assignments": ("unit", "type", "result_area", "goal"),
    "finance": ("unit",),
    "staff": ("unit",),
    "processes": ("unit", "kpi"),
}
GROUPED: tuple[str, ...] = ("unit", "result_area", "goal")  # assignments are grouped by these
DEPARTMENT = "department__name"  # the department of the row's unit (NA: none listed)
BLANK_COMMENT = "comment__blank"  # the assignment's comment is missing or only spaces


def keyed(frame: pd.DataFrame) -> pd.DataFrame:
    """Assignments with ``key`` (id without case) and ``code`` (status code) columns, one row
    per assignment (the first of a repeated id), without rows that have no id."""
    if "key" in frame.columns and "code" in frame.columns:
        return frame
    key, first = _first_ids(frame["id"])
    frame = frame.assign(key=key, code=name_key(frame["status"]))
    return (frame if first.all() else frame[first]).reset_index(drop=True)


def _first_ids(ids: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The ids' name keys (object dtype: isin between two Arrow-backed string columns is 20x
    slower; pd.NA for a missing id) and whether each row is the first of its id."""
    codes, keys = key_codes(ids)
    values = np.append(keys, pd.NA)[codes]
    key = pd.Series(values, index=ids.index, dtype=object)
    # one pass over the keys and at most one copy of the rows (usually none: ids are unique)
    first = (codes >= 0) & ~key.duplicated().to_numpy()
    return key, first


def _category(codes: np.ndarray, keys: np.ndarray, index: pd.Index) -> pd.Series:
    """``spread(codes, keys, index).astype("category")`` without folding the cells again:
    the distinct keys (None for NA, possibly repeated) sorted as the categories, each
    cell's code mapped to its key's place among them."""
    named = pd.notna(keys)
    categories = sorted(set(keys[named].tolist()))
    place = {key: n for n, key in enumerate(categories)}
    where = np.full(len(keys) + 1, -1, dtype=np.int64)  # the last one: NA cells (code -1)
    where[:-1][named] = [place[key] for key in keys[named]]
    dtype = pd.CategoricalDtype(pd.Index(np.array(categories, dtype=object), dtype="string"))
    return pd.Series(pd.Categorical.from_codes(where[codes], dtype=dtype), index=index)


def _with_keys(frames: Frames, name: str, rows: pd.DataFrame) -> pd.DataFrame:
    # Each column's keys are folded once per distinct text (key_codes), and the unit's
    # department and its key once per distinct unit key, then spread over the rows. The
    # assignments' repeated ids go first, so every column is made once for the kept rows;
    # their grouped keys are made as categories straight from the codes.
    first = None
    if name == "assignments":
        key, first = _first_ids(rows["id"])
        if not first.all():
            rows, key = rows[first], key[first]
        rows, key = rows.reset_index(drop=True), key.reset_index(drop=True)
    coded = {c: key_codes(rows[c]) for c in KEYED.get(name, ())}
    grouped = set(GROUPED) if name == "assignments" else set()
    columns = {key_column(c): (_category if c in grouped else spread)(codes, keys, rows.index)
               for c, (codes, keys) in coded.items()}
    if "unit" in rows.columns:
        codes, keys = coded["unit"] if "unit" in coded else key_codes(rows["unit"])
        lookup = unit_departments(frames)
        names = np.array([lookup.get(k) for k in keys], dtype=object)  # None: not listed
        named = pd.notna(names)
        folded = np.full(len(names), None, dtype=object)
        folded[named] = one_keys(names[named])
        columns[DEPARTMENT] = spread(codes, names, rows.index)
        columns[key_column(DEPARTMENT)] = (_category if first is not None else spread)(
            codes, folded, rows.index)
    if first is None:
        return rows.assign(**columns)
    columns.update(key=key, code=name_key(rows["status"]))
    columns[BLANK_COMMENT] = blank_comments(rows)
    return rows.assign(**columns)


def period_rows(frames: Frames, name: str, period: Tertial) -> pd.DataFrame:
    """The dataset's rows of the tertial, with their keys (read-only: kept per version)."""
    return memoized(frames, ("period_rows", name, period),
                    lambda: _with_keys(frames, name, rows_of_period(dataset(frames, name),
                                                                    period)))


def scoped_rows(frames: Frames, name: str, scope: Scope,
                period: Tertial | None = None) -> pd.DataFrame:
    """The dataset's rows of ``period`` (the scope's own by default) inside the scope, with
    their keys (read-only: kept per version)."""
    period = scope.period if period is None else period
    return memoized(frames, ("scoped_rows", name, period, scope.unit_keys),
                    lambda: in_scope(period_rows(frames, name, period), scope))


def departments_of(rows: pd.DataFrame, scope: Scope) -> pd.Series:
    """The department of each row's unit (NA for blank or unlisted units)."""
    if DEPARTMENT in rows.columns:
        return rows[DEPARTMENT]
    return scope.department_of(rows["unit"])


def department_keys(rows: pd.DataFrame, scope: Scope) -> pd.Series:
    """The name key of each row's department (NA for blank or unlisted units)."""
    if DEPARTMENT in rows.columns:
        return keys_of(rows, DEPARTMENT)
    return name_key(scope.department_of(rows["unit"]))


def blank_comments(rows: pd.DataFrame) -> pd.Series:
    """Whether each assignment's comment is missing or only spaces (bool)."""
    if BLANK_COMMENT in rows.columns:
        return rows[BLANK_COMMENT]
    # t.strip() == "" exactly when t is empty or all white space (str.isspace); map() over
    # the method runs without a Python frame per comment
    texts = rows["comment"].astype("string").fillna("").to_numpy(dtype=object)
    n = len(texts)
    blank = (np.fromiter(map(len, texts), np.int64, n) == 0) | np.fromiter(
        map(str.isspace, texts), bool, n)
    return pd.Series(blank, index=rows.index, dtype=bool)
