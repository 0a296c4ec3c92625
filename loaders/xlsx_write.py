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
# Excel, LibreOffice or a CSV import: "formula injection". Text from uploaded workbooks is
# written back with a leading apostrophe, so it is always shown, never run.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """``value`` for a cell of a workbook the app writes: text that could start a formula
    gets a leading apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
