"""The check report as a workbook the finance officer can keep beside the file to correct.

One row per issue, in the report's order (errors first): severity, sheet, the row as Excel
shows it, the column letter and its header, the value found, what was expected and the
problem, in the chosen language. Header frozen, auto-filter on. Every text from the uploaded
file goes through :func:`loaders.xlsx_write.safe_text`, so a hostile cell is shown, not run.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from dashboard.text.i18n import t
from loaders.language import english, language
from loaders.xlsx_write import safe_text

COLUMNS: tuple[tuple[str, str, int], ...] = (  # (issue field, header key, width)
    ("severity", "upload.column_severity", 12), ("sheet", "upload.column_sheet", 16),
    ("row", "upload.column_row", 8), ("column", "upload.column_column", 10),
    ("header", "upload.column_header", 22), ("value", "upload.column_value", 24),
    ("expected", "upload.column_expected", 30), ("problem", "upload.column_problem", 70),
)


def _cells(issue: dict, lang: str) -> list[object]:
    message = issue.get(f"message_{language(lang)}")
    expected = issue.get("expected") if english(lang) else (
        issue.get("expected_sv") or issue.get("expected"))  # a check from before expected_sv
    values = {**issue, "problem": message, "expected": expected, "value": _found(issue),
              "severity": t(f"upload.severity_{issue.get('severity', 'error')}", lang)}
    return [safe_text(values.get(field)) for field, _, _ in COLUMNS]


# A number written plainly: a sign, digits without leading zeros or thousands spaces, one
# decimal mark. Shown in the report as the number it is; anything else as the text it was.
PLAIN_NUMBER = re.compile(r"[-\u2212]?(?:0|[1-9][0-9]{0,14})(?:[.,][0-9]{1,15})?")


def _found(issue: dict) -> object:
    """The value found; a plain number as the number (``-5`` is -5, not the text "'-5" that
    the formula guard makes of a text starting with a minus)."""
    value = issue.get("value")
    if not isinstance(value, str) or not PLAIN_NUMBER.fullmatch(value):
        return value
    number = float(value.replace("\u2212", "-").replace(",", "."))
    return int(number) if number.is_integer() else number


def report_workbook(issues: list[dict], lang: str = "sv") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = t("upload.report_sheet", lang)
    sheet.append([t(key, lang) for _, key, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, number).column_letter].width = width
    for issue in issues:
        sheet.append(_cells(issue, lang))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
