"""Formula facts of an .xlsx/.xlsm, and the refusal of stale formula values.

FORMAT.md: the cached value of a formula is used; a formula cell without one, or a workbook
that marks its values as stale (Excel's "recalculate on open"), is refused. openpyxl writes
``fullCalcOnLoad="1"`` into every workbook it saves, formulas or not, so recalc-on-open alone
refuses nothing: only together with formulas in the sheets that are read.

Every scan streams the sheet parts; call these after :func:`loaders.ingest.safety.check_container`,
which bounds the parts' sizes. For files that are not OOXML workbooks (ODS, CSV) there are no
facts: no formulas, no recalc-on-open.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from loaders.errors import FileRefused
from loaders.ingest import xmlscan
from loaders.ingest.refusals import refusal
from loaders.ingest.xmlscan import Data, open_zip

STALE_CAP = 200  # stale formula cells reported at most; one is enough to refuse
SHOWN_CELLS = 5  # cells named in the message; all found are in details["cells"]
PROLOG_BYTES = 1 << 20


def _sheet_parts(zf: zipfile.ZipFile,
                 sheet_names: set[str] | None) -> Iterator[tuple[str, str, bytes]]:
    """(sheet name, part, namespace prefix) of the workbook's sheets, optionally filtered.

    Each part once: a forged workbook.xml may name one large part under thousands of sheets.
    """
    if xmlscan.WORKBOOK_PART not in zf.NameToInfo:
        return
    seen: set[str] = set()
    for sheet, part in xmlscan.read_workbook(zf).sheets:
        if part in zf.NameToInfo and part not in seen \
                and (sheet_names is None or sheet in sheet_names):
            seen.add(part)
            yield sheet, part, xmlscan.read_prolog(zf, part, PROLOG_BYTES).prefix


def recalc_on_open(data: Data) -> bool:
    """Whether workbook.xml has ``<calcPr fullCalcOnLoad="1"/>`` (Excel's "recalculate on
    open"). openpyxl sets it on every workbook it saves, so on its own it proves nothing."""
    with open_zip(data) as zf:
        if xmlscan.WORKBOOK_PART not in zf.NameToInfo:
            return False
        return xmlscan.read_workbook(zf).full_calc_on_load


def has_formulas(data: Data, sheet_names: set[str] | None = None) -> bool:
    """Whether any of the sheets (all when None) holds a formula; stops at the first."""
    with open_zip(data) as zf:
        return any(xmlscan.has_formula(zf, part, prefix)
                   for _sheet, part, prefix in _sheet_parts(zf, sheet_names))


def stale_formulas(data: Data, sheet_names: set[str] | None = None,
                   cap: int = STALE_CAP) -> list[tuple[str, str]]:
    """(sheet, cell) of formula cells without a cached value, at most ``cap`` of them."""
    found: list[tuple[str, str]] = []
    with open_zip(data) as zf:
        for sheet, part, prefix in _sheet_parts(zf, sheet_names):
            cells = xmlscan.stale_formula_cells(zf, part, prefix, cap - len(found))
            found.extend((sheet, cell) for cell in cells)
            if len(found) >= cap:
                break
    return found


def check_formulas(data: Data, sheet_names: set[str] | None = None) -> None:
    """Refuse ("stale_formulas") formula cells without a cached value in the given sheets
    (all when None), or formulas there in a workbook marked "recalculate on open"."""
    stale = stale_formulas(data, sheet_names)
    if stale:
        shown = ", ".join(f"{sheet}!{cell}" for sheet, cell in stale[:SHOWN_CELLS])
        more = len(stale) - min(len(stale), SHOWN_CELLS)
        least = ("minst ", "at least ") if len(stale) >= STALE_CAP else ("", "")
        raise refusal("stale_formulas", "no_value", cells=shown,
                      more_sv=f" och {least[0]}{more} till" if more else "",
                      more_en=f" and {least[1]}{more} more" if more else "",
                      stale_cells=[f"{sheet}!{cell}" for sheet, cell in stale])
    if recalc_on_open(data):
        cells, count = formula_cells(data, sheet_names)
        if count:
            shown = ", ".join(f"{sheet}!{cell}" for sheet, cell in cells[:SHOWN_CELLS])
            more = count - min(len(cells), SHOWN_CELLS)
            raise refusal("stale_formulas", "recalc_on_open", cells=shown, count=count,
                          more_sv=f" och {more} till" if more else "",
                          more_en=f" and {more} more" if more else "",
                          formula_cells=[f"{sheet}!{cell}" for sheet, cell in cells])


def with_headers(error: FileRefused, headers: dict[str, str]) -> FileRefused:
    """A formula refusal whose named cells carry the header of their column
    ("Ekonomi!C7 (Budget)"), where it is known (``headers``: "Sheet!C7" -> header)."""
    cells = error.details.get("formula_cells") or error.details.get("stale_cells") or []
    shown = ", ".join(f"{cell} ({headers[cell]})" if headers.get(cell) else cell
                      for cell in cells[:SHOWN_CELLS])
    details = {k: v for k, v in error.details.items() if k != "reason"}
    return refusal(error.code, error.details.get("reason"), **{**details, "cells": shown})


def formula_cells(data: Data, sheet_names: set[str] | None = None,
                  cap: int = STALE_CAP) -> tuple[list[tuple[str, str]], int]:
    """(sheet, cell) of the first ``cap`` formula cells in the sheets (all when None), and
    how many there are."""
    found: list[tuple[str, str]] = []
    count = 0
    with open_zip(data) as zf:
        for sheet, part, prefix in _sheet_parts(zf, sheet_names):
            refs, in_sheet = xmlscan.formula_cells(zf, part, prefix, cap - len(found))
            found.extend((sheet, ref) for ref in refs)
            count += in_sheet
    return found, count


ERROR_CAP = 1000  # error cells put back per sheet at most (beyond, the count is enough)


def error_values(data: Data, sheet_names: set[str] | None = None
                 ) -> dict[str, list[tuple[int, int, str]]]:
    """Sheet -> (row, column, error value) of cells caching an Excel error (``#DIV/0!``,
    ``#N/A``, …), which the grid reader gives as blank cells."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    with open_zip(data) as zf:
        for sheet, part, prefix in _sheet_parts(zf, sheet_names):
            cells = xmlscan.error_cells(zf, part, prefix, ERROR_CAP)
            if cells:
                found[sheet] = cells
    return found


SHARED_STRINGS = "xl/sharedStrings.xml"


def check_well_formed(data: Data, sheet_names: set[str] | None = None) -> None:
    """Refuse ("damaged_sheet") a sheet part that is read, or the shared texts, when its XML
    is not well-formed; the refusal names the sheet (and the line and column)."""
    with open_zip(data) as zf:
        for sheet, part, _prefix in _sheet_parts(zf, sheet_names):
            where = xmlscan.xml_fault(zf, part)
            if where:
                line, column = where.split(":")
                raise refusal("damaged_sheet", sheet=sheet, part=part, line=int(line),
                              column=int(column))
        if SHARED_STRINGS in zf.NameToInfo:
            where = xmlscan.xml_fault(zf, SHARED_STRINGS)
            if where:
                line, column = where.split(":")
                raise refusal("damaged_sheet", "shared_strings", part=SHARED_STRINGS,
                              line=int(line), column=int(column))
