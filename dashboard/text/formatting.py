"""Numbers, percents and changes written the way each language writes them.

Swedish: ``1 234,5``, ``12,5 %``, ``+1,2 procentenheter``, with U+00A0 as the thousands
separator (so numbers never break across lines). Missing values are ``–``. Rounding is half
away from zero (``Decimal`` ROUND_HALF_UP), as a finance officer rounds, not half-to-even.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from dashboard.text import i18n
from loaders.language import english, language, pick

NBSP = "\u00a0"
MISSING = "–"
_SEPARATORS = {"sv": (NBSP, ","), "en": (",", ".")}
POINTS_KEY = "format.points"  # [singular, plural] in the one table of texts
TIME_ZONE = ZoneInfo("Europe/Stockholm")  # the agency's time, whatever the server's
TIME_FORMAT = "%Y-%m-%d %H:%M"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, decimals: int = 0, lang: str = "sv",
           sign: bool = False) -> str:
    """``1234.5`` -> ``1 234,5`` (sv) or ``1,234.5`` (en); ``None`` -> ``–``."""
    if _missing(value):
        return MISSING
    thousands, decimal_mark = _SEPARATORS[language(lang)]
    if isinstance(value, float) and math.isinf(value):
        return MISSING
    quantum = Decimal(1).scaleb(-decimals)
    try:
        rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # beyond Decimal's 28 digits: no rounding question left
        rounded = Decimal(str(value))
    if rounded == 0:
        rounded = abs(rounded)  # never "-0"
    text = f"{abs(rounded):,.{decimals}f}".replace(",", "\x00").replace(".", decimal_mark)
    text = text.replace("\x00", thousands)
    prefix = "-" if rounded < 0 else ("+" if sign and rounded > 0 else "")
    if not english(lang) and prefix == "-":
        prefix = "\u2212"  # Swedish typography uses the true minus sign
    return prefix + text


def percent(fraction: float | None, decimals: int = 1, lang: str = "sv",
            sign: bool = False) -> str:
    """A fraction as percent: ``0.125`` -> ``12,5 %`` (sv) or ``12.5%`` (en); with ``sign``
    a deviation keeps its sign either way (``+7,6 %``, ``−1,3 %``)."""
    if _missing(fraction):
        return MISSING
    text = number(fraction * 100, decimals, lang, sign=sign)
    return pick(lang, f"{text}{NBSP}%", f"{text}%")


def points(change: float | None, decimals: int = 1, lang: str = "sv") -> str:
    """A change of a fraction in percentage points: ``0.012`` -> ``+1,2 procentenheter``."""
    if _missing(change):
        return MISSING
    text = number(change * 100, decimals, lang, sign=True)
    singular, plural = i18n.value(POINTS_KEY, lang)
    unit = singular if abs(round(change * 100, decimals)) == 1 else plural
    return f"{text} {unit}"


def change(value: float | int | None, decimals: int = 0, lang: str = "sv") -> str:
    """A signed change: ``11`` -> ``+11``; ``0`` -> ``±0``."""
    if _missing(value):
        return MISSING
    if round(value, decimals) == 0:
        return "±" + number(0, decimals, lang)
    return number(value, decimals, lang, sign=True)


def with_unit(value: float | None, unit: str | None, lang: str = "sv") -> str:
    """A key figure's value with its unit of measure: ``31,9 dagar``, ``87 %``."""
    if _missing(value):
        return MISSING
    text = number(value, 0 if float(value).is_integer() else 1, lang)
    if not unit:
        return text
    return f"{text}{NBSP}{unit}"


def rate_target(target: float | None, direction: str | None, lang: str = "sv") -> str:
    """A rate's target with its bound: ``mål högst 8 %`` (lower is better), ``mål minst
    90 %``; a whole percent without decimals (8 %, 4,5 %). ``–`` without a target."""
    if _missing(target):
        return MISSING
    bound = "at_most" if direction == "lower" else "at_least"
    decimals = 0 if float(round(target * 100, 9)).is_integer() else 1
    return i18n.t(f"perspective.target_{bound}", lang, target=percent(target, decimals, lang))


def local_time(moment: dt.datetime | None) -> str:
    """``2026-11-29 13:05`` in Stockholm time (summer or winter) for an aware UTC time."""
    return moment.astimezone(TIME_ZONE).strftime(TIME_FORMAT) if moment else MISSING
