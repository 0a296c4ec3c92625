"""Open an untrusted upload safely, before any parser sees it.

The reader calls, in this order: :func:`check_runtime` once at start-up; :func:`sniff` to learn
the file's type from its bytes; :func:`check_container` to refuse zip bombs, XML declarations,
Strict Open XML and absurd sheet sizes using only the zip directory and bounded streaming
scans; :func:`check_formulas` (from :mod:`loaders.ingest.formulas`) to refuse stale formula values;
then the parse itself in :func:`run_isolated` (:mod:`loaders.ingest.isolation`).

Every refusal is a :class:`~loaders.errors.FileRefused` whose message (Swedish and English, from
:mod:`loaders.ingest.refusals`) tells a finance officer what to do about it.
"""

from __future__ import annotations

import os
import zipfile

import openpyxl

from loaders.ingest import xmlscan
from loaders.ingest.formulas import (
    check_formulas,
    check_well_formed,
    has_formulas,
    recalc_on_open,
    stale_formulas,
)
from loaders.ingest.isolation import run_isolated
from loaders.ingest.limits import DEFAULT_LIMITS, MB, Limits
from loaders.ingest.refusals import refusal, what_it_is
from loaders.ingest.xmlscan import Data, open_zip

__all__ = [  # the reader needs only this module
    "DEFAULT_LIMITS", "Limits", "check_container", "check_formulas", "check_runtime",
    "check_size", "check_undeclared_sheets", "check_well_formed", "has_formulas", "open_zip",
    "recalc_on_open", "run_isolated", "sniff", "stale_formulas",
]


OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
ZIP_KINDS = ("xlsx", "xlsm", "ods")
SHEET_DIRS = ("xl/worksheets/", "xl/macrosheets/")  # parts checked even if no sheet names them


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


# OLE stream names (UTF-16LE in the directory) that tell what an OLE file holds; first hit wins.
_OLE_KINDS = (
    (_utf16("EncryptionInfo"), "encrypted", None),
    (_utf16("WordDocument"), "wrong_type", "word_old"),
    (_utf16("PowerPoint Document"), "wrong_type", "powerpoint_old"),
)




def check_runtime() -> None:
    """Refuse to start when openpyxl would parse XML without defusedxml's protection."""
    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise RuntimeError(
            "openpyxl is not using defusedxml, so workbooks could carry XML entity attacks. "
            "Install defusedxml (a dependency of this project) and restart."
        )


# ---------------------------------------------------------------------------- reading the data

def _size(data: Data) -> int:
    if isinstance(data, bytes | bytearray | memoryview):
        return memoryview(data).nbytes
    return os.stat(data).st_size


def _read(data: Data, limit: int | None = None) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(memoryview(data)[:limit])
    with open(data, "rb") as handle:
        return handle.read(-1 if limit is None else limit)


def _check_size(data: Data, file_name: str, limits: Limits) -> None:
    check_size(_size(data), file_name, limits)


