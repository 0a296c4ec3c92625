"""Så fungerar uppföljningen: the follow-up cycle explained to each of its people (finance,
the department heads and their reporters, the director-general, everyone who reads), in the
order the cycle runs. Static text from the one table of texts (``[guide]``); linked from the
Uppföljning page."""

from __future__ import annotations

import dash
from dash import html

from dashboard.text.i18n import language, t
from dashboard.web.paths import FOLLOWUP_GUIDE_PATH
from dashboard.web.titles import page_title

dash.register_page(__name__, path=FOLLOWUP_GUIDE_PATH, name=t("guide.title"),
                   title=page_title("guide.title"),
                   title_key="guide.title", order=4.9, nav=False)

# (heading key, the items of its list), one section per step and role
SECTIONS = (
    ("guide.cycle_heading", ("guide.cycle_1", "guide.cycle_2", "guide.cycle_3",
                             "guide.cycle_4", "guide.cycle_5")),
    ("guide.finance_heading", ("guide.finance_1", "guide.finance_2", "guide.finance_3")),
    ("guide.head_heading", ("guide.head_1", "guide.head_2", "guide.head_3", "guide.head_4")),
    ("guide.director_heading", ("guide.director_1", "guide.director_2", "guide.director_3")),
    ("guide.reader_heading", ("guide.reader_1", "guide.reader_2")),
)


def layout(**params: str) -> html.Div:
    lang = language(params.get("lang") or "sv")
    children: list = [html.H1(t("guide.title", lang)), html.P(t("guide.intro", lang))]
    for heading, items in SECTIONS:
        children.append(html.Section([html.H2(t(heading, lang)),
                                      html.Ul([html.Li(t(key, lang)) for key in items])]))
    return html.Div(children, lang=lang, className="page guide")
