"""One cell's value: the parsing rules for Swedish and English numbers, percents, dates, periods.

:func:`parse_scalar` returns the value, ``None`` for a blank cell, or the sentinel :data:`BAD`
for a cell that is not blank and cannot be read. :mod:`loaders.ingest.values` applies the same rules
to whole columns at once (and re-exports everything public here).

Rules (FORMAT.md): thousands separators are spaces (also U+00A0, U+202F, U+2009); exactly one
of "," and "." is the decimal mark, so text holding both is refused as ambiguous. Percents mean
what Excel displays, with no guessing by magnitude. Blank means None, NaN, NA, NaT or text of
only white space; text such as "NaN" or "inf" is not a number.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from types import MappingProxyType

import numpy as np
import pandas as pd

from loaders.periods import period_label
from loaders.specs import Kind
from loaders.text import clean_text
from loaders.vocabulary import VOCABULARIES, lookup_code


class _Bad(enum.Enum):
    BAD = "bad"

    def __repr__(self) -> str:
        return "BAD"

    __str__ = __repr__


BAD = _Bad.BAD
"""Returned by :func:`parse_scalar` for a non-blank value that cannot be read."""

_NUMBER = re.compile(
    r"^(?P<sign>[-+])? ?(?P<int>[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)?"
    r"(?:[.,](?P<frac>[0-9]+))?(?: ?(?P<pct>%))?$"
)
_ISO_DATE = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?)?$"
)
_MINUS = str.maketrans({"\u2212": "-"})

# Excel's 1900 date system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that
# never was (serial 60), so serials from 61 count from 1899-12-30 and those below from 1899-12-31.
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Excel's own range, 1900-01-01 to 9999-12-31; datetime64[ns] ends sooner (2262-04-11).
_SERIAL_RANGE = (1.0, 2958466.0)
_FAKE_LEAP_DAY = 60
_NS_BOUNDS = (pd.Timestamp.min.value, pd.Timestamp.max.value)

def parse_number(value: object, percent_formatted: bool = False) -> float | None:
    """A number as displayed, or ``None`` when the value is blank OR cannot be read.

    Never raises. Use :func:`parse_scalar` with ``Kind.NUMBER`` to tell blank from bad.
    """
    parsed = parse_scalar(Kind.NUMBER, value, percent_formatted)
    return None if parsed is BAD else parsed


def parse_scalar(kind: Kind, value: object, percent_formatted: bool = False) -> object:
    """One cell parsed as ``kind``: the value, ``None`` when blank, or :data:`BAD`.

    Values are ``str`` (text kinds and codes), ``float`` (NUMBER, PERCENT as a fraction),
    ``int`` (COUNT) or ``pd.Timestamp`` (DATE). Never raises.
    """
    cleaned = clean_text(value)
    if cleaned is None:
        return None
    if isinstance(value, str):
        value = cleaned  # parsers below see clean text: one space, trimmed, NFC
    try:
        return _SCALAR_PARSERS[kind](value, percent_formatted)
    except (ValueError, TypeError, OverflowError, ArithmeticError):
        return BAD


def _is_real(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def _number_text(text: str) -> tuple[str, bool] | None:
    """'1 234,50' -> ('1234.50', False); '12,5 %' -> ('12.5', True); None when unreadable.

    ``text`` is clean (see :func:`parse_scalar`): non-breaking and thin spaces are plain spaces.
    """
    match = _NUMBER.match(text.translate(_MINUS))
    if match is None or (match["int"] is None and match["frac"] is None):
        return None
    digits = (match["int"] or "0").replace(" ", "") + "." + (match["frac"] or "0")
    return (match["sign"] or "") + digits, match["pct"] is not None


def _as_number(value: object, percent_formatted: bool, places: int) -> object:
    """Shared by NUMBER and PERCENT: ``places`` shifts the value as displayed (-2 for percent)."""
    if _is_real(value):
        shift = places + 2 if percent_formatted else places
        number = float(value)
        if shift:
            number = float(shift_decimal(np.array([number]), shift)[0])
        return number if np.isfinite(number) else BAD
    if isinstance(value, str) and (parsed := _number_text(value)):
        return float(f"{parsed[0]}e{places}")
    return BAD


def _parse_count(value: object, percent_formatted: bool) -> object:
    number = _as_number(value, percent_formatted, 0)
    if number is BAD or not float(number).is_integer() or abs(number) >= 2.0**63:
        return BAD
    return int(number)


def _parse_date(value: object, _percent_formatted: bool = False) -> object:
    if isinstance(value, dt.datetime):
        stamp = pd.Timestamp(value.replace(tzinfo=None))
    elif isinstance(value, dt.date):
        stamp = pd.Timestamp(value)
    elif _is_real(value):
        nanos = serials_to_nanos(np.array([float(value)]))[0]
        return BAD if nanos == NAT else pd.Timestamp(nanos)
    elif isinstance(value, str) and (match := _ISO_DATE.match(value)):
        parts = [int((g or "0").ljust(6, "0")) if i == 6 else int(g or 0)
                 for i, g in enumerate(match.groups())]
        stamp = pd.Timestamp(dt.datetime(*parts))
    else:
        return BAD
    return stamp.as_unit("ns") if _NS_BOUNDS[0] <= stamp.value <= _NS_BOUNDS[1] else BAD


def _parse_dates(value: object, _percent_formatted: bool = False) -> object:
    """One or more dates: a date cell, or text of ISO dates separated by ``;``. The canonical
    text lists each date once, in order: ``"2019-01-15;2018-10-01"`` -> ``"2018-10-01;
    2019-01-15"`` (with a space after each ``;``). Any part that is not a date makes the cell
    unreadable; a time of day other than midnight too (a deadline is a day)."""
    parts = value.split(";") if isinstance(value, str) else [value]
    days = set()
    for part in parts:
        if isinstance(part, str) and not part.strip():
            continue
        stamp = _parse_date(part.strip() if isinstance(part, str) else part)
        if stamp is BAD or stamp != stamp.normalize():
            return BAD
        days.add(stamp.date())
    return "; ".join(d.isoformat() for d in sorted(days)) if days else None


def _parse_period(value: object, _percent_formatted: bool = False) -> object:
    label = period_label(value)  # None for numbers: a period is a label or a date
    if label is None and isinstance(value, str):
        date = _parse_date(value)
        label = None if date is BAD else period_label(date)
    return BAD if label is None else label


_FLAG_WORDS = MappingProxyType({
    **dict.fromkeys(("ja", "j", "yes", "y", "sant", "true", "x"), True),
    **dict.fromkeys(("nej", "n", "no", "falskt", "false"), False),
})


def _parse_flag(value: object, _percent_formatted: bool = False) -> object:
    """Yes or no: a boolean cell, or a word (Ja/Nej, Yes/No, Sant/Falskt, X); no numbers."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, str):
        flag = _FLAG_WORDS.get(value.casefold())
        return BAD if flag is None else flag
    return BAD


