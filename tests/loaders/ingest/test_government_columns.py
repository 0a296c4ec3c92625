"""The Uppdrag sheet's register columns (issue 18): Diarienummer, Departement, Redovisas
senast and Delredovisning, through the real entry point (an .xlsx written by openpyxl)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pandas as pd
import pytest

from loaders.ingest.values import BAD, parse_scalar
from loaders.ingest.workbook import LoadOptions, load_file
from loaders.specs import Kind
from tests.builders import xlsx_bytes

HEADER = ["Id", "Namn", "Typ", "Enhet", "Period", "Status", "Kommentar", "Diarienummer",
          "Departement", "Redovisas senast", "Delredovisning"]
UNITS = [["Enhet", "Avdelning"], ["Enheten för analys", "Analysavdelningen"]]


def load(rows: list[list[object]], header: list[str] = HEADER):
    data = xlsx_bytes({"Enheter": UNITS, "Uppdrag": [header, *rows]})
    return load_file(data, "uppdrag.xlsx", LoadOptions())


def row(id_: str, **cells: object) -> list[object]:
    values = {"Id": id_, "Namn": f"Uppdrag {id_}", "Typ": "Regeringsuppdrag",
              "Enhet": "Enheten för analys", "Period": "2018-T2", "Status": "Grön", **cells}
    return [values.get(h) for h in HEADER]


def issues(result, code: str) -> list:
    return [i for i in result.report.issues if i.code == code]


def test_the_register_columns_are_read_as_written():
    nfd = unicodedata.normalize("NFD", "Näringsdepartementet")
    result = load([
        row("RU-1", Diarienummer="  N2018/03216/RTS ", Departement=nfd,
            **{"Redovisas senast": dt.datetime(2019, 3, 1),
               "Delredovisning": "2019-01-15; 2018-10-01"}),
        row("RU-2", **{"Redovisas senast": "2018-12-31", "Delredovisning": dt.date(2018, 9, 1)}),
    ])
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    frame = result.frames["assignments"].set_index("id")
    assert frame.loc["RU-1", "register_number"] == "N2018/03216/RTS"
    assert frame.loc["RU-1", "ministry"] == "Näringsdepartementet"  # NFC, as Excel shows it
    assert frame.loc["RU-1", "report_due"] == pd.Timestamp("2019-03-01")
    assert frame.loc["RU-1", "interim_reports"] == "2018-10-01; 2019-01-15"  # in date order
    assert frame.loc["RU-2", "report_due"] == pd.Timestamp("2018-12-31")
    assert frame.loc["RU-2", "interim_reports"] == "2018-09-01"  # an Excel date cell


def test_english_headers_and_the_old_rapporteras_header_name_the_deadline():
    header = ["Id", "Name", "Type", "Unit", "Period", "Status", "Comment", "Register number",
              "Ministry", "Rapporteras", "Interim reports"]
    result = load([["RU-1", "A", "Government assignment", "Enheten för analys", "2018-T2",
                    "Green", None, "Fi2018/1", "Finansdepartementet", dt.date(2018, 11, 30),
                    "2018-10-01"]], header)
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    frame = result.frames["assignments"]
    assert frame.loc[0, "report_due"] == pd.Timestamp("2018-11-30")
    assert pd.isna(frame.loc[0, "end_date"])  # Rapporteras is no longer Slutdatum
    assert frame.loc[0, "register_number"] == "Fi2018/1"


def test_a_deadline_that_is_not_a_date_names_its_cell():
    result = load([row("RU-1", **{"Redovisas senast": "1 mars 2019"})])
    assert not result.ok
    [bad] = issues(result, "bad_value")
    assert (bad.sheet, bad.row, bad.column, bad.header) == ("Uppdrag", 2, "J", "Redovisas senast")
    assert "datum" in bad.message_sv


def test_an_interim_list_with_a_part_that_is_not_a_date_is_refused():
    result = load([row("RU-1", Delredovisning="2018-10-01; snart")])
    [bad] = issues(result, "bad_value")
    assert (bad.row, bad.column, bad.header) == (2, "K", "Delredovisning")
    assert "åtskilda av ;" in bad.message_sv and "separated by ;" in bad.message_en


def test_an_interim_report_after_the_final_deadline_is_an_error_naming_the_cell():
    result = load([
        row("RU-1", **{"Redovisas senast": dt.date(2018, 12, 31),
                       "Delredovisning": "2018-10-01; 2019-01-15"}),
        row("RU-2", **{"Redovisas senast": dt.date(2018, 12, 31),
                       "Delredovisning": "2018-12-31"}),  # on the day: allowed
    ])
    assert not result.ok
    [late] = issues(result, "interim_after_deadline")
    assert (late.severity, late.sheet, late.row, late.column) == ("error", "Uppdrag", 2, "K")
    assert late.header == "Delredovisning"
    assert "2019-01-15" in late.message_sv and "2018-12-31" in late.message_sv
    assert "RU-1" in late.message_en and "2018-10-01" not in late.message_sv.split(":")[1]


def test_one_register_number_on_two_assignments_is_a_warning_not_an_error():
    result = load([
        row("RU-1", Diarienummer="N2018/1"),
        row("RU-2", Diarienummer="n2018/1"),  # compared without case
        row("RU-3", Diarienummer="N2018/2"),
    ])
    assert result.ok
    [warning] = issues(result, "duplicate_register_number")
    assert (warning.severity, warning.row, warning.column) == ("warning", 3, "H")
    assert "RU-2" in warning.message_sv and "rad 2" in warning.message_sv


def test_the_same_register_number_in_two_tertials_is_the_same_assignment_not_a_warning():
    result = load([
        row("RU-1", Diarienummer="N2018/1"),
        row("RU-1", Diarienummer="N2018/1", Period="2018-T3"),
    ])
    assert result.ok and not issues(result, "duplicate_register_number")


@pytest.mark.parametrize(("cell", "expected"), [
    ("2019-01-15;2018-10-01", "2018-10-01; 2019-01-15"),
    ("2018-10-01; 2018-10-01;", "2018-10-01"),  # once each; a trailing ; is nothing
    (" 2018-10-01 ;; 2019-01-15 ", "2018-10-01; 2019-01-15"),
    (43343, "2018-08-31"),  # an Excel serial
    (dt.datetime(2018, 8, 31), "2018-08-31"),
    (" ; ", None),
])
def test_interim_dates_read(cell, expected):
    assert parse_scalar(Kind.DATES, cell) == expected


@pytest.mark.parametrize("cell", ["2018-10-01, 2019-01-15", "2018-10-01 12:30",
                                  "1 oktober 2018", "2018-13-01", True])
def test_interim_dates_refused(cell):
    assert parse_scalar(Kind.DATES, cell) is BAD
