"""Read the raw grid of each sheet: cells as Python values, hidden flags, merged ranges.

One engine for every spreadsheet type: python-calamine (Rust) reads ``.xlsx``, ``.xlsm`` and
``.ods`` into plain Python values about 30 times faster than openpyxl, and tells which sheets are
hidden and which ranges are merged. It must only ever see files that :mod:`loaders.ingest.safety`
has checked, and only inside an isolated child process (a hostile grid can abort it).

CSV files are decoded here (UTF-8 with or without BOM, else Windows-1252) and their separator
sniffed (``;`` or ``,``).

Tertial's own export from before it marked texts with the quotePrefix style comes back without
the apostrophes it put before formula-like texts (:mod:`loaders.ingest.own_export`); every
other file's cells are read as they are.
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
from loaders.ingest import formats, formulas, own_export
from loaders.ingest.refusals import refusal

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
    _refuse_a_filtered_export(book)
    older_export = _older_export(book, data, kind)
    sheets: list[RawSheet] = []
    others: list[str] = []
    for meta in book.sheets_metadata:
        if not wanted(meta.name):
            others.append(meta.name)
            continue
        sheet = book.get_sheet_by_name(meta.name)
        merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
        rows = sheet.to_python(skip_empty_area=False)
        sheets.append(RawSheet(
            name=meta.name,
            rows=own_export.unmark_rows(rows) if older_export else rows,
            hidden=meta.visible != SheetVisibleEnum.Visible,
            merged=merged,
        ))
    percent_sheets = [s for s in sheets if needs_formats(s.name)]
    if percent_sheets:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            reader = formats.ods_percent_cells if kind == "ods" else formats.xlsx_percent_cells
            for sheet in percent_sheets:
                sheet.percent_cells = reader(zf, sheet.name)
    if kind != "ods" and sheets:
        _put_back_errors(data, sheets)
    return RawWorkbook(sheets, others)


def _put_back_errors(data: bytes, sheets: list[RawSheet]) -> None:
    """The Excel error values (``#DIV/0!``, ``#N/A``, …) that calamine gives as blank cells,
    written back into the grid, so that validation names each one (an error is no blank)."""
    errors = formulas.error_values(data, {sheet.name for sheet in sheets})
    for sheet in sheets:
        for row, column, value in errors.get(sheet.name, ()):
            if row - 1 < len(sheet.rows) and column - 1 < len(sheet.rows[row - 1]):
                sheet.rows[row - 1][column - 1] = value


def _refuse_a_filtered_export(book: CalamineWorkbook) -> None:
    """Tertial's export of one department's or unit's view is refused: an import replaces
    each sheet's tertial whole (DOMAIN.md), so importing it would remove every other
    department's rows. Known by the export's first sheet, which names the view."""
    first = book.sheets_metadata[0].name if book.sheets_metadata else ""
    if first not in own_export.EXPORT_SCOPE_LABELS:
        return
    lines = book.get_sheet_by_name(first).to_python(skip_empty_area=False, nrows=20)
    scope = own_export.export_scope(first, lines)
    if scope is not None:
        department, unit = scope
        raise refusal("scoped_export", department=department or "–", unit=unit or "–",
                      view=" / ".join(part for part in scope if part))


def _older_export(book: CalamineWorkbook, data: bytes, kind: str) -> bool:
    """Whether the file is Tertial's own export from before the quotePrefix marks: its first
    sheet the export's, with the export's title in A1, and no export property."""
    first = book.sheets_metadata[0].name if book.sheets_metadata else ""
    if first not in own_export.LEGACY_EXPORT_SHEETS:
        return False
    if kind != "ods":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if own_export.export_property(zf) is not None:
                return False
    top = book.get_sheet_by_name(first).to_python(skip_empty_area=False, nrows=1)
    return own_export.is_legacy_export(first, top[0][0] if top and top[0] else None)


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
