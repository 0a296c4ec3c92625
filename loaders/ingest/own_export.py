"""Tertial's own Excel export coming back: texts as they were exported, without marks.

The export (``dashboard/reports/excel.py``) keeps a text a spreadsheet would read as a formula
(``=SUMMA(A1)``, ``-5 mnkr``, ``@hem``) a text. Exports made before the custom document
property :data:`~loaders.xlsx_write.EXPORT_PROPERTY` did so with a literal apostrophe
(``'=SUMMA(A1)``), which came back as part of the text when the file was imported again; the
export now uses Excel's quotePrefix style instead, which adds no character, and says so in the
property. So:

* a file with the property: every text is read exactly as it is (nothing to take off);
* a file without it whose first sheet is the export's own (``Om exporten`` / ``About`` with
  the export's title in A1): an older export; a leading apostrophe is taken off where the
  export put one, before ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and nowhere
  else;
* any other file, a finance officer's own workbook: every cell as typed, an apostrophe
  included.

Runs in the isolated child process that reads the grid (``loaders/ingest/reader.py``).
"""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from loaders.xlsx_write import (
    EXPORT_PROPERTY,
    EXPORT_SCOPE_LABELS,
    FORMULA_STARTS,
    LEGACY_EXPORT_SHEETS,
)

APOSTROPHE = "apostrophe"  # an older export: formula-like texts behind a literal apostrophe
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_LIMIT = 1 << 20  # bytes of the custom properties read at most (the export's are ~400)
_NAMESPACE = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def export_property(zf: zipfile.ZipFile) -> str | None:
    """The value of the workbook's :data:`EXPORT_PROPERTY` custom property; None without."""
    if CUSTOM_PART not in zf.NameToInfo:
        return None
    with zf.open(CUSTOM_PART) as part:
        content = part.read(CUSTOM_LIMIT + 1)
    if len(content) > CUSTOM_LIMIT:
        return None
    try:
        root = fromstring(content)
    except (ParseError, DefusedXmlException, ValueError):
        return None
    for prop in root.iter(f"{_NAMESPACE}property"):
        if prop.get("name") == EXPORT_PROPERTY:
            return "".join(prop.itertext()).strip()
    return None


def is_legacy_export(first_sheet: str, first_cell: object) -> bool:
    """Whether a workbook whose first sheet is ``first_sheet``, with ``first_cell`` in its
    A1, is an export made before the property (with apostrophes)."""
    return LEGACY_EXPORT_SHEETS.get(first_sheet) == first_cell


def export_scope(first_sheet: str, rows: list[list[object]]) -> tuple[str, str] | None:
    """(department, unit) of a filtered view's export, from its first sheet's lines (label in
    column A, value in B; "" where not filtered); None for the whole agency's export or a
    workbook that is no export."""
    labels = EXPORT_SCOPE_LABELS.get(first_sheet)
    if labels is None or not rows or not rows[0] or \
            not is_legacy_export(first_sheet, rows[0][0]):
        return None
    department_label, unit_label, whole, all_units = labels
    found = {row[0]: row[1] for row in rows[:20] if len(row) > 1 and isinstance(row[0], str)}
    department = str(found.get(department_label) or "").strip()
    unit = str(found.get(unit_label) or "").strip()
    department = "" if department in ("", whole) else department
    unit = "" if unit in ("", all_units) else unit
    return (department, unit) if department or unit else None


def unmark(value: object) -> object:
    """``value`` without the apostrophe an older export put before a formula-like text."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(
            FORMULA_STARTS):
        return value[1:]
    return value


def unmark_rows(rows: list[list[object]]) -> list[list[object]]:
    return [[unmark(value) for value in row] for row in rows]
