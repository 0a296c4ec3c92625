"""Charts as the page draws them: a long title broken into lines that fit a phone, the chart
named by its title in full; the survey's areas titled once (the heading), and the survey's
note on the shell's filter in both languages."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import dcc, html

from dashboard.components.graph import TITLE_WRAP, drawn_height, fit_title, graph
from dashboard.components.operations import chart
from dashboard.components.survey import area_sections, problems, survey_figures
from dashboard.figures import figure_title, status_by_group_figure
from dashboard.figures.style import LINE_BREAK
from dashboard.kpis.survey import SurveyChoice
from dashboard.state.survey import survey_state
from loaders.demo.survey import build_survey
from tests.component_texts import texts

LONG = "Förändring av antal anställda per avdelning sedan föregående tertial"


def _figure(title: str) -> dict:
    table = pd.DataFrame({"department": ["A"], "green": [1], "yellow": [0], "red": [0],
                          "green_share": [1.0], "yellow_share": [0.0], "red_share": [0.0]})
    return status_by_group_figure(table, "sv", "department", title=title)


def test_a_long_title_is_drawn_in_lines_that_fit_and_the_chart_grows_for_them():
    figure = _figure(LONG)
    drawn = fit_title(figure)
    lines = drawn["layout"]["title"]["text"].split(LINE_BREAK)
    assert len(lines) == 2 and all(len(line) <= TITLE_WRAP for line in lines)
    assert " ".join(lines) == LONG
    grown = drawn["layout"]["margin"]["t"] - figure["layout"]["margin"]["t"]
    assert grown > 0 and drawn["layout"]["height"] == figure["layout"]["height"] + grown
    assert figure["layout"]["title"]["text"] == LONG  # the figure itself is left as it was
    assert figure_title(figure) == LONG


def test_a_short_title_is_left_alone():
    figure = _figure("Status per avdelning")
    assert fit_title(figure) is figure


def test_the_graph_draws_the_fitted_title_and_the_chart_is_named_in_full():
    figure = _figure(LONG)
    assert LINE_BREAK in graph(figure, "sv").figure["layout"]["title"]["text"]
    element = chart(figure, "", "sv")
    assert element.to_plotly_json()["props"]["aria-label"] == LONG
    shown = next(c for c in element.children if isinstance(c, dcc.Graph))
    assert shown.style["height"] == f"{drawn_height(figure)}px"  # room for the title's lines


@pytest.fixture(scope="module")
def survey_frames() -> dict[str, pd.DataFrame]:
    return {"survey": pd.DataFrame(build_survey(0)),
            "units": pd.DataFrame({"unit": ["Enheten för it-support"],
                                   "department": ["IT-avdelningen"]})}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_survey_area_has_one_title_its_heading(survey_frames, lang):
    figures = survey_figures(survey_frames, SurveyChoice("IT-enkäten", "Uppföljning 2018"),
                             None, 5)
    for section in area_sections(figures, None, 5, lang):
        heading, *parts = section.children
        assert isinstance(heading, html.H2)
        charts = [p for p in parts if isinstance(p, html.Figure)]
        assert charts
        for element in charts:
            graph_ = element.children
            assert graph_.figure["layout"]["title"]["text"] == ""  # no second, drawn title
            name = element.to_plotly_json()["props"]["aria-label"]
            assert name.startswith(heading.children) and name == figure_title(graph_.figure)


@pytest.mark.parametrize(("lang", "params", "expected"), [
    ("sv", {"department": "Juristavdelningen"},
     "Enkäten har inga svar för Juristavdelningen; visar hela organisationen."),
    ("en", {"department": "Juristavdelningen"},
     "The survey has no answers for Juristavdelningen; showing the whole organisation."),
    ("sv", {"department": "IT-avdelningen", "unit": "Enheten för it-support"},
     "Enkäten har inga svar för Enheten för it-support; visar IT-avdelningen."),
    ("en", {"department": "IT-avdelningen"},
     "Following the filter: the answers of IT-avdelningen."),
    ("sv", {"department": "IT-avdelningen"}, "Följer filtret: svaren för IT-avdelningen."),
])
def test_the_survey_page_says_how_it_follows_the_filter(survey_frames, lang, params,
                                                       expected):
    state = survey_state(survey_frames, {}, **params)
    assert expected in texts(problems(state, lang))


def test_without_a_filter_the_survey_page_says_nothing_about_it(survey_frames):
    assert texts(problems(survey_state(survey_frames, {}), "sv")) == []
