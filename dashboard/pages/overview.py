"""Översikt: the tertial at a glance for the selection in the address.

Rendered from the address (``?period=…&avdelning=…&enhet=…&lang=…``) by Dash pages; the
figures come from the frames cached per data version. Built from pure parts: the summary
(``dashboard.kpis``), the narrative, the figure builders and the card components.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.components.actions import actions_section
from dashboard.components.cards import freshness, overview_card
from dashboard.components.matrix import matrix_section
from dashboard.components.page import page_layout
from dashboard.components.perspective import chart_block
from dashboard.components.survey import headline
from dashboard.figures import status_distribution, status_trend_figure
from dashboard.kpis import Selection, status_trend, summary
from dashboard.kpis.actions import followed_actions
from dashboard.kpis.matrix import department_matrix
from dashboard.kpis.prepared import memoized
from dashboard.kpis.status import Thresholds, thresholds_from
from dashboard.state.address import ViewState, query
from dashboard.text.i18n import t
from dashboard.text.narrative import Sentence, narrative
from dashboard.views.cards import overview_cards, sentence_href
from dashboard.views.matrix import matrix_view
from dashboard.web.context import current
from dashboard.web.titles import page_title
from loaders.periods import Tertial

dash.register_page(__name__, path="/", name=t("nav.overview"),
                   title=page_title("nav.overview"),
                   title_key="nav.overview", order=0)



def _cards(result: dict, state: ViewState, survey: html.Div | None = None,
           survey_on: str = "processes") -> list[html.Section]:
    """The four perspectives' cards (``dashboard.views.cards``); ``survey`` (the latest
    survey's headline) goes on the card of ``survey_on``."""
    return [overview_card(data, state.lang, survey if data.perspective == survey_on else None)
            for data in overview_cards(result, state)]


def _sentence(sentence: Sentence, state: ViewState) -> html.P:
    """A narrative sentence, a link to the page that explains it."""
    href = sentence_href(sentence.key, state)
    text = dcc.Link(sentence.text, href=href) if href else sentence.text
    return html.P(text, className=f"sentence {sentence.tone}")


def _figures(frames, selection: Selection,
             thresholds: Thresholds) -> tuple[dict, pd.DataFrame]:
    """The summary and the status trend of a selection, kept per data version (see
    :mod:`dashboard.kpis.prepared`); both are read-only for the callers."""
    return memoized(frames, ("page.overview", selection, thresholds),
                    lambda: (summary(frames, selection, thresholds),
                             status_trend(frames, selection)))


def _matrix(frames, state: ViewState, result: dict, thresholds: Thresholds) -> list:
    """The department matrix, on the whole agency's overview only."""
    if state.department or state.unit:
        return []
    rows = department_matrix(frames, state.period, thresholds)
    view = matrix_view(rows, state, result["previous_period"])
    return [matrix_section(view, t("matrix.heading", state.lang))] if rows else []


def _view(state: ViewState, frames: dict, snapshot) -> list:
    lang = state.lang
    selection = Selection(state.period, state.department, state.unit)
    settings = current().settings
    result, trend = _figures(frames, selection, thresholds_from(settings))
    survey = headline(frames, settings.survey_min_answers, query(state), lang,
                      Tertial.from_label(state.period).last_day)
    scope = state.unit or state.department or t("page.scope_agency", lang)
    period = Tertial.from_label(state.period)
    matrix = _matrix(frames, state, result, thresholds_from(settings))
    # the matrix comes after the sentences' and the cards' links: one Tab stop past them
    skip = [html.A(t("overview_skip.to_matrix", lang), href=f"#{ids.DEPARTMENT_MATRIX}",
                   className="skip-to-matrix")] if matrix else []
    return [
        *skip,
        html.H1(t("overview.heading", lang, period=result["period"])),
        html.P(scope, className="scope"),
        html.Section([html.H2(t("overview.narrative_heading", lang))]
                     + [_sentence(s, state) for s in narrative(result, lang)],
                     className="narrative"),
        html.Div(_cards(result, state, survey, settings.survey_perspective),
                 className="perspectives"),
        *matrix,
        # the chart tables as data, drawn in the browser: fewer components to mount anew
        html.Div([chart_block(status_distribution(result, lang), lang, built=True),
                  chart_block(status_trend_figure(trend, lang), lang, built=True)],
                 className="charts"),
        actions_section(followed_actions(frames, selection, period.last_day),
                        period.previous.label, lang),
        freshness(snapshot, lang),
    ]


layout = page_layout(lambda state, snapshot: _view(state, snapshot.frames, snapshot))
