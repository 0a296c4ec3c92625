"""Files that must be refused, through the real entry point ``load_file`` (FORMAT.md, "Files",
"Other types" and "What a load must never do"): each is refused with a reason in Swedish and
English, and nothing takes the test process down.

The files themselves are built by :mod:`tests.loaders.ingest.hostile`; the lower-level checks are
tested one by one in ``test_safety.py``, ``test_formulas.py`` and ``test_isolation.py``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.errors import FileRefused
from loaders.ingest import safety
from loaders.ingest.limits import MB
from loaders.ingest.workbook import LoadOptions, LoadResult, load_file
from tests.builders import UNITS, xlsx_bytes
from tests.loaders.ingest import hostile

QUICK = safety.Limits(child_timeout_s=30)
DIMENSION = rb'<dimension ref="[^"]*" />'


def refused(data: bytes, name: str = "uppfoljning.xlsx",
            limits: safety.Limits = QUICK) -> FileRefused:
    """The refusal of ``data`` uploaded as ``name``, its messages checked in both languages."""
    with pytest.raises(FileRefused) as caught:
        load_file(data, name, LoadOptions(), limits)
    error = caught.value
    assert error.message_sv.strip() and error.message_en.strip()
    assert error.message_sv != error.message_en
    return error


def loads(data: bytes, name: str = "uppfoljning.xlsx") -> LoadResult:
    result = load_file(data, name, LoadOptions(), QUICK)
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    return result


def units_workbook() -> bytes:
    return xlsx_bytes({"Enheter": [list(r) for r in UNITS]})


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    data = units_workbook()
    error = refused(data, limits=safety.Limits(max_file_bytes=len(data) - 1))
    assert error.code == "too_large"
    assert error.details["size"] == len(data)
    assert "uppfoljning.xlsx" in error.message_sv and "uppfoljning.xlsx" in error.message_en


def test_the_same_file_under_the_limit_loads():
    data = units_workbook()
    result = load_file(data, "uppfoljning.xlsx", LoadOptions(),
                       safety.Limits(max_file_bytes=len(data), child_timeout_s=30))
    assert len(result.frames["units"]) == 3


def test_an_empty_file_is_refused():
    assert refused(b"").code == "empty"


def test_pdf_bytes_named_xlsx_are_refused_as_a_pdf():
    error = refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    assert (error.code, error.details["reason"]) == ("wrong_type", "pdf")
    assert "PDF" in error.message_sv and "PDF" in error.message_en


def test_a_word_document_named_xlsx_is_refused_as_one():
    docx = hostile.zip_of({
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"/>',
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    })
    error = refused(docx, "rapport.xlsx")
    assert (error.code, error.details["reason"]) == ("wrong_type", "word")
    assert "Word" in error.message_sv and "Word" in error.message_en


def test_a_password_protected_workbook_is_refused_as_encrypted():
    error = refused(hostile.encrypted_workbook())
    assert error.code == "encrypted"
    assert "lösenord" in error.message_sv and "password" in error.message_en


def test_an_old_xls_asks_to_be_saved_as_xlsx():
    error = refused(hostile.ole("Root Entry", "Workbook", "SummaryInformation"), "export.xls")
    assert error.code == "xls_format"
    assert ".xlsx" in error.message_sv and ".xlsx" in error.message_en


def test_strict_open_xml_is_refused():
    strict = hostile.sub(hostile.MAIN_NS, hostile.STRICT_NS)
    data = hostile.rewrite(units_workbook(), **{"xl/workbook.xml": strict})
    error = refused(data)
    assert error.code == "strict_ooxml"
    assert "Strict" in error.message_sv and "Strict" in error.message_en


@pytest.mark.parametrize("part", [hostile.SHEET1, "xl/styles.xml", "[Content_Types].xml"])
def test_a_doctype_or_entity_declaration_in_any_part_is_refused(part):
    prolog = hostile.with_prolog(b'<!DOCTYPE x [<!ENTITY a "b">]>')
    error = refused(hostile.rewrite(units_workbook(), **{part: prolog}))
    assert error.code == "xml_dtd" and error.details["part"] == part
    assert part in error.message_sv and part in error.message_en


def test_a_zip_bomb_is_refused_without_being_unpacked(tmp_path):
    bomb = hostile.zeros_bomb(tmp_path / "bomb.xlsx", 16 * MB).read_bytes()
    assert len(bomb) < MB // 10  # 16 MB of zeros in a few kB
    error = refused(bomb, "bomb.xlsx")
    assert error.code == "zip_bomb" and error.details["part"] == hostile.SHEET1
    assert hostile.SHEET1 in error.message_sv and hostile.SHEET1 in error.message_en


def test_container_refusals_name_the_file(tmp_path):
    bomb = hostile.zeros_bomb(tmp_path / "bomb.xlsx", 16 * MB).read_bytes()
    error = refused(bomb, "Ekonomi T2.xlsx")
    assert "Ekonomi T2.xlsx" in error.message_sv and "Ekonomi T2.xlsx" in error.message_en


def test_a_sheet_whose_dimension_claims_the_whole_grid_loads_as_its_cells_say():
    huge = hostile.sub(DIMENSION, b'<dimension ref="A1:XFD1048576"/>')
    data = hostile.rewrite(units_workbook(), **{hostile.SHEET1: huge})
    assert len(loads(data).frames["units"]) == 3


def test_a_file_that_crashes_the_reader_is_refused_and_the_process_survives():
    """TESTING.md's hazard: a cell at XFD1048576 under a dimension claiming A1:A1 passes the
    container checks and aborts python-calamine (uncatchable) in the isolated child."""
    data = hostile.workbook({"Uppdrag": {"A1": "Id", "B1": "Namn", "XFD1048576": 1}})
    lie = hostile.sub(DIMENSION, b'<dimension ref="A1:B1"/>')
    error = refused(hostile.rewrite(data, **{hostile.SHEET1: lie}))
    assert error.code == "unreadable_crash"
    assert len(loads(units_workbook()).frames["units"]) == 3  # and this process carries on


def test_binary_bytes_named_csv_are_refused():
    error = refused(b"Enhet;Avdelning\x00\x01\x02\xff\xfe", "Enheter.csv")
    assert (error.code, error.details["reason"]) == ("wrong_type", "csv_binary")
    assert "CSV" in error.message_sv and "CSV" in error.message_en


def test_csv_text_named_xlsx_is_refused_as_text():
    error = refused(b"Enhet;Avdelning\nEkonomienheten;Stab\n", "Enheter.xlsx")
    assert (error.code, error.details["reason"]) == ("wrong_type", "text")


# ------------------------------------------------- sheet XML that made the scans quadratic

PROJECT = Path(__file__).resolve().parents[3]
LOAD_IN_A_SUBPROCESS = """
import json, sys
from loaders.errors import FileRefused
from loaders.ingest.workbook import LoadOptions, load_file
data = open(sys.argv[1], "rb").read()
try:
    result = load_file(data, "uppfoljning.xlsx", LoadOptions())
    print(json.dumps({"loaded": result.ok}))
