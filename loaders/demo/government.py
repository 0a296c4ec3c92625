"""The demo's government assignments' register: register numbers, ministries and deadlines.

Each government assignment gets a register number (diarienummer) of its ministry, the day its
report is due (Redovisas senast, one to four months after the work ends) and, for the longer
ones, an interim report (delredovisning). At the story tertial (2018-T2) the deadlines tell the
story leadership asks about: exactly two reports are due before 2018-T3 ends, and one report
due during 2018-T2 is overdue (its assignment still yellow, with a comment saying why).

A generator of its own (seed + :data:`SEED_OFFSET`) draws these, so the rest of the demo is the
same number for number as without them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from loaders.demo.tables import LATE_REPORT_COMMENT, MINISTRIES
from loaders.periods import Tertial

SEED_OFFSET = 18  # this module's generator: seed + this
DUE_IN_NEXT = 2  # reports due in the tertial after the story tertial
INTERIM_SHARE = 0.4  # of the assignments running a year or more
OVERDUE_DAY = dt.date(2018, 6, 29)  # the late report's deadline, in the story tertial
CLOSED = ("completed", "cancelled")


def _month_end(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months + 1
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _register_entry(rng: random.Random, decided: dt.date, serials: set[int]) -> dict:
    names, prefixes, weights, offices = zip(*MINISTRIES, strict=True)
    index = rng.choices(range(len(names)), weights=weights)[0]
    serial = rng.randint(1000, 6999)
    while serial in serials:
        serial += 1
    serials.add(serial)
    return {"ministry": names[index],
            "register_number": f"{prefixes[index]}{decided.year}/{serial:05d}/"
                               f"{rng.choice(offices[index])}"}


def _dates(rng: random.Random, decided: dt.date, ends: dt.date) -> tuple[dt.date, list[dt.date]]:
    due = _month_end(ends, rng.randint(1, 4))
    interim: list[dt.date] = []
    if (ends - decided).days >= 365 and rng.random() < INTERIM_SHARE:
        interim.append(_month_end(decided + (ends - decided) / 2, 0))
    return due, interim


def add_register(seed: int, rows: list[dict], story: Tertial) -> list[dict]:
    """``rows`` with the register fields of the government assignments filled (every row of
    an assignment alike) and the story's deadlines set; other rows get blanks."""
    rng = random.Random(seed + SEED_OFFSET)
    for row in rows:
        row.update(register_number=None, ministry=None, report_due=None, interim_reports=None)
    by_id: dict[str, list[dict]] = {}
    for row in rows:
        if row["type"] == "government":
            by_id.setdefault(row["id"], []).append(row)
    entries: dict[str, dict] = {}
    serials: set[int] = set()
    for key in sorted(by_id):
        first = by_id[key][0]
        due, interim = _dates(rng, first["decision_date"], first["end_date"])
        entries[key] = {**_register_entry(rng, first["decision_date"], serials),
                        "report_due": due, "interim": interim}
    at_story = {r["id"]: r for r in rows
                if r["period"] == story.label and r["type"] == "government"}
    _tell_deadlines(rng, entries, at_story, story)
    for key, entry in entries.items():
        for row in by_id[key]:
            row["register_number"] = entry["register_number"]
            row["ministry"] = entry["ministry"]
            row["report_due"] = entry["report_due"]
            interim = [d for d in entry["interim"] if d < entry["report_due"]]
            row["interim_reports"] = "; ".join(d.isoformat() for d in interim) or None
    return rows


def _active(rows: Iterable[dict]) -> list[dict]:
    return [r for r in rows if r["status"] not in CLOSED]


def _tell_deadlines(rng: random.Random, entries: dict[str, dict], at_story: dict[str, dict],
                    story: Tertial) -> None:
    """Exactly DUE_IN_NEXT active assignments with a report due in the next tertial (one
    report each), and one yellow assignment, older than the story tertial, whose report was due
    in it. (An active assignment's report is otherwise due after its work ends, so after the
    story tertial: no other report is overdue.)"""
    window = (story.last_day, story.next.last_day)
    active = sorted(_active(at_story.values()), key=lambda r: r["id"])
    for row in active:  # no interim reports in the window: the two due are final reports
        entry = entries[row["id"]]
        entry["interim"] = [d for d in entry["interim"] if not window[0] < d <= window[1]]
    late = next(r for r in active if r["status"] == "yellow" and r["comment"]
                and r["decision_date"] < story.first_day)
    late["comment"] = LATE_REPORT_COMMENT
    entries[late["id"]]["report_due"] = OVERDUE_DAY
    others = [r for r in active if r is not late]
    due = [r for r in others if window[0] < entries[r["id"]]["report_due"] <= window[1]]
    for row in due[DUE_IN_NEXT:]:  # later: in the first months of the year after
        entries[row["id"]]["report_due"] = _month_end(story.next.last_day, rng.randint(1, 3))
    soonest = sorted((r for r in others if r not in due), key=lambda r: r["end_date"])
    for row in soonest[:max(DUE_IN_NEXT - len(due), 0)]:  # too few: the soonest ending
        entries[row["id"]]["report_due"] = _month_end(story.next.first_day, rng.randint(0, 3))
