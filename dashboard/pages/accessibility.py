"""Tillgänglighet: the accessibility statement that Swedish public bodies publish.

Required by lagen (2018:1937) om tillgänglighet till digital offentlig service and laid out
after DIGG's model statement: commitment, compliance status with the known shortcomings, how
to report a shortcoming, the right to complain to DIGG, and how and when the statement was
made. Static text from ``dashboard.i18n``: it needs no data and works on an empty database.
"""

from __future__ import annotations

import dash
from dash import html

from dashboard.i18n import t

dash.register_page(__name__, path="/tillganglighet", name="Tillgänglighet",
                   title="Tertial – Tillgänglighet", title_key="page_accessibility", order=9)

DIGG_URL = "https://www.digg.se/"

# (heading key, paragraph keys, list item keys), in the order of DIGG's model statement.
SECTIONS = (
    ("a11y_how_heading", ("a11y_how_body",), ()),
    ("a11y_report_heading", ("a11y_report_body", "a11y_contact"), ()),
    ("a11y_complain_heading", ("a11y_complain_body",), ()),
    ("a11y_technical_heading", ("a11y_technical_body",), ()),
    ("a11y_gaps_heading", ("a11y_gaps_body",),
     ("a11y_gap_charts", "a11y_gap_grid", "a11y_gap_contrast")),
    ("a11y_method_heading", ("a11y_method_body", "a11y_updated"), ()),
)


def _section(heading: str, paragraphs: tuple[str, ...], items: tuple[str, ...],
             lang: str) -> html.Section:
    children: list = [html.H2(t(heading, lang))]
    children += [html.P(t(key, lang)) for key in paragraphs]
    if items:
        children.append(html.Ul([html.Li(t(key, lang)) for key in items]))
    if heading == "a11y_complain_heading":
        children.append(html.P(html.A(t("a11y_digg_link", lang), href=DIGG_URL)))
    return html.Section(children, className="statement-section")


def layout(**params: str) -> html.Div:
    """The statement in the address's language (``?lang=en``), Swedish otherwise."""
    lang = "en" if params.get("lang") == "en" else "sv"
    return html.Div(
        [html.H1(t("a11y_heading", lang)), html.P(t("a11y_intro", lang))]
        + [_section(heading, paragraphs, items, lang)
           for heading, paragraphs, items in SECTIONS],
        lang=lang, className="page accessibility-statement")
