"""Verksamhet: the assignments of the selection, their statuses, changes and the grid.

Rendered from the address like every page; figures come from the frames cached per data
version. The grid's rows are not in this layout: the grid asks for them block by block
(``dashboard.callbacks.operations``).
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import html

from dashboard.components.actions import actions_section
from dashboard.components.operations import changes, grid, group_chart, headline
from dashboard.components.page import page_layout
from dashboard.kpis import Selection, natural_grouping, operations, status_by_group
from dashboard.kpis.actions import followed_actions
from dashboard.kpis.prepared import memoized
from dashboard.kpis.status import Thresholds, thresholds_from
from dashboard.state.address import ViewState
from dashboard.state.grid_address import grid_view
from dashboard.text.i18n import t
from dashboard.web.context import current
from dashboard.web.titles import page_title
from loaders.periods import Tertial

dash.register_page(__name__, path="/verksamhet", name=t("nav.operations"),
                   title=page_title("nav.operations"),
                   title_key="nav.operations", order=1)


def _figures(frames, selection: Selection,
             thresholds: Thresholds) -> tuple[dict, tuple[tuple[str, pd.DataFrame], ...]]:
    """The operations figures and the status tables per grouping (department or unit as
    the view calls for, result area, goal) of a selection, kept per data version (see
    :mod:`dashboard.kpis.prepared`); read-only for the callers."""
    def compute():
        groupings = dict.fromkeys([natural_grouping(selection), "result_area", "goal"])
        tables = tuple((by, status_by_group(frames, selection, by)) for by in groupings)
        return operations(frames, selection, thresholds), tables
    return memoized(frames, ("page.operations", selection, thresholds), compute)


def _charts(tables: tuple[tuple[str, pd.DataFrame], ...], lang: str) -> html.Section:
    """Status per department or unit (as the view calls for), per result area and goal."""
    return html.Section([
        html.H2(t("operations.charts_heading", lang)),
        html.Div([group_chart(by, table, lang) for by, table in tables], className="charts"),
    ])


def _view(state: ViewState, frames) -> list:
    lang = state.lang
    selection = Selection(state.period, state.department, state.unit)
    ops, tables = _figures(frames, selection, thresholds_from(current().settings))
    scope = state.unit or state.department or t("page.scope_agency", lang)
    period = Tertial.from_label(state.period)
    return [
        html.H1(t("operations.heading", lang, period=ops["period"])),
        html.P(scope, className="scope"),
        headline(ops, lang),
        # the grid before the long lists: a head reaches it without scrolling past them
        grid(lang, period.next.last_day, grid_view(state.page)),
        actions_section(followed_actions(frames, selection, period.last_day),
                        period.previous.label, lang),
        _charts(tables, lang),
        changes(ops, lang),
    ]


layout = page_layout(lambda state, snapshot: _view(state, snapshot.frames))
