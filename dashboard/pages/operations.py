"""Verksamhet: the assignments of the selection, their statuses, changes and the grid.

Rendered from the address like every page; figures come from the frames cached per data
version. The grid's rows are not in this layout: the grid asks for them block by block
(``dashboard.callbacks.operations``).
"""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.operations import changes, chart, grid, headline
from dashboard.components.page import page_layout
from dashboard.context import current
from dashboard.figures import status_by_group_figure
from dashboard.i18n import t
from dashboard.kpis import Selection, natural_grouping, operations, status_by_group
from dashboard.status import thresholds_from
from dashboard.urlstate import ViewState
from loaders.periods import Tertial

dash.register_page(__name__, path="/verksamhet", name="Verksamhet",
                   title="Tertial – Verksamhet", title_key="page_operations", order=1)


def _charts(frames: dict, selection: Selection, lang: str) -> html.Section:
    """Status per department or unit (as the view calls for), per result area and goal."""
    groupings = [natural_grouping(selection), "result_area", "goal"]
    figures = [status_by_group_figure(status_by_group(frames, selection, by), lang, by=by)
               for by in dict.fromkeys(groupings)]
    return html.Section([
        html.H2(t("ops_charts_heading", lang)),
        html.Div([chart(f, t("operations", lang), lang) for f in figures], className="charts"),
    ])


def _view(state: ViewState, frames: dict) -> list:
    lang = state.lang
    selection = Selection(state.period, state.department, state.unit)
    ops = operations(frames, selection, thresholds_from(current().settings))
    scope = state.unit or state.department or t("scope_agency", lang)
    last_day = Tertial.from_label(state.period).next.last_day
    return [
        html.H1(t("ops_heading", lang, period=ops["period"])),
        html.P(scope, className="scope"),
        headline(ops, lang),
        _charts(frames, selection, lang),
        changes(ops, lang),
        grid(lang, last_day),
    ]


layout = page_layout(lambda state, snapshot: _view(state, snapshot.frames))
