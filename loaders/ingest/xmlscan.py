"""Bounded, streaming looks into the XML parts of a zip-based workbook.

These functions *report facts* (a prolog verdict, the sheet map, a dimension, formula cells);
:mod:`loaders.ingest.safety` and :mod:`loaders.ingest.formulas` turn facts into refusals. Only
:func:`open_zip` refuses by itself: a damaged archive is "corrupt" wherever it shows.

Every part is read through ``ZipFile.open`` in chunks, so memory stays at a few megabytes
whatever the part's size, and Python's zipfile never yields more bytes than the zip directory
declares for a member.

The scans are regular expressions over raw bytes, not an XML parser: they run before any parser
is trusted with the file, they must be cheap (a 37 MB sheet part scans in well under a second),
and their markup is ASCII, which reads the same in UTF-8 (the only encoding Excel and
LibreOffice write for these parts). UTF-16 is decoded for the prolog check only.

Patterns stay linear whatever the bytes: runs inside a tag are ``[^<>]{0,N}`` (a well-formed
tag holds no ``<``), so an attempt at one ``<`` stops at the next. With ``[^>]*?`` each of a
million unclosed ``<c `` openings read to the chunk's end: quadratic, minutes per megabyte.
"""

from __future__ import annotations

import codecs
import io
import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from loaders.ingest.refusals import refusal

Data = bytes | bytearray | memoryview | str | os.PathLike  # the upload's bytes, or its path

CHUNK = 1 << 20  # bytes decompressed per read
OVERLAP = 1 << 16  # bytes kept between chunks so a match split by a chunk border is still seen
DIMENSION_SCAN_BYTES = 4 << 20  # <dimension> comes before <sheetData>; never look further

# Byte-order marks and BOM-less UTF-16 starts (XML 1.0, appendix F) -> codec of the prolog.
_STARTS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
# Prolog tokens: XML declaration / processing instruction, comment, declarations, root start.
_PROLOG_TOKEN = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->|<!(\w+)|<([\w:.-]+))", re.S)
_SPREADSHEETML = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RID = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)
_TRUE = {"1", "true"}
_REF = re.compile(rb"([A-Z]{1,4})(\d{1,9})")
ATTRS = rb"[^<>]{0,4096}?"  # the attributes of one tag up to the next one wanted (lazy)
REST = rb"[^<>]{0,4096}"  # the rest of a tag's attributes, up to its ">"
SPACE = rb"\s{0,4096}"  # whitespace between two tags

WORKBOOK_PART = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"


@dataclass(frozen=True)
class Prolog:
    """What precedes the root element of one part.

    ``verdict`` is ``None`` when nothing is wrong, else ``"doctype"``, ``"entity"``,
    ``"too_long"`` (no root element within the limit) or ``"encoding"`` (looks like XML by name
    but starts in no encoding we recognise). ``root`` is the root element's qualified name.
    """

    is_xml: bool
    verdict: str | None = None
    root: str | None = None

    @property
    def prefix(self) -> bytes:
        """The root's namespace prefix with its colon (``b"x:"``), or ``b""``."""
        if self.root and ":" in self.root:
            return self.root.split(":", 1)[0].encode("ascii", "replace") + b":"
        return b""


@dataclass(frozen=True)
class WorkbookInfo:
    namespace: str  # the root element's namespace (strict or transitional)
    sheets: tuple[tuple[str, str], ...]  # (sheet name, zip member) in workbook order
    full_calc_on_load: bool


_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
               ValueError, KeyError, ParseError, OSError)


@contextmanager
def open_zip(data: Data) -> Iterator[zipfile.ZipFile]:
    """A read-only ZipFile; errors of a damaged archive (also while reading it) -> "corrupt"."""
    source = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
    try:
        with zipfile.ZipFile(source) as zf:
            yield zf
    except (FileNotFoundError, PermissionError, IsADirectoryError):
        raise
    except DefusedXmlException as exc:
        raise refusal("xml_dtd", part="?", error_class=type(exc).__name__) from None
    except _ZIP_ERRORS as exc:
        raise refusal("corrupt", error_class=type(exc).__name__) from None


def iter_chunks(zf: zipfile.ZipFile, name: str, size: int = CHUNK) -> Iterator[bytes]:
    with zf.open(name) as stream:
        while chunk := stream.read(size):
            yield chunk


