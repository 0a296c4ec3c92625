"""A percentage where an amount or a head count belongs is an error naming the cell (issue
17): "50 %" in a budget used to be read as 50 kronor. Real workbooks written by openpyxl."""

from __future__ import annotations

from loaders.ingest.workbook import LoadOptions, load_file
from tests.builders import Cell, full_workbook, xlsx_bytes


def errors(sheets) -> list:
    result = load_file(xlsx_bytes(sheets), "uppfoljning.xlsx", LoadOptions())
    assert not result.ok
    return [i for i in result.report.errors() if i.code == "percent_not_allowed"]


def test_percentages_in_money_and_counts_are_errors_naming_each_cell():
    sheets = full_workbook()
    sheets["Ekonomi"][1][3] = "50 %"  # Budget, D2
    sheets["Ekonomi"][2][4] = "12,5 %"  # Utfall, E3
    sheets["Ekonomi"][2][5] = Cell(0.5, "0%")  # Prognos, F3: a number Excel shows as 50 %
    sheets["Medarbetare"][1][2] = "10 %"  # Tillsvidare, C2
    sheets["Medarbetare"][2][4] = "85%"  # Årsarbetskrafter, E3
    found = {(i.sheet, f"{i.column}{i.row}", i.header, i.value) for i in errors(sheets)}
    assert found == {("Ekonomi", "D2", "Budget", "50 %"), ("Ekonomi", "E3", "Utfall", "12,5 %"),
                     ("Ekonomi", "F3", "Prognos", "50 %"),
                     ("Medarbetare", "C2", "Tillsvidare", "10 %"),
                     ("Medarbetare", "E3", "Årsarbetskrafter", "85%")}
    budget = next(i for i in errors(sheets) if i.header == "Budget")
    assert budget.message_sv == ("Budget: värdet 50 % är en procentsats, men kolumnen håller "
                                 "ett tal, t.ex. 1 234,5. Skriv talet utan procent (och utan "
                                 "procentformat i Excel).")
    assert "is a percentage" in budget.message_en


def test_a_share_column_still_takes_percentages():
    sheets = full_workbook()  # Sjukfrånvaro "3,5 %", a process value formatted as 81 %
    result = load_file(xlsx_bytes(sheets), "uppfoljning.xlsx", LoadOptions())
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    assert result.frames["staff"]["sick_leave"].tolist()[1] == 0.035
    assert result.frames["processes"]["value"].tolist()[1] == 81.0
