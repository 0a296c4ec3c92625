"""Find the known sheets, their header row and their columns, however the export laid them out.

Names match through :func:`loaders.text.name_key` (case, spaces and å/ä/ö as a/o do not
matter). The header row is the first of the first :data:`HEADER_SEARCH_ROWS` rows that holds
every required header of the sheet, so title rows, dates and merged group titles above it
are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from loaders.specs import SHEET_DATASETS, Column, Dataset
from loaders.text import clean_text, name_key

HEADER_SEARCH_ROWS = 20


@cache
def _index() -> Mapping[str, Dataset]:
    """Sheet-name key -> dataset, built once (the specs are constant)."""
    return MappingProxyType({name_key(alias): d for d in SHEET_DATASETS
                             for alias in d.sheet_names})


def dataset_for_sheet(sheet_name: str) -> Dataset | None:
    """The dataset a sheet name (or a CSV file's stem) stands for, if any."""
    return _index().get(name_key(sheet_name))


def accepted_sheet_names() -> list[str]:
    return [alias for d in SHEET_DATASETS for alias in d.sheet_names]


@dataclass
class HeaderMatch:
    """Where a sheet's header is and which column holds which field."""

    row: int  # 0-based row of the header
    columns: dict[str, int]  # field -> 0-based column index
    headers: dict[str, str]  # field -> the header text as found in the file
    unknown: dict[int, str] = field(default_factory=dict)  # column -> header not recognised
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # field -> columns
    unnamed_with_data: list[int] = field(default_factory=list)  # columns without a header

    def column_of(self, field_name: str) -> int | None:
        return self.columns.get(field_name)


def _header_keys(column: Column) -> set[str]:
    return {name_key(h) for h in column.headers}


def _required_fields(dataset: Dataset) -> list[Column]:
    """Required columns that must be in the header (Period may come from the upload)."""
    return [c for c in dataset.columns if c.required and c.field != "period"]


def _match_row(cells: list[object], dataset: Dataset) -> HeaderMatch | None:
    keys = [name_key(t) if (t := clean_text(c)) else "" for c in cells]
    lookup = {k: col for col in dataset.columns for k in _header_keys(col)}
    found: dict[str, list[int]] = {}
    unknown: dict[int, str] = {}
    for index, key in enumerate(keys):
        if not key:
            continue
        column = lookup.get(key)
        if column is None:
            unknown[index] = clean_text(cells[index]) or ""
        else:
            found.setdefault(column.field, []).append(index)
    if any(c.field not in found for c in _required_fields(dataset)):
        return None
    return HeaderMatch(
        row=-1,
        columns={f: idx[0] for f, idx in found.items()},
        headers={f: clean_text(cells[idx[0]]) or "" for f, idx in found.items()},
        unknown=unknown,
        duplicates={f: idx for f, idx in found.items() if len(idx) > 1},
    )


def find_header(rows: list[list[object]], dataset: Dataset) -> HeaderMatch | None:
    """The header of a sheet, or ``None`` when no row of the first 20 holds it."""
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        match = _match_row(cells, dataset)
        if match is not None:
            match.row = index
            match.unnamed_with_data = _unnamed_columns(rows, index)
            return match
    return None


def _unnamed_columns(rows: list[list[object]], header_row: int) -> list[int]:
    header = rows[header_row]
    width = max((len(r) for r in rows[header_row + 1:]), default=0)
    blank = [i for i in range(width) if i >= len(header) or not clean_text(header[i])]
    return [
        i for i in blank
        if any(i < len(r) and clean_text(r[i]) for r in rows[header_row + 1:])
    ]


def missing_required(rows: list[list[object]], dataset: Dataset) -> list[str]:
    """Canonical headers of the required columns that the best candidate row lacks."""
    required = _required_fields(dataset)
    best: set[str] = set()
    for cells in rows[:HEADER_SEARCH_ROWS]:
        keys = {name_key(t) for c in cells if (t := clean_text(c))}
        present = {c.field for c in required if _header_keys(c) & keys}
        if len(present) > len(best):
            best = present
    return [c.header for c in required if c.field not in best]
