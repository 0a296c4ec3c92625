"""Safe opening: type sniffing, container limits, XML declarations, sheet sizes."""

from __future__ import annotations

import codecs
import random

import openpyxl
import pytest

from loaders.errors import FileRefused
from loaders.ingest.limits import MB, Limits
from loaders.ingest.safety import (
    check_container,
    check_runtime,
    sniff,
)
from tests.loaders.ingest import hostile

BILLION_LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')


def refused(call, *args, **kwargs) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        call(*args, **kwargs)
    error = caught.value
    assert error.message_sv and error.message_en and error.message_sv != error.message_en
    return error


# ------------------------------------------------------------------------------- sniffing

def test_workbooks_are_told_by_their_bytes():
    data = hostile.workbook()
    assert sniff(data, "export.xlsx") == "xlsx"
    assert sniff(data, "Uppdrag.csv") == "xlsx"  # the bytes win over the name
    assert sniff(data, "export.xlsm") == "xlsm"
    macro_type = hostile.sub(rb"spreadsheetml\.sheet\.main\+xml",
                             b"ms-excel.sheet.macroEnabled.main+xml")
    assert sniff(hostile.rewrite(data, **{"[Content_Types].xml": macro_type}), "a.xlsx") == "xlsm"
    assert sniff(hostile.ods(), "export.ods") == "ods"


