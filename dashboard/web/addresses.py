"""A dashboard page opened at an incomplete address (``/ekonomi``, a bookmark without its
tertial) is redirected to its full one (``/ekonomi?period=2026-T2``) before the page is
served.

Without this the shell's callback writes the full address into the browser once the page
has opened, and the pages router draws the whole page a second time for the same view: every
first visit paid two draws, and a chart, a list or a click taken in between was replaced. The
full address is the one the shell writes (:func:`dashboard.state.shell.from_address`), so the
shell finds nothing to change. An address with a problem (an unknown tertial, a department
the reader may not see) is served as it is, so that the page can say what was wrong with it.
"""

from __future__ import annotations

import dash
import flask
from flask import request

from dashboard.state.shell import from_address
from dashboard.web.auth import reach
from dashboard.web.context import current


def full_address() -> flask.Response | None:
    """The redirect to the full address of a page's GET, or None to serve it as asked."""
    if request.method != "GET" or request.path not in _page_paths():
        return None
    asked = request.query_string.decode("utf-8", "replace")
    search = f"?{asked}" if asked else ""
    view = from_address(search, current().frames.current().frames, reach())
    if view.problems or view.search == search:
        return None
    return flask.redirect(request.path + view.search, code=302)


def _page_paths() -> set[str]:
    return {page["relative_path"] for page in dash.page_registry.values()}


def install(server: flask.Flask) -> None:
    """Redirect incomplete page addresses; after ``auth.install`` (the reader's reach decides
    the department a fresh visit opens on)."""
    server.before_request(full_address)