def check_size(size: int, file_name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a file of ``size`` bytes that is over the limit or empty (before reading it)."""
    if size > limits.max_file_bytes:
        raise refusal("too_large", name=file_name, size_mb=round(size / MB, 1),
                      limit_mb=round(limits.max_file_bytes / MB, 1), size=size)
    if size == 0:
        raise refusal("empty", name=file_name)


# ---------------------------------------------------------------------------------- sniffing

def sniff(data: Data, file_name: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """The file's kind by its bytes: "xlsx", "xlsm", "ods" or "csv"; else FileRefused.

    The name only decides between xlsx and xlsm, and whether plain text may be a CSV.
    """
    _check_size(data, file_name, limits)
    head = _read(data, 8)
    if head.startswith(OLE_MAGIC):
        raise _ole_refusal(_read(data), file_name)
    if head.startswith(ZIP_MAGICS):
        return _sniff_zip(data, file_name)
    label = what_it_is(head)
    if label:
        raise refusal("wrong_type", label, name=file_name)
    return _sniff_text(_read(data), file_name)


def _ole_refusal(blob: bytes, file_name: str):
    for marker, code, reason in _OLE_KINDS:
        if marker in blob:
            return refusal(code, reason, name=file_name)
    return refusal("xls_format", name=file_name)


def _sniff_zip(data: Data, file_name: str) -> str:
    with open_zip(data) as zf:
        names = zf.NameToInfo
        if xmlscan.WORKBOOK_PART in names:
            macro = file_name.lower().endswith(".xlsm") or _declares_macros(zf)
            return "xlsm" if macro else "xlsx"
        if "mimetype" in names and _head_of(zf, "mimetype", 256).strip() == ODS_MIMETYPE:
            return "ods"
        label = what_it_is(b"PK\x03\x04", tuple(names))
    raise refusal("wrong_type", label, name=file_name)


def _head_of(zf: zipfile.ZipFile, member: str, limit: int) -> bytes:
    with zf.open(member) as stream:
        return stream.read(limit)


def _declares_macros(zf: zipfile.ZipFile) -> bool:
    """Whether [Content_Types].xml gives the workbook part a macro-enabled content type."""
    if "[Content_Types].xml" not in zf.NameToInfo:
        return False
    types = _head_of(zf, "[Content_Types].xml", MB).lower()
    return b"macroenabled.main+xml" in types


def _sniff_text(blob: bytes, file_name: str) -> str:
    is_csv = file_name.lower().endswith(".csv")
    label = what_it_is(blob[:4096])  # UTF-16 text, HTML and XML Spreadsheet 2003 exports
    if label:
        raise refusal("wrong_type", label, name=file_name)
    if b"\x00" in blob or not _decodes(blob):
        raise refusal("wrong_type", "csv_binary" if is_csv else None, name=file_name)
    if not is_csv:
        raise refusal("wrong_type", "text", name=file_name)
    return "csv"


def _decodes(blob: bytes) -> bool:
    for codec in ("utf-8-sig", "cp1252"):
        try:
            blob.decode(codec)
        except UnicodeDecodeError:
            continue
        return True
    return False


# ------------------------------------------------------------------------- container checks

def check_container(data: Data, kind: str, limits: Limits = DEFAULT_LIMITS,
                    file_name: str = "", scan_undeclared: bool = True) -> None:
    """Refuse a zip-based workbook that is unsafe or absurd to parse; None when it may go on.

    Sizes come from the zip directory only; XML parts are read only up to their root element,
    sheet parts only up to ``<sheetData>`` unless a sheet declares no dimension: such a sheet
    is scanned whole, here, or later by :func:`check_undeclared_sheets` when
    ``scan_undeclared`` is False (the loader runs that scan while the isolated child parses).
    """
    _check_size(data, file_name, limits)
    if kind == "csv":
        return
    if kind not in ZIP_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    with open_zip(data) as zf:
        _check_directory(zf.infolist(), limits)
        prologs = _check_prologs(zf, limits)
        if kind != "ods":
            _check_workbook(zf, prologs, limits, scan_undeclared)


def check_undeclared_sheets(data: Data, limits: Limits = DEFAULT_LIMITS) -> None:
    """Scan the sheets that declare no ``<dimension>`` for their real extent (xlsx only)."""
    with open_zip(data) as zf:
        prologs = {name: xmlscan.read_prolog(zf, name, limits.max_prolog_bytes)
                   for name in zf.namelist() if name.startswith(SHEET_DIRS)}
        prologs = {name: p for name, p in prologs.items() if p.is_xml and not p.verdict}
        _check_workbook(zf, prologs, limits, scan_undeclared=True, declared=False)


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_zip_members:
        raise refusal("zip_bomb", "members", count=len(infos), limit=limits.max_zip_members)
    if len({info.filename for info in infos}) != len(infos):
        raise refusal("corrupt", reason="duplicate_members")
    for info in infos:
        if info.flag_bits & 0x1:
            raise refusal("encrypted", part=info.filename)
        packed, unpacked = max(info.compress_size, 1), info.file_size
        if unpacked > limits.max_part_bytes:
            raise refusal("zip_bomb", "part", part=info.filename, size=unpacked)
        if unpacked >= limits.ratio_floor_bytes and unpacked > limits.max_ratio * packed:
            raise refusal("zip_bomb", "ratio", part=info.filename,
                          ratio=round(unpacked / packed))
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise refusal("zip_bomb", "total", size=total, size_mb=round(total / MB, 1),
                      limit_mb=round(limits.max_uncompressed_bytes / MB, 1))


def _check_prologs(zf: zipfile.ZipFile, limits: Limits) -> dict[str, xmlscan.Prolog]:
    """Refuse any DTD or entity declaration; return each XML part's prolog."""
    prologs = {}
    for info in zf.infolist():
        if info.is_dir():
            continue
        prolog = xmlscan.read_prolog(zf, info.filename, limits.max_prolog_bytes)
        if prolog.verdict == "encoding":
            raise refusal("corrupt", reason="xml_encoding", part=info.filename)
        if prolog.verdict:
            raise refusal("xml_dtd", part=info.filename, reason=prolog.verdict)
        if prolog.is_xml:
            prologs[info.filename] = prolog
    return prologs


def _check_workbook(zf: zipfile.ZipFile, prologs: dict[str, xmlscan.Prolog],
                    limits: Limits, scan_undeclared: bool, declared: bool = True) -> None:
    workbook = xmlscan.read_workbook(zf)
    if workbook.namespace == STRICT_NS:
        raise refusal("strict_ooxml")
    named = {part: sheet for sheet, part in workbook.sheets}
    unnamed = {part: part for part in prologs
               if part.startswith(SHEET_DIRS) and part.endswith(".xml") and "_rels/" not in part}
    for part, sheet in (unnamed | named).items():
        if part in prologs:
            _check_sheet_size(zf, sheet or part, part, prologs[part].prefix, limits,
                              scan_undeclared, declared)


def _too_big(rows: int, columns: int, limits: Limits) -> bool:
    return rows > limits.max_rows or columns > limits.max_columns \
        or rows * columns > limits.max_cells


def _check_sheet_size(zf: zipfile.ZipFile, sheet: str, part: str, prefix: bytes,
                      limits: Limits, scan_undeclared: bool, declared: bool) -> None:
    """Check the declared dimension (when ``declared``) or, lacking one, the scanned extent
    (when ``scan_undeclared``).

    A dimension is a claim, and some generators claim the whole grid (``A1:XFD1048576``)
    for a sheet of ten rows: a claim beyond the limits is checked against the cells the part
    really holds (a full streaming scan, before the reader sees the sheet), so a small sheet
    loads and a truly far cell is still refused."""
    ref = xmlscan.sheet_dimension(zf, part, prefix)
    last = xmlscan.cell_position(ref.rsplit(":", 1)[-1].replace("$", "")) if ref else None
    if last and not declared or not last and not scan_undeclared:
        return
    rows, columns = last if last else xmlscan.cell_extent(zf, part, prefix)
    if last and _too_big(rows, columns, limits):
        rows, columns = xmlscan.cell_extent(zf, part, prefix)
    if _too_big(rows, columns, limits):
        raise refusal("too_big_sheet", sheet=sheet, rows=rows, columns=columns,
                      max_rows=limits.max_rows, max_columns=limits.max_columns,
                      max_cells=limits.max_cells, dimension=ref)
