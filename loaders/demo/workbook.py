"""Writes the demo data (:func:`loaders.demo.agency.build_demo`) as one workbook per tertial.

Every workbook holds all six sheets, Enheter and Nyckeltal included, so each file loads on its
own and in any order. The latest one (2018-T2) is written like a real export: a title row, an
extraction date and a blank row above the headers, a merged title on Ekonomi, and a "Summa"
row at the bottom of Ekonomi (plain values: openpyxl cannot store a formula's cached value).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from loaders.demo.assignments import PERIODS, STORY
from loaders.demo.survey import MEASUREMENTS, PEERS
from loaders.demo.tables import AGENCY
from loaders.periods import Tertial
from loaders.specs import DATASETS, FINANCE, SURVEY_SHEET, Dataset, Kind
from loaders.survey_sheet import PEER_PREFIX, template_dataset
from loaders.template import BOLD, label, number_format, write_header
from loaders.vocabulary import VOCABULARIES
from loaders.xlsx_write import save_reproducibly

FILE_NAME = "uppfoljning_{period}.xlsx"
EXPORT_DELAY = dt.timedelta(days=5)  # the export is taken a few days after the tertial
TITLED = ("assignments", "finance", "staff", "processes")  # sheets with a title in the export
MERGED_TITLE = ("finance",)
TOTAL_WORD = "Summa"
TOTAL_FIELDS = ("budget", "outcome", "forecast", "previous_forecast")
TITLE_FONT = Font(bold=True, size=14)
TOTAL_BORDER = Border(top=Side(style="thin"))


def _cell_value(kind: Kind, value: object) -> object:
    """A frame value as the workbook holds it: codes become their Swedish labels."""
    if value is not None and kind in VOCABULARIES:
        return label(str(value))
    return value


def _write_rows(ws: Worksheet, dataset: Dataset, rows: list[dict], first_row: int) -> int:
    """Write ``rows`` from ``first_row`` on; return the next free row."""
    formats = [number_format(dataset, column) for column in dataset.columns]
    for offset, row in enumerate(rows):
        for index, column in enumerate(dataset.columns):
            value = _cell_value(column.kind, row[column.field])
            if value is None:
                continue
            cell = ws.cell(row=first_row + offset, column=index + 1, value=value)
            cell.number_format = formats[index]
    return first_row + len(rows)


def _write_title(ws: Worksheet, dataset: Dataset, period: Tertial) -> int:
    """Title, extraction date and a blank row; return the header row."""
    ws["A1"] = f"Uppföljning T{period.number} {period.year} – {AGENCY}"
    ws["A1"].font = TITLE_FONT
    if dataset.name in MERGED_TITLE:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(dataset.columns))
    ws["A2"] = "Uttagsdatum"
    ws["B2"] = period.last_day + EXPORT_DELAY
    ws["B2"].number_format = "yyyy-mm-dd"
    return 4


def _write_total(ws: Worksheet, dataset: Dataset, rows: list[dict], row: int) -> None:
    """A bold "Summa" row under the finance rows, as finance systems export it."""
    for index, column in enumerate(dataset.columns, start=1):
        if column.field == dataset.key_field:
            value: object = TOTAL_WORD
        elif column.field in TOTAL_FIELDS:
            value = sum(r[column.field] or 0 for r in rows)
        else:
            value = None
        cell = ws.cell(row=row, column=index, value=value)
        cell.font = BOLD
        cell.border = TOTAL_BORDER
        cell.number_format = number_format(dataset, column)


def _period_rows(data: dict[str, list[dict]], dataset: Dataset, period: Tertial) -> list[dict]:
    rows = data[dataset.name]
    return [r for r in rows if r["period"] == period.label] if dataset.periodic else rows


def build_workbook(data: dict[str, list[dict]], period: Tertial) -> Workbook:
    """The demo workbook of one tertial; the story tertial looks like a real export."""
    wb = Workbook()
    wb.remove(wb.active)
    export = period == STORY
    for dataset in DATASETS:
        ws = wb.create_sheet(dataset.sheet)
        rows = _period_rows(data, dataset, period)
        header_row = 1
        if export and dataset.name in TITLED:
            header_row = _write_title(ws, dataset, period)
        write_header(ws, dataset, header_row, notes=False)
        end = _write_rows(ws, dataset, rows, header_row + 1)
        if export and dataset is FINANCE:
            _write_total(ws, dataset, rows, end)
        if rows:
            ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(dataset.columns))}{end - 1}"
    for measurement in MEASUREMENTS:
        if measurement.period == period:
            rows = [r for r in data.get("survey", []) if r["measurement"] == measurement.name]
            _write_survey(wb.create_sheet(SURVEY_SHEET.sheet), rows, measurement.layout)
    return wb


SHARE_FORMAT = "0%"  # a share as finance writes it: 0,62 shown as 62 %


def _write_survey(ws: Worksheet, rows: list[dict], layout: str) -> None:
    """The survey's rows of one measurement: wide (our value, then a column per peer) or long
    (a row per organisation), as finance may write either."""
    dataset = template_dataset(len(PEERS)) if layout == "wide" else SURVEY_SHEET
    write_header(ws, dataset, 1, notes=False)
    formats = [number_format(dataset, column) for column in dataset.columns]
    if layout == "wide":
        own = [r for r in rows if r["is_own"]]
        peers = {(r["question"], r["group"], r["organisation"]): r["value"]
                 for r in rows if not r["is_own"]}
        lines = [{**r, **{f"{PEER_PREFIX}{i}": peers[(r["question"], r["group"], name)]
                          for i, name in enumerate(PEERS)}} for r in own]
    else:
        lines = rows
    for offset, line in enumerate(lines, start=2):
        share = line["scale"] == "share"
        for index, column in enumerate(dataset.columns, start=1):
            value = ("andel" if share else line["scale"]) if column.field == "scale" else (
                line.get(column.field))
            if value is None:
                continue
            cell = ws.cell(row=offset, column=index, value=value)
            number = share and column.kind is Kind.NUMBER  # our value and the peers'
            cell.number_format = SHARE_FORMAT if number else formats[index - 1]


def write_workbooks(data: dict[str, list[dict]], out_dir: Path) -> list[Path]:
    """One workbook per demo tertial in ``out_dir``; returns their paths, oldest first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for period in PERIODS:
        path = out_dir / FILE_NAME.format(period=period.label)
        save_reproducibly(build_workbook(data, period), path)
        paths.append(path)
    return paths
