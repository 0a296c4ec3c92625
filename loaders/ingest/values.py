"""Columns of raw cells to typed Series: the vectorised form of :mod:`loaders.ingest.scalars`.

:func:`parse_column` turns a column of raw cells (as python-calamine, openpyxl or the csv module
give them) into a typed Series plus a mask of cells that could not be read. Numeric and date
cells are converted as arrays, split by their Python type (so 1, 1.0 and True never meet), and
every other cell is parsed once per distinct value: 100k rows take milliseconds per column.

This module is the loaders' one door to value parsing: it re-exports the scalar helpers
(:func:`parse_scalar`, :func:`parse_number`, :data:`BAD`) and the vocabulary tables.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from loaders.ingest.scalars import (  # noqa: F401 - re-exported
    BAD,
    NAT,
    parse_number,
    parse_scalar,
    serials_to_nanos,
    shift_decimal,
)
from loaders.language import Language, language, pick
from loaders.specs import DTYPES, Kind
from loaders.text import clean_text
from loaders.vocabulary import (  # noqa: F401 - re-exported: the vocabulary tables
    ASSIGNMENT_TYPE_WORDS,
    CODE_LABELS,
    DIRECTION_WORDS,
    PERSPECTIVE_WORDS,
    STATUS_WORDS,
    VOCABULARIES,
    lookup_code,
)

# What each kind accepts, for issue reports: (English, Swedish).
_EXPECTED: Mapping[Kind, tuple[str, str]] = MappingProxyType({
    Kind.TEXT: ("text", "text"),
    Kind.ID: ("an id (text)", "ett id (text)"),
    Kind.NUMBER: ("a number such as 1 234,5", "ett tal, t.ex. 1 234,5"),
    Kind.COUNT: ("a whole number such as 12", "ett heltal, t.ex. 12"),
    Kind.PERCENT: ("a percentage such as 12,5 %", "en procentsats, t.ex. 12,5 %"),
    Kind.DATE: ("a date such as 2018-08-31", "ett datum, t.ex. 2018-08-31"),
    Kind.DATES: ("one or more dates separated by ;, such as 2018-10-01; 2019-01-15",
                 "ett eller flera datum åtskilda av ;, t.ex. 2018-10-01; 2019-01-15"),
    Kind.PERIOD: ("a tertial such as 2018-T2", "en tertial, t.ex. 2018-T2"),
    Kind.FLAG: ("yes or no", "ja eller nej"),
})
_OR = MappingProxyType({"en": "or", "sv": "eller"})


def expected_text(kind: Kind, lang: Language = "en") -> str:
    """Short description of what a column of this kind accepts, for issue reports.

    English by default ("a number such as 1 234,5", "Grön, Gul, Röd, Avslutad or Avbruten");
    ``lang="sv"`` gives the Swedish text. Vocabulary words are listed in their Swedish spelling.
    """
    if kind in VOCABULARIES:
        words = [spellings[0] for spellings in VOCABULARIES[kind].values()]
        return f"{', '.join(words[:-1])} {_OR[language(lang)]} {words[-1]}"
    english, swedish = _EXPECTED[kind]
    return pick(lang, swedish, english)


# -------------------------------------------------------------------------------- columns

_OK, _BLANK, _UNREADABLE = 0, 1, 2  # per-cell state while a column is parsed
_FAMILIES: tuple[tuple[str, tuple[type, ...]], ...] = (
    ("blank", (type(None), type(pd.NA), type(pd.NaT))),
    ("bool", (bool, np.bool_)),
    ("real", (int, float, np.integer, np.floating)),
    ("str", (str,)),
    ("datetime", (dt.datetime,)),
    ("date", (dt.date,)),
)
_NUMERIC_KINDS = frozenset({Kind.NUMBER, Kind.PERCENT, Kind.COUNT})


def parse_column(
    kind: Kind, cells: pd.Series, percent_formatted: pd.Series | None = None,
    texts: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Parse raw cells as ``kind``: ``(values, bad)`` with the index of ``cells``.

    ``values`` has dtype ``specs.DTYPES[kind]``, NA where the cell is blank or bad. ``bad`` is
    True where a non-blank cell could not be read; blank cells are not bad (the caller decides
    about required columns). ``percent_formatted`` (same length as ``cells``) marks numeric
    cells formatted as percent in Excel: they mean what Excel displays (0.95 -> 95 %).
    ``texts``: :func:`text_codes` of ``cells`` when the caller has made it already (a column
    of texts is then parsed from its distinct texts without another pass over the cells).
    """
    kind = Kind(kind)
    raw = cells.to_numpy(dtype=object)
    pct = _percent_mask(percent_formatted, len(raw))
    if texts is not None:  # texts and None only: percent formats do not apply to texts
        values, state = _from_uniques(kind, "str", *texts)
    else:
        values, state = _empty_storage(kind, len(raw))
        for family, rows in _rows_by_family(raw):
            if family == "blank":
                continue
            part_values, part_state = _parse_family(kind, family, raw[rows], pct[rows])
            values[rows], state[rows] = part_values, part_state
    if kind is Kind.COUNT:
        whole = (values == np.floor(values)) & (np.abs(values) < 2.0**63)
        state[(state == _OK) & ~whole] = _UNREADABLE
    series = pd.Series(_to_array(kind, values, state != _OK), index=cells.index, name=cells.name)
    return series, pd.Series(state == _UNREADABLE, index=cells.index, name=cells.name)


