"""What the Regeringsuppdrag page shows, as data: the register's rows in words and the
headline's sentences (counts with their singular or plural, the overdue ones named).

Pure: the register and the figures come from :mod:`dashboard.kpis.government` (everything
counted as of the tertial's last day), the words from the one table of texts. The page's
builders (``dashboard/components/government.py``) only lay these out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.kpis.government import reports
from dashboard.kpis.status import status_label
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t

OVERDUE_FLAG = "⚠"  # with the word "Försenad": never a colour alone


@dataclass(frozen=True)
class RegisterRow:
    """One government assignment as the page's table shows it (texts in the reader's
    language; blanks as ``–``)."""

    id: str
    name: str
    register_number: str
    ministry: str
    department: str
    unit: str
    next_deadline: str  # the day, or "–"
    next_kind: str  # "Slutredovisning", "Delredovisning" or ""
    days_left: str
    overdue: bool
    reports: tuple[str, ...]  # every report day with its kind, by day
    status: str | None  # the code: green, yellow, red, completed, cancelled
    status_text: str
    comment: str


def _text(value: object) -> str:
    return fmt.MISSING if value is None or pd.isna(value) or not str(value).strip() \
        else str(value)


def _day(value: object) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _row(row: pd.Series, lang: str) -> RegisterRow:
    status = row["status"] if isinstance(row["status"], str) else None
    kind = row["next_kind"] if isinstance(row["next_kind"], str) else None
    days = row["days_left"]
    return RegisterRow(
        id=_text(row["id"]), name=_text(row["name"]),
        register_number=_text(row["register_number"]), ministry=_text(row["ministry"]),
        department=_text(row["department"]), unit=_text(row["unit"]),
        next_deadline=_text(_day(row["next_deadline"])),
        next_kind=t(f"government.kind_{kind}", lang) if kind else "",
        days_left=fmt.MISSING if pd.isna(days) else fmt.number(int(days), lang=lang),
        overdue=bool(row["overdue"]),
        reports=tuple(t(f"government.kind_{r.kind}_on", lang, date=r.day.isoformat())
                      for r in reports(row)),
        status=status, status_text=status_label(status, lang),
        comment=_text(row["comment"]),
    )


def register_rows(register: pd.DataFrame, lang: str) -> list[RegisterRow]:
    """The register's rows in the order it has them (overdue first, then by deadline)."""
    return [_row(row, lang) for _, row in register.iterrows()]


def _form(count: int) -> str:
    """The key ending a count calls for: none, one or many."""
    return "none" if count == 0 else "one" if count == 1 else "many"


@dataclass(frozen=True)
class Sentence:
    """A headline sentence, and the assignments it names (id, then the rest in words)."""

    text: str
    named: tuple[tuple[str, str], ...] = ()


def _named(items: list[dict], lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((i["id"], t("government.overdue_item", lang, name=i["name"],
                             department=i["department"] or fmt.MISSING, date=i["date"]))
                 for i in items)


def headline_sentences(figures: dict, previous: str, lang: str) -> list[Sentence]:
    """Due before the next follow-up, overdue (with those named), reported since the last
    follow-up. ``figures`` is :func:`dashboard.kpis.government.government`'s."""
    due, overdue, reported = (figures["due_before_next"], figures["overdue"],
                              figures["reported"])
    if due is None:
        return [Sentence(t("government.empty", lang))]
    sentences = [
        Sentence(t(f"government.due_{_form(due)}", lang, count=fmt.number(due, lang=lang),
                   next=figures["next_period"], until=figures["due_until"])),
        Sentence(t(f"government.overdue_{_form(overdue)}", lang,
                   count=fmt.number(overdue, lang=lang)),
                 _named(figures["overdue_items"], lang)),
    ]
    if reported is None:
        sentences.append(Sentence(t("government.reported_unknown", lang)))
    else:
        sentences.append(Sentence(t(f"government.reported_{_form(reported)}", lang,
                                    count=fmt.number(reported, lang=lang),
                                    previous=previous)))
    return sentences
