"""The one name rule for whole columns: :func:`loaders.text.one_key` of every cell, folded per
column in a few C passes (case, white space, invisible characters as ``one_key`` sees them).

The import uses it to prepare each slice's key columns once (``loaders/keys.py``), the
dashboard to match units, departments and ids by name (``dashboard/kpis/organisation.py``):
one rule in one place, below both, so that what the import stored and what a worker would
compute are the same keys.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from pandas.core.arrays.string_ import StringArray

from loaders.text import one_key


def texts_of(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The cells as an object array of str with None for NA (no copy for a Python-string
    column without NA), and the NA mask (the string array's own: ``pd.isna`` of an object
    array costs 30 ms on 100k cells)."""
    array = series.array
    if not (isinstance(array, StringArray) and array.dtype.na_value is pd.NA):
        array = series.astype(pd.StringDtype("python")).array
    values, missing = array._ndarray, np.asarray(array.isna())
    if missing.any():
        values = values.copy()
        values[missing] = None
    return values, missing


def factorized(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The factorize codes of the cells (-1 for NA) and the distinct texts (object array)."""
    codes, distinct = pd.factorize(texts_of(series)[0], use_na_sentinel=True)
    return codes, np.asarray(distinct, dtype=object)


def spread(codes: np.ndarray, done: np.ndarray, index: pd.Index) -> pd.Series:
    """``done[code]`` of every cell (NA for -1 or a None result) as a ``string`` Series."""
    return pd.Series(np.append(done, None)[codes], index=index, dtype="string")


# Python's white space, as str.split() and one_key see it (the regex module uses the same
# Unicode table); the texts of a column are folded joined by NUL, which none of these is.
_SPACES = re.compile(r"\s+")
_AROUND_SEP = re.compile(r" ?\x00 ?")
_SEP = "\x00"


def one_keys(texts: np.ndarray | list) -> np.ndarray:
    """:func:`loaders.text.one_key` of every text (str, no NA), as an object array: the
    column joined into one string, white space folded, trimmed around each text and case
    folded in a few C passes instead of three Python calls per text (white space checked
    first: the texts of a reader are clean, so mostly only the case is folded). A text
    holding a NUL (never from a reader) makes it fall back to one call per text."""
    texts = list(texts)
    joined = _SEP.join(texts)
    if _already_spaced(texts, joined):  # the usual case: only case to fold
        folded = joined.casefold()
    elif joined.count(_SEP) != max(len(texts) - 1, 0):
        return np.array([one_key(t) for t in texts], dtype=object)
    else:
        folded = _AROUND_SEP.sub(_SEP, _SPACES.sub(" ", joined)).strip(" ").casefold()
    keys = folded.split(_SEP) if texts else []
    return np.array(keys, dtype=object)


def _already_spaced(texts: list[str], joined: str) -> bool:
    """Whether every text is its own one_key but for case: no white space but single ASCII
    spaces (every other white space character is not printable), none at either end."""
    return ("".join(texts).isprintable() and "  " not in joined and _SEP + " " not in joined
            and " " + _SEP not in joined and not joined.startswith(" ")
            and not joined.endswith(" "))


SAMPLE = 4096  # cells looked at to tell a column of ids from one of repeated names (units: 1000)


def key_codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The cells' :func:`one_key` as (codes, keys): ``keys[code]`` is a cell's key, code -1
    for NA. A column of mostly distinct texts (ids) is folded cell by cell (one code per
    cell), the others once per distinct text (one code per distinct key: equal keys are one
    string object)."""
    head = series.iloc[:SAMPLE]
    if len(series) > 4 * SAMPLE and 2 * head.nunique() > len(head):  # ids: mostly distinct
        texts, missing = texts_of(series)
        keys = np.full(len(texts), None, dtype=object)
        keys[~missing] = one_keys(texts[~missing])
        return np.where(missing, -1, np.arange(len(texts))), keys
    codes, distinct = factorized(series)
    keys = one_keys(distinct)
    key_codes_, unique_keys = pd.factorize(keys)  # "Enhet A" and "enhet a": one key
    return np.where(codes < 0, -1, np.append(key_codes_, -1)[codes]), np.asarray(
        unique_keys, dtype=object)


def name_key(series: pd.Series) -> pd.Series:
    """:func:`one_key` of every cell (NA stays NA), as a ``string`` Series."""
    codes, keys = key_codes(series)
    return spread(codes, keys, series.index)


def key_column(column: str) -> str:
    """The name of the column that holds ``column``'s name keys (see ``loaders/keys.py``)."""
    return f"{column}__key"
