"""Read the raw grid of each sheet: cells as Python values, hidden flags, merged ranges.

One engine for every spreadsheet type: python-calamine (Rust) reads ``.xlsx``, ``.xlsm`` and
``.ods`` into plain Python values about 30 times faster than openpyxl, and tells which sheets are
hidden and which ranges are merged. It must only ever see files that :mod:`loaders.ingest.safety`
has checked, and only inside an isolated child process (a hostile grid can abort it).

CSV files are decoded here (UTF-8 with or without BOM, else Windows-1252) and their separator
sniffed (``;`` or ``,``).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from loaders.errors import FileRefused
from loaders.ingest import formats

CSV_FIELD_LIMIT = 32 * 1024 * 1024  # the csv module's default (128 KiB) refuses long comments


@dataclass
class RawSheet:
    """A sheet's grid, 0-based from A1, exactly as the file holds it."""

    name: str
    rows: list[list[object]]
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    percent_cells: frozenset[tuple[int, int]] = frozenset()


@dataclass
class RawWorkbook:
    sheets: list[RawSheet]  # the sheets asked for, in file order
    other_sheets: list[str]  # every other sheet's name, for the notice


def read_spreadsheet(
    data: bytes,
    kind: str,
    wanted: Callable[[str], bool],
    needs_formats: Callable[[str], bool],
) -> RawWorkbook:
    """Grids of the sheets ``wanted`` says yes to; percent formats where ``needs_formats``."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[RawSheet] = []
    others: list[str] = []
    for meta in book.sheets_metadata:
        if not wanted(meta.name):
            others.append(meta.name)
            continue
        sheet = book.get_sheet_by_name(meta.name)
        merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
        sheets.append(RawSheet(
            name=meta.name,
            rows=sheet.to_python(skip_empty_area=False),
            hidden=meta.visible != SheetVisibleEnum.Visible,
            merged=merged,
        ))
    percent_sheets = [s for s in sheets if needs_formats(s.name)]
    if percent_sheets:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            reader = formats.ods_percent_cells if kind == "ods" else formats.xlsx_percent_cells
            for sheet in percent_sheets:
                sheet.percent_cells = reader(zf, sheet.name)
    return RawWorkbook(sheets, others)


def decode_text(data: bytes) -> str:
    """CSV text: UTF-8 (a BOM is dropped) or, failing that, Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            "csv_encoding",
            "CSV-filen har en teckenkodning som inte känns igen. Spara den som CSV UTF-8.",
            "The CSV file's character encoding is not recognised. Save it as CSV UTF-8.",
        ) from exc


def sniff_separator(text: str) -> str:
    """``;`` or ``,``: whichever splits more of the first lines into the same number (> 1) of
    fields (``;`` on a tie). Lines it does not split, such as a title above the header, do
    not count for either."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]

    def agreeing_lines(sep: str) -> int:
        counts = Counter(len(next(csv.reader([line], delimiter=sep))) for line in lines)
        return max((n for fields, n in counts.items() if fields > 1), default=0)

    return max((";", ","), key=agreeing_lines)


def read_csv(data: bytes, sheet_name: str) -> RawWorkbook:
    """A CSV file as one sheet named ``sheet_name``; every cell is text."""
    text = decode_text(data)
    sep = sniff_separator(text)
    csv.field_size_limit(CSV_FIELD_LIMIT)
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep)]
    return RawWorkbook([RawSheet(name=sheet_name, rows=rows)], [])