def _codec(head: bytes) -> str | None:
    for start, codec in _STARTS:
        if head.startswith(start):
            return codec
    stripped = head.lstrip(b" \t\r\n")
    return "utf-8" if stripped.startswith(b"<") else None


def read_prolog(zf: zipfile.ZipFile, name: str, max_bytes: int) -> Prolog:
    """Decompress ``name`` only until its root element starts, and judge what came before."""
    looks_xml = name.lower().endswith((".xml", ".rels", ".vml"))
    chunks = iter_chunks(zf, name, size=1 << 16)
    head = next(chunks, b"")
    codec = _codec(head[:4]) or _codec(head)
    if codec is None:
        strange = looks_xml and bool(head)
        return Prolog(is_xml=strange, verdict="encoding" if strange else None)
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    text, seen, pos = decoder.decode(head).lstrip("\ufeff"), len(head), 0
    while True:
        verdict, root, pos = _judge_prolog(text, max_bytes, pos)
        if verdict or root:
            return Prolog(is_xml=True, verdict=verdict, root=root)
        chunk = next(chunks, b"")
        if not chunk or seen > max_bytes:
            return Prolog(is_xml=True, verdict="too_long" if chunk else None)
        text += decoder.decode(chunk)
        seen += len(chunk)


def _judge_prolog(text: str, max_chars: int,
                  pos: int = 0) -> tuple[str | None, str | None, int]:
    """(verdict, root name, where to go on) once decidable from ``text``; (None, None, pos)
    means read on, and judge again from ``pos`` (complete tokens are not read twice)."""
    while match := _PROLOG_TOKEN.match(text, pos):
        declaration, element = match.group(2), match.group(3)
        if declaration:  # <!DOCTYPE, <!ENTITY, or any other declaration: all refused
            return ("entity" if declaration.upper() == "ENTITY" else "doctype"), None, pos
        if element:
            return ("too_long" if match.start(3) > max_chars else None), element, pos
        pos = match.end()
    return None, None, pos


def read_workbook(zf: zipfile.ZipFile) -> WorkbookInfo:
    """Namespace, sheet names mapped to their parts, and calcPr's fullCalcOnLoad."""
    targets = _relationship_targets(zf) if WORKBOOK_RELS in zf.NameToInfo else {}
    namespace, sheets, full_calc = "", [], False
    with zf.open(WORKBOOK_PART) as stream:
        for event, elem in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            ns, _, local = elem.tag[1:].partition("}") if elem.tag[0] == "{" else ("", "", elem.tag)
            if event == "start":
                namespace = namespace or ns
                continue
            if local == "sheet" and ns in _SPREADSHEETML:
                rid = next((elem.get(key) for key in _RID if elem.get(key)), None)
                sheets.append((elem.get("name", ""), targets.get(rid, "")))
            elif local == "calcPr" and ns in _SPREADSHEETML:
                full_calc = elem.get("fullCalcOnLoad", "0").strip().lower() in _TRUE
            elem.clear()
    return WorkbookInfo(namespace, tuple(sheets), full_calc)


def _relationship_targets(zf: zipfile.ZipFile) -> dict[str, str]:
    """Relationship id -> zip member name, resolved against ``xl/`` as OPC says."""
    found = {}
    with zf.open(WORKBOOK_RELS) as stream:
        for _event, elem in iterparse(stream, forbid_dtd=True):
            if elem.tag == _REL_NS and elem.get("TargetMode") != "External":
                target = elem.get("Target", "")
                path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
                found[elem.get("Id", "")] = posixpath.normpath(path)
            elem.clear()
    return found


def scan(zf: zipfile.ZipFile, name: str, pattern: re.Pattern[bytes],
         stop: bytes | None = None, max_bytes: int | None = None,
         context: int = 0) -> Iterator[re.Match[bytes]]:
    """Yield every match of ``pattern`` in the part, streaming.

    Matches must be shorter than :data:`OVERLAP`. Scanning ends early after the first chunk
    that contains ``stop``, or once ``max_bytes`` were read. ``context`` bytes before each
    match stay in ``match.string`` (to look back from a match, e.g. to its cell's start tag).
    """
    tail, skip, seen = b"", 0, 0
    for chunk in iter_chunks(zf, name):
        buffer, seen = tail + chunk, seen + len(chunk)
        final = (stop is not None and stop in buffer) or (
            max_bytes is not None and seen >= max_bytes)
        cut = len(buffer) if final else max(len(buffer) - OVERLAP, skip)
        keep_from = cut
        for match in pattern.finditer(buffer, skip):
            if match.end() > cut:
                keep_from = min(match.start(), cut)
                break
            yield match
        if final:
            return
        start = max(keep_from - context, 0)
        tail, skip = buffer[start:], keep_from - start
    if tail:
        yield from pattern.finditer(tail, skip)