def test_a_path_is_sniffed_like_bytes(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(hostile.workbook())
    assert sniff(path, path.name) == "xlsx"
    assert sniff(str(path), path.name) == "xlsx"


@pytest.mark.parametrize("text, codec", [
    ("Enhet;Utfall\nLönekontoret;1 234,5\n", "utf-8"),
    ("Enhet;Utfall\nLönekontoret;1 234,5\n", "utf-8-sig"),
    ("Enhet;Utfall\nLönekontoret;1 234,5 €\n", "cp1252"),
])
def test_csv_text_is_accepted_only_under_a_csv_name(text, codec):
    data = text.encode(codec)
    assert sniff(data, "Ekonomi_2018T2.csv") == "csv"
    assert refused(sniff, data, "Ekonomi.xlsx").details["reason"] == "text"


@pytest.mark.parametrize("data, name, reason", [
    (hostile.PNG_HEAD + bytes(64), "export.xlsx", "png"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "export.xlsx", "pdf"),
    (bytes(range(256)) * 4, "export.xlsx", None),
    (hostile.zip_of({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<T/>"}),
     "rapport.xlsx", "word"),
    (hostile.zip_of({"xl/workbook.bin": b"\x83\x01\x00"}), "export.xlsx", "xlsb"),
    (hostile.zip_of({"notes.txt": b"hej"}), "export.xlsx", "zip"),
    (hostile.PNG_HEAD + bytes(64), "Uppdrag.csv", "png"),
    (b"Enhet;Utfall\x00\x01\x02\xff", "Uppdrag.csv", "csv_binary"),
    ("Enhet\tUtfall\n".encode("utf-16"), "Uppdrag.csv", "utf16_text"),
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "export.xls", "html"),
    (b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
     "export.xlsx", "xml2003"),
    (hostile.ole("Root Entry", "WordDocument"), "export.xlsx", "word_old"),
])
def test_files_of_another_type_are_refused_as_wrong_type(data, name, reason):
    error = refused(sniff, data, name)
    assert (error.code, error.details["reason"]) == ("wrong_type", reason)
    assert name in error.message_sv


def test_old_xls_asks_to_save_as_xlsx():
    error = refused(sniff, hostile.ole("Root Entry", "Workbook", "SummaryInformation"), "a.xls")
    assert error.code == "xls_format"
    assert ".xlsx" in error.message_sv and ".xlsx" in error.message_en


def test_a_password_protected_workbook_is_refused_as_encrypted():
    """A real workbook encrypted with msoffcrypto-tool, as Excel encrypts it."""
    error = refused(sniff, hostile.encrypted_workbook(), "Uppdrag.xlsx")
    assert error.code == "encrypted"
    assert "lösenord" in error.message_sv and "password" in error.message_en


def test_an_ole_file_with_an_encryption_stream_is_refused_as_encrypted():
    blob = hostile.ole("Root Entry", "EncryptionInfo", "EncryptedPackage")
    assert refused(sniff, blob, "export.xlsx").code == "encrypted"


def test_an_empty_file_is_refused():
    assert refused(sniff, b"", "export.xlsx").code == "empty"


def test_size_is_checked_before_anything_is_read(tmp_path):
    big = hostile.sparse_file(tmp_path / "export.xlsx", 21 * MB)  # zeros: would be wrong_type
    error = refused(sniff, big, big.name)
    assert error.code == "too_large" and error.details["size"] == 21 * MB
    assert "21 MB" in error.message_en and "20 MB" in error.message_sv
    small = Limits(max_file_bytes=1000)
    assert refused(sniff, hostile.workbook(), "a.xlsx", limits=small).code == "too_large"
    assert refused(check_container, hostile.workbook(), "xlsx", small).code == "too_large"


def test_a_damaged_zip_is_refused_as_corrupt():
    data = hostile.workbook()
    assert refused(sniff, data[: len(data) // 2], "export.xlsx").code == "corrupt"


def test_a_damaged_member_is_refused_as_corrupt():
    data = hostile.workbook()
    sheet_at = data.find(b"xl/worksheets/sheet1.xml") + 40  # inside its compressed bytes
    damaged = data[:sheet_at] + bytes(30) + data[sheet_at + 30:]
    assert refused(check_container, damaged, "xlsx").code == "corrupt"


# ---------------------------------------------------------------------------- zip limits

def test_ordinary_workbooks_pass_the_container_checks():
    check_container(hostile.workbook(), "xlsx")
    check_container(hostile.ods(), "ods")
    check_container(b"Enhet;Avdelning\nEkonomi;Stab\n", "csv")


def test_too_many_members_is_a_zip_bomb():
    error = refused(check_container, hostile.workbook(), "xlsx", Limits(max_zip_members=5))
    assert (error.code, error.details["reason"]) == ("zip_bomb", "members")


def test_a_real_zip_bomb_is_refused_from_its_directory(tmp_path):
    bomb = hostile.zeros_bomb(tmp_path / "bomb.xlsx", 400 * MB)
    assert bomb.stat().st_size < 2 * MB
    assert sniff(bomb, bomb.name) == "xlsx"
    error = refused(check_container, bomb, "xlsx")
    assert error.code == "zip_bomb" and error.details["part"] == hostile.SHEET1


def test_sizes_claimed_by_the_directory_are_enforced():
    forged = hostile.forge_size(hostile.workbook(), hostile.SHEET1, 250 * MB)
    assert refused(check_container, forged, "xlsx").details["reason"] == "part"
    assert refused(check_container, forged, "xlsx",
                   Limits(max_part_bytes=400 * MB, max_uncompressed_bytes=200 * MB,
                          max_ratio=1e9)).details["reason"] == "total"


def test_a_high_ratio_part_is_refused_and_a_tiny_one_is_not():
    parts = hostile.members(hostile.workbook())
    parts["xl/sharedStrings.xml"] = b"<sst>" + b"A" * (2 * MB) + b"</sst>"  # ~1000:1
    assert refused(check_container, hostile.zip_of(parts), "xlsx").details["reason"] == "ratio"
    parts["xl/sharedStrings.xml"] = b"<sst>" + b"A" * 100_000 + b"</sst>"  # under the floor
    check_container(hostile.zip_of(parts), "xlsx")


# ------------------------------------------------------------------------- XML prologs

@pytest.mark.parametrize("prolog, reason", [
    (BILLION_LAUGHS, "doctype"),
    (b'<!DOCTYPE sst SYSTEM "http://example.org/x.dtd">', "doctype"),
    (b'<!-- a comment first --><!DOCTYPE sst [<!ENTITY x "y">]>', "doctype"),
    (b'<!ENTITY x "y">', "entity"),
    (b"<!--" + random.Random(7).randbytes(MB // 2 + 10).hex().encode() + b"-->", "too_long"),
])
def test_xml_declarations_in_any_part_are_refused(prolog, reason):
    data = hostile.workbook()
    data = hostile.rewrite(data, **{"xl/styles.xml": hostile.with_prolog(prolog)})
    error = refused(check_container, data, "xlsx")
    assert error.code == "xml_dtd"
    assert (error.details["part"], error.details["reason"]) == ("xl/styles.xml", reason)


def test_a_doctype_in_utf16_is_refused():
    def as_utf16(xml: bytes) -> bytes:
        body = xml.decode().split("?>", 1)[-1]
        text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>' + body
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")

    data = hostile.rewrite(hostile.workbook(), **{"docProps/core.xml": as_utf16})
    assert refused(check_container, data, "xlsx").code == "xml_dtd"


def test_text_about_doctypes_in_cells_is_fine():
    data = hostile.workbook({"Uppdrag": {"A1": '<!DOCTYPE x [<!ENTITY a "b">]>'}})
    check_container(data, "xlsx")


def test_a_doctype_in_an_ods_is_refused():
    data = hostile.rewrite(hostile.ods(), **{"content.xml": hostile.with_prolog(BILLION_LAUGHS)})
    assert refused(check_container, data, "ods").details["part"] == "content.xml"


# ------------------------------------------------------------------ workbook-level checks

def test_strict_open_xml_is_refused():
    strict = hostile.sub(hostile.MAIN_NS, hostile.STRICT_NS)
    data = hostile.rewrite(hostile.workbook(), **{"xl/workbook.xml": strict})
    error = refused(check_container, data, "xlsx")
    assert error.code == "strict_ooxml" and "Strict" in error.message_en


def two_sheets_swapped() -> bytes:
    """Enheter and Uppdrag with relative targets that point each sheet at the other's part."""
    data = hostile.workbook({"Enheter": {"A1": "Enhet"}, "Uppdrag": {"A1": "Id"}})
    swap = hostile.sub(rb'Target="/xl/worksheets/sheet1.xml" Id="rId1" />(.*)'
                       rb'Target="/xl/worksheets/sheet2.xml" Id="rId2"',
                       rb'Target="worksheets/sheet2.xml" Id="rId1" />\1'
                       rb'Target="worksheets/sheet1.xml" Id="rId2"')
    return hostile.rewrite(data, **{"xl/_rels/workbook.xml.rels": swap})


def test_a_dimension_that_claims_more_than_the_sheet_holds_is_not_believed():
    """Issue 17: some generators write ``A1:XFD1048576`` for a small sheet; the cells decide."""
    huge = hostile.sub(rb'<dimension ref="[^"]*" />', b'<dimension ref="A1:XFD1048576"/>')
    data = hostile.rewrite(two_sheets_swapped(), **{hostile.SHEET1: huge})
    check_container(data, "xlsx")  # no refusal
    far = hostile.workbook({"Uppdrag": {"A1": "Id", "B1": "Namn", "XFD5": "U-1"}})
    far = hostile.rewrite(far, **{hostile.SHEET1: huge})
    error = refused(check_container, far, "xlsx")  # a cell truly that far still is refused
    assert error.code == "too_big_sheet" and error.details["sheet"] == "Uppdrag"
    assert (error.details["rows"], error.details["columns"]) == (5, 16_384)  # what is there
    assert '"Uppdrag"' in error.message_sv and "Ctrl+End" in error.message_en


def test_a_far_away_cell_is_refused_with_or_without_a_dimension():
    data = hostile.workbook({"Ekonomi": {"A1": "Enhet", "XFD1048576": "oops"}})
    assert refused(check_container, data, "xlsx").details["dimension"] == "A1:XFD1048576"
    no_dimension = hostile.sub(rb'<dimension ref="[^"]*" />', b"")
    data = hostile.rewrite(data, **{hostile.SHEET1: no_dimension})
    error = refused(check_container, data, "xlsx")
    assert (error.code, error.details["sheet"], error.details["rows"]) == (
        "too_big_sheet", "Ekonomi", 1_048_576)


def test_the_cell_limit_counts_rows_times_columns():
    data = hostile.workbook({"Uppdrag": {"A1": 1, "Z2000": 2}})  # 52,000 cells
    check_container(data, "xlsx")
    assert refused(check_container, data, "xlsx", Limits(max_cells=50_000)).code == \
        "too_big_sheet"


# ------------------------------------------------------------------------------ runtime

def test_check_runtime_requires_defusedxml(monkeypatch):
    check_runtime()
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(RuntimeError, match="defusedxml"):
        check_runtime()
