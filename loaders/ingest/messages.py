"""Every validation message, in Swedish and English, keyed by its reason code.

The templates take the same named fields in both languages. :func:`issue` builds an
:class:`~loaders.errors.Issue` from a code and those fields, so no message text is written
anywhere else in the loaders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from loaders.errors import Issue, Severity

# code -> (severity, Swedish template, English template)
MESSAGES = MappingProxyType({
    # sheets and columns
    "no_known_sheet": (
        "error",
        "Arbetsboken har inget blad som känns igen. Blad i filen: {found}. Förväntade blad: "
        "{expected}.",
        "The workbook has no sheet that is recognised. Sheets in the file: {found}. Expected "
        "sheets: {expected}.",
    ),
    "unknown_sheet": (
        "notice",
        "Bladet {sheet_name} känns inte igen och hoppas över.",
        "The sheet {sheet_name} is not recognised and is skipped.",
    ),
    "hidden_sheet": (
        "notice",
        "Bladet {sheet_name} är dolt men läses in som vanligt.",
        "The sheet {sheet_name} is hidden but is loaded as usual.",
    ),
    "duplicate_sheet": (
        "error",
        "Bladen {sheet_name} och {other} innehåller samma slags uppgifter. Behåll ett av dem.",
        "The sheets {sheet_name} and {other} hold the same kind of data. Keep only one.",
    ),
    "header_not_found": (
        "error",
        "Rubrikraden hittades inte bland de första 20 raderna. Saknade kolumner: {missing}.",
        "The header row was not found in the first 20 rows. Missing columns: {missing}.",
    ),
    "duplicate_column": (
        "error",
        "Kolumnen {header} finns flera gånger (kolumn {others}).",
        "The column {header} appears more than once (columns {others}).",
    ),
    "unknown_column": (
        "notice",
        "Kolumnen {header} känns inte igen och hoppas över.",
        "The column {header} is not recognised and is skipped.",
    ),
    "unnamed_column": (
        "notice",
        "Kolumn {column} har uppgifter men ingen rubrik och hoppas över.",
        "Column {column} holds data but has no header and is skipped.",
    ),
    # rows
    "empty_rows": (
        "notice",
        "{count} tomma rader hoppades över.",
        "{count} empty rows were skipped.",
    ),
    "total_row": (
        "notice",
        "Summeringsraden ({value}) hoppades över.",
        "The total row ({value}) was skipped.",
    ),
    "merged_cells": (
        "error",
        "Sammanfogade celler {value} bland uppgifterna. Dela upp dem och fyll i varje cell.",
        "Merged cells {value} among the data. Unmerge them and fill in every cell.",
    ),
    # cells
    "large_removal": (
        "warning",
        "Importen tar bort {removed} av {rows_now} rader i {sheet}{where} ({share} %, mer än "
        "{limit} %). Det som inte finns i filen försvinner: en fil med bara en avdelnings "
        "rader tar bort alla andras. Importen lagras bara om du uttryckligen säger ja.",
        "The import removes {removed} of {rows_now} rows of {sheet_en}{where_en} ({share} %, "
        "more than {limit} %). What is not in the file disappears: a file with one "
        "department's rows removes everyone else's. The import is stored only if you say "
        "yes explicitly.",
    ),
    "excel_error": (
        "error",
        "{header}: cellen har Excels felvärde {value}, en formel som inte gick att räkna ut. "
        "Rätta formeln i Excel eller skriv in värdet.",
        "{header}: the cell holds Excel's error value {value}, a formula that could not be "
        "calculated. Correct the formula in Excel or type the value.",
    ),
    "percent_not_allowed": (
        "error",
        "{header}: värdet {value} är en procentsats, men kolumnen håller {expected_sv}. "
        "Skriv talet utan procent (och utan procentformat i Excel).",
        "{header}: the value {value} is a percentage, but the column holds {expected}. "
        "Write the number without a percent sign (and without Excel's percent format).",
    ),
    "required_blank": (
        "error",
        "{header} måste fyllas i.",
        "{header} must be filled in.",
    ),
    "bad_value": (
        "error",
        "{header}: värdet {value} kan inte läsas. Förväntat: {expected_sv}.",
        "{header}: the value {value} cannot be read. Expected: {expected}.",
    ),
    "out_of_range": (
        "error",
        "{header}: värdet {value} är orimligt. Tillåtet: {expected_sv}.",
        "{header}: the value {value} is implausible. Allowed: {expected}.",
    ),
    "unknown_unit": (
        "error",
        "Enheten {value} finns inte bland enheterna (bladet Enheter).",
        "The unit {value} is not among the known units (the Units sheet).",
    ),
    "duplicate_key": (
        "error",
        "{value} förekommer flera gånger{in_period_sv} (även rad {others}).",
        "{value} appears more than once{in_period_en} (also row {others}).",
    ),
    "missing_comment": (
        "warning",
        "Uppdraget {value} har status {status_sv} men ingen kommentar.",
        "The assignment {value} has status {status_en} but no comment.",
    ),
    "interim_after_deadline": (
        "error",
        "Uppdraget {assignment} har en delredovisning efter slutredovisningen: {dates} är "
        "senare än Redovisas senast ({deadline}).",
        "The assignment {assignment} has an interim report after its final report: {dates} "
        "is later than Report due ({deadline}).",
    ),
    "duplicate_register_number": (
        "warning",
        "Diarienumret {value} finns på flera uppdrag (uppdraget {assignment}; även rad "
        "{others}).",
        "The register number {value} is on more than one assignment (the assignment "
        "{assignment}; also row {others}).",
    ),
    # the survey sheet (loaders/ingest/survey.py)
    "survey_bad_scale": (
        "error",
        "{header}: värdet {value} kan inte läsas. Förväntat: en skala som 1–5, eller andel.",
        "{header}: the value {value} cannot be read. Expected: a scale such as 1–5, or share.",
    ),
    "survey_out_of_scale": (
        "error",
        "{header}: värdet {value} ligger utanför skalan {scale}. Tillåtet: {expected}.",
        "{header}: the value {value} is outside the scale {scale}. Allowed: {expected}.",
    ),
    "survey_no_own_row": (
        "error",
        "Frågan {value} saknar egen rad (Organisation Vi eller Egen).",
        "The question {value} has no own row (Organisation Vi or Egen).",
    ),
    "survey_peer_count": (
        "error",
        "{subject_sv} har {count} jämförelseorganisationer; det ska vara mellan {low} och "
        "{high}.",
        "{subject_en} has {count} peer organisations; there must be between {low} and "
        "{high}.",
    ),
    # periods
    "period_missing": (
        "error",
        "Perioden saknas: lägg till kolumnen Period eller ange perioden vid importen.",
        "The period is missing: add a Period column or give the period at import.",
    ),
    "period_conflict": (
        "error",
        "Perioden {value} skiljer sig från den angivna perioden {period}.",
        "The period {value} differs from the period given at import, {period}.",
    ),
})


# A range of numbers as a survey scale names it ("1-5", "1 - 7"), written with the en dash
# of a range in both languages ("1–5"); only in the fields that hold a scale, never in a
# cell's value as written (nor in dates: "2018-06-30").
SCALE_RANGE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)\s*$")
SCALE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "survey_out_of_scale": ("scale", "expected", "expected_sv"),
}


def _ranges(code: str, fields: dict[str, object]) -> dict[str, object]:
    """``fields`` with the scales of ``code``'s message written "1–5"."""
    return {k: SCALE_RANGE.sub(r"\1–\2", v)
            if k in SCALE_FIELDS.get(code, ()) and isinstance(v, str) else v
            for k, v in fields.items()}


def issue(code: str, **fields: object) -> Issue:
    """An Issue for ``code``; location fields (sheet, row, column, header, value, expected)
    become both part of the Issue and of the message."""
    severity, sv, en = MESSAGES[code]
    fields = _ranges(code, fields)
    text = {k: ("" if v is None else v) for k, v in fields.items()}
    text.setdefault("expected_sv", text.get("expected", ""))
    location = {
        k: fields.get(k)
        for k in ("sheet", "row", "column", "header", "value", "expected")
    }
    location["expected_sv"] = fields.get("expected_sv", fields.get("expected"))
    if location["value"] is not None:
        location["value"] = str(location["value"])
    sev: Severity = severity  # type: ignore[assignment]
    return Issue(sev, code, sv.format(**text), en.format(**text), **location)
