"""Typed errors and the validation report.

Two kinds of trouble, kept apart on purpose:

* a *file* problem (wrong type, too big, encrypted, a zip bomb, ...) stops everything at once
  and is raised as :class:`FileRefused`;
* a *data* problem (a blank required cell, an unknown unit, ...) is collected as an
  :class:`Issue` in a :class:`Report`, so finance sees every problem of the workbook in one go.

Both carry their message in Swedish and English. They become user-facing text only at the
edges (the CLI, the upload callback).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from loaders.language import Language, pick

Severity = Literal["error", "warning", "notice"]

ISSUE_CAP = 200  # issues kept per report; the count of the rest is still reported
_RANK = {"error": 0, "warning": 1, "notice": 2}


@dataclass(frozen=True)
class Issue:
    """One problem (or notice) found in an upload, located as Excel shows it."""

    severity: Severity
    code: str  # stable reason code, e.g. "required_blank"
    message_sv: str
    message_en: str
    sheet: str | None = None  # the sheet's name as in the file
    row: int | None = None  # 1-based row number as Excel shows it
    column: str | None = None  # column letter, e.g. "C"
    header: str | None = None  # the header found in the file
    value: str | None = None  # the value found, as text
    expected: str | None = None  # what was expected, in English (codes are language neutral)
    expected_sv: str | None = None  # the same in Swedish (the same text where it has no words)

    def message(self, lang: Language = "sv") -> str:
        return pick(lang, self.message_sv, self.message_en)

    def location(self) -> str:
        """'Uppdrag!C7' style location, as far as it is known."""
        where = self.sheet or ""
        cell = f"{self.column or ''}{self.row or ''}"
        if where and cell:
            return f"{where}!{cell}"
        return where or cell

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    """Every issue found in one upload, capped at ``cap`` but counting them all."""

    cap: int = ISSUE_CAP
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "notice": 0})

    def add(self, issue: Issue) -> None:
        """Count every issue; keep up to ``cap``, the most severe first: once the report is
        full, an error takes the place of the last notice (or warning) kept, so notices can
        never hide the errors that block an import."""
        self.counts[issue.severity] += 1
        if len(self.issues) < self.cap:
            self.issues.append(issue)
            return
        rank = _RANK[issue.severity]
        for index in range(len(self.issues) - 1, -1, -1):
            if _RANK[self.issues[index].severity] > rank:
                del self.issues[index]
                self.issues.append(issue)
                return

    def extend(self, issues) -> None:
        for issue in issues:
            self.add(issue)

    @property
    def ok(self) -> bool:
        return self.counts["error"] == 0

    @property
    def truncated(self) -> int:
        """How many issues were counted but not kept."""
        return sum(self.counts.values()) - len(self.issues)

    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    def notices(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "notice"]

    def sorted(self) -> list[Issue]:
        """Errors first, then warnings, then notices; within each by sheet (in the order the
        sheets were met), row and column, as a reader goes through the workbook."""
        rank = _RANK
        sheets: dict[str | None, int] = {}
        for issue in self.issues:
            sheets.setdefault(issue.sheet, len(sheets))

        def key(issue: Issue) -> tuple:
            column = issue.column or ""
            return (rank[issue.severity], sheets[issue.sheet], issue.row or 0, len(column),
                    column)

        return sorted(self.issues, key=key)


class TertialError(Exception):
    """Base of the project's expected errors: each has a code and a message in two languages."""

    def __init__(self, code: str, message_sv: str, message_en: str, **details: object):
        super().__init__(message_en)
        self.code = code
        self.message_sv = message_sv
        self.message_en = message_en
        self.details = details

    def message(self, lang: Language = "sv") -> str:
        return pick(lang, self.message_sv, self.message_en)


class FileRefused(TertialError):
    """The file as a whole cannot be read: wrong type, too big, encrypted, unsafe, corrupt."""


class ImportRefused(TertialError):
    """The data was read but cannot be stored; ``report`` holds every issue found."""

    def __init__(self, report: Report, code: str = "invalid_data",
                 message_sv: str | None = None, message_en: str | None = None):
        n = report.counts["error"]
        super().__init__(
            code,
            message_sv or f"Importen avvisades: {n} fel måste rättas.",
            message_en or f"The import was refused: {n} errors must be fixed.",
        )
        self.report = report


class StoreError(TertialError):
    """A request to the store that cannot be carried out (unknown import, nothing to undo)."""
