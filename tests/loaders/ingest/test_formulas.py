"""Formulas: cached values are used, stale ones are refused (FORMAT.md, "Formulas")."""

from __future__ import annotations

import pytest

from loaders.errors import FileRefused
from loaders.ingest import safety
from loaders.ingest.safety import check_container, has_formulas, recalc_on_open, stale_formulas
from tests.loaders.ingest import hostile

CACHED = hostile.sub(rb"<v\s*/>", b"<v>2</v>")
EXCEL_CALC = hostile.sub(rb'<calcPr[^>]*/>', b'<calcPr calcId="191029"/>')


def test_openpyxl_formulas_have_no_cached_value_and_recalc_on_open():
    data = hostile.workbook({"Enheter": {"A1": 1},
                             "Ekonomi": {"A1": 1, "B7": "=A1*2", "C9": "=SUM(A1:A2)"}})
    assert recalc_on_open(data)
    assert has_formulas(data) and has_formulas(data, {"Ekonomi"})
    assert not has_formulas(data, {"Enheter"})
    assert stale_formulas(data) == [("Ekonomi", "B7"), ("Ekonomi", "C9")]
    assert stale_formulas(data, {"Enheter"}) == []
    assert stale_formulas(data, cap=1) == [("Ekonomi", "B7")]


def test_cached_values_are_not_stale_and_calc_pr_can_be_absent():
    data = hostile.workbook({"Ekonomi": {"A1": 1, "B7": "=A1*2"}})
    data = hostile.rewrite(data, **{hostile.SHEET1: CACHED, "xl/workbook.xml": EXCEL_CALC})
    assert has_formulas(data)
    assert stale_formulas(data) == []
    assert not recalc_on_open(data)


def test_shared_and_prefixed_formulas_without_values_are_found():
    sheet = (b'<x:worksheet xmlns:x="' + hostile.MAIN_NS + b'"><x:sheetData>'
             b'<x:row r="4"><x:c r="C4"><x:f t="shared" ref="C4:C5" si="0">A4*2</x:f>'
             b'<x:v>8</x:v></x:c></x:row>'
             b'<x:row r="5"><x:c r="C5"><x:f t="shared" si="0"/></x:c>'
             b'<x:c r="D5" t="str"><x:f>"a"&amp;"b"</x:f><x:v></x:v></x:c></x:row>'
             b"</x:sheetData></x:worksheet>")
    data = hostile.rewrite(hostile.workbook({"Processer": {"A1": 1}}), **{hostile.SHEET1: sheet})
    check_container(data, "xlsx")
    assert stale_formulas(data) == [("Processer", "C5"), ("Processer", "D5")]


def test_a_workbook_without_formulas_has_none():
    data = hostile.workbook()
    assert not has_formulas(data)
    assert stale_formulas(data) == []


def refusal_of(data: bytes, sheet_names=None) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        safety.check_formulas(data, sheet_names)
    assert caught.value.code == "stale_formulas"
    return caught.value


def test_formulas_without_values_are_refused_naming_the_cells():
    data = hostile.workbook({"Ekonomi": {"A1": 1, "B7": "=A1*2"}})
    error = refusal_of(data)
    assert error.details["reason"] == "no_value" and error.details["stale_cells"] == ["Ekonomi!B7"]
    assert "Ekonomi!B7" in error.message_sv and "save it again" in error.message_en


def test_recalc_on_open_refuses_only_a_workbook_with_formulas_in_the_sheets_read():
    with_values = hostile.rewrite(hostile.workbook({"Ekonomi": {"A1": 1, "B7": "=A1*2"},
                                                    "Enheter": {"A1": "Enhet"}}),
                                  **{hostile.SHEET1: CACHED})
    assert refusal_of(with_values).details["reason"] == "recalc_on_open"
    safety.check_formulas(with_values, {"Enheter"})  # formulas only in a sheet not read
    safety.check_formulas(hostile.workbook())  # openpyxl's fullCalcOnLoad, but no formulas
    saved_by_excel = hostile.rewrite(with_values, **{"xl/workbook.xml": EXCEL_CALC})
    safety.check_formulas(saved_by_excel)


def test_recalc_on_open_names_the_formula_cells_and_counts_the_rest():
    """Issue 17: not only "the workbook", but where: the first cells and how many."""
    few = hostile.rewrite(hostile.workbook({"Ekonomi": {"A1": 1, "B7": "=A1*2", "C9": "=A1"}}),
                          **{hostile.SHEET1: hostile.sub(rb"<v\s*/>", b"<v>2</v>")})
    error = refusal_of(few)
    assert error.details["formula_cells"] == ["Ekonomi!B7", "Ekonomi!C9"]
    assert "Formler i bladen som läses: 2, bland dem Ekonomi!B7, Ekonomi!C9. " in error.message_sv
    many = hostile.rewrite(hostile.workbook({"Ekonomi": {f"B{r}": f"=A{r}" for r in
                                                         range(1, 13)}}),
                           **{hostile.SHEET1: hostile.sub(rb"<v\s*/>", b"<v>0</v>")})
    error = refusal_of(many)
    assert ("Formulas in the sheets read: 12, among them Ekonomi!B1, Ekonomi!B2, Ekonomi!B3, "
            "Ekonomi!B4, Ekonomi!B5 and 7 more.") in error.message_en


def test_many_formulas_without_values_say_how_many_more():
    data = hostile.workbook({"Ekonomi": {f"B{r}": f"=A{r}" for r in range(1, 9)}})
    error = refusal_of(data)
    assert "(Ekonomi!B1, Ekonomi!B2, Ekonomi!B3, Ekonomi!B4, Ekonomi!B5 och 3 till)" in \
        error.message_sv


def test_an_ods_has_no_formula_facts():
    data = hostile.ods()
    assert not has_formulas(data) and not recalc_on_open(data) and stale_formulas(data) == []


def test_the_loader_names_each_formula_cell_with_its_column_s_header():
    """Issue 17: sheet, cell and header, as the finance officer finds it in Excel."""
    from loaders.ingest.workbook import LoadOptions, load_file

    cells = {"A1": "Enhet", "B1": "Period", "C1": "Budget", "D1": "Utfall",
             "A2": "Ekonomienheten", "B2": "2018-T2", "C2": "=D2*2", "D2": 5,
             "A3": "HR-enheten", "B3": "2018-T2", "C3": 7, "D3": "=C3/2"}
    data = hostile.rewrite(hostile.workbook({"Ekonomi": cells}),
                           **{hostile.SHEET1: CACHED})  # saved values, recalc on open
    with pytest.raises(FileRefused) as caught:
        load_file(data, "ekonomi.xlsx", LoadOptions())
    assert "bland dem Ekonomi!C2 (Budget), Ekonomi!D3 (Utfall)." in caught.value.message_sv
    assert "among them Ekonomi!C2 (Budget), Ekonomi!D3 (Utfall)." in caught.value.message_en
