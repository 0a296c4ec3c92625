"""Charts that read at any width, as data: long names broken into lines (in full on hover and
in the table), whole ticks on count axes, share axes to 100 %, and a chart that leaves its
title to the page's heading (the survey's) drawing none but keeping its name.

The browser side (nothing drawn past the chart's edge at 390 and 1440 px) is
``tests/browser/test_charts_read.py``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import (
    figure_table,
    figure_title,
    finance_figure,
    finance_trend_figure,
    staff_change_figure,
    staff_trend_figure,
    status_by_group_figure,
    status_distribution,
    status_trend_figure,
)
from dashboard.figures.style import (
    ELLIPSIS,
    LABEL_LINES,
    LABEL_WRAP,
    LINE_BREAK,
    count_axis,
    nice_step,
    wrap,
)
from dashboard.figures.survey import area_figure
from loaders.survey_sheet import SHARE

LONG_AREA = "Säker och hållbar informationshantering"
LONG_GOAL = "Stärkt informationssäkerhet i hela myndighetens verksamhet och dess leverantörer"
SHORT_GOAL = "Hållbar it-drift"
OTHER_AREA = "Modern myndighet"


def _lines(label: str) -> list[str]:
    return label.split(LINE_BREAK)


def _status_table(by: str, names: list[str], areas: list[str] | None = None,
                  counts: tuple[int, int, int] = (3, 1, 1)) -> pd.DataFrame:
    green, yellow, red = counts
    active = green + yellow + red
    table = pd.DataFrame({by: names, "green": green, "yellow": yellow, "red": red,
                          "green_share": green / active, "yellow_share": yellow / active,
                          "red_share": red / active})
    if areas is not None:
        table["result_area"] = areas
    return table


def _goals() -> pd.DataFrame:
    return _status_table("goal", [LONG_GOAL, SHORT_GOAL, "Attraktiv arbetsplats"],
                         [LONG_AREA, LONG_AREA, OTHER_AREA])


# --- breaking long texts ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "width", "lines", "drawn"), [
    ("Analysavdelningen", 20, 3, ["Analysavdelningen"]),
    ("Avdelningen för digital service", 20, 3, ["Avdelningen för", "digital service"]),
    ("Kommunikationsavdelningen", 20, 3, ["Kommunikationsavdelningen"]),  # one word: whole
    ("ett två tre fyra fem sex sju", 7, 2, ["ett två", f"tre{ELLIPSIS}"]),
    ("ett två tre fyra fem sex sju", 7, None, ["ett två", "tre", "fyra", "fem sex", "sju"]),
])
def test_a_long_text_breaks_at_spaces_and_ends_in_an_ellipsis_past_its_lines(text, width,
                                                                            lines, drawn):
    assert _lines(wrap(text, width, lines)) == drawn


def test_the_drawn_words_stay_apart_and_no_entity_is_broken():
    """plotly drops the line break, not the space before it: a title's drawn text (its
    textContent) reads as typed."""
    wrapped = wrap("Ekonomi &amp; HR och &lt;b&gt; i en lång rad", 10)
    assert wrapped.replace("<br>", "") == "Ekonomi &amp; HR och &lt;b&gt; i en lång rad"
    assert all(not part.endswith("&") for part in _lines(wrapped))


# --- long category names ---------------------------------------------------------------------

def test_long_goal_names_are_broken_to_fit_and_given_in_full_on_hover_and_in_the_table():
    figure = status_by_group_figure(_goals(), "sv", "goal")
    full = [f"{OTHER_AREA} – Attraktiv arbetsplats", f"{LONG_AREA} – {SHORT_GOAL}",
            f"{LONG_AREA} – {LONG_GOAL}"]  # Swedish order of area, then goal
    for trace in figure["data"]:
        assert trace["hovertext"] == full
        assert "%{hovertext}" in trace["hovertemplate"]
        for label in trace["y"]:
            lines = _lines(label)
            assert len(lines) <= LABEL_LINES
            assert all(len(line) <= LABEL_WRAP or " " not in line for line in lines)
    labels = figure["data"][0]["y"]
    # the result area is shortened first, so the goal itself reads
    assert labels[1] == f"Säker och hållbar{ELLIPSIS} –{LINE_BREAK}{SHORT_GOAL}"
    assert labels[2].startswith(f"Säker och hållbar{ELLIPSIS}")
    assert labels[2].endswith(ELLIPSIS)  # three lines are not enough for this one
    assert labels[0] == LINE_BREAK.join(["Modern myndighet –", "Attraktiv", "arbetsplats"])
    assert [row["Mål"] for row in figure_table(figure)] == full


def test_the_chart_grows_with_its_broken_labels():
    short = status_by_group_figure(_status_table("department", ["A", "B", "C"]), "sv",
                                   "department")
    long = status_by_group_figure(_goals(), "sv", "goal")
    assert long["layout"]["height"] > short["layout"]["height"]


def test_names_that_shorten_alike_keep_their_own_bars():
    same_start = "Ett mycket långt namn på ett mål som delar sina första tre rader med"
    table = _status_table("goal", [f"{same_start} ett annat", f"{same_start} ett tredje"])
    labels = status_by_group_figure(table, "sv", "goal")["data"][0]["y"]
    assert len(set(labels)) == 2


@pytest.mark.parametrize("build", [
    lambda names: finance_figure(pd.DataFrame({
        "unit": names, "department": names, "category": names, "budget": 100.0,
        "outcome": 40.0, "forecast": 90.0}), "sv", "unit"),
    lambda names: staff_change_figure(pd.DataFrame({
        "unit": names, "permanent_change": 1, "temporary_change": -1,
        "headcount_change": 0}), "sv", "unit"),
], ids=["finance", "staff_change"])
def test_every_bar_chart_breaks_long_unit_names_and_keeps_them_whole_for_reading(build):
    names = ["Enheten för statistik och analys av digital förvaltning", "Kort"]
    figure = build(names)
    for trace in figure["data"]:
        assert trace["y"][0] == wrap(names[0], LABEL_WRAP, LABEL_LINES) != names[0]
        assert trace["hovertext"] == names
    assert [row[next(iter(row))] for row in figure_table(figure)] == names


# --- axes: whole counts, shares to 100 % -----------------------------------------------------

@pytest.mark.parametrize(("span", "step"), [(1, 1), (3, 1), (4, 2), (10, 5), (40, 20),
                                            (333, 200), (0, 1)])
def test_a_count_axis_steps_in_whole_numbers(span, step):
    assert nice_step(span) == step


def _ticks(axis: dict) -> list[float]:
    low, high = axis["range"]
    first = axis["tick0"] + axis["dtick"] * -(-(low - axis["tick0"]) // axis["dtick"])
    ticks, tick = [], first
    while tick <= high:
        ticks.append(tick)
        tick += axis["dtick"]
    return ticks


def test_the_change_in_staff_has_whole_ticks_and_room_for_its_labels():
    table = pd.DataFrame({"unit": ["Analysenheten", "Ekonomienheten"],
                          "permanent_change": [0, 1], "temporary_change": [2, 0],
                          "headcount_change": [2, 1]})
    axis = staff_change_figure(table, "sv")["layout"]["xaxis"]
    ticks = _ticks(axis)
    assert ticks and all(float(t).is_integer() for t in ticks)
    assert axis["dtick"] >= 1 and axis["tickformat"] == ",.0f"
    assert axis["range"][1] > 2  # the net's "+2" is drawn right of its marker


def test_counts_of_assignments_have_whole_ticks():
    table = _status_table("department", ["A", "B"], counts=(2, 1, 0))
    axis = status_by_group_figure(table, "sv", "department", relative=False)["layout"]["xaxis"]
    assert axis["range"] == [0, 3] and axis["dtick"] == 1 and axis["tick0"] == 0
    trend = staff_trend_figure(pd.DataFrame({"period": ["2018-T1", "2018-T2"],
                                             "permanent": [2, 3], "temporary": [1, 0],
                                             "headcount": [3, 3]}), "sv")
    assert float(trend["layout"]["yaxis"]["dtick"]).is_integer()
    assert trend["layout"]["yaxis"]["range"][1] >= 3


def test_a_count_axis_without_any_count_still_has_a_range():
    assert count_axis(0, 0)["range"] == [0, 1.0]


@pytest.mark.parametrize("figure", [
    status_distribution({"green": 3, "yellow": 1, "red": 0}),
    status_trend_figure(pd.DataFrame({"period": ["2018-T1"], "green": [3], "yellow": [1],
                                      "red": [0], "green_share": [0.75],
                                      "yellow_share": [0.25], "red_share": [0.0]})),
    status_by_group_figure(_status_table("department", ["A"])),
], ids=["distribution", "trend", "by_group"])
def test_status_shares_run_from_0_to_100_percent(figure):
    layout = figure["layout"]
    axis = layout["yaxis"] if layout["yaxis"].get("tickformat") == ".0%" else layout["xaxis"]
    assert axis["tickformat"] == ".0%" and axis["range"] == [0, 1]
    assert 1 % axis["dtick"] == 0  # a tick at 100 %
    assert layout["margin"]["r"] >= 24 or axis is layout["yaxis"]  # room for "100 %"


def test_consumption_runs_to_100_percent_and_past_it_when_the_budget_is_overrun():
    def axis(consumption: list[float]) -> dict:
        df = pd.DataFrame({"period": ["2018-T1", "2018-T2"], "consumption": consumption,
                           "year_share": [1 / 3, 2 / 3]})
        return finance_trend_figure(df, "sv")["layout"]["yaxis"]
    assert axis([0.2, 0.5])["range"] == [0, 1.0]
    assert axis([0.4, 1.2])["range"][1] >= 1.2


def test_the_figures_are_valid_plotly_figures():
    for figure in (status_by_group_figure(_goals(), "sv", "goal"),
                   staff_change_figure(pd.DataFrame({
                       "unit": ["A"], "permanent_change": [1], "temporary_change": [-1],
                       "headcount_change": [0]}), "sv")):
        go.Figure(figure)  # raises on any attribute plotly does not know


# --- the survey's charts: the page's heading is their title ----------------------------------

def _questions(scale: str = "1-5") -> pd.DataFrame:
    return pd.DataFrame({
        "question": ["Hur nöjd är du med tiden tills du fick svar på din fråga?", "Kort"],
        "scale": scale, "value": [3.5, None], "peer_min": [3.0, 2.0],
        "peer_median": [3.8, 3.0], "peer_max": [4.4, 4.0]})


def test_a_survey_chart_under_the_areas_heading_draws_no_title_but_keeps_its_name():
    titled = area_figure(_questions(), "Support", "sv")
    untitled = area_figure(_questions(), "Support", "sv", titled=False)
    assert titled["layout"]["title"]["text"] == "Support: vi och jämförbara organisationer"
    assert untitled["layout"]["title"]["text"] == ""
    assert figure_title(untitled) == figure_title(titled)
    assert untitled["layout"]["margin"]["t"] < titled["layout"]["margin"]["t"]
    assert untitled["layout"]["height"] < titled["layout"]["height"]
    go.Figure(untitled)


def test_survey_questions_are_broken_to_fit_and_shares_run_to_100_percent():
    figure = area_figure(_questions(SHARE).assign(value=[0.5, 0.6], peer_min=0.1,
                                                  peer_median=0.5, peer_max=0.9),
                         "Svarstider", "sv")
    labels = figure["data"][1]["y"]
    assert all(len(line) <= LABEL_WRAP for line in _lines(labels[0]))
    assert labels[0].replace(LINE_BREAK, " ") == _questions()["question"][0]
    low, high = figure["layout"]["xaxis"]["range"]
    assert low <= 0 and high >= 1


def test_a_no_break_space_is_never_a_line_break():
    assert LINE_BREAK not in wrap("Andel\u00a0som\u00a0svarat\u00a0inom\u00a0en\u00a0dag", 10)


def test_a_status_chart_gives_its_labels_and_legend_their_room_before_it_is_drawn():
    """Plotly draws a chart again when its labels need more room than the figure gives
    (issue 16: every chart twice on a filter change); so the figure gives it: the left margin
    holds the longest label line as Chromium draws it here (DejaVu Sans, 13 px:
    "Kommunikationsavdelningen" 188 px, beside the bars' 17 px tick gap and the house 16 px),
    the bottom one the value axis with its two-line title (77 px, as plotly finds) and the
    legend's line below."""
    long = status_by_group_figure(_status_table("department", ["Kommunikationsavdelningen"]))
    short = status_by_group_figure(_status_table("department", ["IT"]))
    assert long["layout"]["margin"]["l"] >= 16 + 188 + 17
    assert short["layout"]["margin"]["l"] < long["layout"]["margin"]["l"] - 150
    assert long["layout"]["margin"]["b"] >= 77 + 32  # the legend: one line of 32 px
