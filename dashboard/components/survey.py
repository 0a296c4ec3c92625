"""The survey page's parts: its choices, the sentences, one section per area (a chart and a
table of the same figures), the method note, and the headline the overview shows."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.components.graph import graph
from dashboard.figures import figure_title
from dashboard.figures.survey import area_figure, value_text
from dashboard.kpis.prepared import memoized
from dashboard.kpis.survey import (
    SurveyChoice,
    areas,
    changes,
    latest_measurement,
    measured_on,
    questions,
)
from dashboard.state.address import with_page
from dashboard.state.survey import SurveyState
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.text.survey import survey_narrative
from loaders.survey_sheet import SHARE

PATH = "/enkater"


class SurveyFigures(NamedTuple):
    questions: pd.DataFrame
    areas: pd.DataFrame
    changes: pd.DataFrame | None  # None without a baseline to compare with
    date: str | None  # the measurement's date (its earliest), ISO


def survey_figures(frames: dict, choice: SurveyChoice, baseline: str | None,
                   min_answers: int) -> SurveyFigures:
    """The figures of a choice, kept per data version (read-only for the callers)."""
    def compute() -> SurveyFigures:
        frame = frames["survey"]
        now = questions(frame, choice, min_answers)
        then = questions(frame, SurveyChoice(choice.survey, baseline, choice.group),
                         min_answers) if baseline else None
        return SurveyFigures(now, areas(frame, choice, min_answers),
                             None if then is None else changes(now, then),
                             measured_on(frame, choice))
    return memoized(frames, ("survey_figures", choice, baseline, min_answers), compute)


# --- the choices ---------------------------------------------------------------------------

def _select(component_id: str, label: str, options: list[str], value: str | None,
            placeholder: str | None = None) -> dmc.Select:
    clearable = placeholder is not None
    return dmc.Select(id=component_id, label=label, value=value,
                      data=[{"value": o, "label": o} for o in options],
                      placeholder=placeholder, clearable=clearable, allowDeselect=clearable,
                      searchable=True, w=280, comboboxProps={"withinPortal": True})


def choices(state: SurveyState, lang: str) -> dmc.Group:
    """Survey, measurement and group; each writes the address (``callbacks/survey.py``)."""
    choice = state.choice
    parts = [_select(ids.SURVEY_PICK, t("survey.choose_survey", lang), state.surveys,
                     choice.survey),
             _select(ids.SURVEY_MEASUREMENT, t("survey.choose_measurement", lang),
                     state.measurements, choice.measurement)]
    if state.groups:
        # following the shell's filter, the group is not cleared here but by the filter
        whole = None if state.follows else t("survey.whole", lang)
        parts.append(_select(ids.SURVEY_GROUP, t("survey.choose_group", lang), state.groups,
                             choice.group, placeholder=whole))
    return dmc.Group(parts, className="survey-choices", align="end")


def problems(state: SurveyState, lang: str) -> list:
    """The address's problems, and how the shown group follows the shell's filter: the
    group it follows, or that the survey has none for it (and what is shown instead)."""
    shown = [dmc.Alert(t(f"survey.{key}", lang, value=asked, shown=shown), color="yellow",
                       variant="light") for key, asked, shown in state.problems]
    if state.unmatched is not None:
        name, instead = state.unmatched
        text = (t("charts.survey_no_group", lang, name=name) if instead is None else
                t("charts.survey_no_group_instead", lang, name=name, shown=instead))
        shown.append(dmc.Alert(text, color="yellow", variant="light",
                               className="survey-filter-note"))
    elif state.follows is not None:
        shown.append(html.P(t("charts.survey_follows", lang, name=state.choice.group),
                            className="note survey-filter-note"))
    return shown


# --- an area: chart and table ------------------------------------------------------------

def _change_text(row: dict, lang: str) -> str:
    if pd.isna(row["verdict"]):
        new = pd.isna(row["before"]) and pd.isna(row["before_answers"])
        return t("survey.new_question", lang) if new else fmt.MISSING
    if row["scale"] == SHARE:
        text = fmt.points(row["change"], 0, lang)
    else:
        text = fmt.change(row["change"], 1, lang)
    if row["verdict"] == "same":
        return f"{text} ({t('survey.within_margin', lang)})"
    return text


def _answers(value: object, lang: str) -> str:
    return fmt.MISSING if pd.isna(value) else fmt.number(int(value), lang=lang)


def _cells(row: dict, change: dict | None, min_answers: int, lang: str) -> list[str]:
    scale = row["scale"]
    shown = t("survey.hidden_value", lang, min=min_answers) if row["hidden"] else (
        value_text(row["value"], scale, lang))
    rank = (t("survey.rank_value", lang, rank=int(row["rank"]), of=int(row["of"]))
            if pd.notna(row["rank"]) else fmt.MISSING)
    cells = [row["question"], shown, _answers(row["answers"], lang),
             value_text(row["peer_min"], scale, lang),
             value_text(row["peer_median"], scale, lang),
             value_text(row["peer_max"], scale, lang), rank]
    if change is not None:
        cells += [_change_text(change, lang),
                  f"{_answers(change['before_answers'], lang)} / "
                  f"{_answers(change['after_answers'], lang)}"]
    return cells


def _table(rows: pd.DataFrame, change_rows: pd.DataFrame | None, baseline: str | None,
           min_answers: int, caption: str, lang: str) -> html.Table:
    headers = [t(f"survey.col_{c}", lang) for c in
               ("question", "value", "answers", "min", "median", "max", "rank")]
    by_question = {}
    if change_rows is not None:
        headers += [t("survey.col_change", lang, baseline=baseline),
                    t("survey.col_change_answers", lang)]
        by_question = {c["question"]: c for c in change_rows.to_dict("records")}
    body = []
    for row in rows.to_dict("records"):
        cells = _cells(row, by_question.get(row["question"]), min_answers, lang)
        body.append(html.Tr([html.Th(cells[0], scope="row"), *[html.Td(c) for c in cells[1:]]],
                            className="hidden-figure" if row["hidden"] else None))
    return html.Table([html.Caption(caption), html.Thead(html.Tr(
        [html.Th(h, scope="col") for h in headers])), html.Tbody(body)],
        className="data-table survey-table")


def area_sections(figures: SurveyFigures, baseline: str | None, min_answers: int,
                  lang: str) -> list[html.Section]:
    """One section per area in the sheet's order; an area's questions on different scales
    get a chart each. The area's heading is the one title: the charts draw none of their
    own, and are named by theirs (``aria-label``, the table's caption)."""
    sections = []
    for area, rows in figures.questions.groupby("area", sort=False):
        parts: list = [html.H2(area)]
        for _, on_scale in rows.groupby("scale", sort=False):
            figure = area_figure(on_scale, area, lang, titled=False)
            title = figure_title(figure)
            parts.append(html.Figure(graph(figure, lang), className="chart",
                                     **{"aria-label": title}))
            parts.append(_table(on_scale, figures.changes, baseline, min_answers, title, lang))
        sections.append(html.Section(parts, className="survey-area"))
    return sections


# --- the overview's headline ---------------------------------------------------------------

def headline(frames: dict, min_answers: int, search: str, lang: str,
             until: dt.date | None = None) -> html.Div | None:
    """The first sentence of the latest measurement taken by ``until`` (the tertial's last
    day: a past tertial shows the survey as it then stood) and a link to the page; None
    without one, or when all is hidden."""
    latest = memoized(frames, ("survey_latest", until),
                      lambda: latest_measurement(frames.get("survey"), until))
    if latest is None:
        return None
    figures = survey_figures(frames, latest, None, min_answers)
    sentences = survey_narrative(figures.areas, None, 0, min_answers, None, lang)
    if not sentences:
        return None
    address = with_page(with_page(search, "enkat", latest.survey), "matning", latest.measurement)
    return html.Div([
        html.H3(t("survey.headline_title", lang, survey=latest.survey,
                  measurement=latest.measurement)),
        html.P(sentences[0].text, className=f"sentence {sentences[0].tone}"),
        dcc.Link(t("survey.headline_link", lang), href=PATH + address),
    ], className="survey-headline")
