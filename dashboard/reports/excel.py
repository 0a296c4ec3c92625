"""The numbers of one view as an Excel workbook in the upload format (issue 6). Pure: no dash.

The first sheet ("Om exporten" / "About") names the selection, the data version and the import
it shows, and who exported it when. Every further sheet is one dataset of the view written
exactly as finance uploads it (``loaders.specs``: the canonical Swedish sheet names and
headers, vocabulary words in Swedish), so the file loads back through the app's own loader.
The data sheets hold the rows of the selected tertial inside the selection (the same rows the
figures read, ``dashboard.kpis.rows.scoped_rows``); Enheter the units in scope; Nyckeltal
every key-figure setting (the agency's configuration, which the staff and processes figures
of any selection read). A dataset without rows gets no sheet: an empty sheet uploaded again
would empty its slice.

Cells are typed: numbers are numbers, percents fractions in a percent format (which the
loader reads as what Excel shows), dates real dates. Number formats are written in the file's
locale-neutral syntax (``#,##0``, ``0.0 %``); Swedish Excel shows them as ``# ##0`` and
``0,0 %``. Every text is written with ``write_string`` (a text cell, never a formula), and one
a spreadsheet would read as a formula ("=HYPERLINK(...)", "-5 mnkr", "@hem") also gets Excel's
own mark for it, the quotePrefix style, so it stays a text when the cell is edited: no
character is added, and the export imported again gives the very same text. The custom
document property :data:`loaders.xlsx_write.EXPORT_PROPERTY` tells the importer so (exports
made before it wrote a literal apostrophe, which the importer takes off again:
``loaders/ingest/own_export.py``). Rows are written in order in
xlsxwriter's constant-memory mode (one row in memory at a time); a ``progress`` callback
hears how many rows are written every ``step`` rows (the background job's progress bar).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import xlsxwriter

from dashboard.kpis.organisation import Frames, dataset
from dashboard.kpis.rows import scoped_rows
from dashboard.kpis.scope import Scope, Selection, in_scope, resolve
from dashboard.text.formatting import local_time
from dashboard.text.i18n import t
from loaders.specs import BY_NAME, DATASETS, Column, Dataset, Kind
from loaders.store.history import ImportRecord
from loaders.vocabulary import CODE_LABELS
from loaders.xlsx_write import EXPORT_PROPERTY, EXPORT_QUOTE_PREFIX, needs_text_mark

MONEY, DECIMAL, WHOLE = "#,##0", "#,##0.0##", "#,##0"
PERCENT, DATE = "0.0 %", "yyyy-mm-dd"
# (fill, text) per status: the fills Excel's own "good / neutral / bad" styles use, with the
# dashboard's status colours (dashboard/assets/base.css) darkened to 6:1 contrast or more.
STATUS_COLOURS: Mapping[str, tuple[str, str]] = {
    "green": ("#C6EFCE", "#155C2B"), "yellow": ("#FFEB9C", "#6B4B00"),
    "red": ("#FFC7CE", "#8F1D17")}
HEADER_FILL = "#DCE6F1"
NUMBER_FORMATS: Mapping[Kind, str] = {Kind.NUMBER: DECIMAL, Kind.COUNT: WHOLE,
                                      Kind.PERCENT: PERCENT, Kind.DATE: DATE}
FIELD_FORMATS: Mapping[tuple[str, str], str] = {  # money in tkr, shown in whole tkr
    ("finance", field): MONEY for field in ("budget", "outcome", "forecast",
                                            "previous_forecast")}
WIDTHS: Mapping[Kind, int] = {Kind.NUMBER: 14, Kind.COUNT: 12, Kind.PERCENT: 11, Kind.DATE: 12,
                              Kind.PERIOD: 10, Kind.STATUS: 10}
TEXT_WIDTH = (8, 60)  # the narrowest and widest text column, in characters
SAMPLE = 2000  # rows a text column's width is measured on
WORDED = (Kind.STATUS, Kind.ASSIGNMENT_TYPE, Kind.PERSPECTIVE, Kind.DIRECTION)
UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\s]+")
PROGRESS_STEP = 5000  # rows written between two progress reports
Progress = Callable[[int, int], None]  # (rows written so far, rows in all)


@dataclass(frozen=True)
class ExportInfo:
    """What the first sheet says besides the selection: the data and who exports it."""

    version: int
    latest_import: ImportRecord | None = None
    lang: str = "sv"
    exported_by: str = "-"
    exported_at: dt.datetime | None = None  # aware; now when None
    adoption: str = ""  # whose follow-up: the adopted one's stamp, or "not adopted"


def export_rows(frames: Frames, scope: Scope) -> dict[str, pd.DataFrame]:
    """Dataset name -> its rows in the view, with the spec's columns only; datasets without
    rows are left out."""
    rows = {d.name: scoped_rows(frames, d.name, scope)[d.fields]
            for d in DATASETS if d.periodic}
    rows["units"] = in_scope(dataset(frames, "units"), scope)[BY_NAME["units"].fields]
    # the agency's settings, not a department's data: staff and processes figures need them
    rows["kpi_settings"] = dataset(frames, "kpi_settings")[BY_NAME["kpi_settings"].fields]
    return {d.name: rows[d.name] for d in DATASETS if len(rows[d.name])}


def file_name(scope: Scope, lang: str = "sv") -> str:
    """``tertial_2018-T2_IT-avdelningen.xlsx`` (the unit, the department or the agency)."""
    place = scope.unit or scope.department or t("shell.all_departments", lang)
    return f"tertial_{scope.period.label}_{UNSAFE_IN_NAME.sub('-', place).strip('-')}.xlsx"


def export_size(frames: Frames, selection: Selection) -> int:
    """The data rows the view's workbook holds, on every sheet."""
    return sum(len(rows) for rows in export_rows(frames, resolve(frames, selection)).values())


