"""Filformat: the workbook format for finance users, as docs/format.md says it (one source).

The upload page's short guide links here. The document is Swedish with an English section;
it is read once, when the page module is loaded, and shown as Markdown, one section per
heading (``dashboard.views.format_doc``) so that the document's own links work.
"""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.text.i18n import t
from dashboard.views.format_doc import document_sections
from dashboard.web.titles import page_title

dash.register_page(__name__, path="/format", name=t("nav.format"),
                   title=page_title("nav.format"),
                   title_key="nav.format", order=7)

SECTIONS = document_sections()
ENGLISH_SECTION = "in-english"  # the document's English part, marked so (WCAG 3.1.2)


def _section(key: str | None, chunk: str):
    if not key:
        return dcc.Markdown(chunk)
    return html.Section(dcc.Markdown(chunk), id=key,
                        **({"lang": "en"} if key == ENGLISH_SECTION else {}))


def layout(**params: str) -> html.Div:
    return html.Div([_section(key, chunk) for key, chunk in SECTIONS],
                    lang="sv", className="page format-document")
