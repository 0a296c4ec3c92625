"""FORMAT.md's file formats and file-level rules, through the real entry point ``load_file``:
CSV (encodings, separators, the sheet named by the file), ODS written with odfpy, .xlsm,
formulas with and without cached values, and frames that do not depend on the format.

The sheet, column and value rules are in ``test_workbook.py``; refused files in
``test_hostile_uploads.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

import pandas as pd
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableProperties
from odf.table import Table, TableCell, TableRow
from odf.text import P

from loaders.errors import FileRefused
from loaders.ingest import safety
from loaders.ingest.workbook import LoadOptions, LoadResult, load_file
from loaders.specs import BY_NAME, DATASETS, DTYPES
from tests.builders import ASSIGNMENTS, FINANCE, Cell, full_workbook, xlsx_bytes
from tests.loaders.ingest import hostile

QUICK = safety.Limits(child_timeout_s=30)
STAFF_HEADER = ["Enhet", "Period", "Tillsvidare", "Tidsbegränsade", "Årsarbetskrafter",
                "Sjukfrånvaro", "Personalomsättning"]


def load(data: bytes, name: str, **options) -> LoadResult:
    return load_file(data, name, LoadOptions(**options), QUICK)


def loads(data: bytes, name: str, **options) -> LoadResult:
    result = load(data, name, **options)
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    return result


def refused(data: bytes, name: str, **options) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        load(data, name, **options)
    error = caught.value
    assert error.message_sv and error.message_en and error.message_sv != error.message_en
    return error


def codes(result: LoadResult) -> list[str]:
    return [i.code for i in result.report.issues]


def assert_typed(result: LoadResult) -> None:
    """Every frame has its spec's columns, in order, with the dtypes of ``specs.DTYPES``."""
    for name, frame in result.frames.items():
        spec = BY_NAME[name]
        assert list(frame.columns) == spec.fields
        assert {c: str(t) for c, t in frame.dtypes.items()} == {
            c.field: str(pd.Series(dtype=DTYPES[c.kind]).dtype) for c in spec.columns}


# ------------------------------------------------------------------------------ writers

def csv_cell(value: object, decimal: str) -> str:
    """A cell as a CSV export shows it: Swedish style with ``;``, English style with ``,``."""
    if value is None:
        return ""
    if isinstance(value, Cell):  # percent-formatted, as Excel displays it
        return f"{value.value * 100:.1f} %".replace(".", decimal)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float):
        return repr(value).replace(".", decimal)
    return str(value)


