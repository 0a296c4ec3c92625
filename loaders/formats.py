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
_CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)/?>")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_CHUNK = 1 << 20

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_MAX_REPEAT = 10_000  # trailing "repeat 16384 empty cells" is normal; never expand it


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
    """Chunks of a part, overlapping so that no cell tag is cut in two."""
    tail = b""
    with zf.open(part) as handle:
        while chunk := handle.read(_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
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


def ods_percent_cells(zf: zipfile.ZipFile, sheet_name: str) -> frozenset[tuple[int, int]]:
    """(row, column) of every ``percentage`` cell in an ODS sheet."""
    cells: set[tuple[int, int]] = set()
    in_sheet = False
    row = -1
    col = 0
    with zf.open("content.xml") as handle:
        for event, elem in SafeET.iterparse(handle, events=("start", "end")):
            tag = elem.tag
            if tag == f"{_ODS_TABLE}table":
                if event == "start":
                    in_sheet = elem.get(f"{_ODS_TABLE}name") == sheet_name
                    row = -1
                else:
                    if in_sheet:
                        break
                    elem.clear()
                continue
            if not in_sheet or event != "start":
                if event == "end" and tag == f"{_ODS_TABLE}table-row":
                    repeat = int(elem.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
                    row += min(repeat, _ODS_MAX_REPEAT) - 1
                    elem.clear()
                continue
            if tag == f"{_ODS_TABLE}table-row":
                row += 1
                col = 0
            elif tag in (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell"):
                repeat = min(int(elem.get(f"{_ODS_TABLE}number-columns-repeated", "1")),
                             _ODS_MAX_REPEAT)
                if elem.get(f"{_ODS_OFFICE}value-type") == "percentage":
                    cells.update((row, col + k) for k in range(repeat))
                col += repeat
    return frozenset(cells)
