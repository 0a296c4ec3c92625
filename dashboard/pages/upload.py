"""Ladda upp: finance uploads the tertial's workbook, sees the check, previews, confirms.

Works on an empty database: it is how data gets in. The parts are in
``dashboard.components.upload``, the steps after the file has arrived in
``dashboard.callbacks.upload``, the file's own route in ``dashboard.web.upload``.
"""

from __future__ import annotations

import dash
from dash import html

from dashboard.components import upload
from dashboard.components.page import guarded
from dashboard.text.i18n import t
from dashboard.web.context import current
from dashboard.web.titles import page_title
from loaders.language import language

dash.register_page(__name__, path="/ladda-upp", name=t("nav.upload"),
                   title=page_title("nav.upload"),
                   title_key="nav.upload", order=5, access="upload")


def _layout(**params: str) -> html.Div:
    lang = language(params.get("lang"))
    limit = f"{current().settings.max_upload_mb:g}"
    return html.Div(upload.layout(lang, limit), lang=lang, className="page upload-page")


layout = guarded("upload", _layout)