def csv_bytes(rows: list[list[object]], sep: str = ";", encoding: str = "utf-8-sig") -> bytes:
    """CSV as Excel saves it (CRLF); with ``;`` the decimal mark is a comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    decimal = "," if sep == ";" else "."
    writer.writerows([csv_cell(v, decimal) for v in row] for row in rows)
    return buffer.getvalue().encode(encoding)


@dataclass(frozen=True)
class Gap:
    """``count`` empty cells written as one ``table:number-columns-repeated`` element."""

    count: int


@dataclass(frozen=True)
class Repeated:
    """One row element standing for ``count`` rows (``table:number-rows-repeated``)."""

    count: int
    cells: list[object]


@dataclass(frozen=True)
class Percent:
    """A percentage cell (``office:value-type="percentage"``), repeated over ``count`` columns."""

    value: float
    count: int = 1


def ods_cell(value: object) -> TableCell:
    """A cell as LibreOffice writes it: the typed value, and the text it displays."""
    if value is None or isinstance(value, Gap):
        return TableCell(numbercolumnsrepeated=value.count) if value else TableCell()
    if isinstance(value, Cell | Percent):
        count = value.count if isinstance(value, Percent) else 1
        repeat = {"numbercolumnsrepeated": count} if count > 1 else {}
        cell = TableCell(valuetype="percentage", value=value.value, **repeat)
        shown = f"{value.value:.1%}"
    elif isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%d"))
        shown = value.strftime("%Y-%m-%d")
    elif isinstance(value, int | float):
        cell, shown = TableCell(valuetype="float", value=value), str(value)
    else:
        cell, shown = TableCell(valuetype="string"), str(value)
    cell.addElement(P(text=shown))
    return cell


def ods_bytes(sheets: dict[str, list[object]], hidden: tuple[str, ...] = ()) -> bytes:
    """A real .ods written with odfpy; a row is a list of cells or a :class:`Repeated`."""
    doc = OpenDocumentSpreadsheet()
    hidden_style = Style(name="taHidden", family="table")
    hidden_style.addElement(TableProperties(display=False))  # table:display="false"
    doc.automaticstyles.addElement(hidden_style)
    for name, rows in sheets.items():
        style = {"stylename": hidden_style} if name in hidden else {}
        table = Table(name=name, **style)
        for row in rows:
            repeated = row if isinstance(row, Repeated) else Repeated(1, row)
            element = TableRow(numberrowsrepeated=repeated.count) if repeated.count > 1 \
                else TableRow()
            for value in repeated.cells:
                element.addElement(ods_cell(value))
            table.addElement(element)
        doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------------- CSV

STAFF_CSV = [STAFF_HEADER,
             ["Enheten för analys", "2018-T2", "12", "2", "13,5", "4,5 %", "6 %"],
             ["Ekonomienheten", "2018-T2", "8", "1", "8", "3,5 %", ""]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_csv_in_utf8_with_or_without_bom_or_windows_1252(encoding):
    data = csv_bytes(STAFF_CSV, encoding=encoding)
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    assert ("Tidsbegr\xe4nsade".encode("latin-1") in data) == (encoding == "cp1252")
    staff = loads(data, "Medarbetare.csv").frames["staff"]
    assert staff["unit"].tolist() == ["Enheten för analys", "Ekonomienheten"]
    assert staff["temporary"].tolist() == [2, 1]  # found under "Tidsbegränsade"
    assert staff["fte"].tolist() == [13.5, 8.0]
    assert staff["sick_leave"].tolist() == [pytest.approx(0.045), pytest.approx(0.035)]


FINANCE_CSV = {
    ";": 'Enhet;Period;Post;Budget;Utfall\r\n'
         'Ekonomienheten;2018-T2;"Personal; lön";1 234,50;-12,5\r\n'
         'HR-enheten;2018-T2;Lokaler;"1\u00a0000";7 800,25\r\n',
    ",": 'Enhet,Period,Post,Budget,Utfall\r\n'
         'Ekonomienheten,2018-T2,"Personal, lön",1234.50,-12.5\r\n'
         'HR-enheten,2018-T2,Lokaler,"1000",7800.25\r\n',
}


@pytest.mark.parametrize("sep", [";", ","])
def test_csv_separator_is_sniffed_and_with_semicolons_the_decimal_mark_is_a_comma(sep):
    finance = loads(FINANCE_CSV[sep].encode(), "Ekonomi.csv").frames["finance"]
    assert finance["category"].tolist() == [f"Personal{sep} lön", "Lokaler"]  # quoted
    assert finance["budget"].tolist() == [1234.5, 1000.0]
    assert finance["outcome"].tolist() == [-12.5, 7800.25]


@pytest.mark.parametrize("sep", [";", ","])
def test_csv_with_title_rows_above_the_header(sep):
    """Exports put a title and blank lines above the header; they do not sway the sniffing."""
    body = FINANCE_CSV[sep].replace("1 234,50", "1234").replace("1234.50", "1234")
    data = ("Uppföljning T2 2018\r\nBelopp i tkr, exkl. moms\r\n\r\n" + body).encode()
    result = loads(data, "Ekonomi.csv")
    assert result.frames["finance"]["budget"].tolist() == [1234.0, 1000.0]
    assert result.rows["finance"] == [5, 6]


ASSIGNMENTS_CSV = csv_bytes(ASSIGNMENTS)
FINANCE_ROWS_CSV = csv_bytes(FINANCE)


@pytest.mark.parametrize("name, chosen, data, dataset", [
    ("Uppdrag.csv", None, ASSIGNMENTS_CSV, "assignments"),
    ("uppdrag.csv", None, ASSIGNMENTS_CSV, "assignments"),
    ("Assignments.csv", None, ASSIGNMENTS_CSV, "assignments"),
    ("Uppdrag (1).csv", None, ASSIGNMENTS_CSV, "assignments"),  # a browser's second download
    ("Ekonomi_2018T2.csv", None, FINANCE_ROWS_CSV, "finance"),
    ("export.csv", "Uppdrag", ASSIGNMENTS_CSV, "assignments"),
    ("Ekonomi.csv", "Assignments", ASSIGNMENTS_CSV, "assignments"),  # the choice wins
])
def test_the_csv_sheet_is_named_by_the_file_or_chosen_at_upload(name, chosen, data, dataset):
    result = loads(data, name, csv_sheet=chosen)
    assert list(result.frames) == [dataset]
    assert len(result.frames[dataset]) == len(data.splitlines()) - 1


@pytest.mark.parametrize("name, chosen", [("Budget.csv", None), ("2018T2_Ekonomi.csv", None),
                                          ("export.csv", "Budget")])
def test_a_csv_whose_sheet_is_not_known_is_refused_naming_the_accepted_names(name, chosen):
    error = refused(ASSIGNMENTS_CSV, name, csv_sheet=chosen)
    assert error.code == "csv_sheet_unknown"
    assert name in error.message_sv and name in error.message_en
    for dataset in DATASETS:
        for sheet in dataset.sheet_names:
            assert sheet in error.message_sv and sheet in error.message_en


def test_a_csv_without_period_column_takes_the_period_given_at_upload_not_its_name():
    data = csv_bytes([["Enhet", "Post", "Budget", "Utfall"],
                      ["Ekonomienheten", "Personal", "100", "50,5"]])
    assert "period_missing" in codes(load(data, "Ekonomi_2018T2.csv"))
    finance = loads(data, "Ekonomi_2018T2.csv", period="2018-T2").frames["finance"]
    assert finance["period"].tolist() == ["2018-T2"]
    assert finance["outcome"].tolist() == [50.5]


def test_every_duplicate_of_a_long_export_is_reported():
    """Each repeated row is an error naming the others (this took 8 s for 20,000 rows and
    over 6 minutes for 100,000, past the parse's time limit, before it was made linear)."""
    rows = 20_000
    data = ("Enhet;Avdelning\r\n" + "Ekonomienheten;Stab\r\n" * rows).encode()
    report = load(data, "Enheter.csv").report
    assert report.counts["error"] == rows - 1
    assert {i.code for i in report.issues} == {"duplicate_key"}
    assert report.issues[-1].message_en.endswith("(also row 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 …).")


def test_duplicate_ids_with_blank_periods_are_reported_not_a_crash():
    data = csv_bytes([["Id", "Namn", "Enhet", "Period", "Status"],
                      ["U-1", "Tillsyn", "Ekonomienheten", "", "Grön"],
                      ["u-1", "Tillsyn", "Ekonomienheten", "", "Grön"]])
    result = load(data, "Uppdrag.csv")
    assert sorted(codes(result)) == ["duplicate_key", "required_blank", "required_blank"]


def test_a_duplicate_unit_message_reads_well():
    data = csv_bytes([["Enhet", "Avdelning"], ["Ekonomienheten", "Stab"],
                      ["Ekonomienheten", "Stab"]])
    issue = load(data, "Enheter.csv").report.issues[0]
    assert "  " not in issue.message_sv and "  " not in issue.message_en


# ----------------------------------------------------------------------------------- ODS

def test_ods_text_numbers_dates_and_percentages_with_repeated_rows_and_columns():
    """A title, repeated empty rows and a repeated empty column before the data: the percent
    cells, read from the XML, must land on the cells calamine's grid holds."""
    staff = [
        ["Personal T2 2018"],
        Repeated(3, [Gap(9)]),  # rows 2-4
        [Gap(2)] + STAFF_HEADER,  # row 5, from column C
        [Gap(2), "Ekonomienheten", "2018-T2", 12, 2, 13.2, Percent(0.125), "6 %"],
        Repeated(2, [Gap(9)]),  # rows 7-8: blank rows inside the data
        [Gap(1), None, "HR-enheten", "2018-T2", 8, 1, 8.5, Percent(0.05, count=2)],
        [Gap(2), "Enheten för analys", "2018-T2", 3, 0, 3, 12.5, Gap(1)],
    ]
    assignments = [row[:] for row in ASSIGNMENTS]
    assignments[1][7] = dt.date(2018, 1, 15)  # a date cell
    result = loads(ods_bytes({"Medarbetare": staff, "Uppdrag": assignments}), "export.ods")
    frame = result.frames["staff"]
    assert result.rows["staff"] == [6, 9, 10]
    assert frame["unit"].tolist() == ["Ekonomienheten", "HR-enheten", "Enheten för analys"]
    assert frame["permanent"].tolist() == [12, 8, 3]
    assert frame["fte"].tolist() == [13.2, 8.5, 3.0]
    assert frame["sick_leave"].tolist() == pytest.approx([0.125, 0.05, 0.125])  # 12.5 = 12.5 %
    assert frame["turnover"].tolist()[:2] == pytest.approx([0.06, 0.05])
    assert "empty_rows" in codes(result)
    decided = result.frames["assignments"]["decision_date"]
    assert decided.iloc[0] == pd.Timestamp("2018-01-15")


def test_ods_percent_cells_in_a_repeated_row_and_after_a_long_gap():
    staff = [
        STAFF_HEADER[:4] + ["Sjukfrånvaro"],
        Repeated(2, ["Ekonomienheten", "2018-T2", 12, 2, Percent(0.125)]),  # rows 2-3
        Repeated(12_000, [Gap(5)]),  # more blank rows than the XML reader expands
        ["HR-enheten", "2018-T2", 8, 1, Percent(0.25)],
    ]
    result = load(ods_bytes({"Medarbetare": staff}), "export.ods")
    assert result.rows["staff"] == [2, 3, 12_004]
    assert result.frames["staff"]["sick_leave"].tolist() == pytest.approx([0.125, 0.125, 0.25])
    assert "duplicate_key" in codes(result)  # rows 2 and 3 are the same unit


def test_a_hidden_ods_sheet_loads_like_a_visible_one_with_a_notice():
    sheets = {"Enheter": [["Enhet", "Avdelning"], ["Ekonomienheten", "Stab"]],
              "Anteckningar": [["Fritext"]]}
    data = ods_bytes(sheets, hidden=("Enheter",))
    content = hostile.members(data)["content.xml"]
    assert b'table:name="Enheter" table:style-name="taHidden"' in content
    assert b'<style:table-properties table:display="false"/>' in content
    result = loads(data, "export.ods")
    assert result.frames["units"]["unit"].tolist() == ["Ekonomienheten"]
    hidden = [i for i in result.report.issues if i.code == "hidden_sheet"]
    assert [i.sheet for i in hidden] == ["Enheter"]


# ---------------------------------------------------------------------------------- .xlsm

MACRO_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def test_an_xlsm_loads_like_the_xlsx():
    """openpyxl saves a plain workbook's content type under any name; Excel's .xlsm has the
    macro-enabled one, so that is patched in."""
    xlsx = xlsx_bytes(full_workbook())
    types = hostile.members(xlsx)["[Content_Types].xml"]
    assert b"spreadsheetml.sheet.main+xml" in types and MACRO_TYPE not in types
    patch = hostile.sub(rb"application/vnd\.openxmlformats-officedocument\.spreadsheetml\."
                        rb"sheet\.main\+xml", MACRO_TYPE)
    xlsm = hostile.rewrite(xlsx, **{"[Content_Types].xml": patch})
    assert safety.sniff(xlsm, "uppfoljning.xlsm") == "xlsm"
    expected = loads(xlsx, "uppfoljning.xlsx").frames
    for name, frame in loads(xlsm, "uppfoljning.xlsm").frames.items():
        pd.testing.assert_frame_equal(frame, expected[name])


# ------------------------------------------------------------------------------ formulas

def formula_workbook() -> bytes:
    """Ekonomi with Budget =E2*2 and a text formula for Post; Medarbetare with a percent-
    formatted formula. openpyxl saves them without values, and with fullCalcOnLoad="1"."""
    finance = [row[:] for row in FINANCE]
    finance[1][3:5] = ["=E2*2", 123]
    finance[2][2] = '="Lok"&"aler"'
    staff = [["Enhet", "Period", "Tillsvidare", "Tidsbegränsade", "Sjukfrånvaro"],
             ["Ekonomienheten", "2018-T2", 3, 1, Cell("=1/8", "0.0%")]]
    return xlsx_bytes({"Ekonomi": finance, "Medarbetare": staff})


def cache(cells: dict[str, bytes]):
    """A sheet edit giving formula cells their cached values, as Excel saves them."""
    def edit(xml: bytes) -> bytes:
        for ref, value in cells.items():
            text = b' t="str"' if not re.fullmatch(rb"[-0-9.]+", value) else b""
            xml, count = re.subn(rb'<c r="' + ref.encode() + rb'"([^>]*)>(<f>.*?</f>)<v ?/>',
                                 rb'<c r="' + ref.encode() + rb'"\1' + text + rb">\2<v>"
                                 + value + b"</v>", xml)
            assert count == 1, ref
        return xml
    return edit


EXCEL_CALC = hostile.sub(rb'<calcPr calcId="\d+" fullCalcOnLoad="1" />',
                         b'<calcPr calcId="191029"/>')  # as Excel saves it
CACHED = {hostile.SHEET1: cache({"D2": b"246", "C3": b"Lokaler"}),
          hostile.SHEET2: cache({"E2": b"0.125"})}


def test_formulas_load_with_their_cached_values():
    data = hostile.rewrite(formula_workbook(), **CACHED, **{"xl/workbook.xml": EXCEL_CALC})
    assert b'<c r="D2"><f>E2*2</f><v>246</v></c>' in hostile.members(data)[hostile.SHEET1]
    result = loads(data, "uppfoljning.xlsx")
    finance = result.frames["finance"]
    assert finance["budget"].tolist() == [246.0, 9000.0]
    assert finance["category"].tolist() == ["Personal", "Lokaler"]
    assert result.frames["staff"]["sick_leave"].tolist() == [pytest.approx(0.125)]


def assert_save_again_advice(error: FileRefused) -> None:
    assert "Öppna den i Excel och spara den igen" in error.message_sv
    assert "Open it in Excel and save it again" in error.message_en


def test_a_formula_without_a_cached_value_is_refused_naming_the_cell():
    edits = {hostile.SHEET1: cache({"C3": b"Lokaler"}), hostile.SHEET2: CACHED[hostile.SHEET2]}
    data = hostile.rewrite(formula_workbook(), **edits, **{"xl/workbook.xml": EXCEL_CALC})
    error = refused(data, "uppfoljning.xlsx")
    assert (error.code, error.details["stale_cells"]) == ("stale_formulas", ["Ekonomi!D2"])
    assert "Ekonomi!D2" in error.message_sv and "Ekonomi!D2" in error.message_en
    assert_save_again_advice(error)


def test_formulas_in_a_workbook_marked_recalculate_on_open_are_refused():
    data = hostile.rewrite(formula_workbook(), **CACHED)  # values, but fullCalcOnLoad="1"
    assert b'fullCalcOnLoad="1"' in hostile.members(data)["xl/workbook.xml"]
    error = refused(data, "uppfoljning.xlsx")
    assert (error.code, error.details["reason"]) == ("stale_formulas", "recalc_on_open")
    assert_save_again_advice(error)


def test_a_workbook_without_formulas_loads_despite_recalculate_on_open():
    data = xlsx_bytes({"Ekonomi": FINANCE})
    assert b'fullCalcOnLoad="1"' in hostile.members(data)["xl/workbook.xml"]
    assert loads(data, "uppfoljning.xlsx").frames["finance"]["budget"].tolist() == [12000, 9000]


# ------------------------------------------------------------- the same frames in every format

def as_files(fmt: str) -> list[tuple[bytes, str]]:
    """The full workbook as one file (xlsx, ods) or as one CSV file per sheet."""
    sheets = full_workbook()
    if fmt == "xlsx":
        return [(xlsx_bytes(sheets), "uppfoljning.xlsx")]
    if fmt == "ods":
        return [(ods_bytes(sheets), "uppfoljning.ods")]
    return [(csv_bytes(rows), f"{name}.csv") for name, rows in sheets.items()]


def load_all(fmt: str) -> dict[str, pd.DataFrame]:
    frames: dict[str, pd.DataFrame] = {}
    for data, name in as_files(fmt):
        result = loads(data, name)
        assert_typed(result)
        frames.update(result.frames)
    return frames


@pytest.fixture(scope="module")
def xlsx_frames() -> dict[str, pd.DataFrame]:
    return load_all("xlsx")


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_every_format_gives_the_same_typed_frames_every_time(fmt, xlsx_frames):
    first, second = load_all(fmt), load_all(fmt)
    assert set(first) == set(BY_NAME)
    for name, frame in first.items():
        pd.testing.assert_frame_equal(frame, second[name], check_exact=True)
        pd.testing.assert_frame_equal(frame, xlsx_frames[name])
