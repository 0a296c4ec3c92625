"""Tertials: a third of a year. T1 = January-April, T2 = May-August, T3 = September-December.

The canonical label is ``2018-T2``. :func:`parse_tertial` accepts every spelling finance uses
(``2018T2``, ``2018 t2``, ``T2 2018``, ``T2-2018``, ``Tertial 2 2018``) and dates (the tertial
the date falls in).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering

_YEAR_FIRST = re.compile(r"^(\d{4})\s*[-/_ ]?\s*(?:t|tertial)\s*[-_ ]?\s*([123])$")
_TERTIAL_FIRST = re.compile(r"^(?:t|tertial)\s*[-_ ]?\s*([123])\s*[-/_ ]?\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ t]00:00(?::00)?)?$")

MIN_YEAR, MAX_YEAR = 1900, 2999


@total_ordering
@dataclass(frozen=True)
class Tertial:
    year: int
    number: int  # 1, 2 or 3

    def __post_init__(self) -> None:
        if self.number not in (1, 2, 3) or not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"not a tertial: {self.year}-T{self.number}")

    def __lt__(self, other: Tertial) -> bool:
        return (self.year, self.number) < (other.year, other.number)

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}-T{self.number}"

    @property
    def previous(self) -> Tertial:
        """The tertial before: 2018-T1 for 2018-T2, 2017-T3 for 2018-T1."""
        if self.number == 1:
            return Tertial(self.year - 1, 3)
        return Tertial(self.year, self.number - 1)

    @property
    def next(self) -> Tertial:
        if self.number == 3:
            return Tertial(self.year + 1, 1)
        return Tertial(self.year, self.number + 1)

    @property
    def year_before(self) -> Tertial:
        """The same tertial a year earlier."""
        return Tertial(self.year - 1, self.number)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 4 * (self.number - 1) + 1, 1)

    @property
    def last_day(self) -> dt.date:
        if self.number == 3:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 4 * self.number + 1, 1) - dt.timedelta(days=1)

    @property
    def year_share(self) -> float:
        """Share of the year gone at the tertial's end: 4/12, 8/12, 12/12."""
        return self.number * 4 / 12

    @classmethod
    def of_date(cls, day: dt.date) -> Tertial:
        return cls(day.year, (day.month - 1) // 4 + 1)

    @classmethod
    def from_label(cls, label: str) -> Tertial:
        parsed = parse_tertial(label)
        if parsed is None:
            raise ValueError(f"not a tertial label: {label!r}")
        return parsed


def parse_tertial(value: object) -> Tertial | None:
    """Read a tertial from a label or a date; ``None`` when it is neither."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        try:
            return Tertial.of_date(value)
        except ValueError:
            return None
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("\u00a0", " ").split()).casefold()
    for pattern, year_group, number_group in ((_YEAR_FIRST, 1, 2), (_TERTIAL_FIRST, 2, 1)):
        match = pattern.match(text)
        if match:
            try:
                return Tertial(int(match.group(year_group)), int(match.group(number_group)))
            except ValueError:
                return None
    match = _ISO_DATE.match(text)
    if match:
        try:
            return Tertial.of_date(dt.date(*(int(g) for g in match.groups())))
        except ValueError:
            return None
    return None


def period_label(value: object) -> str | None:
    """Canonical label (``2018-T2``) of a value, or ``None``."""
    tertial = parse_tertial(value)
    return tertial.label if tertial else None
