"""What the reader selected (period, department, unit) and the rows that selection covers.

A :class:`Selection` is what the URL carries; :func:`resolve` checks it against the data and
turns it into a :class:`Scope`. A department covers its units (as the current units frame
says, for every period); a unit covers itself; no department and no unit covers the whole
agency, including agency-level rows whose unit is blank.

This is the one rule for reading a selection, wherever it comes from (the address through
``dashboard.state.address``, the command line, the report, the export):

* a name is matched by its key (:func:`typed_key`, the data's ``name_key``): a name typed
  with other case, extra or other spaces, invisible characters or in another Unicode normal
  form finds the same department or unit;
* departments and units are those of the units sheet (Enheter), the organisation the import
  holds every other sheet's units to. A unit named only by the rows of another sheet (one
  removed from a later units sheet, or data loaded before any units sheet) is not a unit one
  can choose: it has no department, so no filter lists it and no reader held to a
  department could be given it; its rows stay in the whole agency's figures;
* a problem has one code of :data:`PROBLEMS`, and one text, ``choice.<code>``, saying what
  is wrong (the address adds what it shows instead).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.kpis.periods import periods
from dashboard.kpis.prepared import memoized
from dashboard.text.i18n import LANGUAGES, t
from loaders.errors import TertialError
from loaders.periods import Tertial, parse_tertial
from loaders.text import clean_text

from .organisation import (
    Frames,
    departments,
    keys_of,
    name_key,
    one_key,
    unit_departments,
    unit_table,
)

# The problems a selection can have: the codes of SelectionError and of the address's
# problems (each with its text ``choice.<code>``, in Swedish and English).
PROBLEMS = ("invalid_period", "unknown_period", "unknown_department", "unknown_unit",
            "unit_not_in_department")


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


def typed_key(name: str) -> str:
    """The key of a name as a reader typed it: cleaned as a cell is (NFC, invisible
    characters removed, white space folded) and folded as the data's names are
    (``name_key``), so it equals the key of the name the data spells."""
    return one_key(clean_text(name) or "")


def find_period(frames: Frames, label: str | Tertial) -> Tertial:
    """The tertial a label names; :class:`SelectionError` (``invalid_period``,
    ``unknown_period``) when it names none or one the data does not hold."""
    tertial = label if isinstance(label, Tertial) else parse_tertial(label)
    if tertial is None:
        raise selection_error("invalid_period", label)
    if tertial not in periods(frames):
        raise selection_error("unknown_period", tertial.label)
    return tertial


def find_department(frames: Frames, name: str) -> str | None:
    """The department a typed name finds, spelled as the units sheet spells it."""
    key = typed_key(name)
    return next((d for d in departments(frames) if one_key(d) == key), None)


def find_unit(frames: Frames, name: str) -> tuple[str, str] | None:
    """(unit, its department) for a typed unit name, as the units sheet spells them (the
    department as :func:`find_department` does)."""
    table = unit_table(frames)
    listed = table[table["key"] == typed_key(name)]
    if listed.empty:
        return None
    department = str(listed["department"].iloc[0])
    return str(listed["unit"].iloc[0]), find_department(frames, department) or department


def resolve(frames: Frames, selection: Selection) -> Scope:
    """Check the selection against the data; :class:`SelectionError` when it cannot be met.
    A scope once resolved is kept per data version (a refused selection is checked anew)."""
    return memoized(frames, ("scope", selection), lambda: _resolve(frames, selection))


def _resolve(frames: Frames, selection: Selection) -> Scope:
    period = find_period(frames, selection.period)
    mapping = unit_departments(frames)
    department = None
    if not _blank(selection.department):
        department = find_department(frames, selection.department)
        if department is None:
            raise selection_error("unknown_department", clean_text(selection.department))
        table = unit_table(frames)
        keys = frozenset(table.loc[name_key(table["department"]) == one_key(department), "key"])
    if _blank(selection.unit):
        if department is None:
            return Scope(period, unit_department=mapping)
        return Scope(period, department, None, keys, mapping)
    found = find_unit(frames, selection.unit)
    if found is None:
        raise selection_error("unknown_unit", clean_text(selection.unit))
    unit, own = found
    if department is not None and own != department:
        raise selection_error("unit_not_in_department", unit, department=department)
    return Scope(period, own, unit, frozenset({typed_key(selection.unit)}), mapping)


def in_scope(frame: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """The rows of ``frame`` inside the scope (all rows for the whole agency)."""
    if scope.agency:
        return frame
    return frame[keys_of(frame, "unit").isin(scope.unit_keys).fillna(False)]
