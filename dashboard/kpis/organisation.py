"""The organisation as the data says: departments, their units, and Swedish name order.

Units belong to the department the current units frame (Enheter) says, for every period.
Names are matched by :func:`name_key` (case and spacing do not matter).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
from pandas.core.arrays.string_ import StringArray

from dashboard.kpis.prepared import memoized
from loaders.specs import BY_NAME, DTYPES
from loaders.text import one_key

Frames = Mapping[str, pd.DataFrame]

# Swedish alphabet: å, ä, ö come after z, in that order. They (and their Danish/Norwegian
# cousins) are mapped to code points just above "z" before accents are stripped from the rest.
_AFTER_Z: dict[str, str] = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}
_SAME_AS: dict[str, str] = {"ü": "y"}  # ü sorts as y in Swedish


def _fold_char(char: str) -> str:
    if char in _AFTER_Z:
        return _AFTER_Z[char]
    char = _SAME_AS.get(char, char)
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


# The per-character folding above as one translation table for the Latin letters (built once;
# str.translate runs in C, about 20x faster than a Python loop over 100k names).
_FOLD = str.maketrans({chr(c): _fold_char(chr(c)) for c in range(0x80, 0x250)
                       if _fold_char(chr(c)) != chr(c)})
# Characters the per-character folding leaves as they are (ASCII, Latin letters without
# accents, general punctuation such as "–"): a folded name made only of these is final, so
# the slow per-character pass below is skipped (it would change nothing).
_FIXED = "".join(chr(c) for r in (range(0x80, 0x250), range(0x2000, 0x2070))
                 for c in r if _fold_char(chr(c)) == chr(c))
_NOT_FIXED = re.compile("[^\x00-\x7f" + re.escape(_FIXED) + "]")


def swedish_key(text: str) -> tuple[str, str]:
    """Sort key for Swedish alphabetical order (a-z, then å, ä, ö; case and accents
    such as é ignored first, the original text breaking ties)."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    if not folded.isascii() and _NOT_FIXED.search(folded):  # beyond Latin: the slow way
        folded = "".join(_fold_char(c) for c in folded)
    return folded, text


def per_distinct(series: pd.Series, func: Callable[[str], str]) -> pd.Series:
    """``func`` of every cell (NA stays NA), as a ``string`` Series, calling it once per
    distinct text and spreading the results back by the factorize codes (a column of a few
    hundred units, or of distinct ids, in one pass instead of a Python call per cell)."""
    codes, distinct = _factorized(series)
    return spread(codes, np.array([func(v) for v in distinct], dtype=object), series.index)


def _texts(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
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


def _factorized(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The factorize codes of the cells (-1 for NA) and the distinct texts (object array)."""
    codes, distinct = pd.factorize(_texts(series)[0], use_na_sentinel=True)
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


def key_codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The cells' :func:`one_key` as (codes, keys): ``keys[code]`` is a cell's key, code -1
    for NA. A column of mostly distinct texts (ids) is folded cell by cell (one code per
    cell), the others once per distinct text (one code per distinct key: equal keys are one
    string object)."""
    head = series.iloc[:SAMPLE]
    if len(series) > 4 * SAMPLE and 2 * head.nunique() > len(head):  # ids: mostly distinct
        texts, missing = _texts(series)
        keys = np.full(len(texts), None, dtype=object)
        keys[~missing] = one_keys(texts[~missing])
        return np.where(missing, -1, np.arange(len(texts))), keys
    codes, distinct = _factorized(series)
    keys = one_keys(distinct)
    key_codes_, unique_keys = pd.factorize(keys)  # "Enhet A" and "enhet a": one key
    return np.where(codes < 0, -1, np.append(key_codes_, -1)[codes]), np.asarray(
        unique_keys, dtype=object)


SAMPLE = 4096  # cells looked at to tell a column of ids from one of repeated names (units: 1000)


def name_key(series: pd.Series) -> pd.Series:
    """:func:`one_key` of every cell (NA stays NA), as a ``string`` Series."""
    codes, keys = key_codes(series)
    return spread(codes, keys, series.index)


def key_column(column: str) -> str:
    """The name of the column that holds ``column``'s name keys (see ``kpis.rows``)."""
    return f"{column}__key"


def keys_of(rows: pd.DataFrame, column: str) -> pd.Series:
    """:func:`name_key` of the column: the rows' key column when they have one."""
    name = key_column(column)
    return rows[name] if name in rows.columns else name_key(rows[column])


def strip(series: pd.Series) -> pd.Series:
    """Every cell without surrounding spaces (``.str.strip()``), as a ``string`` Series."""
    return per_distinct(series, str.strip)


def dataset(frames: Frames, name: str) -> pd.DataFrame:
    """The dataset's frame with every spec column (missing dataset: empty frame; missing
    column: all NA of the spec's dtype), so the figures never meet a KeyError."""
    spec = BY_NAME[name]
    frame = frames.get(name)
    if frame is None:
        frame = pd.DataFrame(index=pd.RangeIndex(0))
    missing = [c for c in spec.columns if c.field not in frame.columns]
    if not missing:
        return frame
    frame = frame.copy()
    for column in missing:
        frame[column.field] = pd.Series(pd.NA, index=frame.index, dtype=DTYPES[column.kind])
    return frame


def unit_table(frames: Frames) -> pd.DataFrame:
    """Units with their department: columns unit, department, key (the unit's name key).
    Rows without a unit or department are left out; a unit listed twice keeps its first row.
    Read-only: kept per data version."""
    return memoized(frames, ("unit_table",), lambda: _unit_table(frames))


def _unit_table(frames: Frames) -> pd.DataFrame:
    units = dataset(frames, "units")
    table = pd.DataFrame({
        "unit": strip(units["unit"]),
        "department": strip(units["department"]),
    })
    table["key"] = name_key(table["unit"])
    usable = table["key"].fillna("").ne("") & table["department"].fillna("").ne("")
    return table[usable].drop_duplicates("key").reset_index(drop=True)


def unit_departments(frames: Frames) -> dict[str, str]:
    """Unit name key -> department name (read-only: kept per data version)."""
    def compute() -> dict[str, str]:
        table = unit_table(frames)
        return dict(zip(table["key"], table["department"], strict=True))
    return memoized(frames, ("unit_departments",), compute)


def departments(frames: Frames) -> list[str]:
    """Names of all departments in the units frame, in Swedish alphabetical order."""
    def compute() -> list[str]:
        names: dict[str, str] = {}
        for name in unit_table(frames)["department"]:
            names.setdefault(one_key(name), name)
        return sorted(names.values(), key=swedish_key)
    return list(memoized(frames, ("departments",), compute))


def units_by_department(frames: Frames) -> dict[str, list[str]]:
    """Department -> its units, both in Swedish alphabetical order."""
    def compute() -> dict[str, list[str]]:
        table = unit_table(frames)
        grouped: dict[str, list[str]] = {}  # one pass: department key -> its units
        for key, unit in zip(name_key(table["department"]), table["unit"], strict=True):
            grouped.setdefault(key, []).append(unit)
        return {name: sorted(grouped.get(one_key(name), ()), key=swedish_key)
                for name in departments(frames)}
    return {name: list(units) for name, units in
            memoized(frames, ("units_by_department",), compute).items()}
