"""Which cells Excel or LibreOffice *displays* as percent.

"12,5 %" shown in a cell can be stored as the number 0.125 with a percent format. The fast
readers (calamine) give the number but not its format, so for the few sheets whose columns
mean what is displayed (percent columns, key figure values) the cell formats are read here
straight from the file's XML, streaming, with defusedxml for ODS.

Cells are addressed 0-based, (row, column), the same grid ``python-calamine`` returns with
``skip_empty_area=False``.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator

from defusedxml import ElementTree as SafeET

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
# [^<>] bounded, not [^>]*?: an attempt at one "<" stops at the next, so the scan stays linear
# on a part of a million unclosed "<c " openings (a well-formed tag holds no "<").
_CELL = re.compile(rb"<(?:\w{1,64}:)?c\s([^<>]{0,4096}?)/?>")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_CHUNK = 1 << 20
_CARRY = 1 << 16  # a "<" further back than this from a chunk's end starts no tag worth keeping

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_MAX_REPEAT = 10_000  # trailing "repeat 16384 empty cells" is normal; never expand it
_ODS_CELLS = (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell")


def column_index(letters: str) -> int:
    """0-based index of an Excel column: A -> 0, Z -> 25, AA -> 26."""
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1


def column_letter(index: int) -> str:
    """Excel column letters of a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_percent_code(code: str) -> bool:
    return "%" in _QUOTED.sub("", code)


def xlsx_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its worksheet part (``xl/worksheets/sheet1.xml``)."""
    workbook = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL_NS}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


def _percent_styles(zf: zipfile.ZipFile) -> frozenset[int]:
    """Indexes into ``cellXfs`` whose number format shows a percent sign."""
    try:
        styles = SafeET.fromstring(zf.read("xl/styles.xml"))
    except KeyError:
        return frozenset()
    custom = {
        int(f.get("numFmtId", "-1")): f.get("formatCode", "")
        for f in styles.iter(f"{_MAIN_NS}numFmt")
    }
    percent_ids = set(_BUILTIN_PERCENT_FORMATS)
    percent_ids.update(i for i, code in custom.items() if _is_percent_code(code))
    cell_xfs = styles.find(f"{_MAIN_NS}cellXfs")
    if cell_xfs is None:
        return frozenset()
    return frozenset(
        n for n, xf in enumerate(cell_xfs.findall(f"{_MAIN_NS}xf"))
        if int(xf.get("numFmtId", "0")) in percent_ids
    )


def _stream(zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """Chunks of a part, overlapping so that no cell tag is cut in two.

    Only a tag started in the last :data:`_CARRY` bytes is carried on: carrying an early ``<``
    of a part with no later one would grow the tail by a chunk per read (quadratic copying).
    """
    tail = b""
    with zf.open(part) as handle:
        while chunk := handle.read(_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<", max(len(data) - _CARRY, 0))
            cut = len(data) if cut < 0 else cut
            yield data[:cut]
            tail = data[cut:]
    yield tail


def xlsx_percent_cells(zf: zipfile.ZipFile, sheet_name: str) -> frozenset[tuple[int, int]]:
    """(row, column) of every cell in the sheet styled with a percent number format."""
    styles = _percent_styles(zf)
    part = xlsx_sheet_parts(zf).get(sheet_name)
    if not styles or part is None:
        return frozenset()
    cells = set()
    for chunk in _stream(zf, part):
        for match in _CELL.finditer(chunk):
            attrs = match.group(1)
            style = _STYLE.search(attrs)
            ref = _REF.search(attrs)
            if style and ref and int(style.group(1)) in styles:
                cells.add((int(ref.group(2)) - 1, column_index(ref.group(1).decode())))
    return frozenset(cells)


def _repeated(elem, attribute: str) -> int:
    return max(int(elem.get(f"{_ODS_TABLE}{attribute}", "1")), 1)


def ods_percent_cells(zf: zipfile.ZipFile, sheet_name: str) -> frozenset[tuple[int, int]]:
    """(row, column) of every ``percentage`` cell in an ODS sheet.

    Positions count every repeated row and cell, as calamine's grid does; only the percent
    cells of one repeated row or cell are capped at :data:`_ODS_MAX_REPEAT` copies.
    """
    cells: set[tuple[int, int]] = set()
    in_sheet = False
    row = col = 0  # the current row's 0-based index; the next cell's column
    row_percent: list[int] = []  # percent columns of the current row
    with zf.open("content.xml") as handle:
        for event, elem in SafeET.iterparse(handle, events=("start", "end")):
            tag = elem.tag
            if tag == f"{_ODS_TABLE}table":
                if event == "start":
                    in_sheet, row = elem.get(f"{_ODS_TABLE}name") == sheet_name, 0
                elif in_sheet:
                    break
                else:
                    elem.clear()
            elif tag == f"{_ODS_TABLE}table-row":
                if event == "start":
                    col, row_percent = 0, []
                    continue
                repeat = _repeated(elem, "number-rows-repeated")
                copies = range(row, row + min(repeat, _ODS_MAX_REPEAT))
                cells.update((r, c) for r in copies for c in row_percent)
                row += repeat
                elem.clear()
            elif in_sheet and event == "start" and tag in _ODS_CELLS:
                repeat = _repeated(elem, "number-columns-repeated")
                if elem.get(f"{_ODS_OFFICE}value-type") == "percentage":
                    row_percent.extend(range(col, col + min(repeat, _ODS_MAX_REPEAT)))
                col += repeat
    return frozenset(cells)
