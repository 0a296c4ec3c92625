"""The organisation as the data says: departments, their units, and Swedish name order.

Units belong to the department the current units frame (Enheter) says, for every period.
Names are matched by :func:`name_key` (case and spacing do not matter): the one name rule of
``loaders/names.py``, whose column functions (``one_keys``, ``key_codes``, ``name_key``,
``spread``) are named here too for the figures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from dashboard.kpis.prepared import memoized
from loaders.names import (  # the name rule, named here for the figures too
    SAMPLE,  # noqa: F401
    factorized,
    key_codes,  # noqa: F401
    key_column,
    name_key,
    one_keys,  # noqa: F401
    spread,
)
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
    codes, distinct = factorized(series)
    return spread(codes, np.array([func(v) for v in distinct], dtype=object), series.index)


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
        table = unit_table(frames)  # tolist: Python strings at once, not boxed cell by cell
        return dict(zip(table["key"].tolist(), table["department"].tolist(), strict=True))
    return memoized(frames, ("unit_departments",), compute)


def departments(frames: Frames) -> list[str]:
    """Names of all departments in the units frame, in Swedish alphabetical order."""
    def compute() -> list[str]:
        names: dict[str, str] = {}
        for name in unit_table(frames)["department"].tolist():
            names.setdefault(one_key(name), name)
        return sorted(names.values(), key=swedish_key)
    return list(memoized(frames, ("departments",), compute))


def units_by_department(frames: Frames) -> dict[str, list[str]]:
    """Department -> its units, both in Swedish alphabetical order."""
    def compute() -> dict[str, list[str]]:
        table = unit_table(frames)
        grouped: dict[str, list[str]] = {}  # one pass: department key -> its units
        for key, unit in zip(name_key(table["department"]).tolist(), table["unit"].tolist(),
                             strict=True):
            grouped.setdefault(key, []).append(unit)
        return {name: sorted(grouped.get(one_key(name), ()), key=swedish_key)
                for name in departments(frames)}
    return {name: list(units) for name, units in
            memoized(frames, ("units_by_department",), compute).items()}
