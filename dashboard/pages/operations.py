"""Verksamhet: the assignments of the selection, their statuses, changes and the grid.

Rendered from the address like every page; figures come from the frames cached per data
version. The grid's rows are not in this layout: the grid asks for them block by block
(``dashboard.callbacks.operations``).
"""

from __future__ import annotations

from functools import lru_cache

import dash
import pandas as pd
from dash import html

from dashboard.components.memo import DataKey
from dashboard.components.operations import changes, chart, grid, headline
from dashboard.components.page import page_layout
from dashboard.context import current
from dashboard.figures import status_by_group_figure
from dashboard.i18n import t
from dashboard.kpis import Selection, natural_grouping, operations, status_by_group
from dashboard.status import Thresholds, thresholds_from
from dashboard.urlstate import ViewState
from loaders.periods import Tertial

dash.register_page(__name__, path="/verksamhet", name="Verksamhet",
                   title="Tertial – Verksamhet", title_key="page_operations", order=1)


@lru_cache(maxsize=32)
def _figures(data: DataKey, selection: Selection,
             thresholds: Thresholds) -> tuple[dict, tuple[tuple[str, pd.DataFrame], ...]]:
    """The operations figures and the status tables per grouping (department or unit as
    the view calls for, result area, goal) of a selection, kept per data version (see
    :mod:`dashboard.components.memo`); read-only for the callers."""
    groupings = dict.fromkeys([natural_grouping(selection), "result_area", "goal"])
    tables = tuple((by, status_by_group(data.frames, selection, by)) for by in groupings)
    return operations(data.frames, selection, thresholds), tables


def _charts(tables: tuple[tuple[str, pd.DataFrame], ...], lang: str) -> html.Section:
    """Status per department or unit (as the view calls for), per result area and goal."""
    figures = [status_by_group_figure(table, lang, by=by) for by, table in tables]
    return html.Section([
        html.H2(t("ops_charts_heading", lang)),
        html.Div([chart(f, t("operations", lang), lang) for f in figures], className="charts"),
    ])


def _view(state: ViewState, frames: dict, version: int) -> list:
    lang = state.lang
    selection = Selection(state.period, state.department, state.unit)
    ops, tables = _figures(DataKey(frames, version), selection,
                           thresholds_from(current().settings))
    scope = state.unit or state.department or t("scope_agency", lang)
    last_day = Tertial.from_label(state.period).next.last_day
    return [
        html.H1(t("ops_heading", lang, period=ops["period"])),
        html.P(scope, className="scope"),
        headline(ops, lang),
        _charts(tables, lang),
        changes(ops, lang),
        grid(lang, last_day),
    ]


layout = page_layout(lambda state, snapshot: _view(state, snapshot.frames, snapshot.version))
