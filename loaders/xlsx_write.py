"""Save openpyxl workbooks byte for byte reproducibly.

openpyxl stamps the save time into the document properties and into every zip entry, so two
saves of the same data differ. The demo workbooks and the template are committed files and
are imported by checksum (an identical file is recognised, not imported twice), so they are
saved with fixed times instead.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from os import PathLike
from typing import BinaryIO

from openpyxl import Workbook

FIXED_TIME = dt.datetime(2018, 9, 5, 8, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def save_reproducibly(workbook: Workbook, target: str | PathLike[str] | BinaryIO,
                      when: dt.datetime = FIXED_TIME) -> None:
    """Save ``workbook`` so that the same content always gives the same bytes."""
    workbook.properties.created = when
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" at save
                stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            copy.writestr(fixed, content)
    data = out.getvalue()
    if hasattr(target, "write"):
        target.write(data)
    else:
        with open(target, "wb") as handle:
            handle.write(data)


# A cell text starting with one of these is read as a formula (or the start of one) by
# Excel, LibreOffice or a CSV import: "formula injection". The app's workbooks keep such a
# text a text: the Excel export as a text cell with Excel's own mark for it, the quotePrefix
# style (what Excel stores for a typed '=1: no character added, so the text comes back exactly
# when the export is imported again); the check report with a leading apostrophe.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def needs_text_mark(value: object) -> bool:
    """Whether a spreadsheet could read the text ``value`` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_text(value: object) -> object:
    """``value`` for a cell of a workbook the app writes: text that could start a formula
    gets a leading apostrophe; anything else is returned as it is."""
    return "'" + value if needs_text_mark(value) else value


# The Excel export says it is Tertial's in a custom document property (kept by Excel and
# LibreOffice when the file is saved again); its value says how texts are marked. Exports
# made before the property wrote a literal apostrophe instead, and are known by their first
# sheet: this name, with this title in A1 (dashboard/text/texts.toml export.sheet_about and
# export.title; a test keeps them equal). See loaders/ingest/own_export.py.
EXPORT_PROPERTY = "Tertial export"
EXPORT_QUOTE_PREFIX = "quotePrefix"  # formula-like texts as they are, in quotePrefix cells
LEGACY_EXPORT_SHEETS: dict[str, str] = {  # first sheet -> its A1
    "Om exporten": "Tertialuppföljning – export av vyn",
    "About": "Tertial follow-up – export of the view",
}
# The export's first sheet names its view: first sheet -> (the department's label, the unit's
# label, what they say for the whole agency and for all units) (texts.toml shell.filter_*,
# shell.all_*; a test keeps them equal). A filtered view's export is not the tertial's data.
EXPORT_SCOPE_LABELS: dict[str, tuple[str, str, str, str]] = {
    "Om exporten": ("Avdelning", "Enhet", "Hela myndigheten", "Alla enheter"),
    "About": ("Department", "Unit", "Whole agency", "All units"),
}
