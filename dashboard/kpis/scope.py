"""What the reader selected (period, department, unit) and the rows that selection covers.

A :class:`Selection` is what the URL carries; :func:`resolve` checks it against the data and
turns it into a :class:`Scope`. A department covers its units (as the current units frame
says, for every period); a unit covers itself; no department and no unit covers the whole
agency, including agency-level rows whose unit is blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.kpis.periods import PERIODIC_DATASETS, periods
from dashboard.kpis.prepared import memoized
from dashboard.text.i18n import LANGUAGES, t
from loaders.errors import TertialError
from loaders.periods import Tertial, parse_tertial

from .organisation import Frames, dataset, keys_of, name_key, one_key, unit_departments, unit_table


@dataclass(frozen=True)
class Selection:
    """The reader's choice: a tertial label and optionally a department or a unit."""

    period: str
    department: str | None = None
    unit: str | None = None


class SelectionError(TertialError, ValueError):
    """A selection the data cannot answer: bad or absent period, unknown department or unit."""


def selection_error(code: str, value: object, **details: object) -> SelectionError:
    sv, en = (t(f"choice.{code}", lang, value=value, **details) for lang in LANGUAGES)
    return SelectionError(code, sv, en, value=value, **details)


@dataclass(frozen=True)
class Scope:
    """A checked selection. ``unit_keys`` is None for the whole agency."""

    period: Tertial
    department: str | None = None
    unit: str | None = None
    unit_keys: frozenset[str] | None = None
    unit_department: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def agency(self) -> bool:
        return self.unit_keys is None

    def department_of(self, units: pd.Series) -> pd.Series:
        """The department of each unit name (NA for blank or unlisted units)."""
        return name_key(units).map(self.unit_department).astype("string")


def _blank(value: str | None) -> bool:
    return value is None or not str(value).strip()


def _period(frames: Frames, label: str | Tertial) -> Tertial:
    tertial = label if isinstance(label, Tertial) else parse_tertial(label)
    if tertial is None:
        raise selection_error("invalid_period", label)
    if tertial not in periods(frames):
        raise selection_error("unknown_period", tertial.label)
    return tertial


def _data_unit(frames: Frames, key: str) -> str | None:
    """The unit's name as a periodic dataset spells it, when it is in no units frame."""
    for name in PERIODIC_DATASETS:
        units = dataset(frames, name)["unit"].dropna()
        found = units[name_key(units) == key]
        if len(found):
            return str(found.iloc[0]).strip()
    return None


def resolve(frames: Frames, selection: Selection) -> Scope:
    """Check the selection against the data; :class:`SelectionError` when it cannot be met.
    A scope once resolved is kept per data version (a refused selection is checked anew)."""
    return memoized(frames, ("scope", selection), lambda: _resolve(frames, selection))


def _resolve(frames: Frames, selection: Selection) -> Scope:
    period = _period(frames, selection.period)
    table = unit_table(frames)
    mapping = unit_departments(frames)
    department = None
    if not _blank(selection.department):
        wanted = one_key(selection.department)
        rows = table[name_key(table["department"]) == wanted]
        if rows.empty:
            raise selection_error("unknown_department", selection.department.strip())
        department = str(rows["department"].iloc[0])
        keys = frozenset(rows["key"])
    if _blank(selection.unit):
        if department is None:
            return Scope(period, unit_department=mapping)
        return Scope(period, department, None, keys, mapping)
    key = one_key(selection.unit)
    listed = table[table["key"] == key]
    unit = str(listed["unit"].iloc[0]) if len(listed) else _data_unit(frames, key)
    if unit is None:
        raise selection_error("unknown_unit", selection.unit.strip())
    own = mapping.get(key)
    if department is not None and own != department:
        raise selection_error("unit_not_in_department", unit, department=department)
    return Scope(period, own, unit, frozenset({key}), mapping)


def in_scope(frame: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """The rows of ``frame`` inside the scope (all rows for the whole agency)."""
    if scope.agency:
        return frame
    return frame[keys_of(frame, "unit").isin(scope.unit_keys).fillna(False)]
