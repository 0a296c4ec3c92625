"""The rows a figure reads: one dataset's rows of one tertial, inside a scope, with keys.

Matching by name without case (``name_key``) is the costly part of every figure at 100,000
assignments, so the rows of a tertial get their keys once per data version: ``unit__key``
(and the others of :data:`KEYED`) beside the columns they key, the unit's department as the
units frame says (``department__name``, with its key), and for assignments ``key`` (the id)
and ``code`` (the status), one row per assignment. :func:`keys_of` takes such a key column
when the rows have it and computes it when they do not, so every figure also works on plain
frames. The rows' own keys are the import's (``loaders/keys.py``, stored with each slice)
when the frames come from the store, so a worker's first request after an import only adds
the departments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.kpis.periods import as_tertial, rows_of_period
from dashboard.kpis.prepared import memoized
from loaders.keys import GROUPED, KEYED, WITH_IDS, OwnKeys, first_ids, own_keys
from loaders.keys import blank_comments as _blank_comments
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

__all__ = ["BLANK_COMMENT", "DEPARTMENT", "GROUPED", "KEYED", "blank_comments", "department_keys",
           "departments_of", "keyed", "period_rows", "scoped_rows"]
DEPARTMENT = "department__name"  # the department of the row's unit (NA: none listed)
BLANK_COMMENT = "comment__blank"  # the assignment's comment is missing or only spaces


def keyed(frame: pd.DataFrame) -> pd.DataFrame:
    """Assignments with ``key`` (id without case) and ``code`` (status code) columns, one row
    per assignment (the first of a repeated id), without rows that have no id."""
    if "key" in frame.columns and "code" in frame.columns:
        return frame
    key, first = first_ids(frame["id"])
    frame = frame.assign(key=key, code=name_key(frame["status"]))
    return (frame if first.all() else frame[first]).reset_index(drop=True)


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


def _with_keys(frames: Frames, name: str, rows: pd.DataFrame,
               own: OwnKeys | None = None) -> pd.DataFrame:
    # The rows' own keys (``loaders.keys``: each column's keys folded once per distinct text)
    # as the import stored them, or made here; then the unit's department and its key once
    # per distinct unit key, spread over the rows. The assignments' repeated ids go first,
    # so every column is made once for the kept rows; their grouped keys are made as
    # categories straight from the codes.
    own = own_keys(name, rows) if own is None else own
    if own.first is not None:
        if not own.first.all():
            rows = rows[own.first]
        rows = rows.reset_index(drop=True)
    grouped = set(GROUPED) if name == WITH_IDS else set()
    columns = {key_column(c): (_category if c in grouped else spread)(codes, keys, rows.index)
               for c, (codes, keys) in own.coded.items()}
    if "unit" in rows.columns:
        codes, keys = own.coded["unit"] if "unit" in own.coded else key_codes(rows["unit"])
        lookup = unit_departments(frames)
        names = np.array([lookup.get(k) for k in keys], dtype=object)  # None: not listed
        named = pd.notna(names)
        folded = np.full(len(names), None, dtype=object)
        folded[named] = one_keys(names[named])
        columns[DEPARTMENT] = spread(codes, names, rows.index)
        columns[key_column(DEPARTMENT)] = (_category if own.first is not None else spread)(
            codes, folded, rows.index)
    if own.first is None:
        return rows.assign(**columns)
    columns["key"] = pd.Series(own.ids, index=rows.index, dtype=object)
    columns["code"] = (name_key(rows["status"]) if own.status is None
                       else spread(*own.status, rows.index))
    columns[BLANK_COMMENT] = (_blank_comments(rows["comment"]) if own.blank is None
                              else pd.Series(own.blank, index=rows.index, dtype=bool))
    return rows.assign(**columns)


def period_rows(frames: Frames, name: str, period: Tertial) -> pd.DataFrame:
    """The dataset's rows of the tertial, with their keys (read-only: kept per version):
    from the keys the import stored with the tertial's slice when the frames have them
    (``PreparedFrames.slice_keys``), else made from the rows."""
    return memoized(frames, ("period_rows", name, period),
                    lambda: _period_rows(frames, name, period))


def _period_rows(frames: Frames, name: str, period: Tertial) -> pd.DataFrame:
    frame = dataset(frames, name)
    stored = getattr(frames, "slice_keys", None)
    found = stored(name, as_tertial(period)) if stored is not None else None
    if found is not None:  # (first row, row after the last, the slice's own keys)
        start, stop, own = found
        return _with_keys(frames, name, frame.iloc[start:stop], own)
    return _with_keys(frames, name, rows_of_period(frame, period))


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
    return _blank_comments(rows["comment"])
