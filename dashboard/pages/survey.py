"""Enkäter: a survey compared with peer organisations, per area and question.

Rendered from the address: the shell's language and tertial, and the page's own ``enkat``,
``matning`` and ``grupp`` (``dashboard.state.survey``). The figures come from
``dashboard.kpis.survey``, the sentences from ``dashboard.text.survey``.

Like every page, it reads an adopted tertial's adopted follow-up unless today's data is asked
for (``visa=aktuell``): the survey results are those that were current when the tertial was
adopted, so the page shows what leadership saw at that follow-up.
"""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.adoption import adoption_line
from dashboard.components.page import shown_frames
from dashboard.components.survey import (
    area_sections,
    choices,
    problems,
    survey_figures,
)
from dashboard.state.survey import SurveyState, survey_state
from dashboard.text.i18n import language, t
from dashboard.text.survey import survey_narrative
from dashboard.web.auth import reach
from dashboard.web.context import current
from dashboard.web.titles import page_title

dash.register_page(__name__, path="/enkater", name=t("survey.title"),
                   title=page_title("survey.title"),
                   title_key="survey.title", order=4.5)


def _scope(state: SurveyState, figures, lang: str) -> str:
    frame = figures.questions
    peers = int(frame["peers"].max()) if len(frame) else 0
    date = figures.date
    return t("survey.scope", lang, measurement=state.choice.measurement,
             date=f" ({date})" if date else "", peers=peers,
             group=state.choice.group or t("survey.whole", lang))


def layout(**params: str) -> html.Div:
    lang = language(params.get("lang") or "sv")
    view, shown, live = shown_frames(params)
    frames = shown.frames
    state = survey_state(frames, params, reach(), view.department, view.unit)
    adoption = [adoption_line(view, shown, live)] if view.period else []
    if state.choice is None:
        return html.Div([html.H1(t("survey.none_title", lang)), *adoption,
                         html.P(t("survey.none_body", lang))], lang=lang, className="page")
    min_answers = current().settings.survey_min_answers
    figures = survey_figures(frames, state.choice, state.baseline, min_answers)
    hidden = int(figures.questions["hidden"].sum())
    sentences = survey_narrative(figures.areas, figures.changes, hidden, min_answers,
                                 state.baseline, lang)
    return html.Div([
        html.H1(state.choice.survey),
        html.P(_scope(state, figures, lang), className="scope"),
        *adoption,
        *problems(state, lang),
        choices(state, lang),
        html.Section([html.H2(t("survey.narrative_heading", lang)),
                      *[html.P(s.text, className=f"sentence {s.tone}") for s in sentences]],
                     className="narrative"),
        *area_sections(figures, state.baseline, min_answers, lang),
        html.P(t("survey.method", lang, min=min_answers), className="method-note"),
    ], lang=lang, className="page survey")
