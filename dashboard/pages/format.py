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

dash.register_page(__name__, path="/format", name=t("nav.format"),
                   title=f"{t('shell.app_title')} – {t('nav.format')}",
                   title_key="nav.format", order=7)

SECTIONS = document_sections()


def layout(**params: str) -> html.Div:
    return html.Div([html.Section(dcc.Markdown(chunk), id=key) if key else dcc.Markdown(chunk)
                     for key, chunk in SECTIONS],
                    lang="sv", className="page format-document")