_SCALAR_PARSERS = MappingProxyType({
    Kind.TEXT: lambda v, _p: clean_text(v),
    Kind.ID: lambda v, _p: clean_text(v),
    Kind.NUMBER: lambda v, p: _as_number(v, p, 0),
    Kind.PERCENT: lambda v, p: _as_number(v, p, -2),
    Kind.COUNT: _parse_count,
    Kind.DATE: _parse_date,
    Kind.DATES: _parse_dates,
    Kind.PERIOD: _parse_period,
    Kind.FLAG: _parse_flag,
    **{kind: (lambda v, _p, k=kind: lookup_code(k, v) or BAD) for kind in VOCABULARIES},
})


# ---------------------------------------------------------------------- array conversions

NAT = np.iinfo(np.int64).min  # int64 nanoseconds of NaT: "no date"


def shift_decimal(values: np.ndarray, places: int) -> np.ndarray:
    """``values * 10**places`` as the decimal shift a reader expects.

    0.95 shown as percent is 95.0, not 95.00000000000001: results are rounded to 15
    significant digits (what Excel displays), which gives the float nearest the decimal value.
    """
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        out = values * 10.0**places if places >= 0 else values / 10.0**-places
        exponents = np.floor(np.log10(np.abs(out)))
    snap = np.isfinite(exponents) & (exponents >= -8) & (exponents <= 15)
    for exponent in np.unique(exponents[snap]):
        chosen = snap & (exponents == exponent)
        out[chosen] = np.round(out[chosen], int(14 - exponent))
    return out


def serials_to_nanos(serials: np.ndarray) -> np.ndarray:
    """Excel 1900-system serial numbers to int64 nanoseconds; ``NAT`` where implausible."""
    ok = np.isfinite(serials) & (serials >= _SERIAL_RANGE[0]) & (serials < _SERIAL_RANGE[1])
    ok &= np.floor(serials) != _FAKE_LEAP_DAY
    days = np.where(ok, serials, 0.0) + (serials < _FAKE_LEAP_DAY)  # Excel's fake 1900-02-29
    ok &= days < (_NS_BOUNDS[1] - _EXCEL_EPOCH.value) / 86400e9 - 1
    days = np.where(ok, days, 0.0)
    whole = np.floor(days)
    millis = np.round((days - whole) * 86_400_000).astype(np.int64)  # time of day, to the ms
    nanos = whole.astype(np.int64) * 86_400_000_000_000 + millis * 1_000_000
    return np.where(ok, _EXCEL_EPOCH.value + nanos, NAT)


