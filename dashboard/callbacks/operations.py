"""The assignments grid's rows, block by block, for AG Grid's infinite row model.

The grid asks for a block (``getRowsRequest``: startRow, endRow, sortModel, filterModel);
the selection comes from the address and the quick filter from its input, and only that
block goes back (``getRowsResponse``), with the count of matching rows. Typing in the quick
filter empties the grid's block cache in the browser, so the grid asks again.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback

from dashboard import ids
from dashboard.context import current
from dashboard.i18n import t
from dashboard.kpis import Selection, page_assignments
from dashboard.urlstate import parse


@callback(
    Output(ids.OPERATIONS_GRID, "getRowsResponse"),
    Output(ids.OPERATIONS_GRID_COUNT, "children"),
    Input(ids.OPERATIONS_GRID, "getRowsRequest"),
    State(ids.URL, "search"),
    State(ids.OPERATIONS_QUICK_FILTER, "value"),
    prevent_initial_call=True,
)
def assignment_rows(request, search, quick):
    frames = current().frames.current().frames
    state = parse(search, frames)
    request = request if isinstance(request, dict) else {}
    if state.period is None:
        return {"rowData": [], "rowCount": 0}, t("ops_grid_count", state.lang, count=0)
    rows, total = page_assignments(
        frames, Selection(state.period, state.department, state.unit),
        request.get("sortModel"), request.get("filterModel"),
        quick if isinstance(quick, str) else None,
        request.get("startRow", 0), request.get("endRow", 0), lang=state.lang)
    return {"rowData": rows, "rowCount": total}, t("ops_grid_count", state.lang, count=total)


clientside_callback(
    f"""function (quick) {{
        dash_ag_grid.getApiAsync("{ids.OPERATIONS_GRID}").then(
            function (api) {{ api.purgeInfiniteCache(); }});
    }}""",
    Input(ids.OPERATIONS_QUICK_FILTER, "value"),
    prevent_initial_call=True,
)
