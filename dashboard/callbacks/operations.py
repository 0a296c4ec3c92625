"""The assignments grid's rows, block by block, for AG Grid's infinite row model.

The grid asks for a block (``getRowsRequest``: startRow, endRow, sortModel, filterModel);
the selection comes from the address and the quick filter from its input, and only that
block goes back (``getRowsResponse``), with the count of matching rows. Typing in the quick
filter empties the grid's block cache in the browser, so the grid asks again.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import Input, Output, State, callback, clientside_callback

from dashboard import ids
from dashboard.kpis import Selection, page_rows, sorted_assignments
from dashboard.kpis.assignments import DEFAULT_SORT
from dashboard.kpis.prepared import memoized
from dashboard.state.address import parse
from dashboard.state.grid_address import FILTER, NO_STATUS, SEARCH, SORT, STATUS
from dashboard.state.grid_address import PARAMS as GRID_PARAMS
from dashboard.text.i18n import t
from dashboard.web.auth import reach
from dashboard.web.context import current

SortKey = tuple[tuple[str | None, str], ...]
DEFAULT = ",".join(("-" if i["sort"] == "desc" else "") + i["colId"] for i in DEFAULT_SORT)


def _sort_key(sort_model: object) -> SortKey:
    """The parts of AG Grid's sort model the sorting reads, hashable (forged items: None)."""
    items = sort_model if isinstance(sort_model, list | tuple) else []
    return tuple((i.get("colId") if isinstance(i.get("colId"), str) else None,
                  "desc" if i.get("sort") == "desc" else "asc")
                 for i in items if isinstance(i, Mapping))


def _sorted_table(frames: Mapping[str, pd.DataFrame], selection: Selection, sort: SortKey,
                  lang: str) -> pd.DataFrame:
    """The selection's assignments in the grid's order, kept per data version (see
    :mod:`dashboard.kpis.prepared`): every block the grid asks for while the reader scrolls
    is then a filter and a slice, not a new table and sort. Read-only for the callers."""
    model = [{"colId": column, "sort": order} for column, order in sort]
    return memoized(frames, ("grid.sorted", selection, sort, lang),
                    lambda: sorted_assignments(frames, selection, model, lang))


def page_assignments(frames: Mapping[str, pd.DataFrame], selection: Selection,
                     sort_model: object, filter_model: object, quick: str | None,
                     start: int, end: int,
                     lang: str = "sv") -> tuple[list[dict], int]:
    """What :func:`dashboard.kpis.page_assignments` gives (the block and the count of
    matching rows), the sorted table taken from the per-version cache."""
    table = _sorted_table(frames, selection, _sort_key(sort_model), lang)
    return page_rows(table, filter_model, quick, start, end, lang)


@callback(
    Output(ids.OPERATIONS_GRID, "getRowsResponse"),
    Output(ids.OPERATIONS_GRID_COUNT, "children"),
    Input(ids.OPERATIONS_GRID, "getRowsRequest"),
    State(ids.URL, "search"),
    State(ids.OPERATIONS_QUICK_FILTER, "value"),
    prevent_initial_call=True,
)
def assignment_rows(request, search, quick):
    state = parse(search, current().frames.current().frames, reach())
    frames = current().frames.for_view(state.period, state.shows_current)[0].frames
    request = request if isinstance(request, dict) else {}
    if state.period is None:
        return {"rowData": [], "rowCount": 0}, t("operations.grid_count", state.lang, count=0)
    rows, total = page_assignments(
        frames, Selection(state.period, state.department, state.unit),
        request.get("sortModel"), request.get("filterModel"),
        quick if isinstance(quick, str) else None,
        request.get("startRow", 0), request.get("endRow", 0), lang=state.lang)
    return {"rowData": rows, "rowCount": total}, t("operations.grid_count", state.lang, count=total)


# The grid's search, sort and filters written into the address as the reader changes them
# (``dashboard.state.grid_address`` reads them back), in the order the shell writes an
# address (its own parts, the grid's, the language last), without reloading the page:
# ``replaceState`` is not a navigation, so Dash's pages do not draw the page again. The
# shell's address (``ids.URL``) is told too: the filter bar builds the next address from it,
# so a change of tertial or department keeps the grid's parts (its callback finds the
# address already as it would write it, and answers nothing).
clientside_callback(
    f"""function (request, quick) {{
        if (!request) {{ return; }}
        var given = new URLSearchParams(window.location.search);
        var params = new URLSearchParams();
        var mine = {list(GRID_PARAMS)!r};
        given.forEach(function (value, key) {{
            if (mine.indexOf(key) < 0 && key !== "lang") {{ params.append(key, value); }}
        }});
        var sort = (request.sortModel || []).map(function (s) {{
            return (s.sort === "desc" ? "-" : "") + s.colId; }}).join(",");
        var filters = Object.assign({{}}, request.filterModel || {{}});
        var status = filters.status;
        delete filters.status;
        var parts = [
            ["{SEARCH}", (quick || "").trim()],
            ["{SORT}", sort === "{DEFAULT}" ? "" : sort],
            ["{STATUS}", status && Array.isArray(status.values)
                ? (status.values.length ? status.values.join(",") : "{NO_STATUS}") : ""],
            ["{FILTER}", Object.keys(filters).length ? JSON.stringify(filters) : ""]];
        var same = parts.every(function (p) {{ return (given.get(p[0]) || "") === p[1]; }});
        if (same) {{ return; }}  // the shell's part of the address is never rewritten here
        parts.forEach(function (p) {{ if (p[1]) {{ params.append(p[0], p[1]); }} }});
        if (given.get("lang")) {{ params.append("lang", given.get("lang")); }}
        var search = params.toString();
        var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
        if (url !== window.location.pathname + window.location.search + window.location.hash) {{
            window.history.replaceState(window.history.state, "", url);
        }}
        window.dash_clientside.set_props("{ids.URL}", {{search: window.location.search}});
    }}""",
    Input(ids.OPERATIONS_GRID, "getRowsRequest"),
    State(ids.OPERATIONS_QUICK_FILTER, "value"),
    prevent_initial_call=True,
)


clientside_callback(
    f"""function (quick) {{
        dash_ag_grid.getApiAsync("{ids.OPERATIONS_GRID}").then(
            function (api) {{ api.purgeInfiniteCache(); }});
    }}""",
    Input(ids.OPERATIONS_QUICK_FILTER, "value"),
    prevent_initial_call=True,
)
