"""Large removals: an import that would take away much of what is stored needs a second yes.

An import replaces each (dataset, tertial) slice it holds whole, and Enheter and Nyckeltal
whole (DOMAIN.md). A file that holds only part of what it replaces (one department's rows,
a sheet cut short) therefore removes the rest, and a leadership dashboard that shows −636
staff to the director-general for an hour has lost the trust it lives on, rollback or not.
So a slice whose import would remove more than ``TERTIAL_REMOVAL_WARNING`` of its current
rows (default 20 %) is a warning in the check, with the numbers, and the import is stored
only when the one who confirms says yes to exactly those numbers: on the upload page a
second, explicit step that names them ("Ja, ta bort 315 uppdrag"), on the command line
``--allow-removal``. Pure: the plan in, the removals out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from loaders.errors import Issue
from loaders.ingest.messages import issue
from loaders.language import english
from loaders.specs import sheet_name
from loaders.store.diff import ImportPlan


@dataclass(frozen=True)
class Removal:
    dataset: str
    period: str  # the tertial, a survey's measurement, or "" (a sheet replaced whole)
    removed: int
    rows_now: int

    @property
    def share(self) -> float:
        return self.removed / self.rows_now

    def to_dict(self) -> dict:
        return {**asdict(self), "share": self.share}


def large_removals(plan: ImportPlan, threshold: float) -> list[Removal]:
    """The slices whose import would remove more than ``threshold`` of their current rows
    (exactly the threshold is not more), in the plan's order."""
    return [Removal(s.dataset, s.period, s.removed, s.rows_now) for s in plan.slices
            if s.rows_now and s.removed / s.rows_now > threshold]


def removal_issues(removals: list[Removal], threshold: float) -> list[Issue]:
    """One warning per large removal, naming the sheet, the tertial and the numbers."""
    out = []
    for removal in removals:
        where = f" för {removal.period}" if removal.period else ""
        where_en = f" for {removal.period}" if removal.period else ""
        out.append(issue(
            "large_removal", sheet=sheet_name(removal.dataset, "sv"),
            removed=removal.removed, rows_now=removal.rows_now,
            share=f"{removal.share * 100:.0f}", limit=f"{threshold * 100:.0f}",
            sheet_en=sheet_name(removal.dataset, "en"), where=where, where_en=where_en))
    return out


def removal_text(removals: list[Removal], lang: str = "sv") -> str:
    """"315 av 400 rader i Uppdrag för 2018-T2, 26 av 30 rader i Enheter" (or English)."""
    parts = []
    for r in removals:
        if english(lang):
            where = f" for {r.period}" if r.period else ""
            parts.append(f"{r.removed} of {r.rows_now} rows of {sheet_name(r.dataset, 'en')}"
                         f"{where}")
        else:
            where = f" för {r.period}" if r.period else ""
            parts.append(f"{r.removed} av {r.rows_now} rader i {sheet_name(r.dataset, 'sv')}"
                         f"{where}")
    return ", ".join(parts)
