"""The browser tab's title of a page, in the view's language: ``Tertial – Ekonomi`` or
``Tertial – Finance``.

Dash pages take a page's ``title`` as a text or a function; the function is called with the
address's path variables only, once for the index page's meta tags (a plain GET, the
language in its query) and again by the pages router's callback whenever the address
changes (the language in the callback's ``search`` input). Both are read here.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import callback_context
from dash.exceptions import MissingCallbackContextException
from flask import has_request_context, request

from dashboard.state.address import language_of
from dashboard.text.i18n import t

ROUTER_SEARCH = "_pages_location.search"  # the pages router's input of the address's query


def request_language() -> str:
    """The language of the address being served: the router callback's ``search``, else the
    request's own query; Swedish outside a request."""
    if not has_request_context():
        return "sv"
    try:
        search = callback_context.inputs.get(ROUTER_SEARCH)
    except (MissingCallbackContextException, LookupError):  # LookupError: a thread Dash's
        search = None  # callback context was never set in (a served GET of the index)
    if search is None:
        search = request.query_string.decode("utf-8", "replace")
    return language_of(search)


def page_title(key: str) -> Callable[..., str]:
    """A page's ``title`` for ``dash.register_page``: the app's name and the text ``key``."""
    def title(**_path_variables: str) -> str:
        lang = request_language()
        return f"{t('shell.app_title', lang)} – {t(key, lang)}"
    title.key = key  # type: ignore[attr-defined]
    return title
