"""Tillgänglighet: the accessibility statement that Swedish public bodies publish.

Required by lagen (2018:1937) om tillgänglighet till digital offentlig service and laid out
after DIGG's model statement: commitment, compliance status with the known shortcomings, how
to report a shortcoming, the right to complain to DIGG, and how and when the statement was
made. Static text from the one table of texts (``dashboard/text/texts.toml``, ``[accessibility]``),
with the agency's contact line from its setting (``TERTIAL_CONTACT``): it needs no data and
works on an empty database.
"""

from __future__ import annotations

import dash
from dash import html

from dashboard.text.i18n import t
from dashboard.views.agency import contact_line
from dashboard.web.context import current
from dashboard.web.titles import page_title
from loaders.language import language

dash.register_page(__name__, path="/tillganglighet", name=t("nav.accessibility"),
                   title=page_title("nav.accessibility"),
                   title_key="nav.accessibility", order=9)

DIGG_URL = "https://www.digg.se/"
CONTACT = "accessibility.contact"  # the line filled from TERTIAL_CONTACT

# (heading key, paragraph keys, list item keys), in the order of DIGG's model statement.
SECTIONS = (
    ("accessibility.how_heading", ("accessibility.how_body",), ()),
    ("accessibility.report_heading", ("accessibility.report_body", CONTACT), ()),
    ("accessibility.complain_heading", ("accessibility.complain_body",), ()),
    ("accessibility.technical_heading", ("accessibility.technical_body",), ()),
    ("accessibility.gaps_heading", ("accessibility.gaps_body",),
     ("accessibility.gap_charts", "accessibility.gap_grid", "accessibility.gap_contrast")),
    ("accessibility.method_heading", ("accessibility.method_body", "accessibility.updated"), ()),
)


def _section(heading: str, paragraphs: tuple[str, ...], items: tuple[str, ...],
             lang: str, contact: str) -> html.Section:
    children: list = [html.H2(t(heading, lang))]
    children += [html.P(contact_line(contact, lang) if key == CONTACT else t(key, lang),
                        className="contact" if key == CONTACT else None)
                 for key in paragraphs]
    if items:
        children.append(html.Ul([html.Li(t(key, lang)) for key in items]))
    if heading == "accessibility.complain_heading":
        children.append(html.P(html.A(t("accessibility.digg_link", lang), href=DIGG_URL)))
    return html.Section(children, className="statement-section")


def layout(**params: str) -> html.Div:
    """The statement in the address's language (``?lang=en``), Swedish otherwise."""
    lang = language(params.get("lang"))
    contact = current().settings.contact
    return html.Div(
        [html.H1(t("accessibility.heading", lang)), html.P(t("accessibility.intro", lang))]
        + [_section(heading, paragraphs, items, lang, contact)
           for heading, paragraphs, items in SECTIONS],
        lang=lang, className="page accessibility-statement")
