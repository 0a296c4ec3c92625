"""Processer: a thin page; the spec is `dashboard.views.perspectives.PROCESSES`."""

from __future__ import annotations

import dash

from dashboard.components.perspective import perspective_layout
from dashboard.text.i18n import t
from dashboard.views.perspectives import PROCESSES as SPEC
from dashboard.web.titles import page_title

dash.register_page(__name__, path=SPEC.path, name=t(SPEC.title_key),
                   title=page_title(SPEC.title_key), title_key=SPEC.title_key,
                   order=SPEC.order)

layout = perspective_layout(SPEC)
