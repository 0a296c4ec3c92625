"""Excel's cached error values (issue 17): ``#DIV/0!``, ``#REF!``, ``#N/A``, ``#VALUE!``,
``#NAME?``, ``#NUM!`` and ``#NULL!`` are errors naming the cell and showing the value found,
never a blank cell (the grid reader gives them as blank). In real .xlsx files: openpyxl's own
error cells, and a formula cell with its cached error as Excel saves it."""

from __future__ import annotations

import pytest

from loaders.ingest.workbook import LoadOptions, load_file
from tests.builders import full_workbook, xlsx_bytes
from tests.loaders.ingest import hostile

ERRORS = ("#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!")


def found(data: bytes) -> list[tuple[str, str, str, str]]:
    result = load_file(data, "uppfoljning.xlsx", LoadOptions())
    assert not result.ok
    assert not [i for i in result.report.errors() if i.code == "required_blank"]
    return sorted((i.sheet, f"{i.column}{i.row}", i.header, i.value)
                  for i in result.report.errors() if i.code == "excel_error")


@pytest.mark.parametrize("error", ERRORS)
def test_each_error_value_is_named_in_a_required_typed_column(error):
    sheets = full_workbook()
    sheets["Ekonomi"][1][3] = error  # Budget, D2 (openpyxl writes it as an error cell)
    assert found(xlsx_bytes(sheets)) == [("Ekonomi", "D2", "Budget", error)]


def test_errors_in_text_dates_and_counts_are_named_too():
    sheets = full_workbook()
    sheets["Uppdrag"][1][11] = "#N/A"  # Kommentar, L2: not stored as the text "#N/A"
    sheets["Uppdrag"][2][8] = "#VALUE!"  # Slutdatum, I3
    sheets["Medarbetare"][2][2] = "#REF!"  # Tillsvidare, C3
    assert found(xlsx_bytes(sheets)) == [
        ("Medarbetare", "C3", "Tillsvidare", "#REF!"), ("Uppdrag", "I3", "Slutdatum", "#VALUE!"),
        ("Uppdrag", "L2", "Kommentar", "#N/A")]


def test_a_formula_s_cached_error_as_excel_saves_it():
    sheets = full_workbook()
    ekonomi = list(sheets)
    data = xlsx_bytes(sheets)
    part = f"xl/worksheets/sheet{ekonomi.index('Ekonomi') + 1}.xml"
    excel = hostile.rewrite(data, **{
        part: hostile.sub(rb'<c r="E3"[^>]*>(?:<v>[^<]*</v>)?</c>',
                          b'<c r="E3" t="e"><f>D3/0</f><v>#DIV/0!</v></c>'),
        "xl/workbook.xml": hostile.sub(rb"<calcPr[^>]*/>", b'<calcPr calcId="191029"/>')})
    result = load_file(excel, "uppfoljning.xlsx", LoadOptions())
    errors = [(i.code, f"{i.column}{i.row}", i.value) for i in result.report.errors()]
    assert errors == [("excel_error", "E3", "#DIV/0!")]
    assert "#DIV/0!" in result.report.errors()[0].message_en
