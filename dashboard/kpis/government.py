"""Government assignments (regeringsuppdrag): their register, their reports and deadlines.

The question leadership asks at every follow-up: which reports must reach the government
before we meet again, and are any late? Everything here is counted **as of the tertial's last
day**, so a tertial's figures are the same whenever they are read (the adopted record too):

- *due before the next follow-up*: active government assignments (neither Avslutad nor
  Avbruten) with a report, final (Redovisas senast) or interim (Delredovisning), after the
  tertial's last day and no later than the next tertial's last day;
- *overdue*: the final deadline is the tertial's last day or earlier and the assignment is
  neither Avslutad nor Avbruten (an interim date that has passed is not counted: the workbook
  does not say whether that report was given);
- *reported since the last follow-up*: Avslutad now, and not Avslutad (or absent) in the
  previous tertial; ``None`` without a previous tertial.

:func:`government_register` gives one row per government assignment in the selection, sorted
as a registrar reads them: overdue first, then by the next deadline, then those without one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.kpis.periods import label_if_present
from dashboard.kpis.prepared import kept, memoized

from .numbers import plain
from .organisation import Frames, keys_of, name_key
from .rows import DEPARTMENT, period_rows, scoped_rows
from .scope import Scope, Selection, resolve

GOVERNMENT = "government"
CLOSED = ("completed", "cancelled")
INTERIM_SEPARATOR = "; "  # the canonical text of loaders' Kind.DATES
REGISTER_COLUMNS = ("key", "id", "name", "unit", "department", "register_number", "ministry",
                    "status", "comment", "report_due", "interim_reports", "next_deadline",
                    "next_kind", "days_left", "overdue", "due_before_next")
NAMED = ("id", "name", "unit", "department")  # what a sentence naming an assignment needs


def _column(rows: pd.DataFrame, name: str, dtype: str = "string") -> pd.Series:
    """A column of the rows, blank when the frames predate it (tests' hand-made frames)."""
    if name in rows.columns:
        return rows[name]
    return pd.Series(pd.NA if dtype == "string" else pd.NaT, index=rows.index, dtype=dtype)


def _days(values: pd.Series) -> pd.Series:
    """Datetimes as dates at midnight (datetime64[ns]); NaT stays."""
    return pd.to_datetime(values).dt.normalize()


def _interim_dates(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per interim report: the rows' index as ``row``, and ``date``."""
    text = _column(rows, "interim_reports").dropna()
    parts = text.str.split(INTERIM_SEPARATOR).explode()
    dates = pd.to_datetime(parts, format="%Y-%m-%d", errors="coerce")
    table = pd.DataFrame({"row": parts.index, "date": dates.to_numpy()})
    return table.dropna().reset_index(drop=True)


@dataclass(frozen=True)
class Report:
    """One report to the government: its day and kind (``"final"`` or ``"interim"``)."""

    day: dt.date
    kind: str


def reports(row: pd.Series | dict) -> list[Report]:
    """Every report of one register row, interim and final, by day: the row-by-row reading
    of what :func:`_interim_dates` reads for a whole table (the page, the calendar)."""
    found: list[Report] = []
    interim = row.get("interim_reports")
    if isinstance(interim, str):
        for part in interim.split(INTERIM_SEPARATOR):
            try:
                found.append(Report(dt.date.fromisoformat(part.strip()), "interim"))
            except ValueError:
                continue
    final = row.get("report_due")
    if final is not None and not pd.isna(final):
        found.append(Report(pd.Timestamp(final).date(), "final"))
    return sorted(found, key=lambda report: (report.day, report.kind))


def is_closed(row: pd.Series | dict) -> bool:
    """Avslutad or Avbruten: no report is awaited."""
    status = row.get("status")
    return isinstance(status, str) and status in CLOSED


def _register(frames: Frames, scope: Scope) -> tuple[pd.DataFrame, pd.Series]:
    """The register of the scope (see :func:`register_table`) and the unit key of each of its
    rows (for :func:`_within`)."""
    rows = scoped_rows(frames, "assignments", scope)
    rows = rows[keys_of(rows, "type").eq(GOVERNMENT).fillna(False).to_numpy(dtype=bool)]
    as_of = pd.Timestamp(scope.period.last_day)
    until = pd.Timestamp(scope.period.next.last_day)
    code = rows["code"] if "code" in rows.columns else keys_of(rows, "status")
    active = ~code.isin(CLOSED).fillna(False).to_numpy(dtype=bool)
    final = _days(_column(rows, "report_due", "datetime64[ns]"))
    # The next report after the tertial's end: the final one or an interim one, whichever first.
    interim = _interim_dates(rows)
    later = interim[interim["date"] > as_of].groupby("row")["date"].min()
    next_interim = pd.Series(later, index=rows.index).astype("datetime64[ns]")
    final_later = final.where(final > as_of)
    use_interim = next_interim.notna() & (final_later.isna() | (next_interim < final_later))
    upcoming = final_later.where(~use_interim, next_interim)
    overdue = active & (final <= as_of).fillna(False).to_numpy(dtype=bool)
    next_deadline = upcoming.where(~overdue, final).where(active)
    kind = np.where(overdue | (~use_interim.to_numpy() & upcoming.notna().to_numpy()),
                    "final", np.where(use_interim.to_numpy(), "interim", None))
    table = pd.DataFrame({
        "key": rows["key"] if "key" in rows.columns else name_key(rows["id"]),
        "id": rows["id"], "name": rows["name"], "unit": rows["unit"],
        "department": _column(rows, DEPARTMENT),
        "register_number": _column(rows, "register_number"),
        "ministry": _column(rows, "ministry"),
        "status": code, "comment": rows["comment"],
        "report_due": final,
        "interim_reports": _column(rows, "interim_reports"),
        "next_deadline": next_deadline,
        "next_kind": pd.Series(kind, index=rows.index, dtype="string").where(active),
        "days_left": (next_deadline - as_of).dt.days.astype("Int64"),
        "overdue": overdue,
        "due_before_next": active & (upcoming <= until).fillna(False).to_numpy(dtype=bool),
    })
    # Overdue first (the longest overdue first), then by the next deadline, then the others.
    order = pd.DataFrame({"overdue": ~table["overdue"],
                          "undated": table["next_deadline"].isna(),
                          "deadline": table["next_deadline"],
                          "id": table["id"].str.casefold()})
    order = order.sort_values(["overdue", "undated", "deadline", "id"], kind="stable")
    unit_keys = keys_of(rows, "unit").loc[order.index].reset_index(drop=True)
    return table.loc[order.index].reset_index(drop=True), unit_keys


def _within(register: tuple[pd.DataFrame, pd.Series], scope: Scope) -> pd.DataFrame:
    """The rows of the agency's register inside the scope. The same table as the scope's own
    :func:`_register`: every row's figures are its own, and a stable sort of the scope's rows
    keeps them in the order they have among the agency's."""
    table, unit_keys = register
    return table[unit_keys.isin(scope.unit_keys).fillna(False).to_numpy(dtype=bool)
                 ].reset_index(drop=True)


def register_table(frames: Frames, scope: Scope) -> pd.DataFrame:
    """Every government assignment of the scope's tertial inside the scope, one row each,
    columns :data:`REGISTER_COLUMNS` (read-only: kept per data version). A department's or a
    unit's are the agency's register's rows in it once the agency's is made (once per
    tertial and version), else made from the scope's own rows: the first reader of a new
    data version, often a department head, does not wait for the whole agency's register.
    Both ways give the same table (``tests/dashboard/kpis/test_register_within.py``)."""
    agency_key = ("agency_register", scope.period)
    if scope.agency:
        return memoized(frames, agency_key, lambda: _register(frames, scope))[0]

    def compute() -> pd.DataFrame:
        agency = kept(frames, agency_key)
        return _register(frames, scope)[0] if agency is None else _within(agency, scope)
    return memoized(frames, ("government_register", scope.period, scope.unit_keys), compute)


def _reported(frames: Frames, scope: Scope, register: pd.DataFrame) -> int | None:
    previous = scope.period.previous
    if label_if_present(frames, previous, ["assignments"]) is None:
        return None
    before = period_rows(frames, "assignments", previous)
    closed_before = set(before.loc[before["code"].eq("completed").fillna(False), "key"])
    done = register["status"].eq("completed").fillna(False) & ~register["key"].isin(closed_before)
    return int(done.sum())


def _named(table: pd.DataFrame, date_column: str) -> list[dict]:
    items = table[[*NAMED, date_column, "next_kind"]].rename(columns={date_column: "date"})
    items["date"] = items["date"].dt.strftime("%Y-%m-%d")
    items = items.rename(columns={"next_kind": "kind"})
    return plain(items)


def government_figures(frames: Frames, scope: Scope) -> dict:
    """The government assignments' reports of a resolved scope (see :func:`government`)."""
    register = register_table(frames, scope)
    empty = scoped_rows(frames, "assignments", scope).empty
    due = register[register["due_before_next"]].sort_values("next_deadline", kind="stable")
    overdue = register[register["overdue"]]
    return {
        "as_of": scope.period.last_day.isoformat(),
        "next_period": scope.period.next.label,
        "due_until": scope.period.next.last_day.isoformat(),
        "due_before_next": None if empty else len(due),
        "overdue": None if empty else len(overdue),
        "reported": None if empty else _reported(frames, scope, register),
        "due_items": _named(due, "next_deadline"),
        "overdue_items": _named(overdue, "report_due"),
    }


def government(frames: Frames, selection: Selection) -> dict:
    """The government assignments' reports for a selection.

    Keys: as_of (the tertial's last day, ISO), next_period, due_until (the next tertial's last
    day), due_before_next, overdue, reported (counts; None for an empty selection, reported
    also None without a previous tertial), due_items and overdue_items ([{id, name, unit,
    department, date, kind}], kind "final" or "interim"; due_items by date, overdue_items
    longest overdue first).
    """
    return government_figures(frames, resolve(frames, selection))
