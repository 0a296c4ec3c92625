"""Load an uploaded file: check it is safe, read it in a child process, validate every cell.

:func:`load_file` is the one entry point for the CLI and the upload page. The file's bytes are
checked in this process without parsing (type, size, zip directory, XML prologues, formulas);
only then is the grid read and validated, in an isolated child process with memory and time
limits, so no file can take the serving process down. The result is one typed frame per
dataset (see :mod:`loaders.specs`) and a :class:`~loaders.errors.Report` of every issue.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd
from python_calamine import CalamineWorkbook

from loaders.errors import FileRefused, Report
from loaders.ingest import rules, safety, survey
from loaders.ingest.formats import column_letter, xlsx_sheet_parts
from loaders.ingest.formulas import SHOWN_CELLS, with_headers
from loaders.ingest.headers import (
    HEADER_SEARCH_ROWS,
    accepted_sheet_names,
    dataset_for_sheet,
    find_header,
    missing_required,
)
from loaders.ingest.messages import issue
from loaders.ingest.reader import RawSheet, RawWorkbook, read_csv, read_spreadsheet
from loaders.ingest.refusals import named
from loaders.ingest.validate import ROW, SheetContext, sheet_to_frame
from loaders.ingest.xmlscan import cell_position
from loaders.specs import DATASETS, TEMPLATE_SHEETS, Dataset
from loaders.text import clean_text
from loaders.xlsx_write import EXPORT_SCOPE_LABELS

# Sheets whose percent-formatted cells are read: where a share is written as one, and where a
# percentage is an error (finance's amounts, staff's counts; Column.refuses_percent).
# Sheets that hold no data but are known: the blank template's instructions and lists, and
# the first sheet of Tertial's own export (which names its view).
KNOWN_OTHER_SHEETS = TEMPLATE_SHEETS | frozenset(EXPORT_SCOPE_LABELS)
FORMAT_AWARE = frozenset({"finance", "staff", "processes", "kpi_settings", "survey"})


@dataclass(frozen=True)
class LoadOptions:
    period: str | None = None  # canonical label given at import; fills sheets without Period
    known_units: frozenset[str] = frozenset()  # units already stored
    csv_sheet: str | None = None  # the sheet a CSV file holds, when its name does not say
    own_organisation: str | None = None  # the survey's own rows (besides "Vi", "Egen", ...)


@dataclass
class LoadResult:
    frames: dict[str, pd.DataFrame]  # dataset name -> typed frame (spec columns only)
    report: Report
    sheets: dict[str, str] = field(default_factory=dict)  # dataset name -> sheet name in file
    rows: dict[str, list[int]] = field(default_factory=dict)  # dataset -> Excel row numbers

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def periods(self) -> list[str]:
        found = {p for f in self.frames.values() if "period" in f for p in f["period"].dropna()}
        return sorted(found)


def csv_dataset(file_name: str, chosen: str | None) -> Dataset:
    """The dataset a CSV file holds: the chosen sheet, or its name (``Ekonomi_2018T2.csv``)."""
    stem = PurePath(file_name).stem
    candidates = [chosen] if chosen else [stem, re.split(r"[_\-\s\d]", stem, maxsplit=1)[0]]
    for candidate in candidates:
        dataset = dataset_for_sheet(candidate or "")
        if dataset is not None:
            return dataset
    names = ", ".join(accepted_sheet_names())
    raise FileRefused(
        "csv_sheet_unknown",
        f"CSV-filens namn ({file_name}) säger inte vilket blad den innehåller. "
        f"Döp den efter bladet, till exempel Uppdrag.csv. Godkända namn: {names}.",
        f"The CSV file's name ({file_name}) does not say which sheet it holds. "
        f"Name it after the sheet, for example Uppdrag.csv. Accepted names: {names}.",
    )


def read_raw(data: bytes, kind: str, file_name: str, options: LoadOptions) -> RawWorkbook:
    if kind == "csv":
        dataset = csv_dataset(file_name, options.csv_sheet)
        return read_csv(data, dataset.sheet)

    def wanted(name: str) -> bool:
        return dataset_for_sheet(name) is not None

    def needs_formats(name: str) -> bool:
        dataset = dataset_for_sheet(name)
        return dataset is not None and dataset.name in FORMAT_AWARE

    return read_spreadsheet(data, kind, wanted, needs_formats)


def _sheet_notices(raw: RawWorkbook, report: Report) -> list[tuple[RawSheet, Dataset]]:
    for name in raw.other_sheets:
        if name not in KNOWN_OTHER_SHEETS:  # the template's and the export's own are known
            report.add(issue("unknown_sheet", sheet=name, sheet_name=name))
    chosen: dict[str, RawSheet] = {}
    pairs = []
    for sheet in raw.sheets:
        dataset = dataset_for_sheet(sheet.name)
        if dataset is None:
            continue
        if sheet.hidden:
            report.add(issue("hidden_sheet", sheet=sheet.name, sheet_name=sheet.name))
        if dataset.name in chosen:
            report.add(issue("duplicate_sheet", sheet=sheet.name, sheet_name=sheet.name,
                             other=chosen[dataset.name].name))
            continue
        chosen[dataset.name] = sheet
        pairs.append((sheet, dataset))
    if not pairs:
        expected = ", ".join(accepted_sheet_names())
        found = ", ".join(raw.other_sheets) or "–"
        report.add(issue("no_known_sheet", found=found, expected=expected))
    return pairs


def _header_context(sheet: RawSheet, dataset: Dataset, report: Report) -> SheetContext | None:
    match = find_header(sheet.rows, dataset)
    if match is None:
        missing = ", ".join(missing_required(sheet.rows, dataset))
        report.add(issue("header_not_found", sheet=sheet.name, missing=missing))
        return None
    if dataset.name == "survey":  # the wide layout's peer columns are no unknown columns
        dataset, match = survey.with_peers(sheet, dataset, match)
    for field_name, columns in match.duplicates.items():
        others = ", ".join(column_letter(c) for c in columns[1:])
        report.add(issue("duplicate_column", sheet=sheet.name, row=match.row + 1,
                         column=column_letter(columns[0]), header=match.headers[field_name],
                         others=others))
    for index, header in match.unknown.items():
        report.add(issue("unknown_column", sheet=sheet.name, row=match.row + 1,
                         column=column_letter(index), header=header))
    for index in match.unnamed_with_data:
        report.add(issue("unnamed_column", sheet=sheet.name, column=column_letter(index)))
    return SheetContext(sheet, dataset, match, report)


def parse_workbook(data: bytes, kind: str, file_name: str, options: LoadOptions) -> LoadResult:
    """Read and validate a checked file. Runs in the isolated child process."""
    report = Report()
    raw = read_raw(data, kind, file_name, options)
    contexts: list[tuple[SheetContext, pd.DataFrame]] = []
    for sheet, dataset in _sheet_notices(raw, report):
        ctx = _header_context(sheet, dataset, report)
        if ctx is None:
            continue
        frame = sheet_to_frame(ctx)
        if dataset.name == "survey":
            frame = survey.finish(ctx, frame, options.own_organisation)
        else:
            frame = rules.apply_period(ctx, frame, options.period)
            rules.check_duplicates(ctx, frame)
        contexts.append((ctx, frame))
    _check_units(contexts, options.known_units)
    result = LoadResult(frames={}, report=report)
    for ctx, frame in contexts:
        rules.check_comments(ctx, frame)
        rules.check_reports(ctx, frame)
        name = ctx.dataset.name
        result.sheets[name] = ctx.sheet.name
        result.rows[name] = frame[ROW].tolist()
        result.frames[name] = frame.drop(columns=[ROW])
    return result


def _check_units(contexts: list[tuple[SheetContext, pd.DataFrame]],
                 stored: frozenset[str]) -> None:
    units_frame = next((f for c, f in contexts if c.dataset.name == "units"), None)
    in_workbook = set(units_frame["unit"].dropna()) if units_frame is not None else set()
    known = in_workbook | set(stored)
    canonical = pd.Series(sorted(known), dtype="string")
    for ctx, frame in contexts:
        if "unit" in frame.columns and ctx.dataset.name != "units":
            rules.check_units(ctx, frame, known)
            frame["unit"] = rules.canonical_units(frame, canonical).astype("string")


def load_file(data: bytes, file_name: str, options: LoadOptions | None = None,
              limits: safety.Limits | None = None) -> LoadResult:
    """Check, read and validate an uploaded file; raise FileRefused for unusable files.

    The checks that keep the parser safe (type, size, zip directory, XML prologues, declared
    sheet dimensions) run before the child process starts. Two full scans of the sheet XML
    run in a second child while the first parses (two cores), under the same deadline: the
    extent of sheets that declare no dimension (the parse's own limits already contain such
    a sheet; the scan gives the clearer refusal), whether the sheets read are well-formed XML
    (the reader is lenient: a missing end tag would go unnoticed) and the formula check
    (whether cached values can be trusted). Their verdict is taken before the parse's answer
    is looked at.
    """
    options = options or LoadOptions()
    limits = limits or safety.Limits()
    try:
        kind = safety.sniff(data, file_name, limits)
        scans = None
        if kind != "csv":
            safety.check_container(data, kind, limits, file_name, scan_undeclared=False)
            if kind != "ods":
                def scans() -> None:
                    safety.check_undeclared_sheets(data, limits)
                    known = _known_sheet_names(data)
                    safety.check_well_formed(data, known)  # calamine reads a broken one
                    safety.check_formulas(data, known)
        return safety.run_isolated(parse_workbook, data, kind, file_name, options,
                                   limits=limits, alongside=scans)
    except FileRefused as error:
        if error.code == "stale_formulas":  # name each cell's column too, where it is known
            error = _with_headers(error, data, limits)
        raise named(error, file_name) from None


def _with_headers(error: FileRefused, data: bytes, limits: safety.Limits) -> FileRefused:
    cells = error.details.get("formula_cells") or error.details.get("stale_cells") or []
    try:
        headers = safety.run_isolated(cell_headers, data, cells[:SHOWN_CELLS], limits=limits)
    except FileRefused:  # the file's own refusal says enough without the headers
        return error
    return with_headers(error, headers)


def cell_headers(data: bytes, cells: list[str]) -> dict[str, str]:
    """"Sheet!C7" -> the header of column C in its sheet (the sheet's header row as the
    loader finds it, else its first row). Runs in an isolated child: python-calamine."""
    wanted: dict[str, list[tuple[str, int]]] = {}
    for cell in cells:
        sheet, _, ref = cell.rpartition("!")
        position = cell_position(ref)
        if sheet and position:
            wanted.setdefault(sheet, []).append((cell, position[1] - 1))
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    found: dict[str, str] = {}
    for sheet, columns in wanted.items():
        if sheet not in book.sheet_names:
            continue
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False,
                                                       nrows=HEADER_SEARCH_ROWS)
        dataset = dataset_for_sheet(sheet)
        match = find_header(rows, dataset) if dataset is not None else None
        header = rows[match.row] if match is not None else (rows[0] if rows else [])
        for cell, column in columns:
            text = clean_text(header[column]) if column < len(header) else None
            if text:
                found[cell] = text
    return found


def _known_sheet_names(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name for name in xlsx_sheet_parts(zf) if dataset_for_sheet(name) is not None}


__all__ = ["DATASETS", "LoadOptions", "LoadResult", "load_file", "parse_workbook"]
