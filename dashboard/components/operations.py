"""Builders of the Verksamhet page: headline, charts with their tables, changes, the grid.

Each builder takes plain values (the ``operations()`` dict, a figure dict, the language) and
returns Dash components; the page module only puts them together. Statuses are always a
word with a symbol, never colour alone. The grid gets no rows here: AG Grid's infinite row
model asks the server for each block (``dashboard.callbacks.operations``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.components.cards import status_label
from dashboard.components.graph import drawn_height, graph
from dashboard.figures import figure_table, figure_title, status_by_group_figure
from dashboard.kpis.assignments import DEFAULT_SORT, STATUS_CODES
from dashboard.state.grid_address import GridView
from dashboard.text.i18n import t
from dashboard.views import headline as table
from dashboard.views.headline import CHANGE_KINDS

BLOCK_SIZE = 100
DEFAULT_HEIGHT = 450  # plotly's own default, for figures that set none
ROW_HEIGHT = 80  # three lines of wrapped text; the infinite row model has no auto height
CELL_STYLE = {"lineHeight": "1.35rem", "paddingTop": "0.35rem", "paddingBottom": "0.35rem"}
# AG Grid's own words (filter menus, overlays, the paging bar) -> our translation keys
GRID_LOCALE: dict[str, str] = {
    key: f"grid.{key}" for key in (
        "contains", "notContains", "equals", "notEqual", "startsWith", "endsWith", "blank",
        "notBlank", "lessThan", "greaterThan", "inRange", "andCondition", "orCondition",
        "filterOoo", "dateFormatOoo", "noRowsToShow", "loadingOoo", "before", "after",
        # what AG Grid tells a screen reader (WCAG 3.1.2: in the page's language)
        "ariaSortableColumn", "ariaFilterColumn", "ariaFilterMenuOpen", "ariaColumnFiltered",
        "ariaLabelColumnFilter", "ariaFilteringOperator", "ariaFilterValue",
        "ariaFilterFromValue", "ariaFilterToValue", "ariaFilterInput", "ariaDateFilterInput",
        "ariaLabelTooltip", "resetFilter", "ariaLabelColumnMenu", "ariaSkeletonCellLoading",
        "ariaSkeletonCellLoadingFailed",
        # the paging bar (the audit log pages its rows)
        "page", "of", "to", "more", "firstPage", "previousPage", "nextPage", "lastPage",
        "pageSizeSelectorLabel", "ariaPageSizeSelectorLabel")
}
# The grid is one stop in the page's Tab order (as in WAI-ARIA's grid pattern): Tab enters
# it on the column headers, arrow keys move between headers and cells, Enter sorts, Ctrl+Enter
# opens a column's filter, and the next Tab leaves the grid. AG Grid's own Tab walks every
# cell of every row, hundreds of presses to get past.
KEYBOARD = {"tabToNextCell": {"function": "false"}, "tabToNextHeader": {"function": "false"}}
TEXT_FILTER = {"filter": "agTextColumnFilter",
               "filterParams": {"buttons": ["reset"], "maxNumConditions": 1,
                                "filterOptions": ["contains", "notContains", "equals",
                                                  "startsWith", "blank", "notBlank"]}}
DATE_FILTER = {"filter": "agDateColumnFilter",
               "filterParams": {"buttons": ["reset"], "maxNumConditions": 1,
                                "filterOptions": ["equals", "lessThan", "greaterThan",
                                                  "inRange", "blank"]}}


def headline(ops: dict, lang: str) -> html.Section:
    """The headline table's figures (``dashboard.views.headline``): assignments, the three
    status shares, government assignments and the new ones."""
    figures = table.rows(ops, lang)
    return html.Section([
        html.H2(t("operations.headline", lang)),
        html.P(status_label(ops.get("status"), lang),
               className=f"status {ops.get('status') or 'none'}"),
        html.Dl([html.Div([html.Dt(label), html.Dd(value)], className="figure")
                 for label, value in figures]),
    ], className="perspective operations-headline")


def built_table(rows: list[dict], caption: str | None = None,
                table_class: str = "figure-table") -> html.Div:
    """A chart's rows as a table drawn in the browser: a ``div.built-table`` holding them as
    data, which ``assets/built_tables.js`` draws as ``table.figure-table`` (column headers,
    the first cell of a row its header; ``caption`` and ``table_class`` when given) as soon
    as the page shows it, open or not.

    Not sent as components: a goal table can hold hundreds of rows (a department's at 100 000
    assignments: almost a thousand cells), and each Dash component of a page costs the
    browser on every filter change (Dash's renderer checks each one on every store update,
    the page's components are all drawn anew)."""
    headers = list(rows[0]) if rows else []
    data: dict = {"headers": headers, "rows": [[str(row[h]) for h in headers] for row in rows]}
    if caption:
        data["caption"] = caption
    if table_class != "figure-table":
        data["className"] = table_class
    return html.Div(className="built-table",
                    **{"data-table": json.dumps(data, ensure_ascii=False)})


def chart(figure: dict, label: str, lang: str, rows: list[dict] | None = None) -> html.Figure:
    """A chart named for screen readers by its title, with its data as a table below (or
    ``rows``, when the table holds more than the chart draws)."""
    title = figure_title(figure) or label
    rows = figure_table(figure) if rows is None else rows
    alternative = [html.Details([html.Summary(t("page.show_table", lang)), built_table(rows)])] \
        if rows else []
    height = drawn_height(figure) or DEFAULT_HEIGHT  # a long title's lines included
    chart_graph = graph(figure, lang, style={"height": f"{height}px"})
    return html.Figure([chart_graph] + alternative,
                       className="chart", **{"aria-label": title})


# A chart draws at most this many groups: those with the largest shares of red, then of
# yellow; its table holds them all. A department of 170 units at 100 000 assignments drew a
# 13 000 px chart of 510 labelled bars: seconds of the browser's time on every filter change.
CHART_GROUPS = 25


def _worst(table: pd.DataFrame, by: str) -> pd.DataFrame:
    return table.sort_values(["red_share", "yellow_share", by],
                             ascending=[False, False, True]).head(CHART_GROUPS)


def group_chart(by: str, table: pd.DataFrame | None, lang: str) -> html.Figure:
    """The statuses per group of ``by`` (``kpis.status_by_group``'s table) as a chart with
    its table; more than :data:`CHART_GROUPS` groups: the chart draws the worst of them and
    says so in its title, the table holds them all."""
    label = t("card.operations", lang)
    full = status_by_group_figure(table, lang, by=by)
    if table is None or len(table) <= CHART_GROUPS:
        return chart(full, label, lang)
    title = t("fold.chart_worst", lang, title=figure_title(full), shown=CHART_GROUPS,
              total=len(table))
    shown = status_by_group_figure(_worst(table, by), lang, by=by, title=title)
    return chart(shown, label, lang, rows=figure_table(full))


def _change_item(item: dict, lang: str) -> html.Li:
    """``RU-1 Name (Unit): ● Grön → ▲ Gul``; a missing side reads "–". One text, no
    components inside: a list holds a component per change, mounted anew on every filter
    change."""
    before, after = item.get("from"), item.get("to")
    move = f"{status_label(before, lang)} → {status_label(after, lang)}"
    return html.Li(f"{item.get('id') or ''} {item.get('name') or ''}"
                   f" ({item.get('unit') or '–'}): {move}")


def changes(ops: dict, lang: str) -> html.Section:
    """Worse, better, new and gone assignments since the previous tertial, as lists (in the
    one order of ``CHANGE_KINDS``)."""
    previous = ops.get("previous_period")
    if previous is None:
        return html.Section([html.H2(t("operations.changes_heading_none", lang)),
                             html.P(t("operations.no_previous", lang))], className="changes")
    parts = [html.H2(t("operations.changes_heading", lang, previous=previous))]
    for kind in CHANGE_KINDS:
        change = ops["changes"][kind]
        items = change["items"]
        parts.append(html.H3(t(f"operations.change_{kind}", lang, count=change["count"])))
        parts.append(html.Ul([_change_item(i, lang) for i in items]) if items
                     else html.P(t("operations.change_none", lang)))
    return html.Section(parts, className="changes")


def _column(field: str, lang: str, header: str | None = None, **extra: object) -> dict:
    return {"field": field, "colId": field,
            "headerName": t(header or f"operations.col_{field}", lang), **TEXT_FILTER, **extra}


# A status cell's colour by its code (the word and symbol are its text); loading rows of the
# infinite row model have no data yet
STATUS_CLASSES = {f"grid-status {code}": f"params.data && params.data.code === '{code}'"
                  for code in STATUS_CODES}
MISSING_COMMENT = {"grid-comment-missing": "params.data && params.data.comment_missing"}


def _status_column(lang: str) -> dict:
    """Status as word, symbol and colour, filtered by a set of check boxes
    (``assets/grid_head.js``: AG Grid Community has no set filter)."""
    return {
        "field": "status", "colId": "status", "headerName": t("operations.col_status", lang),
        "width": 150, "cellClassRules": STATUS_CLASSES,
        "filter": {"component": "StatusSetFilter",
                   "doesFilterPass": {"function": "statusFilterPasses"}},
        "filterParams": {"choices": [{"value": c, "label": status_label(c, lang)}
                                     for c in STATUS_CODES],
                         "legend": t("grid_head.status_legend", lang),
                         "allLabel": t("grid_head.status_all", lang)},
    }


def column_defs(lang: str, last_day: dt.date,
                sort: Sequence[Mapping[str, str]] = DEFAULT_SORT) -> list[dict]:
    """The grid's columns. Names and comments wrap over up to three lines, and their tooltip
    shows the whole text (the infinite row model cannot grow a row to fit its text); a
    focused cell shows it too (``assets/base.css``), for the keyboard. ``sort`` is the
    order the grid opens in (its header arrows); without one the server's default holds."""
    columns = [
        _column("id", lang, width=150),
        _column("name", lang, flex=2, minWidth=220, wrapText=True, tooltipField="name"),
        # status and its comment next to the name: what a head reads first
        _status_column(lang),
        _column("comment", lang, flex=3, minWidth=260, wrapText=True, tooltipField="comment",
                cellClassRules=MISSING_COMMENT),
        _column("department", lang, "grid_head.col_department", width=190),
        _column("unit", lang, width=200),
        _column("owner", lang, "grid_head.col_owner", width=170),
        _column("type", lang, width=170),
        {**_column("end_date", lang, width=140), **DATE_FILTER},
        _column("ends_soon", lang, width=160,
                headerName=t("operations.col_ends_soon", lang, date=last_day.isoformat())),
    ]
    order = {item["colId"]: (i, item["sort"]) for i, item in enumerate(sort)}
    for column in columns:
        if column["colId"] in order:
            column["sortIndex"], column["sort"] = order[column["colId"]]
    return columns


def grid(lang: str, last_day: dt.date, view: GridView | None = None) -> html.Section:
    """The assignments grid with its quick filter and the count of matching rows, opened
    on the search, sort and filters the address keeps (``view``)."""
    view = view or GridView()
    initial = {"filter": {"filterModel": dict(view.filters)}} if view.filters else {}
    return html.Section([
        html.H2(t("operations.grid_heading", lang), id=ids.OPERATIONS_GRID_HEADING),
        html.P(t("operations.grid_help", lang, date=last_day.isoformat()), className="help"),
        html.P(t("grid_head.order_help", lang), className="help"),
        html.Label(t("operations.quick_filter", lang), htmlFor=ids.OPERATIONS_QUICK_FILTER),
        dcc.Input(id=ids.OPERATIONS_QUICK_FILTER, type="search", debounce=0.4, value=view.quick,
                  placeholder=t("operations.quick_placeholder", lang), className="quick-filter"),
        html.P(id=ids.OPERATIONS_GRID_COUNT, role="status", **{"aria-live": "polite"}),
        dag.AgGrid(
            id=ids.OPERATIONS_GRID,
            rowModelType="infinite",
            columnDefs=column_defs(lang, last_day, view.sort),
            defaultColDef={"sortable": True, "resizable": True, "filter": True,
                           "cellStyle": CELL_STYLE},
            dashGridOptions={
                "rowHeight": ROW_HEIGHT, "cacheBlockSize": BLOCK_SIZE, "maxBlocksInCache": 10,
                "infiniteInitialRowCount": 1, "rowBuffer": 0, "tooltipShowDelay": 300,
                "localeText": {key: t(text_key, lang) for key, text_key in GRID_LOCALE.items()},
                "enableCellTextSelection": True, "ensureDomOrder": True, **KEYBOARD,
                # every column's cells drawn (ten columns): the reader's search or sort
                # never lands on a cell not there yet
                "suppressColumnVirtualisation": True,
                **({"initialState": initial} if initial else {}),
            },
            style={"height": "560px", "width": "100%"},
        ),
    ], className="assignments", **{"aria-labelledby": ids.OPERATIONS_GRID_HEADING})