def _percent_mask(percent_formatted: pd.Series | None, size: int) -> np.ndarray:
    if percent_formatted is None:
        return np.zeros(size, dtype=bool)
    if len(percent_formatted) != size:
        raise ValueError("percent_formatted must be as long as cells")
    return pd.Series(percent_formatted).fillna(False).to_numpy(dtype=bool)


def _empty_storage(kind: Kind, size: int) -> tuple[np.ndarray, np.ndarray]:
    if kind in _NUMERIC_KINDS:
        values = np.zeros(size, dtype=np.float64)
    elif kind is Kind.DATE:
        values = np.full(size, NAT, dtype=np.int64)
    else:
        values = np.full(size, None, dtype=object)
    return values, np.full(size, _BLANK, dtype=np.int8)


def _rows_by_family(raw: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Row positions grouped by the family of the cell's Python type (str, real, date, ...)."""
    kinds = list(map(type, raw))
    if len(set(kinds)) == 1:  # the common column: one type throughout (texts, numbers)
        return [(_family(kinds[0]), np.arange(len(raw)))]
    codes, types = pd.factorize(np.array(kinds, dtype=object))
    families: dict[str, list[int]] = {}
    for code, cell_type in enumerate(types):
        families.setdefault(_family(cell_type), []).append(code)
    return [(f, np.flatnonzero(np.isin(codes, c))) for f, c in families.items()]


def _family(cell_type: type) -> str:
    return next((f for f, classes in _FAMILIES if issubclass(cell_type, classes)), "other")


def _parse_family(kind: Kind, family: str, cells: np.ndarray, pct: np.ndarray):
    fast = _FAST_PATHS.get((Kind.NUMBER if kind in _NUMERIC_KINDS else kind, family))
    if fast is not None:
        try:
            return fast(kind, cells, pct)
        except (ValueError, TypeError, OverflowError):
            pass  # odd values (huge ints, time zones, far dates): cell by cell below
    if family in ("real", "other"):  # percent formats matter; odd types may not hash
        parsed = [parse_scalar(kind, c, p) for c, p in zip(cells, pct, strict=True)]
        values, state = _store(kind, parsed)
        return values[:-1], state[:-1]
    return _map_unique(kind, family, cells)


def text_codes(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """``pd.factorize(cells)`` when every cell is a text (``str``) or None, the usual column of
    a sheet: one hashing pass then serves both the check for Excel error values and the
    parse. None for any other column (checked on its first cell, then on the distinct values
    and the missing cells), which is parsed by the type of each cell."""
    if not len(cells) or cells[0].__class__ is not str:
        return None
    codes, uniques = pd.factorize(cells)
    if not all(u.__class__ is str for u in uniques):
        return None
    missing = codes < 0  # None, but also NaN, pd.NA or NaT, which are no texts
    if missing.any() and not all(cell is None for cell in cells[missing]):
        return None
    return codes, uniques


def _map_unique(kind: Kind, family: str, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parse each distinct value once (cells of one type ``family``, so 1 and True never
    meet)."""
    return _from_uniques(kind, family, *pd.factorize(cells))


def _from_uniques(kind: Kind, family: str, codes: np.ndarray, uniques: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Storage and state of the cells ``uniques[codes]`` (-1: a missing cell, blank), each
    distinct value parsed once."""
    if kind in (Kind.TEXT, Kind.ID):
        parsed = (_clean_texts(uniques) if family == "str"
                  else [clean_text(u) for u in uniques])
    else:
        parsed = [parse_scalar(kind, u) for u in uniques]
    values, state = _store(kind, parsed)
    return values[codes], np.where(codes < 0, _BLANK, state[codes])


def _clean_texts(texts: np.ndarray) -> list[str | None]:
    """:func:`~loaders.text.clean_text` of each string, with its test for text that needs no
    change inlined (most cells: a function call less per distinct text)."""
    normalized = unicodedata.is_normalized
    return [text if text and text.isprintable() and text[0] != " " and text[-1] != " "
            and "  " not in text and (text.isascii() or normalized("NFC", text))
            else clean_text(text) for text in texts]


def _store(kind: Kind, parsed: list) -> tuple[np.ndarray, np.ndarray]:
    """Scalar results (value, None or BAD) as storage arrays, filled a column at a time."""
    values, state = _empty_storage(kind, len(parsed) + 1)  # one spare slot for code -1
    if not parsed:
        return values, state
    state[:-1] = [_UNREADABLE if item is BAD else _BLANK if item is None else _OK
                  for item in parsed]
    ok = (state[:-1] == _OK).tolist()
    if values.dtype == object:
        values[:-1] = [item if good else None for item, good in zip(parsed, ok, strict=True)]
    else:  # numbers, and dates as int64 nanoseconds
        unwrap = (lambda item: item.value) if kind is Kind.DATE else (lambda item: item)
        found = [unwrap(item) for item, good in zip(parsed, ok, strict=True) if good]
        if found:
            values[np.flatnonzero(ok)] = found
    return values, state


def _fast_numbers(kind: Kind, cells: np.ndarray, pct: np.ndarray):
    numbers = np.asarray(cells, dtype=np.float64)
    blank = np.isnan(numbers)
    places = -2 if kind is Kind.PERCENT else 0
    shifts = np.where(pct, places + 2, places)
    for shift in np.unique(shifts[shifts != 0]):
        numbers[shifts == shift] = shift_decimal(numbers[shifts == shift], int(shift))
    state = np.where(np.isfinite(numbers), _OK, _UNREADABLE).astype(np.int8)
    state[blank] = _BLANK
    return numbers, state


def _fast_serials(_kind: Kind, cells: np.ndarray, _pct: np.ndarray):
    numbers = np.asarray(cells, dtype=np.float64)
    nanos = serials_to_nanos(numbers)
    state = np.where(nanos == NAT, _UNREADABLE, _OK).astype(np.int8)
    state[np.isnan(numbers)] = _BLANK
    return nanos, state


def _fast_datetimes(_kind: Kind, cells: np.ndarray, _pct: np.ndarray):
    stamps = pd.DatetimeIndex(pd.to_datetime(cells))
    if stamps.tz is not None:
        raise TypeError("time zone")  # rare: handled cell by cell
    return stamps.as_unit("ns").asi8, np.full(len(cells), _OK, dtype=np.int8)


_FAST_PATHS = MappingProxyType({
    (Kind.NUMBER, "real"): _fast_numbers,
    (Kind.DATE, "real"): _fast_serials,
    (Kind.DATE, "datetime"): _fast_datetimes,
    (Kind.DATE, "date"): _fast_datetimes,
})


def _to_array(kind: Kind, values: np.ndarray, missing: np.ndarray):
    dtype = DTYPES[kind]
    if dtype == "Float64":
        return pd.arrays.FloatingArray(np.where(missing, 0.0, values), missing)
    if dtype == "Int64":
        return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)
    if dtype == "boolean":
        return pd.arrays.BooleanArray(np.where(missing, False, values).astype(bool), missing)
    if dtype == "datetime64[ns]":
        return np.where(missing, NAT, values).view("datetime64[ns]")
    # Series.astype is about 8x faster than pd.array(..., dtype="string") on 100k strings.
    return pd.Series(np.where(missing, None, values), dtype=object).astype(dtype).array
