"""Verksamhet's status chart of a grouping with many groups (a department of 170 units at
100 000 assignments) draws the worst of them, says so in its title, and its table holds every
group; a chart of few groups is drawn whole, as before. The table comes as data that the
browser draws (``assets/built_tables.js``; tests/browser/test_built_tables.py reads it)."""

from __future__ import annotations

import json

import pandas as pd
from dash import dcc, html

from dashboard.components.operations import CHART_GROUPS, group_chart
from dashboard.figures import figure_table, figure_title
from dashboard.figures.style import LINE_BREAK


def _table(count: int) -> pd.DataFrame:
    """``count`` units; unit i has i red assignments of 100 (the last ones are the worst)."""
    red = list(range(1, count + 1))
    return pd.DataFrame({
        "unit": [f"Enhet {i:02d}" for i in red], "green": [100 - r for r in red],
        "yellow": [0] * count, "red": red, "green_share": [(100 - r) / 100 for r in red],
        "yellow_share": [0.0] * count, "red_share": [r / 100 for r in red]})


def _title(figure: dict) -> str:
    """The chart's title as read (drawn in lines that fit a phone: components.graph)."""
    return " ".join(figure_title(figure).replace(LINE_BREAK, " ").split())


def _parts(element: html.Figure) -> tuple[dict, list[list[str]]]:
    graph, details = element.children
    assert isinstance(graph, dcc.Graph) and isinstance(details, html.Details)
    data = json.loads(details.children[1].to_plotly_json()["props"]["data-table"])
    return graph.figure, data["rows"]


def test_a_chart_of_many_groups_draws_the_worst_and_its_table_holds_all():
    element = group_chart("unit", _table(40), "sv")
    figure, rows = _parts(element)
    drawn = [row[next(iter(row))] for row in figure_table(figure)]
    assert sorted(drawn) == [f"Enhet {i:02d}" for i in range(40 - CHART_GROUPS + 1, 41)]
    assert [row[0] for row in rows] == [f"Enhet {i:02d}" for i in range(1, 41)]
    title = _title(figure)
    assert title == ("Status för aktiva uppdrag per enhet: de 25 med störst andel röda och "
                     "gula av 40 (alla i tabellen)")
    assert element.to_plotly_json()["props"]["aria-label"] == title


def test_the_title_of_a_folded_chart_is_in_the_readers_language():
    figure, _rows = _parts(group_chart("unit", _table(30), "en"))
    assert _title(figure) == ("Status of active assignments by unit: the 25 with the "
                                    "largest share of red and yellow of 30 (all in the table)")


def test_a_chart_of_few_groups_is_drawn_whole():
    figure, rows = _parts(group_chart("unit", _table(CHART_GROUPS), "sv"))
    assert len(figure_table(figure)) == len(rows) == CHART_GROUPS
    assert _title(figure) == "Status för aktiva uppdrag per enhet"