def column_number(letters: bytes) -> int:
    """``b"A"`` -> 1, ``b"XFD"`` -> 16384 (letters beyond five are not counted)."""
    number = 0
    for letter in letters[:5]:
        number = number * 26 + letter - 64
    return number


def cell_position(ref: bytes | str) -> tuple[int, int] | None:
    """``b"XFD1048576"`` -> (row 1048576, column 16384); None when it is not a cell ref."""
    match = _REF.fullmatch(ref.encode() if isinstance(ref, str) else ref)
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


def sheet_dimension(zf: zipfile.ZipFile, part: str, prefix: bytes) -> str | None:
    """The ``ref`` of ``<dimension>`` (``"A1:D20"``), or None when the sheet has none."""
    pattern = re.compile(rb"<" + re.escape(prefix) + rb"dimension\s" + ATTRS
                         + rb'\bref="([^"<]{0,4096})"')
    stop = b"<" + prefix + b"sheetData"
    for match in scan(zf, part, pattern, stop=stop, max_bytes=DIMENSION_SCAN_BYTES):
        return match.group(1).decode("ascii", "replace")
    return None


def _split_at_tag(buffer: bytes) -> tuple[bytes, bytes]:
    """The buffer cut before its last ``<`` in the last :data:`OVERLAP` bytes, so that no tag is
    split between chunks. An earlier ``<`` starts no tag a bounded pattern could match, and
    carrying it would grow the tail by a chunk per read where no ``<`` follows (quadratic)."""
    cut = buffer.rfind(b"<", max(len(buffer) - OVERLAP, 0))
    if cut < 0:
        return buffer, b""
    return (buffer[:cut], buffer[cut:]) if cut > 0 else (b"", buffer)


def cell_extent(zf: zipfile.ZipFile, part: str, prefix: bytes) -> tuple[int, int]:
    """(last row, last column) of the cells and rows actually present; a full streaming scan.

    Used when a sheet declares no dimension. Rows and cells without an ``r`` attribute are not
    counted: the child-process limits of :func:`loaders.ingest.isolation.run_isolated` cover those.
    Refs are gathered per chunk with ``findall`` into sets (C speed) instead of being looked
    at one by one in Python: about 5x faster on a 100k-row sheet.
    """
    p = re.escape(prefix)
    rows_pattern = re.compile(rb"<" + p + rb"row\s" + ATTRS + rb'\br="(\d+)"')
    letters_pattern = re.compile(rb"<" + p + rb"c\s" + ATTRS + rb'\br="([A-Z]*)\d')
    cell_rows_pattern = re.compile(rb"<" + p + rb"c\s" + ATTRS + rb'\br="[A-Z]*(\d+)"')
    rows: set[bytes] = set()
    letters: set[bytes] = set()
    tail = b""
    for chunk in iter_chunks(zf, part):
        head, tail = _split_at_tag(tail + chunk)
        rows.update(rows_pattern.findall(head))
        letters.update(letters_pattern.findall(head))
    rows.update(rows_pattern.findall(tail))
    letters.update(letters_pattern.findall(tail))
    if not rows:  # rows without r attributes: the cells' refs are all there is
        for chunk in iter_chunks(zf, part):
            rows.update(cell_rows_pattern.findall(chunk))
    last_row = max((int(d[:10]) for d in rows), default=0)
    return last_row, max((column_number(x) for x in letters), default=0)


def has_formula(zf: zipfile.ZipFile, part: str, prefix: bytes) -> bool:
    pattern = re.compile(rb"<" + re.escape(prefix) + rb"f[\s/>]")
    return next(scan(zf, part, pattern), None) is not None