def build_workbook(frames: Frames, selection: Selection, info: ExportInfo,
                   progress: Progress | None = None, step: int = PROGRESS_STEP) -> bytes:
    """The .xlsx of the view; :class:`~dashboard.kpis.scope.SelectionError` when the
    selection does not fit the data. ``progress(done, total)`` is called before the first
    row, every ``step`` rows of a sheet and after each sheet."""
    scope = resolve(frames, selection)
    rows = export_rows(frames, scope)
    counts = {n: len(r) for n, r in rows.items()}
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    book.set_custom_property(EXPORT_PROPERTY, EXPORT_QUOTE_PREFIX)
    formats = _Formats(book)
    _about_sheet(book, formats, scope, info, counts)
    written = _Written(progress, sum(counts.values()), step)
    for name, table in rows.items():
        _data_sheet(book, formats, BY_NAME[name], table, written)
    book.close()
    return out.getvalue()


class _Written:
    """The rows written so far, told to ``progress`` (when there is one) as they grow."""

    def __init__(self, progress: Progress | None, total: int, step: int):
        self.progress, self.total, self.step, self.done = progress, total, max(1, step), 0
        self.add(0)

    def add(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total)


class _Formats:
    """The workbook's cell formats, made once each."""

    def __init__(self, book: xlsxwriter.Workbook):
        self.header = book.add_format({"bold": True, "bg_color": HEADER_FILL, "bottom": 1,
                                       "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.text = book.add_format({"num_format": "@"})
        # the quotePrefix style for texts a spreadsheet would read as formulas
        self.marked = book.add_format({"quote_prefix": True})
        self.text_marked = book.add_format({"num_format": "@", "quote_prefix": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.numbers = {code: book.add_format({"num_format": code})
                        for code in {*NUMBER_FORMATS.values(), *FIELD_FORMATS.values()}}
        self.status = {code: book.add_format({"bg_color": fill, "font_color": text,
                                              "bold": True})
                       for code, (fill, text) in STATUS_COLOURS.items()}


# --- the first sheet ------------------------------------------------------------------------

def _about_lines(scope: Scope, info: ExportInfo) -> list[tuple[str, object]]:
    lang, record = info.lang, info.latest_import
    missing = t("export.no_import", lang)
    return [
        (t("shell.filter_period", lang), scope.period.label),
        (t("shell.filter_department", lang),
         scope.department or t("shell.all_departments", lang)),
        (t("shell.filter_unit", lang), scope.unit or t("shell.all_units", lang)),
        (t("report.cover_adoption", lang), info.adoption or "–"),
        (t("export.version", lang), info.version),
        (t("export.import_id", lang), record.id if record else missing),
        (t("export.import_file", lang), record.file_name if record else missing),
        (t("export.import_time", lang), local_time(record.created_at) if record else missing),
        (t("export.import_user", lang), record.user if record else missing),
        (t("export.exported_at", lang),
         local_time(info.exported_at or dt.datetime.now(dt.UTC))),
        (t("export.exported_by", lang), info.exported_by),
    ]


def _about_sheet(book: xlsxwriter.Workbook, formats: _Formats, scope: Scope,
                 info: ExportInfo, counts: Mapping[str, int]) -> None:
    lang = info.lang
    sheet = book.add_worksheet(t("export.sheet_about", lang))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 70)
    sheet.write_string(0, 0, t("export.title", lang), formats.title)
    row = 2
    for label, value in _about_lines(scope, info):
        sheet.write_string(row, 0, label, formats.bold)
        _write_value(sheet, row, 1, value, formats)
        row += 1
    row += 1
    sheet.write_string(row, 0, t("export.sheet", lang), formats.header)
    sheet.write_string(row, 1, t("export.rows", lang), formats.header)
    for name, count in counts.items():
        row += 1
        sheet.write_string(row, 0, BY_NAME[name].sheet)
        sheet.write_number(row, 1, count, formats.numbers[WHOLE])
    notes = ["export.format_note", "export.amounts"]
    if not scope.agency:
        notes.append("export.scope_warning")
    for key in notes:
        row += 2
        sheet.set_row(row, 45)
        sheet.merge_range(row, 0, row, 1, t(key, lang), formats.wrap)


def _write_value(sheet, row: int, column: int, value: object, formats: _Formats) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, column, value)
    else:
        text = str(value)
        sheet.write_string(row, column, text, formats.marked if needs_text_mark(text) else None)


# --- the data sheets ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    """One column to write: its values (None: blank), how, and its cell format(s)."""

    values: list
    write: str  # the worksheet method
    formats: list | None  # one format per row (status cells), or None for ``fmt``
    fmt: object
    width: int


def _texts(series: pd.Series) -> list:
    return series.astype("string").to_numpy(dtype=object, na_value=None).tolist()


def _numbers(series: pd.Series, kind: Kind) -> list:
    dtype = "Int64" if kind is Kind.COUNT else "Float64"
    values = pd.to_numeric(series, errors="coerce").astype(dtype)
    return values.to_numpy(dtype=object, na_value=None).tolist()


def _dates(series: pd.Series) -> list:
    values = pd.to_datetime(series, errors="coerce")
    return [None if pd.isna(v) else v.to_pydatetime() for v in values]


def _words(series: pd.Series) -> list:
    """Codes as the loader's Swedish words (``green`` -> ``Grön``); anything else as it is."""
    return [None if v is None else CODE_LABELS[v]["sv"] if v in CODE_LABELS else v
            for v in series.astype("string").to_numpy(dtype=object, na_value=None)]


def _marks(values: list, plain, marked) -> list | None:
    """One format per row, ``marked`` for the texts a spreadsheet would read as formulas;
    None when there is none (the column's one format does)."""
    flags = [needs_text_mark(v) for v in values]
    return [marked if flag else plain for flag in flags] if any(flags) else None


def _text_width(values: list, header: str) -> int:
    longest = max((len(str(v)) for v in values[:SAMPLE] if v is not None), default=0)
    low, high = TEXT_WIDTH
    return max(low, min(high, max(longest, len(header)) + 2))


def _plan(formats: _Formats, spec: Dataset, column: Column, series: pd.Series) -> _Plan:
    kind, header = column.kind, column.header
    code = FIELD_FORMATS.get((spec.name, column.field), NUMBER_FORMATS.get(kind))
    width = max(WIDTHS.get(kind, 0), len(header) + 3)
    if kind in (Kind.NUMBER, Kind.COUNT, Kind.PERCENT):
        return _Plan(_numbers(series, kind), "write_number", None, formats.numbers[code], width)
    if kind is Kind.DATE:
        return _Plan(_dates(series), "write_datetime", None, formats.numbers[code], width)
    values = _words(series) if kind in WORDED else _texts(series)
    if kind is Kind.STATUS:  # validated codes as their words: never formula-like
        cells = [formats.status.get(v) for v in series.astype("string").to_numpy(
            dtype=object, na_value=None)]
        return _Plan(values, "write_string", cells, None, width)
    return _Plan(values, "write_string", _marks(values, formats.text, formats.text_marked),
                 formats.text, _text_width(values, header))


def _data_sheet(book: xlsxwriter.Workbook, formats: _Formats, spec: Dataset,
                table: pd.DataFrame, written: _Written) -> None:
    sheet = book.add_worksheet(spec.sheet)
    plans = [_plan(formats, spec, c, table[c.field]) for c in spec.columns]
    for index, (column, plan) in enumerate(zip(spec.columns, plans, strict=True)):
        sheet.set_column(index, index, plan.width)
        sheet.write_string(0, index, column.header, formats.header)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table), len(plans) - 1)
    writers: list[tuple[Callable, list, list | None, object]] = [
        (getattr(sheet, p.write), p.values, p.formats, p.fmt) for p in plans]
    for start in range(0, len(table), written.step):
        end = min(start + written.step, len(table))
        for row in range(start, end):
            for index, (write, values, cell_formats, fmt) in enumerate(writers):
                value = values[row]
                if value is not None:
                    write(row + 1, index, value,
                          fmt if cell_formats is None else cell_formats[row])
        written.add(end - start)
