"""FORMAT.md, rule by rule, through the real entry point: bytes in, frames and issues out."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from loaders.errors import FileRefused
from loaders.ingest.workbook import LoadOptions, load_file
from loaders.specs import BY_NAME, DTYPES
from tests.builders import Cell, full_workbook, xlsx_bytes


def load(sheets, name="uppfoljning.xlsx", hidden=(), merged=None, **options):
    data = xlsx_bytes(sheets, hidden=hidden, merged=merged)
    return load_file(data, name, LoadOptions(**options))


def codes(result, severity=None):
    return [i.code for i in result.report.issues if severity in (None, i.severity)]


def only(result, code):
    found = [i for i in result.report.issues if i.code == code]
    assert len(found) == 1, [i.to_dict() for i in result.report.issues]
    return found[0]


def test_full_workbook_loads_with_the_documented_columns_and_dtypes():
    result = load(full_workbook())
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    assert set(result.frames) == set(BY_NAME)
    for name, frame in result.frames.items():
        spec = BY_NAME[name]
        assert list(frame.columns) == spec.fields
        assert {c: str(t) for c, t in frame.dtypes.items()} == {
            c.field: str(pd.Series(dtype=DTYPES[c.kind]).dtype) for c in spec.columns}
    assert result.periods == ["2018-T2"]


def test_values_are_parsed_the_way_excel_displays_them():
    result = load(full_workbook())
    staff = result.frames["staff"].set_index("unit")
    assert staff.loc["Ekonomienheten", "sick_leave"] == pytest.approx(0.041)  # 4,1 % formatted
    assert staff.loc["HR-enheten", "sick_leave"] == pytest.approx(0.035)  # text "3,5 %"
    assert staff.loc["HR-enheten", "turnover"] == pytest.approx(0.06)
    processes = result.frames["processes"].set_index("kpi")
    assert processes.loc["Andel digitala ansökningar", "value"] == pytest.approx(81)
    assert pd.isna(processes.loc["Handläggningstid", "unit"])  # blank unit = whole agency
    settings = result.frames["kpi_settings"].set_index("kpi")
    assert settings.loc["Handläggningstid", "direction"] == "lower"
    assert settings.loc["Andel digitala ansökningar", "yellow_tolerance"] == pytest.approx(0.05)
    assignments = result.frames["assignments"].set_index("id")
    assert assignments.loc["RU-7", "type"] == "government"
    assert assignments.loc["U-2", "status"] == "completed"
    assert assignments.loc["U-1", "end_date"] == pd.Timestamp("2018-12-31")


def test_header_found_under_title_rows_and_a_merged_group_title():
    sheets = full_workbook()
    sheets["Ekonomi"] = [
        ["Uppföljning T2 2018 – Ekonomi"],
        ["Utskriven 2018-09-10"],
        [],
        [None, None, None, "Belopp i tkr"],
    ] + sheets["Ekonomi"]
    result = load(sheets, merged={"Ekonomi": ["D4:F4", "A1:F1"]})
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    assert len(result.frames["finance"]) == 2
    assert result.rows["finance"] == [6, 7]  # Excel row numbers of the data


def test_english_sheet_names_and_aliases_give_the_same_frames():
    swedish = load(full_workbook()).frames
    sheets = full_workbook()
    english = {
        " UNITS ": [["Unit", "Department", "Manager"]] + sheets["Enheter"][1:],
        "assignments": [["Assignment id", "Name", "Type", "Result area", "Goal", "Unit", "Owner",
                         "Decision date", "End date", "Tertial", "Assessment", "Comment"]]
        + sheets["Uppdrag"][1:],
        "Finance": [["Unit", "Tertial", "Category", "Helårsbudget", "Actual", "Forecast"]]
        + sheets["Ekonomi"][1:],
        "Staff": [["Unit", "Period", "Permanent", "Visstid", "FTE", "Sick leave", "Turnover"]]
        + sheets["Medarbetare"][1:],
        "processes": [["KPI", "Unit", "Period", "Value", "Target", "Unit of measure"]]
        + sheets["Processer"][1:],
        "KPI settings": [["KPI", "Perspective", "Direction", "Target", "Yellow tolerance"]]
        + sheets["Nyckeltal"][1:],
    }
    result = load(english)
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    for name, frame in swedish.items():
        pd.testing.assert_frame_equal(result.frames[name], frame)


def test_sheet_and_header_names_match_without_case_spaces_or_swedish_letters():
    sheets = full_workbook()
    sheets = {"  medarbetare ": sheets["Medarbetare"], "ENHETER": sheets["Enheter"]}
    sheets["  medarbetare "][0] = ["ENHET", " period ", "tillsvidare", "Tidsbegransade",
                                   "arsarbetskrafter", "Sjukfranvaro", "Personalomsattning"]
    result = load(sheets)
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    assert result.frames["staff"]["permanent"].tolist() == [12, 8]


def test_swedish_numbers_as_text_and_true_numbers():
    sheets = {"Ekonomi": [FINANCE_HEADER,
                          ["Ekonomienheten", "2018-T2", "Personal", "1 234,50", "-12,5", 1000],
                          ["HR-enheten", "2018-T2", "Lokaler", "1\u00a0000", "7\u202f800,25",
                           "2 000"]]}
    result = load(sheets)
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    finance = result.frames["finance"]
    assert finance["budget"].tolist() == [1234.5, 1000.0]
    assert finance["outcome"].tolist() == [-12.5, 7800.25]
    assert finance["forecast"].tolist() == [1000.0, 2000.0]


FINANCE_HEADER = ["Enhet", "Period", "Post", "Budget", "Utfall", "Prognos"]


def test_dates_as_excel_dates_serial_numbers_and_iso_text():
    sheets = full_workbook()
    rows = sheets["Uppdrag"]
    rows[1][7] = dt.datetime(2018, 1, 15)
    rows[2][7] = Cell(43115, "General")  # serial number of 2018-01-15
    rows[3][7] = "2018-01-15"
    result = load(sheets)
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    assert set(result.frames["assignments"]["decision_date"]) == {pd.Timestamp("2018-01-15")}


def test_total_rows_are_dropped_with_a_notice_but_a_post_called_totalt_is_data():
    sheets = {"Ekonomi": [FINANCE_HEADER,
                          ["Ekonomienheten", "2018-T2", "Totalt", 100, 50, 100],
                          ["Summa", None, None, 100, 50, 100]]}
    result = load(sheets)
    assert result.ok
    assert result.frames["finance"]["category"].tolist() == ["Totalt"]
    notice = only(result, "total_row")
    assert (notice.sheet, notice.row, notice.column) == ("Ekonomi", 3, "A")


def test_empty_rows_and_columns_are_skipped():
    sheets = {"Ekonomi": [FINANCE_HEADER + [None, None],
                          ["Ekonomienheten", "2018-T2", "Personal", 100, 50, 100],
                          [],
                          [None, None, None, None, None, None, None, None],
                          ["HR-enheten", "2018-T2", "Personal", 100, 50, 100]]}
    result = load(sheets)
    assert result.ok
    assert len(result.frames["finance"]) == 2
    assert "empty_rows" in codes(result, "notice")


def test_hidden_known_sheet_loads_with_a_notice_and_unknown_sheets_are_ignored():
    sheets = full_workbook()
    sheets["Anteckningar"] = [["Fritext"]]
    result = load(sheets, hidden=("Medarbetare", "Anteckningar"))
    assert result.ok
    assert len(result.frames["staff"]) == 2
    assert only(result, "hidden_sheet").sheet == "Medarbetare"
    assert only(result, "unknown_sheet").sheet == "Anteckningar"


def test_workbook_without_known_sheet_is_refused_naming_found_and_expected():
    result = load({"Blad1": [["a"]], "Budget 2018": [["b"]]})
    assert not result.ok
    error = only(result, "no_known_sheet")
    assert "Blad1" in error.message_sv and "Budget 2018" in error.message_en
    assert "Uppdrag" in error.message_sv and "Assignments" in error.message_en


def test_header_must_be_within_the_first_twenty_rows():
    sheets = {"Ekonomi": [[]] * 20 + [FINANCE_HEADER, ["Ekonomienheten", "2018-T2", "P", 1, 1]]}
    result = load(sheets)
    error = only(result, "header_not_found")
    assert error.sheet == "Ekonomi"
    assert "Budget" in error.message_sv


def test_merged_cells_inside_the_data_are_refused_naming_the_range():
    sheets = {"Ekonomi": [FINANCE_HEADER,
                          ["Ekonomienheten", "2018-T2", "Personal", 100, 50, 100],
                          [None, "2018-T2", "Lokaler", 100, 50, 100]]}
    result = load(sheets, merged={"Ekonomi": ["A2:A3"]})
    error = only(result, "merged_cells")
    assert error.value == "A2:A3" and error.sheet == "Ekonomi"
    assert "A2:A3" in error.message_sv


def test_text_is_normalised_and_ids_compare_without_case():
    sheets = full_workbook()
    rows = sheets["Uppdrag"]
    rows[1][1] = "Ny\u00a0\u00a0budget\u200bprocess \t"
    rows[3][0] = "u-1 "  # same id as row 2 in another spelling
    result = load(sheets)
    error = only(result, "duplicate_key")
    assert (error.sheet, error.row, error.column) == ("Uppdrag", 4, "A")
    assert "2" in error.message_en
    assert result.frames["assignments"].loc[0, "name"] == "Ny budgetprocess"  # as Excel shows it


def test_nfc_normalisation_makes_decomposed_letters_equal():
    sheets = full_workbook()
    sheets["Uppdrag"][1][5] = "Ekonomienheten"
    sheets["Enheter"][1][1] = "Verksamhetssto\u0308d"  # o + combining diaeresis
    result = load(sheets)
    assert result.frames["units"].loc[0, "department"] == "Verksamhetsstöd"


def test_blank_required_cell_is_an_error_naming_the_cell():
    sheets = full_workbook()
    sheets["Uppdrag"][2][10] = None  # Status of RU-7
    sheets["Ekonomi"][1][3] = " "  # Budget
    result = load(sheets)
    located = {(i.sheet, i.row, i.column, i.header) for i in result.report.errors()}
    assert ("Uppdrag", 3, "K", "Status") in located
    assert ("Ekonomi", 2, "D", "Budget") in located
    assert set(codes(result, "error")) == {"required_blank"}


def test_unknown_unit_is_an_error_once_units_are_known():
    sheets = full_workbook()
    sheets["Ekonomi"][2][0] = "Okända enheten"
    result = load(sheets)
    error = only(result, "unknown_unit")
    assert (error.sheet, error.row, error.column, error.value) == (
        "Ekonomi", 3, "A", "Okända enheten")


def test_units_known_from_the_store_are_enough_and_spelling_follows_them():
    sheets = full_workbook()
    del sheets["Enheter"]
    sheets["Ekonomi"][1][0] = "EKONOMIENHETEN"
    result = load(sheets, known_units=frozenset({"Ekonomienheten", "HR-enheten",
                                                 "Enheten för analys"}))
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    assert result.frames["finance"].loc[0, "unit"] == "Ekonomienheten"


def test_without_any_known_units_any_unit_is_accepted():
    sheets = full_workbook()
    del sheets["Enheter"]
    assert load(sheets).ok


@pytest.mark.parametrize("spelling", ["2018-T2", "2018T2", "2018 t2", "T2 2018", "T2-2018",
                                      "Tertial 2 2018", dt.datetime(2018, 8, 31)])
def test_period_spellings(spelling):
    sheets = {"Ekonomi": [FINANCE_HEADER, ["Ekonomienheten", spelling, "Personal", 1, 1, 1]]}
    result = load(sheets)
    assert result.ok
    assert result.frames["finance"]["period"].tolist() == ["2018-T2"]


def test_bad_period_is_an_error():
    sheets = {"Ekonomi": [FINANCE_HEADER, ["Ekonomienheten", "Andra tertialen", "P", 1, 1, 1]]}
    error = only(load(sheets), "bad_value")
    assert (error.sheet, error.row, error.column, error.value) == (
        "Ekonomi", 2, "B", "Andra tertialen")


def test_period_given_at_import_fills_a_sheet_without_period_column():
    header = ["Enhet", "Post", "Budget", "Utfall"]
    sheets = {"Ekonomi": [header, ["Ekonomienheten", "Personal", 10, 5]]}
    assert only(load(sheets), "period_missing").sheet == "Ekonomi"
    result = load(sheets, period="2018-T2")
    assert result.ok
    assert result.frames["finance"]["period"].tolist() == ["2018-T2"]


def test_period_given_at_import_must_agree_with_the_period_column():
    sheets = {"Ekonomi": [FINANCE_HEADER,
                          ["Ekonomienheten", "2018-T2", "Personal", 1, 1, 1],
                          ["HR-enheten", "2018-T1", "Personal", 1, 1, 1]]}
    error = only(load(sheets, period="2018-T2"), "period_conflict")
    assert (error.row, error.column, error.value) == (3, "B", "2018-T1")
    assert load(sheets).ok  # the column alone is authoritative


@pytest.mark.parametrize(("typ", "status", "code_type", "code_status"), [
    ("RU", "g", "government", "green"),
    ("vp", " GUL ", "operational_plan", "yellow"),
    ("Government assignment", "Red", "government", "red"),
    ("Operational plan", "completed", "operational_plan", "completed"),
    ("internal", "Avbruten", "internal", "cancelled"),
    (None, "Y", "operational_plan", "yellow"),
])
def test_type_and_status_spellings(typ, status, code_type, code_status):
    sheets = full_workbook()
    sheets["Uppdrag"][1][2] = typ
    sheets["Uppdrag"][1][10] = status
    sheets["Uppdrag"][1][11] = "Kommentar"
    result = load(sheets)
    assert result.ok
    row = result.frames["assignments"].iloc[0]
    assert (row["type"], row["status"]) == (code_type, code_status)


@pytest.mark.parametrize("cell", ["12,5 %", "12.5 %", 12.5, Cell(0.125, "0.0%")])
def test_percent_means_what_excel_displays(cell):
    sheets = {"Medarbetare": [["Enhet", "Period", "Tillsvidare", "Tidsbegränsade",
                               "Sjukfrånvaro"],
                              ["Ekonomienheten", "2018-T2", 3, 1, cell]]}
    result = load(sheets)
    assert result.ok
    assert result.frames["staff"]["sick_leave"].tolist() == [pytest.approx(0.125)]


def test_a_small_number_without_percent_format_is_not_guessed():
    sheets = {"Medarbetare": [["Enhet", "Period", "Tillsvidare", "Tidsbegränsade",
                               "Sjukfrånvaro"],
                              ["Ekonomienheten", "2018-T2", 3, 1, 0.125]]}
    result = load(sheets)
    assert result.frames["staff"]["sick_leave"].tolist() == [pytest.approx(0.00125)]


def test_implausible_values_are_errors_naming_the_cell():
    sheets = {
        "Ekonomi": [FINANCE_HEADER, ["Ekonomienheten", "2018-T2", "P", 2e12, 1, 1]],
        "Medarbetare": [["Enhet", "Period", "Tillsvidare", "Tidsbegränsade", "Sjukfrånvaro"],
                        ["Ekonomienheten", "2018-T2", -1, 2_000_000, "120 %"]],
    }
    located = {(i.sheet, i.column) for i in load(sheets).report.errors()
               if i.code == "out_of_range"}
    assert located == {("Ekonomi", "D"), ("Medarbetare", "C"), ("Medarbetare", "D"),
                       ("Medarbetare", "E")}


def test_count_must_be_a_whole_number():
    sheets = {"Medarbetare": [["Enhet", "Period", "Tillsvidare", "Tidsbegränsade"],
                              ["Ekonomienheten", "2018-T2", 3.5, 1]]}
    error = only(load(sheets), "bad_value")
    assert (error.row, error.column, error.header) == (2, "C", "Tillsvidare")


def test_unknown_and_unnamed_columns_are_ignored_with_a_notice():
    sheets = {"Ekonomi": [FINANCE_HEADER + ["Anteckning", None],
                          ["Ekonomienheten", "2018-T2", "P", 1, 1, 1, "x", "y"]]}
    result = load(sheets)
    assert result.ok
    assert only(result, "unknown_column").column == "G"
    assert only(result, "unnamed_column").column == "H"


def test_yellow_or_red_without_comment_is_a_warning_that_does_not_block():
    sheets = full_workbook()
    sheets["Uppdrag"][2][11] = None
    result = load(sheets)
    assert result.ok
    warning = only(result, "missing_comment")
    assert (warning.severity, warning.row, warning.value) == ("warning", 3, "RU-7")
    assert "Gul" in warning.message_sv and "Yellow" in warning.message_en


def test_issues_are_capped_but_all_counted():
    rows = [FINANCE_HEADER] + [["Ekonomienheten", "2018-T2", f"P{n}", "x", 1, 1]
                               for n in range(300)]
    result = load({"Ekonomi": rows})
    assert result.report.counts["error"] == 300
    assert len(result.report.issues) == 200
    assert result.report.truncated == 100


def test_every_issue_is_in_both_languages():
    sheets = full_workbook()
    sheets["Uppdrag"][2][10] = "Lila"
    sheets["Uppdrag"][2][11] = None
    for issue in load(sheets).report.issues:
        assert issue.message_sv and issue.message_en and issue.message_sv != issue.message_en


def test_a_file_of_another_type_behind_an_xlsx_name_is_refused():
    with pytest.raises(FileRefused) as caught:
        load_file(b"%PDF-1.4 not a workbook", "uppfoljning.xlsx")
    assert caught.value.code == "wrong_type"


def test_the_report_reads_errors_first_then_sheet_by_sheet_row_by_row():
    sheets = full_workbook()
    sheets["Uppdrag"][3][10] = "Lila"  # row 4
    sheets["Uppdrag"][1][5] = "Okänd enhet"  # row 2, found by a later rule
    sheets["Uppdrag"][2][11] = None  # a warning, row 3
    sheets["Ekonomi"][1][3] = "x"  # row 2 of the next sheet
    located = [(i.severity, i.sheet, i.row) for i in load(sheets).report.sorted()]
    assert located == [("error", "Uppdrag", 2), ("error", "Uppdrag", 4),
                       ("error", "Ekonomi", 2), ("warning", "Uppdrag", 3)]


def test_notices_never_crowd_out_the_errors_that_block_an_import():
    header = FINANCE_HEADER + [f"Okänd {n}" for n in range(250)]  # 250 unknown-column notices
    rows = [header, ["Ekonomienheten", "2018-T2", "P", "x", 1, 1]]  # then one error
    result = load({"Ekonomi": rows})
    assert result.report.counts == {"error": 1, "warning": 0, "notice": 250}
    assert len(result.report.issues) == 200
    assert [i.code for i in result.report.errors()] == ["bad_value"]
    assert result.report.sorted()[0].code == "bad_value"


def test_an_unreadable_period_is_reported_once():
    sheets = {"Ekonomi": [FINANCE_HEADER, ["Ekonomienheten", 43252, "Personal", 1, 1, 1]]}
    result = load(sheets)
    assert [(i.code, i.row, i.column) for i in result.report.errors()] == [("bad_value", 2, "B")]
