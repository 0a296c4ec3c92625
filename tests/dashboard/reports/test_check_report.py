"""The downloaded check report (.xlsx) in the reader's language in every column, the value
found as the reader wrote it: a negative number as the number (issue 17)."""

from __future__ import annotations

import io

import openpyxl

from dashboard.reports.check_report import report_workbook
from loaders.imports.staging_result import report_dict
from loaders.ingest.workbook import LoadOptions, load_file
from tests.builders import full_workbook, xlsx_bytes


def report_rows(lang: str) -> dict[str, tuple]:
    """The report of a workbook with a negative head count and an unknown status: header
    -> the row's (value found, expected)."""
    sheets = full_workbook()
    sheets["Medarbetare"][1][2] = "-5"  # Tillsvidare C2, as text
    sheets["Medarbetare"][2][3] = -2  # Tidsbegränsade D3, a number
    sheets["Uppdrag"][1][10] = "Lila"  # Status K2
    sheets["Ekonomi"][1][3] = "12 345,5 kr"  # Budget D2: not a number, kept as written
    result = load_file(xlsx_bytes(sheets), "uppfoljning.xlsx", LoadOptions())
    issues = report_dict(result.report)["issues"]
    sheet = openpyxl.load_workbook(io.BytesIO(report_workbook(issues, lang))).active
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True))
            for row in sheet.iter_rows(min_row=2, values_only=True)]
    value, expected, column_header = header[5], header[6], header[4]
    return {row[column_header]: (row[value], row[expected]) for row in rows}, header


def test_the_swedish_report_is_swedish_in_every_column():
    rows, header = report_rows("sv")
    assert header == ["Allvar", "Blad", "Rad", "Kolumn", "Rubrik", "Värde", "Förväntat",
                      "Problem"]
    assert rows["Tillsvidare"] == (-5, "0 – 1 000 000")
    assert rows["Tidsbegränsade"] == (-2, "0 – 1 000 000")
    assert rows["Status"] == ("Lila", "Grön, Gul, Röd, Avslutad eller Avbruten")
    assert rows["Budget"] == ("12 345,5 kr", "ett tal, t.ex. 1 234,5")


def test_the_english_report_is_english():
    rows, header = report_rows("en")
    assert rows["Budget"] == ("12 345,5 kr", "a number such as 1 234,5")
    assert rows["Status"] == ("Lila", "Grön, Gul, Röd, Avslutad or Avbruten")
    assert header[6] == "Expected"
    assert rows["Tillsvidare"][0] == -5
