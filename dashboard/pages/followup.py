"""Uppföljning: the follow-up round of the chosen tertial. Finance opens it with a last day
and follows the departments' progress; a department head (or reporter) assesses the
department's assignments and marks it ready; the director-general adopts (fastställer) it.
The callbacks are in ``dashboard.callbacks.followup``; the store checks every change."""

from __future__ import annotations

import dash
from dash import html

from dashboard import ids
from dashboard.components.followup import edit_dialog
from dashboard.components.followup_page import body
from dashboard.text.i18n import t
from dashboard.web.auth import state_from_params
from dashboard.web.context import current
from dashboard.web.paths import FOLLOWUP_PATH
from dashboard.web.titles import page_title

dash.register_page(__name__, path=FOLLOWUP_PATH, name=t("nav.followup"),
                   title=page_title("nav.followup"),
                   title_key="nav.followup", order=4.8)


def layout(**params: str) -> html.Div:
    state = state_from_params(params, current().frames.current().frames)
    return html.Div([
        html.Div(id=ids.FOLLOWUP_MESSAGE, className="followup-message"),  # an Alert: announced
        html.Div(body(state), id=ids.FOLLOWUP_BODY),
        edit_dialog(state.lang),
    ], lang=state.lang, className="page followup")
