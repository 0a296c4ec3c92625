"""What every page does first: read the view's state from the address against the cached data,
and say how to load data when there is none."""

from __future__ import annotations

from collections.abc import Callable

from dash import html

from dashboard.context import current
from dashboard.data import Snapshot
from dashboard.i18n import t
from dashboard.urlstate import ViewState, parse, query

View = Callable[[ViewState, Snapshot], list]


def state_from_params(params: dict[str, str], frames: dict) -> ViewState:
    """The state that Dash pages' query parameters ask for, checked against the data."""
    return parse(query(ViewState(params.get("period"), params.get("avdelning"),
                                 params.get("enhet"), params.get("lang") or "sv")), frames)


def page_layout(view: View) -> Callable[..., html.Div]:
    """A Dash page ``layout(**params)``: the empty state, or ``view(state, snapshot)``."""
    def layout(**params: str) -> html.Div:
        snapshot = current().frames.current()
        state = state_from_params(params, snapshot.frames)
        if state.period is None:
            children = [html.H1(t("page.empty_title", state.lang)),
                        html.P(t("page.empty_body", state.lang))]
        else:
            children = view(state, snapshot)
        return html.Div(children, lang=state.lang, className="page")
    return layout
