"""The blank template: what finance sees when opening it (read back with openpyxl)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from loaders.ingest.workbook import LoadOptions, load_file
from loaders.specs import DATASETS, FINANCE, SHEET_DATASETS, STAFF
from loaders.template import write_template

EXPECTED_LISTS = {
    "Status": ["Grön", "Gul", "Röd", "Avslutad", "Avbruten"],
    "Typ": ["Regeringsuppdrag", "Verksamhetsplan", "Internt"],
    "Perspektiv": ["Verksamhet", "Ekonomi", "Medarbetare", "Processer"],
    "Riktning": ["Högre är bättre", "Lägre är bättre"],
}


@pytest.fixture(scope="module")
def workbook() -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_template(buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def _list_values(wb: openpyxl.Workbook, formula: str) -> list[str]:
    """The values a list validation offers, following a 'Sheet!$A$2:$A$6' reference."""
    sheet, cells = formula.split("!")
    return [row[0].value for row in wb[sheet][cells.replace("$", "")]]


def _validation_for(ws, header: str):
    """The list validation covering the data cells under ``header`` in row 1."""
    letter = next(c.column_letter for c in ws[1] if c.value == header)
    for validation in ws.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            if cell_range.min_col == cell_range.max_col == column_index_from_string(letter):
                assert cell_range.min_row == 2 and cell_range.max_row >= 1000
                return validation
    raise AssertionError(f"no validation on {ws.title}!{header}")


def _column_format(ws, header: str) -> str:
    index = next(c.column for c in ws[1] if c.value == header)
    for dimension in ws.column_dimensions.values():
        if dimension.min <= index <= dimension.max:
            return dimension.number_format
    raise AssertionError(f"no column format for {ws.title}!{get_column_letter(index)}")


def test_instructions_first_then_every_dataset_sheet_and_hidden_lists(workbook):
    assert workbook.sheetnames[0] == "Instruktioner"
    assert workbook.sheetnames[1:-1] == [d.sheet for d in SHEET_DATASETS]
    assert workbook["Listor"].sheet_state == "hidden"
    assert all(workbook[d.sheet].sheet_state == "visible" for d in DATASETS)


def test_every_sheet_has_canonical_headers_and_no_data(workbook):
    for dataset in DATASETS:
        ws = workbook[dataset.sheet]
        assert [c.value for c in ws[1]] == [c.header for c in dataset.columns]
        assert ws.max_row == 1, f"{ws.title} holds example rows"
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])


def test_required_headers_are_marked_and_explained(workbook):
    for dataset in DATASETS:
        ws = workbook[dataset.sheet]
        for column, cell in zip(dataset.columns, ws[1], strict=True):
            assert ("Obligatorisk" in cell.comment.text) is column.required, cell.coordinate
        fills = {c.fill.fgColor.rgb for c, col in zip(ws[1], dataset.columns, strict=True)
                 if col.required}
        optional = {c.fill.fgColor.rgb for c, col in zip(ws[1], dataset.columns, strict=True)
                    if not col.required}
        assert len(fills) == 1 and not fills & optional
    text = " ".join(str(c.value) for row in workbook["Instruktioner"].iter_rows() for c in row)
    assert "Orange rubriker är obligatoriska" in text


def test_the_government_register_columns_carry_examples(workbook):
    ws = workbook["Uppdrag"]
    notes = {c.value: c.comment.text for c in ws[1]}
    assert "Exempel / Example: N2018/03216/RTS" in notes["Diarienummer"]
    assert "Exempel / Example: Näringsdepartementet" in notes["Departement"]
    assert "Rapporteras" in notes["Redovisas senast"]  # the alias, named in the note
    assert "2018-10-01; 2019-01-15" in notes["Delredovisning"]
    assert "Exempel" not in notes["Slutdatum"]


def test_instructions_name_sheets_required_columns_period_units_and_doc(workbook):
    text = " ".join(str(c.value) for row in workbook["Instruktioner"].iter_rows() for c in row)
    for dataset in DATASETS:
        assert dataset.sheet in text
    for needle in ("2018-T2", "tkr", "procent", "docs/format.md",
                   "Obligatoriska kolumner: Id, Namn, Enhet, Period, Status"):
        assert needle in text


@pytest.mark.parametrize("header, expected", EXPECTED_LISTS.items())
def test_drop_downs_offer_the_canonical_words(workbook, header, expected):
    sheets = [d.sheet for d in DATASETS if header in [c.header for c in d.columns]]
    assert sheets
    for sheet in sheets:
        validation = _validation_for(workbook[sheet], header)
        assert validation.type == "list"
        assert _list_values(workbook, validation.formula1) == expected


def test_period_drop_down_lists_tertials_2017_to_2030(workbook):
    for dataset in DATASETS:
        if not dataset.periodic:
            continue
        values = _list_values(workbook, _validation_for(workbook[dataset.sheet],
                                                        "Period").formula1)
        assert values[:4] == ["2017-T1", "2017-T2", "2017-T3", "2018-T1"]
        assert values[-1] == "2030-T3" and len(values) == 42


def test_number_formats_for_money_percent_and_dates(workbook):
    for header in ("Budget", "Utfall", "Prognos", "Föregående prognos"):
        assert _column_format(workbook[FINANCE.sheet], header) == "#,##0"
    for header in ("Sjukfrånvaro", "Personalomsättning"):
        assert "%" in _column_format(workbook[STAFF.sheet], header)
    assert "%" in _column_format(workbook["Nyckeltal"], "Gul gräns")
    for header in ("Beslutsdatum", "Slutdatum"):
        assert _column_format(workbook["Uppdrag"], header) == "yyyy-mm-dd"


def test_written_to_a_path(tmp_path):
    path = tmp_path / "mall.xlsx"
    write_template(path)
    assert openpyxl.load_workbook(path).sheetnames[0] == "Instruktioner"


def test_the_blank_template_uploaded_as_it_is_gives_no_notices():
    """Issue 17: neither its own sheets (Instruktioner, Listor) nor the survey's example peer
    columns (Organisation A–G, which wait for numbers) are "not recognised"."""
    buffer = io.BytesIO()
    write_template(buffer)
    result = load_file(buffer.getvalue(), "mall.xlsx", LoadOptions())
    assert [(i.code, i.sheet, i.message_sv) for i in result.report.issues] == []
    assert sum(len(frame) for frame in result.frames.values()) == 0
