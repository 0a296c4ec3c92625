"""The demo's assignments (Uppdrag): a population that lives through six tertials.

Each tertial some assignments end (Avslutad, in the tertial of their end date) or are stopped
(Avbruten), new ones start, and the statuses of the others move like a slow Markov chain. At the
story tertial (2018-T2) the figures the demo is meant to show are then set exactly: the green
share of active assignments, the two red assignments in one department, nine new government
assignments, and one yellow assignment without a comment (so the warning shows).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from loaders.demo.tables import COMMENTS, GOVERNMENT_VERBS, PHASES, RESULT_AREAS, VERBS
from loaders.periods import Tertial

PERIODS: tuple[Tertial, ...] = (
    Tertial(2017, 1), Tertial(2017, 2), Tertial(2017, 3), Tertial(2018, 1), Tertial(2018, 2),
)
STORY = Tertial(2018, 2)

POPULATION = 400  # assignments per tertial, about
GOVERNMENT_SHARE = 0.15
NEW_GOVERNMENT_AT_STORY = 9
GREEN_SHARE_AT_STORY = 0.912  # of the active assignments
RED_DEPARTMENT = "Analysavdelningen"
RED_COUNT = 2
CANCEL_CHANCE = 0.01
GREEN_COMMENT_CHANCE = 0.35
REPEAT_COMMENT_CHANCE = 0.5
CLOSED = ("completed", "cancelled")
ID_PREFIXES = {"government": ("RU", 2), "operational_plan": ("VP", 3), "internal": ("IN", 3)}
TYPE_WEIGHTS = (("operational_plan", 0.75), ("internal", 0.25))  # among the non-government

FIRST_STATUS = (("green", 0.86), ("yellow", 0.11), ("red", 0.03))
NEW_STATUS = (("green", 0.92), ("yellow", 0.08))
NEXT_STATUS: dict[str, tuple[tuple[str, float], ...]] = {
    "green": (("green", 0.93), ("yellow", 0.06), ("red", 0.01)),
    "yellow": (("green", 0.45), ("yellow", 0.45), ("red", 0.10)),
    "red": (("green", 0.25), ("yellow", 0.45), ("red", 0.30)),
}


@dataclass
class _Assignment:
    id: str
    name: str
    type: str
    result_area: str
    goal: str
    unit: str
    department: str
    owner: str
    decision_date: dt.date
    end_date: dt.date
    statuses: dict[Tertial, str] = field(default_factory=dict)

    def status(self, period: Tertial) -> str | None:
        return self.statuses.get(period)


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _month_end(rng: random.Random, after: dt.date, min_months: int, max_months: int) -> dt.date:
    months = after.year * 12 + after.month - 1 + rng.randint(min_months, max_months)
    year, month = divmod(months + 1, 12)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


class _Maker:
    """Makes assignments with unique ids and names, placed in plausible units."""

    def __init__(self, rng: random.Random, units_by_department: dict[str, list[str]],
                 owners: dict[str, tuple[str, ...]]) -> None:
        self.rng = rng
        self.units_by_department = units_by_department
        self.departments = list(units_by_department)
        self.owners = owners
        self.numbers: dict[tuple[str, int], int] = {}
        self.used_names: set[str] = set()

    def make(self, kind: str, decided: dt.date, ends: dt.date) -> _Assignment:
        rng = self.rng
        area, goals = rng.choice(RESULT_AREAS)
        goal, homes, objects = rng.choice(goals)
        department = self.departments[rng.choice(homes)] if rng.random() < 0.8 else (
            rng.choice(self.departments))
        unit = rng.choice(self.units_by_department[department])
        prefix, digits = ID_PREFIXES[kind]
        number = self.numbers.get((prefix, decided.year), 0) + 1
        self.numbers[(prefix, decided.year)] = number
        return _Assignment(
            id=f"{prefix}-{decided.year}-{number:0{digits}d}",
            name=self._name(kind, objects),
            type=kind, result_area=area, goal=goal, unit=unit, department=department,
            owner=rng.choice(self.owners[unit]), decision_date=decided, end_date=ends,
        )

    def _name(self, kind: str, objects: tuple[str, ...]) -> str:
        verbs = GOVERNMENT_VERBS if kind == "government" else VERBS
        for _ in range(50):
            name = f"{self.rng.choice(verbs)} {self.rng.choice(objects)}{self.rng.choice(PHASES)}"
            if name not in self.used_names:
                break
        self.used_names.add(name)
        return name

    def kind(self) -> str:
        if self.rng.random() < GOVERNMENT_SHARE:
            return "government"
        return _pick(self.rng, TYPE_WEIGHTS)

    def initial(self) -> _Assignment:
        decided = _day_between(self.rng, dt.date(2015, 9, 1), PERIODS[0].last_day)
        ends = max(_month_end(self.rng, dt.date(2016, 12, 1), 1, 48),
                   _month_end(self.rng, decided, 4, 6))
        return self.make(self.kind(), decided, ends)

    def new(self, period: Tertial, kind: str | None = None) -> _Assignment:
        decided = _day_between(self.rng, period.first_day, period.last_day - dt.timedelta(30))
        return self.make(kind or self.kind(), decided, _month_end(self.rng, decided, 8, 36))


def _status(rng: random.Random, item: _Assignment, period: Tertial) -> str:
    previous = item.status(period.previous)
    if item.end_date <= period.last_day:
        return "completed"
    if previous is not None and rng.random() < CANCEL_CHANCE:
        return "cancelled"
    if previous is None:
        return _pick(rng, FIRST_STATUS if period == PERIODS[0] else NEW_STATUS)
    return _pick(rng, NEXT_STATUS[previous])


def _new_batch(maker: _Maker, period: Tertial, count: int) -> list[_Assignment]:
    if period != STORY:
        return [maker.new(period) for _ in range(count)]
    government = [maker.new(period, "government") for _ in range(NEW_GOVERNMENT_AT_STORY)]
    others = [maker.new(period, _pick(maker.rng, TYPE_WEIGHTS))
              for _ in range(max(count - NEW_GOVERNMENT_AT_STORY, 0))]
    return government + others


def _set(items: list[_Assignment], status: str) -> None:
    for item in items:
        item.statuses[STORY] = status


def _tell_story(rng: random.Random, present: list[_Assignment]) -> None:
    """Set the story tertial's statuses: exactly RED_COUNT reds, all in RED_DEPARTMENT,
    and the green share of the active assignments at GREEN_SHARE_AT_STORY."""
    active = [a for a in present if a.status(STORY) not in CLOSED]
    _set([a for a in active if a.status(STORY) == "red" and a.department != RED_DEPARTMENT],
         "yellow")
    reds = [a for a in active if a.status(STORY) == "red"]
    _set(reds[RED_COUNT:], "yellow")
    home = [a for a in active if a.department == RED_DEPARTMENT and a.status(STORY) != "red"]
    home.sort(key=lambda a: (a.status(STORY) != "yellow", a.id))
    _set(home[:max(RED_COUNT - len(reds), 0)], "red")
    target = round(GREEN_SHARE_AT_STORY * len(active))
    greens = [a for a in active if a.status(STORY) == "green"]
    yellows = [a for a in active if a.status(STORY) == "yellow"]
    if len(greens) > target:
        _set(rng.sample(greens, len(greens) - target), "yellow")
    else:
        _set(rng.sample(yellows, target - len(greens)), "green")


Previous = tuple[str | None, str | None]  # (status, comment) of the tertial before


def _comment(rng: random.Random, status: str, previous: Previous) -> str | None:
    if status == previous[0] and previous[1] and rng.random() < REPEAT_COMMENT_CHANCE:
        return previous[1]
    if status == "green" and rng.random() >= GREEN_COMMENT_CHANCE:
        return None
    return rng.choice(COMMENTS[status])


def _rows(rng: random.Random, everyone: list[_Assignment]) -> list[dict]:
    rows: list[dict] = []
    for item in sorted(everyone, key=lambda a: a.id):
        previous: Previous = (None, None)
        for period in PERIODS:
            status = item.status(period)
            if status is None:
                continue
            comment = _comment(rng, status, previous)
            previous = (status, comment)
            rows.append({
                "id": item.id, "name": item.name, "type": item.type,
                "result_area": item.result_area, "goal": item.goal, "unit": item.unit,
                "owner": item.owner, "decision_date": item.decision_date,
                "end_date": item.end_date, "period": period.label, "status": status,
                "comment": comment,
            })
    rows.sort(key=lambda r: (r["period"], r["id"]))
    return rows


def _drop_one_comment(rng: random.Random, rows: list[dict]) -> None:
    """The deliberate mistake: one yellow assignment at the story tertial has no comment."""
    yellows = [r for r in rows if r["period"] == STORY.label and r["status"] == "yellow"]
    rng.choice(yellows)["comment"] = None


def build_assignments(rng: random.Random, units_by_department: dict[str, list[str]],
                      owners: dict[str, tuple[str, ...]]) -> list[dict]:
    """Assignment rows (frame fields, vocabulary as codes) for every demo tertial."""
    maker = _Maker(rng, units_by_department, owners)
    live = [maker.initial() for _ in range(POPULATION)]
    everyone = list(live)
    for period in PERIODS:
        if period != PERIODS[0]:
            live = [a for a in live if a.status(period.previous) not in CLOSED]
            fresh = _new_batch(maker, period, POPULATION - len(live) + rng.randint(-4, 6))
            live += fresh
            everyone += fresh
        for item in live:
            item.statuses[period] = _status(rng, item, period)
    _tell_story(rng, live)
    rows = _rows(rng, everyone)
    _drop_one_comment(rng, rows)
    return rows
