"""Builders of hostile and unusual files for the safety tests: real bytes, made in code."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd

SHEET1 = "xl/worksheets/sheet1.xml"
SHEET2 = "xl/worksheets/sheet2.xml"
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"


def workbook(sheets: dict[str, dict[str, object]] | None = None) -> bytes:
    """An .xlsx written by openpyxl; ``sheets`` maps a title to {cell: value}."""
    sheets = sheets or {"Uppdrag": {"A1": "Id", "B1": "Namn", "A2": "U-1", "B2": "Tillsyn"}}
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, cells in sheets.items():
        sheet = book.create_sheet(title)
        for ref, value in cells.items():
            sheet[ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods() -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame({"Enhet": ["Ekonomi"], "Avdelning": ["Stab"]}).to_excel(
        buffer, engine="odf", sheet_name="Enheter", index=False)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(data: bytes, **edits) -> bytes:
    """The zip with members replaced: ``rewrite(data, **{"xl/workbook.xml": fn_or_bytes})``."""
    parts = members(data)
    for name, edit in edits.items():
        parts[name] = edit(parts[name]) if callable(edit) else edit
    return zip_of(parts)


def sub(pattern: bytes, replacement: bytes):
    """An edit for :func:`rewrite` that applies one regular-expression substitution."""
    def edit(xml: bytes) -> bytes:
        changed, count = re.subn(pattern, replacement, xml)
        assert count, f"{pattern!r} not found"
        return changed
    return edit


def with_prolog(prolog: bytes):
    """An edit that puts ``prolog`` (e.g. a DOCTYPE) before the part's root element."""
    def edit(xml: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + prolog + b"\n" + body
    return edit


def ole(*stream_names: str) -> bytes:
    """An OLE compound-file look-alike: the magic, then directory names in UTF-16LE."""
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") for name in stream_names)
    return OLE_MAGIC + bytes(504) + directory + bytes(512)


def encrypted_workbook(password: str = "hemligt") -> bytes:
    """A real workbook encrypted as Excel does (ECMA-376 agile) with msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(workbook())).encrypt(password, encrypted)
    return encrypted.getvalue()


def zeros_bomb(path: Path, size: int, member: str = SHEET1) -> Path:
    """A workbook-looking zip whose sheet part is ``size`` bytes of zeros, written streaming."""
    block = bytes(1 << 22)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members(workbook()).items():
            if name != member:
                archive.writestr(name, data)
        with archive.open(member, "w", force_zip64=True) as stream:
            for _ in range(size // len(block)):
                stream.write(block)
    return path


def forge_size(data: bytes, member: str, claimed: int) -> bytes:
    """The zip with ``member``'s uncompressed size in the central directory set to ``claimed``.

    Only the directory lies; the compressed data is unchanged (a 32-bit size, < 4 GiB).
    """
    name = member.encode()
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46:start + 46 + name_length] == name:
            return data[:start + 24] + struct.pack("<I", claimed) + data[start + 28:]
        start += 4
    raise AssertionError(f"{member} not in the zip")


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space (only its size matters)."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path