def formula_cells(zf: zipfile.ZipFile, part: str, prefix: bytes,
                  cap: int) -> tuple[list[str], int]:
    """(refs of the first ``cap`` formula cells, how many formula cells there are).
    ``"?"`` for a cell without an ``r`` attribute."""
    p = re.escape(prefix)
    pattern = re.compile(rb"<" + p + rb"f[\s/>]")
    cell_start = re.compile(rb"<" + p + rb"c\s" + ATTRS + rb'\br="([A-Z]+\d+)"' + REST
                            + rb">" + SPACE + rb"$")
    refs: list[str] = []
    count = 0
    for match in scan(zf, part, pattern, context=4608):
        count += 1
        if len(refs) < cap:
            before = match.string[max(match.start() - 4608, 0):match.start()]
            start = cell_start.search(before)
            refs.append(start.group(1).decode("ascii") if start else "?")
    return refs, count


def stale_formula_cells(zf: zipfile.ZipFile, part: str, prefix: bytes,
                        cap: int) -> list[str]:
    """Refs of formula cells with no cached value: ``<f>..</f>`` then ``</c>``, ``<v/>`` or
    ``<v></v>``. At most ``cap`` refs; ``"?"`` for a cell that has no ``r`` attribute."""
    p = re.escape(prefix)
    pattern = re.compile(
        rb"<" + p + rb"f\b" + ATTRS + rb"(?:/>|>[^<]{0,40000}</" + p + rb"f>)" + SPACE
        + rb"(?:</" + p + rb"c>|<" + p + rb"v" + SPACE + rb"/>|<" + p + rb"v>" + SPACE
        + rb"</" + p + rb"v>)"
    )
    cell_start = re.compile(rb"<" + p + rb"c\s" + ATTRS + rb'\br="([A-Z]+\d+)"'
                            + REST + rb">" + SPACE + rb"$")
    refs: list[str] = []
    for match in scan(zf, part, pattern, context=512):
        before = match.string[max(match.start() - 512, 0):match.start()]
        start = cell_start.search(before)
        refs.append(start.group(1).decode("ascii") if start else "?")
        if len(refs) >= cap:
            break
    return refs


# Excel's error values, as a cell caches them (``<c t="e"><v>#DIV/0!</v></c>``).
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!")


def _contains(zf: zipfile.ZipFile, part: str, needle: bytes) -> bool:
    """Whether the part holds ``needle`` (streaming; a needle split by a chunk is found)."""
    tail = b""
    for chunk in iter_chunks(zf, part):
        if needle in tail + chunk[:len(needle)] or needle in chunk:
            return True
        tail = chunk[-len(needle):]
    return False


def error_cells(zf: zipfile.ZipFile, part: str, prefix: bytes,
                cap: int) -> list[tuple[int, int, str]]:
    """(row, column, error value) of cells whose cached value is an Excel error, at most
    ``cap`` of them. The reader gives such a cell as blank: the loader puts the error value
    back so that it is refused as what it is (``#DIV/0!`` is no empty cell)."""
    if not _contains(zf, part, b't="e"'):  # the common case, at the speed of a byte search
        return []
    p = re.escape(prefix)
    pattern = re.compile(
        rb"<" + p + rb"c\s" + ATTRS + rb'\bt="e"' + REST + rb">" + SPACE
        + rb"(?:<" + p + rb"f\b" + REST + rb"(?:/>|>[^<]{0,40000}</" + p + rb"f>)" + SPACE
        + rb")?<" + p + rb"v>([^<]{0,64})</" + p + rb"v>")
    ref = re.compile(rb'\br="([A-Z]{1,4}\d{1,9})"')
    found: list[tuple[int, int, str]] = []
    for match in scan(zf, part, pattern):
        where = ref.search(match.group(0), 0, match.group(0).find(b">"))
        position = cell_position(where.group(1)) if where else None
        if position is not None:
            value = match.group(1).decode("utf-8", "replace").strip()
            found.append((*position, value if value in EXCEL_ERRORS else value or "#?"))
        if len(found) >= cap:
            break
    return found


def xml_fault(zf: zipfile.ZipFile, name: str) -> str | None:
    """Where the part stops being well-formed XML (``"rad 12, kolumn 40"`` as ``(12, 40)``
    text), or None when it is well-formed: a streaming parse by expat with no handlers, so
    nothing is built and memory stays at a chunk. Lenient readers (python-calamine among
    them) read a sheet with a missing end tag as if it were whole; a damaged part must be
    refused, not guessed at. Run after the prolog check, which refuses any DTD, so there are
    no entities to expand."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        for chunk in iter_chunks(zf, name):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        return f"{error.lineno}:{error.offset + 1}"
    return None
