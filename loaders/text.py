"""Text as finance's exports hold it, made comparable.

:func:`clean_text` is the one place where a cell becomes text: NFC-normalised, control and
zero-width characters removed (a reader does not see them: what Excel shows as ``Status`` is
``Status``, whatever a copy from a web page or a byte order mark left inside it), every kind
of white space (also non-breaking and thin spaces) folded to one space and trimmed.
:func:`name_key` and :func:`id_key` build on it for matching sheet names, headers,
vocabularies and ids.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import numpy as np
import pandas as pd

# Control characters (category Cc) that are not white space are removed. Tab, newline,
# vertical tab, form feed, carriage return and NEL count as white space and are folded instead.
# Zero-width characters (category Cf, so str.split() keeps them): removed, like the controls.
# A zero-width space marks where a line may break, not a space: "Sta\u200btus" reads "Status".
_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u200c\u200d\u2060\ufeff]")

# Every character a reader does not see at the ends of a cell: Unicode white space, control
# characters and zero-width characters (for str.strip; the same set as the patterns above).
INVISIBLE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), *range(0x7F, 0x85),
                                *range(0x86, 0xA0)))
    + "\u200b\u200c\u200d\u2060\ufeff"
)

# Floats in this range print without an exponent ("0.00001", not "1e-05").
_POSITIONAL_RANGE = (1e-9, 1e16)


def clean_text(value: object) -> str | None:
    """The cell as clean text, or ``None`` when it is blank.

    Strings are NFC-normalised, control and zero-width characters (U+200B, U+200C, U+200D,
    U+2060, U+FEFF) are removed, runs of white space (including U+00A0, U+2007, U+202F and
    U+2009) become one space, and the ends are trimmed. Other values are written as a reader
    expects: ``123`` for an integral number (no ``.0``), ``2018-08-31`` for a date or a
    datetime at midnight, ``2018-08-31 12:30:00`` for other datetimes, ``TRUE``/``FALSE``
    for booleans.
    """
    if isinstance(value, str):
        return _clean_str(value)
    if value is None or _is_missing(value):
        return None
    return _clean_str(_format_scalar(value))


def name_key(value: object) -> str:
    """Key for matching sheet and column names and vocabulary words.

    Case, surrounding and repeated spaces, and diacritics do not matter: "Årsarbetskrafter",
    " arsarbetskrafter " and "ÅRSARBETSKRAFTER" share a key, as do "Grön" and "Gron".
    Blank gives "".
    """
    text = (clean_text(value) or "").casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def one_key(name: str) -> str:
    """A unit's or department's name folded for matching, as the dashboard matches them:
    trimmed, inner spaces single, case folded (diacritics kept: "Enhet Å" is not "Enhet A")."""
    return " ".join(name.split()).casefold()


def id_key(value: object) -> str:
    """Key for ids compared without case: ``U-1`` and ``u-1 `` are the same id. Blank gives ""."""
    return (clean_text(value) or "").casefold()


def _clean_str(text: str) -> str | None:
    if not text.isprintable():  # controls, zero-width and unusual spaces are not printable
        text = _REMOVED.sub("", text)
    elif text[:1] != " " and text[-1:] != " " and "  " not in text and (
        text.isascii() or unicodedata.is_normalized("NFC", text)
    ):
        return text or None  # the common case: nothing to change
    if not text.isascii():  # normalised after removals, which could leave a mark unjoined
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()) or None


def _is_missing(value: object) -> bool:
    """NaN, pandas' NA and NaT, and numpy's NaT are blank cells, not text."""
    if value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return isinstance(value, np.datetime64) and bool(np.isnat(value))


def _format_scalar(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return _format_float(float(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _format_float(number: float) -> str:
    if math.isinf(number):
        return "-inf" if number < 0 else "inf"
    if number.is_integer() and abs(number) < _POSITIONAL_RANGE[1]:
        return str(int(number))
    text = repr(number)
    if "e" in text and _POSITIONAL_RANGE[0] <= abs(number) < _POSITIONAL_RANGE[1]:
        return np.format_float_positional(number, trim="-")
    return text
