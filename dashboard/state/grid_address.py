"""The assignments grid's own part of the address: search, sort and column filters.

``/verksamhet?period=2018-T2&sok=öppna+data&sortera=-end_date,id&status=red,yellow
&filter={"unit":{"filterType":"text","type":"contains","filter":"statistik"}}`` opens the
grid as it was left, so a head can bookmark it and a reload keeps it. The browser writes
these parts (``dashboard/callbacks/operations.py``, without reloading the page); the page
reads them back here. Everything is checked: a column the grid does not have, a filter type
it does not know, a status that is not one, a text too long, malformed JSON are dropped,
never an error; the rest of the address is the shell's (:mod:`dashboard.state.address`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dashboard.kpis.assignments import (
    DATE_TESTS,
    DEFAULT_SORT,
    GRID_COLUMNS,
    TEXT_TESTS,
    status_choice,
)

SEARCH, SORT, STATUS, FILTER = "sok", "sortera", "status", "filter"
PARAMS: tuple[str, ...] = (SEARCH, SORT, STATUS, FILTER)
NO_STATUS = "ingen"  # every box unticked: no rows (an empty value would drop out)
MAX_TEXT = 200  # longest search or filter text kept
MAX_SORT = 3  # columns of a sort kept
DATE_COLUMNS = frozenset({"end_date"})


@dataclass(frozen=True)
class GridView:
    """What the address asks of the grid: the search text, the sort model (AG Grid's
    shape), and the filter model (AG Grid's shape, the status set under ``status``)."""

    quick: str | None = None
    sort: tuple[Mapping[str, str], ...] = DEFAULT_SORT
    filters: Mapping[str, Mapping] = field(default_factory=dict)


def _sort(text: str | None) -> tuple[Mapping[str, str], ...]:
    """``-end_date,id`` -> end date descending, then id; unknown columns dropped."""
    items: list[Mapping[str, str]] = []
    for part in (text or "").split(","):
        part = part.strip()
        column = part.lstrip("-")
        if column in GRID_COLUMNS and column not in {i["colId"] for i in items}:
            items.append({"colId": column, "sort": "desc" if part.startswith("-") else "asc"})
    return tuple(items[:MAX_SORT]) or DEFAULT_SORT


def _status(text: str | None) -> Mapping | None:
    """``red,yellow`` -> the set filter's model; ``ingen`` -> the empty set; no known
    status (or none given) -> no filter."""
    if text is None:
        return None
    if text.strip() == NO_STATUS:
        return {"filterType": "set", "values": []}
    values = status_choice([v.strip() for v in text.split(",")])
    return {"filterType": "set", "values": values} if values else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) <= MAX_TEXT else None


def _column_filter(column: str, model: object) -> Mapping | None:
    """One column's text or date filter as the grid's own filters make it, or None."""
    if not isinstance(model, Mapping):
        return None
    if column in DATE_COLUMNS:
        kind, tests, values = "date", DATE_TESTS, ("dateFrom", "dateTo")
    else:
        kind, tests, values = "text", TEXT_TESTS, ("filter",)
    if model.get("filterType") != kind or model.get("type") not in tests:
        return None
    kept = {name: _text(model.get(name)) for name in values if model.get(name) is not None}
    if any(v is None for v in kept.values()):
        return None
    return {"filterType": kind, "type": model["type"], **kept}


def _filters(text: str | None) -> dict[str, Mapping]:
    try:
        given = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(given, Mapping):
        return {}
    found = {c: _column_filter(c, m) for c, m in given.items()
             if c in GRID_COLUMNS and c != "status"}
    return {c: m for c, m in found.items() if m is not None}


def grid_view(page: Iterable[tuple[str, str]]) -> GridView:
    """The grid's view from the address's page parts (``ViewState.page``)."""
    given = {name: value for name, value in page if name in PARAMS}
    quick = (given.get(SEARCH) or "").strip()[:MAX_TEXT] or None
    filters = _filters(given.get(FILTER))
    status = _status(given.get(STATUS))
    if status is not None:
        filters["status"] = status
    return GridView(quick, _sort(given.get(SORT)), filters)