except FileRefused as error:
    print(json.dumps({"refused": error.code, "sv": error.message_sv, "en": error.message_en}))
"""


def unclosed_openings(opening: bytes, size: int = 1 << 20) -> bytes:
    """The default workbook (sheet Uppdrag) with ``size`` bytes of ``opening`` that never close
    (no ``>``) in its sheet data, and no ``<dimension>``, so every scan reads the whole sheet.
    Random filler keeps the part under the zip ratio limit, as in the reported 555 KB file."""
    rnd = random.Random(1)
    pieces, length = [], 0
    while length < size:
        piece = opening + bytes(rnd.choices(b"x1 ", k=rnd.randint(0, 3)))
        pieces.append(piece)
        length += len(piece)
    payload = b"".join(pieces)
    assert b">" not in payload

    def edit(xml: bytes) -> bytes:
        xml = hostile.sub(DIMENSION, b"")(xml)
        return hostile.sub(rb"<sheetData>", b"<sheetData>" + payload)(xml)

    return hostile.rewrite(hostile.workbook(), **{hostile.SHEET1: edit})


@pytest.mark.parametrize("opening, code", [
    # formula tags in a workbook marked "recalculate on open", and cells: either way the XML
    # is broken, and the well-formedness check beside the parse says so naming the sheet
    (b"<f ", "damaged_sheet"),
    (b"<c ", "damaged_sheet"),
])
def test_a_megabyte_of_unclosed_tags_is_refused_without_hanging(tmp_path, opening, code):
    """The scans of the sheet XML run beside the parse; with one ``[^>]*?`` they took minutes
    per megabyte of such openings, outside the parse's time limit. The 60 s bound only keeps
    a hang from freezing the test run: the load takes well under a second."""
    path = tmp_path / "uppfoljning.xlsx"
    path.write_bytes(unclosed_openings(opening))
    done = subprocess.run([sys.executable, "-c", LOAD_IN_A_SUBPROCESS, str(path)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["refused"] == code
    assert outcome["sv"].strip() and outcome["en"].strip() and outcome["sv"] != outcome["en"]


def scans_forever() -> None:
    while True:
        pass


def test_scans_beside_the_parse_are_stopped_at_the_parse_time_limit():
    """The second line of defence: whatever the scans do, the wait ends at the time limit."""
    with pytest.raises(FileRefused) as caught:
        safety.run_isolated(sum, [1, 2], limits=safety.Limits(child_timeout_s=0.5),
                            alongside=scans_forever)
    assert caught.value.code == "too_slow" and "0,5 sekunder" in caught.value.message_sv


def test_a_refusal_from_the_scans_beside_the_parse_comes_back_as_itself():
    data = hostile.workbook({"Ekonomi": {"A1": 1, "B7": "=A1*2"}})
    with pytest.raises(FileRefused) as caught:
        safety.run_isolated(sum, [1, 2], limits=QUICK,
                            alongside=lambda: safety.check_formulas(data))
    assert caught.value.code == "stale_formulas" and "Ekonomi!B7" in caught.value.message_sv
    assert safety.run_isolated(sum, [1, 2], limits=QUICK, alongside=lambda: None) == 3
