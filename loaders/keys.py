"""The key columns a tertial's rows carry, made once per slice: by the import, which stores them
beside the slice (``loaders/store/frames_file.py``), or by a worker for a slice stored without
them (``dashboard/kpis/rows.py`` makes the keyed rows from either, the same way).

A slice's own keys depend on its rows alone (never on another slice or the units frame), so
what an import stored stays right for every data version in which the slice is current: after
a later import, after a rollback, whichever import committed first. The unit's department is
not one of them: it comes from the current units frame and is added when the rows are read.
An assessment saved in the app changes a status and a comment (``loaders/followup/overlay.py``),
so the status codes and blank comments of an assessed tertial are made again from the rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from loaders.names import key_codes

# dataset -> its text columns that figures match or group by name
KEYED: Mapping[str, tuple[str, ...]] = {
    "assignments": ("unit", "type", "result_area", "goal"),
    "finance": ("unit",),
    "staff": ("unit",),
    "processes": ("unit", "kpi"),
}
GROUPED: tuple[str, ...] = ("unit", "result_area", "goal")  # assignments are grouped by these
WITH_IDS = "assignments"  # one row per id: the first of a repeated id, none without one

Coded = tuple[np.ndarray, np.ndarray]  # (codes, keys): keys[code] is a cell's key, -1 for NA


@dataclass(frozen=True)
class OwnKeys:
    """The keys of a slice's rows. ``first`` says which rows are kept (None: every row); the
    rest is of the kept rows, in order: ``coded`` per column of :data:`KEYED`, and for
    assignments ``ids`` (the ids' keys, object array of str), ``status`` (the status codes,
    coded) and ``blank`` (whether the comment is missing or only spaces). ``status`` and
    ``blank`` are None when they must be made from the rows (an assessed tertial)."""

    first: np.ndarray | None
    coded: Mapping[str, Coded]
    ids: np.ndarray | None = None
    status: Coded | None = None
    blank: np.ndarray | None = None


def first_ids(ids: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The ids' name keys (object dtype: isin between two Arrow-backed string columns is 20x
    slower; pd.NA for a missing id) and whether each row is the first of its id."""
    codes, keys = key_codes(ids)
    values = np.append(keys, pd.NA)[codes]
    key = pd.Series(values, index=ids.index, dtype=object)
    # one pass over the keys and at most one copy of the rows (usually none: ids are unique)
    first = (codes >= 0) & ~key.duplicated().to_numpy()
    return key, first


def blank_comments(comments: pd.Series) -> pd.Series:
    """Whether each comment is missing or only spaces (bool)."""
    # t.strip() == "" exactly when t is empty or all white space (str.isspace); map() over
    # the method runs without a Python frame per comment
    texts = comments.astype("string").fillna("").to_numpy(dtype=object)
    n = len(texts)
    blank = (np.fromiter(map(len, texts), np.int64, n) == 0) | np.fromiter(
        map(str.isspace, texts), bool, n)
    return pd.Series(blank, index=comments.index, dtype=bool)


def own_keys(name: str, rows: pd.DataFrame) -> OwnKeys:
    """The keys of ``rows`` (one tertial's rows of dataset ``name``, every spec column)."""
    if name != WITH_IDS:
        return OwnKeys(None, {c: key_codes(rows[c]) for c in KEYED.get(name, ())})
    key, first = first_ids(rows["id"])
    kept = rows if first.all() else rows[first]
    return OwnKeys(first, {c: key_codes(kept[c]) for c in KEYED[name]},
                   ids=key.to_numpy()[first], status=key_codes(kept["status"]),
                   blank=blank_comments(kept["comment"]).to_numpy())
