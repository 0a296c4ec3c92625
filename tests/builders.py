"""Workbooks made in code for the tests: test data as reviewable code.

``xlsx(sheets)`` writes a real .xlsx with openpyxl. A sheet is a list of rows; a row is a list of
cell values. A cell value may be a :class:`Cell` to give it a number format. The module also
holds small, valid sheets (``UNITS``, ``ASSIGNMENTS``, ...) that tests change one thing in.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import openpyxl


@dataclass(frozen=True)
class Cell:
    value: object
    number_format: str | None = None


def xlsx_bytes(sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = (),
               merged: dict[str, list[str]] | None = None) -> bytes:
    """A real .xlsx written by openpyxl, as bytes."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, Cell):
                    cell.value = value.value
                    if value.number_format:
                        cell.number_format = value.number_format
                else:
                    cell.value = value
        if name in hidden:
            sheet.sheet_state = "hidden"
        for ref in (merged or {}).get(name, []):
            sheet.merge_cells(ref)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def without_first_sheet(data: bytes) -> bytes:
    """The workbook without its first sheet, saved again by openpyxl: the data sheets of an
    export as a finance officer's own workbook would hold them (the export's first sheet
    names its view, and a filtered view's export is refused at import)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.remove(book.worksheets[0])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]], **kwargs) -> Path:
    path.write_bytes(xlsx_bytes(sheets, **kwargs))
    return path


UNITS = [
    ["Enhet", "Avdelning", "Chef"],
    ["Ekonomienheten", "Verksamhetsstöd", "Anna Berg"],
    ["HR-enheten", "Verksamhetsstöd", "Björn Ek"],
    ["Enheten för analys", "Analysavdelningen", "Cecilia Öberg"],
]

ASSIGNMENTS = [
    ["Id", "Namn", "Typ", "Resultatområde", "Mål", "Enhet", "Ansvarig", "Beslutsdatum",
     "Slutdatum", "Period", "Status", "Kommentar"],
    ["U-1", "Ny budgetprocess", "Verksamhetsplan", "Modern myndighet",
     "Enkla och smarta arbetsprocesser", "Ekonomienheten", "Anna Berg",
     dt.datetime(2018, 1, 15), dt.datetime(2018, 12, 31), "2018-T2", "Grön", None],
    ["RU-7", "Regeringsuppdrag om statistik", "Regeringsuppdrag", "Samhällsnytta",
     "Bättre beslutsunderlag", "Enheten för analys", "Cecilia Öberg",
     dt.datetime(2018, 3, 1), dt.datetime(2019, 3, 1), "2018-T2", "Gul",
     "Försenad leverans av data"],
    ["U-2", "Kompetensförsörjning", "Internt", "Modern myndighet", "Attraktiv arbetsplats",
     "HR-enheten", "Björn Ek", dt.datetime(2017, 9, 1), dt.datetime(2018, 6, 30), "2018-T2",
     "Avslutad", None],
]

FINANCE = [
    ["Enhet", "Period", "Post", "Budget", "Utfall", "Prognos"],
    ["Ekonomienheten", "2018-T2", "Personal", 12000, 7800.5, 11900],
    ["HR-enheten", "2018-T2", "Personal", 9000, 6100, 9300],
]

STAFF = [
    ["Enhet", "Period", "Tillsvidare", "Tidsbegränsade", "Årsarbetskrafter", "Sjukfrånvaro",
     "Personalomsättning"],
    ["Ekonomienheten", "2018-T2", 12, 2, 13.2, Cell(0.041, "0.0%"), Cell(0.05, "0%")],
    ["HR-enheten", "2018-T2", 8, 1, 8.5, "3,5 %", "6 %"],
]

PROCESSES = [
    ["Nyckeltal", "Enhet", "Period", "Värde", "Mål", "Måttenhet"],
    ["Handläggningstid", None, "2018-T2", 42, 45, "dagar"],
    ["Andel digitala ansökningar", None, "2018-T2", Cell(0.81, "0%"), 85, "%"],
]

KPI_SETTINGS = [
    ["Nyckeltal", "Perspektiv", "Riktning", "Mål", "Gul gräns"],
    ["Handläggningstid", "Processer", "Lägre är bättre", 45, Cell(0.1, "0%")],
    ["Andel digitala ansökningar", "Processer", "Högre är bättre", 85, "5 %"],
]


def full_workbook() -> dict[str, list[list[object]]]:
    """Every sheet, valid, for 2018-T2: a fresh copy each call."""
    return {
        "Enheter": [list(r) for r in UNITS],
        "Uppdrag": [list(r) for r in ASSIGNMENTS],
        "Ekonomi": [list(r) for r in FINANCE],
        "Medarbetare": [list(r) for r in STAFF],
        "Processer": [list(r) for r in PROCESSES],
        "Nyckeltal": [list(r) for r in KPI_SETTINGS],
    }


# The survey benchmark (Enkät): one small survey in both layouts, which load to the same frame.
SURVEY_WIDE = [
    ["IT-enkät 2018", None, None, None, None, None, None, None, None, None, None],
    ["Enkät", "Mätning", "Datum", "Område", "Fråga", "Grupp", "Värde", "Skala", "Antal svar",
     "Organisation A", "Org B"],
    ["IT-enkäten", "Nollmätning 2018", dt.datetime(2018, 9, 15), "Support",
     "Nöjd med supporten", None, "4,2", "1-5", 120, 3.9, "4,4"],
    ["IT-enkäten", "Nollmätning 2018", dt.datetime(2018, 9, 15), "Svarstider",
     "Andel som fått svar inom en dag", None, Cell(0.62, "0%"), "andel", 118, "71 %", 0.8],
]

SURVEY_LONG = [
    ["Enkät", "Mätning", "Datum", "Område", "Fråga", "Grupp", "Organisation", "Värde", "Skala",
     "Antal svar"],
    ["IT-enkäten", "Nollmätning 2018", dt.datetime(2018, 9, 15), "Support",
     "Nöjd med supporten", None, "Vi", 4.2, "1–5", 120],
    ["IT-enkäten", "Nollmätning 2018", dt.datetime(2018, 9, 15), "Support",
     "Nöjd med supporten", None, "Organisation A", 3.9, "1–5", None],
    ["IT-enkäten", "Nollmätning 2018", dt.datetime(2018, 9, 15), "Support",
     "Nöjd med supporten", None, "Org B", 4.4, "1–5", None],
    ["IT-enkäten", "Nollmätning 2018", dt.datetime(2018, 9, 15), "Svarstider",
     "Andel som fått svar inom en dag", None, "Org B", "80 %", "Andel", None],
    ["IT-enkäten", "Nollmätning 2018", dt.datetime(2018, 9, 15), "Svarstider",
     "Andel som fått svar inom en dag", None, "Egen", "62 %", "Andel", 118],
    ["IT-enkäten", "Nollmätning 2018", dt.datetime(2018, 9, 15), "Svarstider",
     "Andel som fått svar inom en dag", None, "Organisation A", 0.71, "Andel", None],
]
