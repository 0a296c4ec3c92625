"""What every page does first: read the view's state from the address against the cached data,
take the frames it shows (the adopted follow-up of an adopted tertial, unless today's data is
asked for), and say how to load data when there is none."""

from __future__ import annotations

from collections.abc import Callable

from dash import html

from dashboard.components.adoption import adoption_line
from dashboard.data import Snapshot
from dashboard.state.address import ViewState
from dashboard.text.i18n import language, t
from dashboard.web.answers import note_refusal
from dashboard.web.auth import current_user, state_from_params
from dashboard.web.context import current
from dashboard.web.roles import ALLOWED, can
from loaders.settings import ROLES

View = Callable[[ViewState, Snapshot], list]


def shown_frames(params: dict[str, str]) -> tuple[ViewState, Snapshot, Snapshot]:
    """(the view's state, the snapshot the page shows, today's snapshot): the tertial's
    adopted follow-up once it is adopted, unless the address asks for today's data."""
    cache = current().frames
    state = state_from_params(params, cache.current().frames)
    shown, live = cache.for_view(state.period, state.shows_current)
    return state, shown, live


def page_layout(view: View) -> Callable[..., html.Div]:
    """A Dash page ``layout(**params)``: the empty state, or ``view(state, snapshot)``."""
    def layout(**params: str) -> html.Div:
        state, shown, live = shown_frames(params)
        if state.period is None:
            children = [html.H1(t("page.empty_title", state.lang)),
                        html.P(t("page.empty_body", state.lang))]
        else:
            children = view(state, shown)
            children.insert(_under_scope(children), adoption_line(state, shown, live))
        return html.Div(children, lang=state.lang, className="page")
    return layout


def _under_scope(children: list) -> int:
    """Where the adoption line goes: right under the heading's scope line (``p.scope``; a
    page may put a skip link before its heading), else third."""
    found = next((n for n, child in enumerate(children)
                  if getattr(child, "className", None) == "scope"), None)
    return 2 if found is None else found + 1


def guarded(action: str, layout: Callable[..., html.Div]) -> Callable[..., html.Div]:
    """A page layout shown only to roles that may do ``action``; others read which roles may
    (the page's callbacks and routes refuse them on the server all the same), and the refusal
    is logged."""
    def page(**params: str) -> html.Div:
        user = current_user()
        if can(user, action):
            return layout(**params)
        note_refusal(f"auth.page_refused {action}")
        lang = language(params.get("lang") or "sv")
        roles = ", ".join(t(f"auth.role.{role}", lang) for role in ROLES
                          if role in ALLOWED[action])
        role = t(f"auth.role.{user.role}", lang) if user else "-"
        return html.Div([html.H1(t("auth.refused_title", lang)),
                         html.P(t("auth.page_refused", lang, roles=roles, role=role))],
                        lang=lang, className="page")
    return page
