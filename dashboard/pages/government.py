"""Regeringsuppdrag: the government assignments of the selection, their reports and deadlines.

Rendered from the address like every page (the adopted follow-up of an adopted tertial unless
``visa=aktuell``); everything is counted as of the tertial's last day
(:mod:`dashboard.kpis.government`). The calendar link takes the same filters to
``/regeringsuppdrag.ics`` (``dashboard/web/calendar.py``).
"""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.government import calendar_link, headline, register
from dashboard.components.page import page_layout
from dashboard.kpis.government import government_figures, register_table
from dashboard.state.address import ViewState, query
from dashboard.text.i18n import t
from dashboard.views.government import headline_sentences, register_rows
from dashboard.web.calendar import CALENDAR_PATH
from dashboard.web.titles import page_title
from loaders.periods import Tertial

dash.register_page(__name__, path="/regeringsuppdrag", name=t("government.title"),
                   title=page_title("government.title"),
                   title_key="government.title", order=1.5)


def _view(state: ViewState, frames) -> list:
    lang = state.lang
    period = Tertial.from_label(state.period)
    scope = state.scope_in(frames)
    figures = government_figures(frames, scope)
    place = state.unit or state.department or t("page.scope_agency", lang)
    as_of = period.last_day.isoformat()
    return [
        html.H1(t("government.heading", lang, period=period.label)),
        html.P(place, className="scope"),
        headline(headline_sentences(figures, period.previous.label, lang), as_of, lang),
        calendar_link(CALENDAR_PATH + query(state), lang),
        register(register_rows(register_table(frames, scope), lang),
                 t("government.caption", lang, period=period.label, place=place,
                   date=as_of), lang),
    ]


layout = page_layout(lambda state, snapshot: _view(state, snapshot.frames))
