"""The blank template workbook finance fills in: every sheet, its canonical headers, drop-downs.

Sheet names and headers come from :mod:`loaders.specs` (never retyped here), so the template
always matches what the reader expects. The helpers for headers, widths and number formats are
shared with the demo workbooks (:mod:`loaders.demo.workbook`).
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from loaders.periods import Tertial
from loaders.specs import (
    DATASETS,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SHEET_DATASETS,
    Column,
    Dataset,
    Kind,
)
from loaders.survey_sheet import template_dataset
from loaders.vocabulary import CODE_LABELS, VOCABULARIES
from loaders.xlsx_write import save_reproducibly

FIRST_LIST_YEAR, LAST_LIST_YEAR = 2017, 2030
VALIDATED_ROWS = 5000  # drop-downs cover rows 2..VALIDATED_ROWS
FORMAT_DOC = "docs/format.md"

REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")  # orange: required column
OPTIONAL_FILL = PatternFill("solid", fgColor="D9E1F2")  # light blue: optional column
BOLD = Font(bold=True)
COMMENT_AUTHOR = "Tertial"

# Number formats by kind; Excel shows "#,##0" as "1 234" in a Swedish locale.
KIND_FORMATS: dict[Kind, str] = {
    Kind.TEXT: "@",
    Kind.ID: "@",
    Kind.PERIOD: "@",
    Kind.NUMBER: "#,##0.0",
    Kind.COUNT: "0",
    Kind.PERCENT: "0.0%",
    Kind.DATE: "yyyy-mm-dd",
    Kind.DATES: "@",
}
# Columns whose format differs from their kind's: money in whole tkr, FTE with one decimal.
FIELD_FORMATS: dict[tuple[str, str], str] = {
    ("finance", "budget"): "#,##0",
    ("finance", "outcome"): "#,##0",
    ("finance", "forecast"): "#,##0",
    ("finance", "previous_forecast"): "#,##0",
}
KIND_WIDTHS: dict[Kind, int] = {Kind.TEXT: 28, Kind.ID: 14, Kind.DATE: 13, Kind.DATES: 24,
                                 Kind.PERIOD: 10}
FIELD_WIDTHS: dict[str, int] = {"name": 48, "comment": 60, "kpi": 34, "result_area": 32}

# The drop-downs, one column each on the hidden Listor sheet: the vocabularies, then periods.
LISTED_KINDS: tuple[Kind, ...] = (*VOCABULARIES, Kind.PERIOD)


def label(code: str) -> str:
    """The canonical Swedish workbook spelling of a vocabulary code ("green" -> "Grön")."""
    return CODE_LABELS[code]["sv"]


def number_format(dataset: Dataset, column: Column) -> str:
    """The Excel number format of a column ("General" when none applies)."""
    return FIELD_FORMATS.get((dataset.name, column.field), KIND_FORMATS.get(column.kind, "General"))


def column_width(column: Column) -> int:
    base = FIELD_WIDTHS.get(column.field, KIND_WIDTHS.get(column.kind, 14))
    return max(base, len(column.header) + 4)


def write_header(ws: Worksheet, dataset: Dataset, row: int = 1, notes: bool = True) -> None:
    """Canonical headers in ``row``: bold, required ones filled, freeze the rows above and it.

    With ``notes`` each header gets a comment saying whether it is required and its aliases.
    """
    for index, column in enumerate(dataset.columns, start=1):
        cell = ws.cell(row=row, column=index, value=column.header)
        cell.font = BOLD
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        if notes:
            cell.comment = Comment(_header_note(column), COMMENT_AUTHOR, width=260, height=90)
        ws.column_dimensions[get_column_letter(index)].width = column_width(column)
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate


def _header_note(column: Column) -> str:
    mark = "Obligatorisk / Required" if column.required else "Frivillig / Optional"
    aliases = ", ".join(column.headers[1:])
    lines = [mark, *([f"Även / Also: {aliases}"] if aliases else []),
             *([f"Exempel / Example: {column.example}"] if column.example else [])]
    return "\n".join(lines)


def period_labels() -> list[str]:
    """Tertial labels offered in the Period drop-down: 2017-T1 .. 2030-T3."""
    return [
        Tertial(year, number).label
        for year in range(FIRST_LIST_YEAR, LAST_LIST_YEAR + 1)
        for number in (1, 2, 3)
    ]


def list_values(kind: Kind) -> list[str]:
    """The values offered in a drop-down of this kind."""
    if kind is Kind.PERIOD:
        return period_labels()
    return [label(code) for code in VOCABULARIES[kind]]


def _write_lists(wb: Workbook) -> dict[Kind, str]:
    """Fill the hidden Listor sheet; return each list's range formula."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    ranges: dict[Kind, str] = {}
    for index, kind in enumerate(LISTED_KINDS, start=1):
        letter = get_column_letter(index)
        values = list_values(kind)
        ws.cell(row=1, column=index, value=kind.value).font = BOLD
        for offset, value in enumerate(values, start=2):
            ws.cell(row=offset, column=index, value=value)
        ranges[kind] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _add_validations(ws: Worksheet, dataset: Dataset, ranges: dict[Kind, str]) -> None:
    for index, column in enumerate(dataset.columns, start=1):
        if column.kind not in ranges:
            continue
        validation = DataValidation(
            type="list",
            formula1=ranges[column.kind],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ogiltigt värde / Invalid value",
            error=f"Välj ur listan för {column.header}. / Choose from the list.",
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
        ws.add_data_validation(validation)


def _format_columns(ws: Worksheet, dataset: Dataset) -> None:
    """Column-wide number formats, so typed values take the right format."""
    for index, column in enumerate(dataset.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].number_format = number_format(
            dataset, column
        )


# What each sheet is for, in Swedish and English (the required columns are added from specs).
PURPOSES: dict[str, tuple[str, str]] = {
    "units": ("Organisationen: varje enhet och dess avdelning.",
              "The organisation: every unit and its department."),
    "assignments": ("Uppdrag och aktiviteter, en rad per uppdrag och tertial, med status.",
                    "Assignments, one row per assignment and tertial, with a status."),
    "finance": ("Budget, ackumulerat utfall och prognos per enhet och post, i tkr.",
                "Budget, year-to-date outcome and forecast per unit and category, in tkr."),
    "staff": ("Antal anställda per enhet vid tertialens slut, sjukfrånvaro och omsättning.",
              "Headcount per unit at the tertial's end, sick leave and turnover."),
    "processes": ("Nyckeltal för processerna. Tom Enhet = hela myndigheten.",
                  "Key figures of the processes. Blank unit = the whole agency."),
    "kpi_settings": ("Frivilliga inställningar: mål, riktning och gul gräns per nyckeltal.",
                     "Optional settings: target, direction and yellow tolerance per key figure."),
    "survey": ("Enkät jämförd med andra organisationer: en rad per fråga, vårt värde i Värde "
               "och en kolumn per jämförd organisation till höger om Antal svar. Skala 1-5 "
               "eller andel. Ingen tertial: en ny import ersätter sina mätningar.",
               "A survey compared with other organisations: one row per question, our value "
               "in Värde and one column per peer to the right of Antal svar. Scale 1-5 or "
               "share. No tertial: a new import replaces its measurements."),
}

GENERAL_NOTES: tuple[tuple[str, str, str], ...] = (
    ("Obligatoriskt", "Orange rubriker är obligatoriska; blå är frivilliga. Håll muspekaren "
     "över en rubrik för att se andra godkända namn.", "Orange headers are required; blue "
     "ones are optional. Hover over a header to see the other accepted names."),
    ("Period", "Tertial skrivs 2018-T2 (T1 = jan-apr, T2 = maj-aug, T3 = sep-dec). Perioden "
     "kan utelämnas om den anges vid uppladdningen.", "Tertials are written 2018-T2 "
     "(T1 = Jan-Apr, T2 = May-Aug, T3 = Sep-Dec). The period may be left out when it is "
     "given at upload."),
    ("Belopp", "Belopp i tusentals kronor (tkr). Utfall är ackumulerat till tertialens slut; "
     "budget och prognos gäller helår.", "Amounts in thousands of SEK (tkr). The outcome is "
     "year-to-date; budget and forecast are full-year."),
    ("Procent", "Sjukfrånvaro, personalomsättning och gul gräns anges i procent, t.ex. 4,5 %.",
     "Sick leave, turnover and yellow tolerance are percentages, e.g. 4.5 %."),
    ("Datum", "Datum skrivs ÅÅÅÅ-MM-DD, t.ex. 2018-08-31.",
     "Dates are written YYYY-MM-DD, e.g. 2018-08-31."),
    ("Blad", "Behåll bladens och kolumnernas namn. Tomma blad kan lämnas kvar eller tas bort.",
     "Keep the sheet and column names. Empty sheets may be kept or removed."),
    ("Mer information", f"Hela formatet beskrivs i {FORMAT_DOC}.",
     f"The full format is described in {FORMAT_DOC}."),
)


def _instruction_rows() -> Iterable[tuple[str, str, str]]:
    yield ("Blad / Sheet", "Innehåll", "Contents")
    for dataset in SHEET_DATASETS:
        sv, en = PURPOSES[dataset.name]
        required = ", ".join(c.header for c in dataset.columns if c.required)
        yield (dataset.sheet, f"{sv} Obligatoriska kolumner: {required}.",
               f"{en} Required columns: {required}.")
    yield ("", "", "")
    yield ("Ämne / Topic", "Så fyller du i", "How to fill it in")
    yield from GENERAL_NOTES


def _write_instructions(ws: Worksheet) -> None:
    ws["A1"] = "Mall för tertialuppföljning / Template for the tertial follow-up"
    ws["A1"].font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    for offset, values in enumerate(_instruction_rows(), start=3):
        for index, value in enumerate(values, start=1):
            cell = ws.cell(row=offset, column=index, value=value or None)
            cell.alignment = wrap
            if index == 1 or values[0].endswith("/ Sheet") or values[0].endswith("/ Topic"):
                cell.font = BOLD
    for letter, width in (("A", 20), ("B", 70), ("C", 70)):
        ws.column_dimensions[letter].width = width


def build_template() -> Workbook:
    """The blank template as an openpyxl workbook (no data rows)."""
    wb = Workbook()
    _write_instructions(wb.active)
    wb.active.title = INSTRUCTIONS_SHEET
    layouts = (*DATASETS, template_dataset())
    sheets = [(wb.create_sheet(dataset.sheet), dataset) for dataset in layouts]
    ranges = _write_lists(wb)
    for ws, dataset in sheets:
        write_header(ws, dataset)
        _format_columns(ws, dataset)
        _add_validations(ws, dataset, ranges)
    wb.active = 0
    return wb


def write_template(path_or_buffer: str | PathLike[str] | BinaryIO) -> None:
    """Write the blank template workbook to a path or a binary buffer."""
    save_reproducibly(build_template(), path_or_buffer)


if __name__ == "__main__":  # pragma: no cover - convenience: python -m loaders.template OUT
    import sys

    write_template(sys.argv[1] if len(sys.argv) > 1 else "data/uppfoljning_mall.xlsx")
