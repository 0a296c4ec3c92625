"""The one builder of the perspective pages: a spec (``dashboard.views.perspectives``) laid out.

A page shows a heading with the period and the scope, the headline figures as cards, notes
(what to read the figures against, what is missing or hidden, and why), and chart blocks:
each chart in a ``figure`` element named by its title, with the same data as a table behind
a "Show as table" disclosure. :func:`perspective_view` builds it from a state and frames
(tests call it without an app); :func:`perspective_layout` gives the page's ``layout``.
"""

from __future__ import annotations

from collections.abc import Callable

import dash_ag_grid as dag
from dash import html

from dashboard import ids
from dashboard.components.adoption import adoption_line
from dashboard.components.cards import card
from dashboard.components.graph import graph
from dashboard.components.operations import GRID_LOCALE, KEYBOARD, built_table
from dashboard.figures import figure_table, figure_title
from dashboard.kpis import Selection
from dashboard.kpis.prepared import memoized
from dashboard.kpis.status import DEFAULT_THRESHOLDS, Thresholds, thresholds_from
from dashboard.state.address import ViewState
from dashboard.text.i18n import t
from dashboard.views.perspectives import Content, Inputs, Perspective, Table, content
from dashboard.web.auth import state_from_params
from dashboard.web.context import current


def data_table(rows: list[dict], caption: str) -> html.Table:
    """The chart's rows as a table: column headers, the first cell of a row its header."""
    headers = list(rows[0])
    return html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
        html.Tbody([html.Tr([html.Th(row[headers[0]], scope="row")]
                            + [html.Td(row[h]) for h in headers[1:]]) for row in rows]),
    ], className="data-table")


def chart_block(figure: dict, lang: str, built: bool = False) -> html.Div:
    """A chart named by its title for screen readers, and its table alternative; ``built``:
    the same table sent as data and drawn in the browser (``components.operations.
    built_table``), one component instead of one per cell."""
    title = figure_title(figure)
    parts: list = [html.Figure(graph(figure, lang), className="chart", **{"aria-label": title})]
    rows = figure_table(figure)
    if rows:
        table = built_table(rows, title, "data-table") if built else data_table(rows, title)
        parts.append(html.Details([html.Summary(t("page.show_table", lang)), table],
                                  className="table-alternative"))
    return html.Div(parts, className="chart-block")


# Columns of a page's table that hold words: sortable and filterable as text. The others
# hold formatted numbers ("12,5 dagar"), which sort wrongly as text: filter only.
TEXT_COLUMNS = frozenset({"kpi", "unit", "status"})


def table_block(table: Table, lang: str) -> html.Section:
    """A page's table (rows of text cells) in a client-side AG Grid: a few hundred rows
    at most, sorted by the data, searchable per column."""
    columns = [{"field": key, "headerName": header, "sortable": key in TEXT_COLUMNS,
                "filter": "agTextColumnFilter", "wrapText": True, "autoHeight": True}
               for key, header in table.columns]
    return html.Section([
        html.H2(table.title, id=ids.PERSPECTIVE_TABLE_HEADING),
        dag.AgGrid(
            id=ids.PERSPECTIVE_TABLE, rowData=list(table.rows), columnDefs=columns,
            defaultColDef={"resizable": True, "flex": 1, "minWidth": 120},
            dashGridOptions={
                "localeText": {key: t(text_key, lang) for key, text_key in GRID_LOCALE.items()},
                "enableCellTextSelection": True, "ensureDomOrder": True, **KEYBOARD,
            },
            style={"height": "560px", "width": "100%"},
        ),
    ], className="page-table", **{"aria-labelledby": ids.PERSPECTIVE_TABLE_HEADING})


def _body(page: Content, lang: str) -> list:
    return [
        html.Div([card(c.title, c.status, list(c.rows), lang) for c in page.cards],
                 className="perspectives"),
        html.Div([html.P(note, className="note") for note in page.notes], className="notes",
                 role="note") if page.notes else None,
        table_block(page.table, lang) if page.table is not None else None,
        html.Div([chart_block(f, lang) for f in page.charts], className="charts"),
    ]


def empty_view(lang: str) -> html.Div:
    return html.Div([html.H1(t("page.empty_title", lang)), html.P(t("page.empty_body", lang))],
                    lang=lang, className="page")


def perspective_view(spec: Perspective, state: ViewState, frames: dict,
                     thresholds: Thresholds = DEFAULT_THRESHOLDS) -> html.Div:
    """The page of ``spec`` for a parsed state (see :func:`dashboard.state.address.parse`)."""
    lang = state.lang
    if state.period is None:
        return empty_view(lang)
    inputs = Inputs(frames, Selection(state.period, state.department, state.unit), thresholds)
    scope = state.unit or state.department or t("page.scope_agency", lang)
    heading = t("perspective.heading", lang, title=t(spec.title_key, lang), period=state.period)
    children = [html.H1(heading), html.P(scope, className="scope")]
    page = memoized(frames, ("page.perspective", spec.path, inputs.selection, thresholds, lang),
                    lambda: content(spec, inputs, lang))  # kept per data version; read-only
    children += [part for part in _body(page, lang) if part is not None]
    return html.Div(children, lang=lang, className="page")


def perspective_layout(spec: Perspective) -> Callable[..., html.Div]:
    """The ``layout`` of a Dash page for ``spec``: reads the address and the cached frames."""
    def layout(**params: str) -> html.Div:
        app = current()
        state = state_from_params(params, app.frames.current().frames)
        if state.period is None:
            return perspective_view(spec, state, app.frames.current().frames,
                                    thresholds_from(app.settings))
        shown, live = app.frames.for_view(state.period, state.shows_current)
        page = perspective_view(spec, state, shown.frames, thresholds_from(app.settings))
        page.children.insert(2, adoption_line(state, shown, live))  # under heading and scope
        return page
    return layout
