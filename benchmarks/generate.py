"""Generate a realistic follow-up workbook of a given size, for the import benchmark.

One workbook per size N holds every sheet of the format for the period 2018-T2: Enheter with
N/100 units (at least 30) spread over the demo agency's departments, Uppdrag with N rows (every
column of :data:`loaders.specs.ASSIGNMENTS`, real Excel dates, statuses Grön/Gul/Röd/Avslutad,
a comment on most rows), and Ekonomi, Medarbetare, Processer and Nyckeltal scaled to the units.
It is written with openpyxl's write-only mode (streamed, fast), which stores text as inline
strings rather than in a shared-strings table as Excel does: files are somewhat larger than an
Excel export of the same data.

The words come from the demo agency (:mod:`loaders.demo.tables`); the random generator is
seeded, so a size always gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from loaders.demo.tables import (
    AGENCY,
    COMMENTS,
    COST_CATEGORIES,
    FIRST_NAMES,
    GOVERNMENT_VERBS,
    KEY_FIGURES,
    LAST_NAMES,
    ORGANISATION,
    PHASES,
    RESULT_AREAS,
    VERBS,
)
from loaders.periods import Tertial
from loaders.specs import ASSIGNMENTS, FINANCE, KPI_SETTINGS, PROCESSES, STAFF, UNITS

PERIOD = Tertial(2018, 2)
SEED = 2018
ROWS_PER_UNIT = 100
MIN_UNITS = 30
KPIS_PER_UNIT = 3  # Processer rows per unit
FILE_NAME = "uppfoljning_{size}.xlsx"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
# Regional offices: the demo's 30 units are repeated per office to reach N/100 units.
OFFICES = (
    "Stockholm", "Göteborg", "Malmö", "Umeå", "Luleå", "Sundsvall", "Östersund", "Karlstad",
    "Örebro", "Linköping", "Jönköping", "Växjö", "Kalmar", "Visby", "Falun", "Gävle",
    "Härnösand", "Uppsala", "Västerås", "Norrköping", "Halmstad", "Kristianstad", "Skövde",
    "Borås", "Nyköping", "Eskilstuna", "Kiruna", "Skellefteå", "Trollhättan", "Ystad",
    "Karlskrona", "Mora", "Västervik", "Sollefteå",
)
# Status label, share of rows, chance of a comment.
STATUSES = (("Grön", 0.68, 0.75), ("Gul", 0.14, 1.0), ("Röd", 0.04, 1.0),
            ("Avslutad", 0.14, 0.9))
STATUS_CODES = {"Grön": "green", "Gul": "yellow", "Röd": "red", "Avslutad": "completed"}
# Type label, share of rows, id prefix.
TYPES = (("Verksamhetsplan", 0.62, "VP"), ("Regeringsuppdrag", 0.15, "RU"),
         ("Internt", 0.23, "IN"))
DIRECTIONS = {"higher": "Högre är bättre", "lower": "Lägre är bättre"}


@dataclass(frozen=True)
class Unit:
    name: str
    department: str
    department_index: int
    head: str


def unit_count(size: int) -> int:
    return max(MIN_UNITS, size // ROWS_PER_UNIT)


def make_units(count: int, rng: random.Random) -> list[Unit]:
    """``count`` units: the demo's units, then the same units at each regional office."""
    base = [(unit, dept, i) for i, (dept, units) in enumerate(ORGANISATION) for unit in units]
    result: list[Unit] = []
    for n in range(count):
        name, department, index = base[n % len(base)]
        office = n // len(base)
        if office:
            place = OFFICES[(office - 1) % len(OFFICES)]
            lap = (office - 1) // len(OFFICES)
            name = f"{name}, {place}" + (f" {lap + 1}" if lap else "")
        result.append(Unit(name, department, index, _person(rng)))
    return result


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _weighted(rng: random.Random, table: tuple[tuple, ...]) -> tuple:
    return rng.choices(table, weights=[row[1] for row in table])[0]


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _cell(ws: WriteOnlyWorksheet, value: object, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    cell.number_format = number_format
    return cell


def _headers(dataset) -> list[str]:
    return [column.header for column in dataset.columns]


def write_units(book: Workbook, units: list[Unit]) -> None:
    ws = book.create_sheet(UNITS.sheet)
    ws.append(_headers(UNITS))
    for unit in units:
        ws.append([unit.name, unit.department, unit.head])


def _assignment_dates(rng: random.Random, status: str) -> tuple[dt.date, dt.date]:
    """Decision and end date: closed ones end within the tertial, the others after it."""
    decided = _day(rng, dt.date(2015, 9, 1), PERIOD.last_day - dt.timedelta(days=60))
    if status == "Avslutad":
        return decided, _day(rng, max(decided, PERIOD.first_day), PERIOD.last_day)
    return decided, _day(rng, PERIOD.last_day + dt.timedelta(days=1), dt.date(2021, 12, 31))


def assignment_row(ws: WriteOnlyWorksheet, number: int, units: list[Unit],
                   rng: random.Random) -> list[object]:
    """One Uppdrag row, in the column order of ASSIGNMENTS."""
    type_label, _, prefix = _weighted(rng, TYPES)
    status, _, comment_chance = _weighted(rng, STATUSES)
    area, goals = rng.choice(RESULT_AREAS)
    goal, _, objects = rng.choice(goals)
    verbs = GOVERNMENT_VERBS if prefix == "RU" else VERBS
    unit = rng.choice(units)
    decided, ends = _assignment_dates(rng, status)
    comment = (rng.choice(COMMENTS[STATUS_CODES[status]])
               if rng.random() < comment_chance else None)
    return [
        f"{prefix}-{decided.year}-{number:06d}",
        f"{rng.choice(verbs)} {rng.choice(objects)}{rng.choice(PHASES)}",
        type_label, area, goal, unit.name, _person(rng),
        _cell(ws, decided, DATE_FORMAT), _cell(ws, ends, DATE_FORMAT),
        PERIOD.label, status, comment,
    ]


def write_assignments(book: Workbook, size: int, units: list[Unit],
                      rng: random.Random) -> None:
    """Uppdrag as an export writes it: a title, the extraction date and a blank row first."""
    ws = book.create_sheet(ASSIGNMENTS.sheet)
    ws.append([f"Uppföljning av uppdrag T{PERIOD.number} {PERIOD.year} – {AGENCY}"])
    ws.append(["Uttaget", _cell(ws, PERIOD.last_day + dt.timedelta(days=5), DATE_FORMAT)])
    ws.append([])
    ws.append(_headers(ASSIGNMENTS))
    for number in range(1, size + 1):
        ws.append(assignment_row(ws, number, units, rng))


def write_finance(book: Workbook, units: list[Unit], rng: random.Random) -> None:
    """Ekonomi: one row per unit and cost category, year to date in tkr."""
    ws = book.create_sheet(FINANCE.sheet)
    ws.append(_headers(FINANCE))
    share = PERIOD.number / 3
    for unit in units:
        staff = rng.randint(8, 40)
        for category, low, high in COST_CATEGORIES:
            budget = round(staff * rng.uniform(low, high))
            outcome = round(budget * share * rng.uniform(0.85, 1.1))
            forecast = round(budget * rng.uniform(0.92, 1.06))
            previous = round(forecast * rng.uniform(0.97, 1.03))
            ws.append([unit.name, PERIOD.label, category, budget, outcome, forecast, previous])


def write_staff(book: Workbook, units: list[Unit], rng: random.Random) -> None:
    """Medarbetare: one row per unit; sick leave and turnover as percent-formatted cells."""
    ws = book.create_sheet(STAFF.sheet)
    ws.append(_headers(STAFF))
    for unit in units:
        permanent, temporary = rng.randint(6, 36), rng.randint(0, 6)
        fte = round((permanent + temporary) * rng.uniform(0.82, 0.95), 1)
        ws.append([unit.name, PERIOD.label, permanent, temporary, fte,
                   _cell(ws, round(rng.uniform(0.02, 0.07), 3), PERCENT_FORMAT),
                   _cell(ws, round(rng.uniform(0.03, 0.14), 3), PERCENT_FORMAT)])


def write_processes(book: Workbook, units: list[Unit], rng: random.Random) -> None:
    """Processer: a few key figures per unit, plus one agency-wide row per key figure."""
    ws = book.create_sheet(PROCESSES.sheet)
    ws.append(_headers(PROCESSES))
    for name, measure, _direction, target, _tol, start, step, noise, _per_unit in KEY_FIGURES:
        value = round(start + 4 * step + rng.gauss(0, noise), 1)
        ws.append([name, None, PERIOD.label, value, target, measure])
    for unit in units:
        for figure in rng.sample(KEY_FIGURES, KPIS_PER_UNIT):
            name, measure, _direction, target, _tol, start, step, noise, _per_unit = figure
            value = round(start + 4 * step + rng.gauss(0, 3 * noise), 1)
            ws.append([name, unit.name, PERIOD.label, value, target, measure])


def write_kpi_settings(book: Workbook) -> None:
    ws = book.create_sheet(KPI_SETTINGS.sheet)
    ws.append(_headers(KPI_SETTINGS))
    for name, _measure, direction, target, tolerance, *_rest in KEY_FIGURES:
        ws.append([name, "Processer", DIRECTIONS[direction], target,
                   _cell(ws, tolerance, PERCENT_FORMAT)])


def write_workbook(size: int, folder: Path) -> Path:
    """Write the workbook for ``size`` assignment rows into ``folder``; return its path."""
    rng = random.Random(SEED + size)
    units = make_units(unit_count(size), rng)
    book = Workbook(write_only=True)
    write_units(book, units)
    write_assignments(book, size, units, rng)
    write_finance(book, units, rng)
    write_staff(book, units, rng)
    write_processes(book, units, rng)
    write_kpi_settings(book)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME.format(size=size)
    book.save(path)
    return path
