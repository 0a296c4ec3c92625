"""The demo agency with hostile text in every text field a workbook can fill, for the tests
that prove such text is shown as text and never runs.

:func:`hostile_demo` is :func:`loaders.demo.agency.build_demo` with two departments, several units,
result areas, goals, assignment names and comments, cost categories, key figure names and
units of measure replaced by script, markup, link, formula and template strings (the loader's
rules still hold: unit names stay unique and each belongs to a department). Two plain names
with ``&`` check that ordinary text still reads the same. :func:`seed_hostile_database`
imports it, one workbook per tertial, under hostile file names (the import history and the
overview show them).
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook, load_workbook

from loaders.demo.agency import build_demo
from loaders.demo.assignments import PERIODS, STORY
from loaders.demo.workbook import build_workbook
from loaders.imports.importer import import_file
from loaders.settings import Settings
from loaders.store.store import Store
from loaders.xlsx_write import save_reproducibly
from tests.builders import xlsx_bytes
from tests.databases import folder_url

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
MARKDOWN_LINK = "[klick](javascript:window.__pwned=3)"
JS_LINK = '<a href="javascript:window.__pwned=4">x</a>'
SVG = '"><svg onload=window.__pwned=5>'
FORMULA = '=HYPERLINK("http://evil","x")'
TEMPLATE = "{{7*7}}"
BOLD = "<b onmouseover=window.__pwned=6>fet</b>"
HOVER_TEMPLATE = "Enheten %{x} och 100 %"  # plotly's hover templates read %{...}
HOSTILE: tuple[str, ...] = (SCRIPT, IMG, MARKDOWN_LINK, JS_LINK, SVG, FORMULA, TEMPLATE, BOLD)
AMPERSAND = "Ekonomi & HR"  # ordinary text that must read the same everywhere

DEPARTMENTS = {  # demo department -> its name here
    "Avdelningen för digital service": IMG,
    "IT-avdelningen": SVG,
    "Ekonomi- och styrningsavdelningen": AMPERSAND,
}
UNITS = {  # demo unit -> its name here (the first four in the IMG department)
    "Kundcenter": SCRIPT,
    "Ansökningsenheten": BOLD,
    "Enheten för e-tjänster": JS_LINK,
    "Enheten för digitala identiteter": HOVER_TEMPLATE,
    "Enheten för systemutveckling": FORMULA,
    "Arkitekturenheten": TEMPLATE,
    "Enheten för IT-support": MARKDOWN_LINK,
    "Ekonomienheten": f"{AMPERSAND}-enheten",
}
IMG_UNITS = (SCRIPT, BOLD, JS_LINK, HOVER_TEMPLATE)  # the units renamed in that department
RESULT_AREAS = {"Digital service för alla": BOLD}
GOALS = {"Fler digitala ansökningar": SCRIPT, "Tillgängliga e-tjänster": MARKDOWN_LINK}
CATEGORIES = {"Övrigt": JS_LINK, "Lokaler": "Lokaler & drift"}
KEY_FIGURES = {  # demo key figure -> (name, unit of measure) here
    "Handläggningstid ansökningar": (SCRIPT, BOLD),  # per unit: one line per hostile unit
    "Svarstid IT-support": (FORMULA, TEMPLATE),
    "Nöjd kund-index e-tjänster": (JS_LINK, SVG),
}
FILE_NAMES = {  # tertial -> the name its workbook is imported under
    "2017-T1": "uppfoljning_2017-T1.xlsx",
    "2017-T2": f"{TEMPLATE}.xlsx",
    "2017-T3": f"{FORMULA}.xlsx",
    "2018-T1": f"{SCRIPT}.xlsx",
    "2018-T2": f"{IMG}.xlsx",
}


def _rename(rows: list[dict], field: str, names: dict[str, str]) -> None:
    for row in rows:
        if row.get(field) in names:
            row[field] = names[row[field]]


def _key_figures(data: dict[str, list[dict]]) -> None:
    for row in data["processes"]:
        if row["kpi"] in KEY_FIGURES:
            row["kpi"], row["unit_of_measure"] = KEY_FIGURES[row["kpi"]]
    for row in data["kpi_settings"]:
        if row["kpi"] in KEY_FIGURES:
            row["kpi"] = KEY_FIGURES[row["kpi"]][0]


def hostile_assignment_ids(data: dict[str, list[dict]]) -> list[str]:
    """The story tertial's first active assignments (by id) of the hostile department's
    renamed units, one per hostile text."""
    ids = sorted({r["id"] for r in data["assignments"]
                  if r["period"] == STORY.label and r["unit"] in IMG_UNITS
                  and r["status"] not in ("completed", "cancelled")})
    return ids[:len(HOSTILE)]


def _assignments(data: dict[str, list[dict]]) -> dict[str, tuple[str, str]]:
    """Name and comment of the hostile assignments (in every tertial they appear in)."""
    texts = {assignment: (HOSTILE[i], HOSTILE[(i + 1) % len(HOSTILE)])
             for i, assignment in enumerate(hostile_assignment_ids(data))}
    for row in data["assignments"]:
        if row["id"] in texts:
            row["name"], row["comment"] = texts[row["id"]]
    return texts


def hostile_demo() -> dict[str, list[dict]]:
    """The demo data (:func:`loaders.demo.agency.build_demo`) with the hostile names above."""
    data = build_demo()
    _rename(data["units"], "department", DEPARTMENTS)
    for dataset in ("units", "assignments", "finance", "staff", "processes"):
        _rename(data[dataset], "unit", UNITS)
    _rename(data["assignments"], "department", DEPARTMENTS)
    _rename(data["assignments"], "result_area", RESULT_AREAS)
    _rename(data["assignments"], "goal", GOALS)
    _rename(data["finance"], "category", CATEGORIES)
    _key_figures(data)
    _assignments(data)
    return data


def as_text(book: Workbook) -> Workbook:
    """Text cells that openpyxl took for formulas (``=HYPERLINK(...)``) stored as text, as
    a user's cell holding that text is."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return book


def text_workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """:func:`tests.builders.xlsx_bytes` with every ``=...`` text kept as text."""
    book = as_text(load_workbook(io.BytesIO(xlsx_bytes(sheets))))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_bytes(data: dict[str, list[dict]], period_label: str) -> bytes:
    period = next(p for p in PERIODS if p.label == period_label)
    buffer = io.BytesIO()
    save_reproducibly(as_text(build_workbook(data, period)), buffer)
    return buffer.getvalue()


def seed_hostile_database(data_dir: Path) -> None:
    """``data_dir``'s database with the hostile demo imported tertial by tertial under
    :data:`FILE_NAMES` (closed). An app started on ``data_dir`` finds it and loads no demo."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(folder_url(data_dir))
    settings = Settings(data_dir=data_dir)
    data = hostile_demo()
    try:
        for period in PERIODS:
            outcome = import_file(store, workbook_bytes(data, period.label),
                                  FILE_NAMES[period.label], settings, user="seed")
            assert outcome.record is not None, outcome.report.issues
    finally:
        store.close()
