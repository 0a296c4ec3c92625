"""A deterministic demo of a fictional agency, "Myndigheten för digital förvaltning".

:func:`build_demo` returns the data as rows keyed by the frame fields of :mod:`loaders.specs`
(vocabulary as codes: ``green``, ``government``, ...; percents as fractions; dates as
``datetime.date``), so it can be compared with what the reader makes of the written workbooks.
The same seed gives the same data: one seeded ``random.Random`` drives everything, iterating
only over ordered tables, never over hash order or the clock.

The story at 2018-T2, for the whole agency (what the leadership group should read off):

* just over 90 % of the active assignments are green (the red ones are two, in one department);
* headcount is 11 more than at 2018-T1, all of them temporary;
* 9 new government assignments since 2018-T1;
* one department (IT) forecasts beyond its budget by more than 5 % (red) while the agency as a
  whole stays within 2 % (green);
* one yellow assignment lacks its comment, so the loader's warning shows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from loaders.demo.assignments import PERIODS, STORY, build_assignments
from loaders.demo.government import add_register
from loaders.demo.survey import build_survey
from loaders.demo.tables import COST_CATEGORIES, FIRST_NAMES, KEY_FIGURES, LAST_NAMES, ORGANISATION
from loaders.demo.workbook import write_workbooks
from loaders.periods import Tertial

DEFAULT_SEED = 2018
BIG_UNITS = {"Ansökningsenheten": 52, "Kundcenter": 46, "Enheten för systemutveckling": 34}
UNIT_SIZE = (12, 30)
PERMANENT_SHARE = 0.88
STORY_STAFF_CHANGE = {"permanent": 0, "temporary": 11}  # 2018-T2 against 2018-T1, agency-wide
STAFF_STEPS = {"permanent": (-1, 0, 0, 1), "temporary": (-1, 0, 0, 1, 1)}
MAX_UNIT_STEP = 3
# Targets for the staff rates (Nyckeltal rows, percent): the agency meets both in 2018-T2,
# Analysavdelningen, HR-avdelningen and Rättsavdelningen lose more staff than the target.
STAFF_TARGETS: tuple[tuple[str, float, float], ...] = (
    ("Sjukfrånvaro", 4.5, 0.10), ("Personalomsättning", 8.0, 0.10))
RED_FINANCE_DEPARTMENT = "IT-avdelningen"
RED_FINANCE_DEVIATION = {1: (0.02, 0.04), 2: (0.065, 0.09), 3: (0.065, 0.09)}
FORECAST_DEVIATION = {1: (-0.015, 0.01), 2: (-0.03, 0.012), 3: (-0.035, 0.012)}
BUDGET_GROWTH = (1.01, 1.05)  # 2018 budget against 2017
COST_WEIGHT = {("IT-avdelningen", "Övrigt"): 2.0}  # licences and services
SERVICE_DEPARTMENT = ORGANISATION[0][0]


@dataclass(frozen=True)
class _Org:
    units: list[dict]  # Enheter rows
    owners: dict[str, tuple[str, ...]]
    sizes: dict[str, int]
    department: dict[str, str]  # unit -> department

    def units_by_department(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for row in self.units:
            grouped.setdefault(row["department"], []).append(row["unit"])
        return grouped


def _organisation(rng: random.Random) -> _Org:
    people = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(people)
    names = iter(people)
    units, owners, sizes, department = [], {}, {}, {}
    for dept, unit_names in ORGANISATION:
        for unit in unit_names:
            units.append({"unit": unit, "department": dept, "head": next(names)})
            owners[unit] = tuple(next(names) for _ in range(4))
            sizes[unit] = BIG_UNITS.get(unit) or rng.randint(*UNIT_SIZE)
            department[unit] = dept
    return _Org(units, owners, sizes, department)


def _deltas(rng: random.Random, base: dict[str, int], steps: tuple[int, ...],
            total: int) -> dict[str, int]:
    """Random per-unit changes that sum to exactly ``total`` and keep every count >= 0."""
    units = list(base)
    delta = {unit: max(rng.choice(steps), -base[unit]) for unit in units}
    while (gap := total - sum(delta.values())) != 0:
        unit = rng.choice(units)
        step = 1 if gap > 0 else -1
        if base[unit] + delta[unit] + step >= 0 and abs(delta[unit] + step) <= MAX_UNIT_STEP:
            delta[unit] += step
    return delta


def _staff(rng: random.Random, org: _Org) -> list[dict]:
    counts = {"permanent": {u: round(s * PERMANENT_SHARE) for u, s in org.sizes.items()}}
    counts["temporary"] = {u: s - counts["permanent"][u] for u, s in org.sizes.items()}
    rows: list[dict] = []
    for period in PERIODS:
        if period != PERIODS[0]:
            for kind, base in counts.items():
                total = STORY_STAFF_CHANGE[kind] if period == STORY else rng.randint(-2, 4)
                for unit, step in _deltas(rng, base, STAFF_STEPS[kind], total).items():
                    base[unit] += step
        for unit in org.sizes:
            permanent, temporary = counts["permanent"][unit], counts["temporary"][unit]
            rows.append({
                "unit": unit, "period": period.label, "permanent": permanent,
                "temporary": temporary,
                "fte": round((permanent + temporary) * rng.uniform(0.86, 0.95), 1),
                "sick_leave": round(rng.uniform(0.022, 0.06) + (0.008 if period.number == 1
                                                                  else 0.0), 3),
                "turnover": round(rng.uniform(0.03, 0.14), 3),
            })
    return rows


def _budgets(rng: random.Random, org: _Org) -> dict[int, dict[tuple[str, str], int]]:
    """Full-year budget per year, unit and cost category, in tkr."""
    first: dict[tuple[str, str], int] = {}
    for unit, size in org.sizes.items():
        for category, low, high in COST_CATEGORIES:
            weight = COST_WEIGHT.get((org.department[unit], category), 1.0)
            first[(unit, category)] = round(size * rng.uniform(low, high) * weight)
    growth = {key: rng.uniform(*BUDGET_GROWTH) for key in first}
    return {2017: first, 2018: {key: round(value * growth[key]) for key, value in first.items()}}


def _deviation(rng: random.Random, department: str, period: Tertial) -> float:
    red = department == RED_FINANCE_DEPARTMENT and period.year == STORY.year
    low, high = (RED_FINANCE_DEVIATION if red else FORECAST_DEVIATION)[period.number]
    return rng.uniform(low, high)


def _finance(rng: random.Random, org: _Org) -> list[dict]:
    budgets = _budgets(rng, org)
    forecasts: dict[tuple[str, str, Tertial], int] = {}
    rows: list[dict] = []
    for period in PERIODS:
        for (unit, category), budget in budgets[period.year].items():
            deviation = _deviation(rng, org.department[unit], period)
            forecast = round(budget * (1 + deviation))
            forecasts[(unit, category, period)] = forecast
            if period.number == 3:
                outcome = round(forecast * rng.uniform(0.997, 1.003))
            else:
                outcome = round(budget * period.year_share
                                * (1 + deviation + rng.uniform(-0.02, 0.02)))
            previous = None if period.number == 1 else forecasts[(unit, category,
                                                                  period.previous)]
            rows.append({
                "unit": unit, "period": period.label, "category": category, "budget": budget,
                "outcome": outcome, "forecast": forecast, "previous_forecast": previous,
            })
    return rows


def _processes(rng: random.Random, org: _Org) -> list[dict]:
    service_units = org.units_by_department()[SERVICE_DEPARTMENT]
    rows: list[dict] = []
    for name, measure, _direction, _target, _tol, start, trend, noise, per_unit in KEY_FIGURES:
        units: list[str | None] = [None, *service_units] if per_unit else [None]
        offsets = {unit: 0.0 if unit is None else rng.uniform(-3, 3) for unit in units}
        for index, period in enumerate(PERIODS):
            for unit in units:
                value = start + trend * index + offsets[unit] + rng.uniform(-noise, noise)
                if measure == "%":
                    value = min(value, 100.0)
                rows.append({
                    "kpi": name, "unit": unit, "period": period.label, "value": round(value, 1),
                    "target": None, "unit_of_measure": measure,
                })
    return rows


def _kpi_settings() -> list[dict]:
    """The key figures' settings, then the staff targets (Mål in percent, as shown)."""
    return [
        {"kpi": name, "perspective": "processes", "direction": direction, "target": target,
         "yellow_tolerance": tolerance}
        for name, _measure, direction, target, tolerance, *_rest in KEY_FIGURES
    ] + [
        {"kpi": name, "perspective": "staff", "direction": "lower", "target": target,
         "yellow_tolerance": tolerance}
        for name, target, tolerance in STAFF_TARGETS
    ]


def build_demo(seed: int = DEFAULT_SEED) -> dict[str, list[dict]]:
    """The demo data: dataset name (``units``, ``assignments``, ...) -> rows of frame fields."""
    rng = random.Random(seed)
    org = _organisation(rng)
    return {
        "units": [dict(row) for row in org.units],
        "assignments": add_register(
            seed, build_assignments(rng, org.units_by_department(), org.owners), STORY),
        "finance": _finance(rng, org),
        "staff": _staff(rng, org),
        "processes": _processes(rng, org),
        "kpi_settings": _kpi_settings(),
        "survey": build_survey(seed),
    }


def write_demo_workbooks(out_dir: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write one workbook per demo tertial (``uppfoljning_2018-T2.xlsx``) into ``out_dir``."""
    return write_workbooks(build_demo(seed), Path(out_dir))


if __name__ == "__main__":  # pragma: no cover - python -m loaders.demo.agency [OUT_DIR]
    import sys

    for written in write_demo_workbooks(Path(sys.argv[1] if len(sys.argv) > 1 else "data/demo")):
        print(written)
