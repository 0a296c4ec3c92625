"""Characters a reader does not see, in real workbooks written by openpyxl and by XlsxWriter
(issue 17): what Excel shows as ``Status`` is ``Status``.

A byte order mark before a header (a CSV pasted into a sheet), a zero-width space or joiner
inside a header word (text copied from a web page), a non-breaking space at the end, and
decomposed letters (NFD: å as a + ring, as macOS writes them) in headers and in values. The
workbook loads to exactly the frames of the same workbook typed plainly.
"""

from __future__ import annotations

import io
import unicodedata

import pandas as pd
import pytest
import xlsxwriter

from loaders.ingest.workbook import LoadOptions, load_file
from tests.builders import Cell, full_workbook, xlsx_bytes


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def disguised() -> dict[str, list[list[object]]]:
    """The full workbook with invisible characters in headers and values."""
    sheets = full_workbook()
    header = sheets["Uppdrag"][0]
    header[0] = "\ufeffId"
    header[1] = "Na\u200dmn"  # zero-width joiner
    header[3] = nfd("Resultatområde")
    header[5] = "Enhet\u00a0"
    header[10] = "Sta\u200btus"  # zero-width space
    header[11] = "\u2060Kommentar\u200c"
    rows = sheets["Uppdrag"]
    rows[1][5] = nfd("Ekonomienheten")  # a value, as it would match Enheter
    rows[2][10] = nfd("Gul\u00a0")
    rows[3][1] = nfd("Kompetensförsörjning")
    sheets["Enheter"][0][1] = "Avdel\u200bning"
    sheets["Enheter"][1][2] = nfd(sheets["Enheter"][1][2])
    sheets["Medarbetare"][0][4] = nfd("Årsarbetskrafter") + "\u00a0"
    sheets["Ekonomi"][0][0] = "\ufeffEnhet"
    return sheets


def xlsxwriter_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """The same workbook written by XlsxWriter (its own XML: inline strings, no styles
    beyond what is asked)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, Cell):
                    sheet.write(r, c, value.value, book.add_format(
                        {"num_format": value.number_format or "General"}))
                elif hasattr(value, "year"):
                    sheet.write_datetime(r, c, value, dates)
                else:
                    sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


WRITERS = {"openpyxl": xlsx_bytes, "xlsxwriter": xlsxwriter_bytes}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_invisible_characters_are_not_there(writer):
    write = WRITERS[writer]
    plain = load_file(write(full_workbook()), "uppfoljning.xlsx", LoadOptions())
    assert plain.ok, [i.to_dict() for i in plain.report.errors()]
    result = load_file(write(disguised()), "uppfoljning.xlsx", LoadOptions())
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    assert sorted(result.frames) == sorted(plain.frames)
    for name, frame in plain.frames.items():
        pd.testing.assert_frame_equal(result.frames[name], frame, check_like=False, obj=name)
    assignments = result.frames["assignments"]
    assert list(assignments["unit"][:1]) == ["Ekonomienheten"]
    assert assignments.loc[2, "name"] == "Kompetensförsörjning"
    assert len(assignments.loc[2, "name"]) == len("Kompetensförsörjning")  # NFC, one ö
