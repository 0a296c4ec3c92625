"""A dashboard page opened at an incomplete address (``/ekonomi``, a bookmark without its
tertial) is redirected to its full one (``/ekonomi?period=2026-T2``) before the page is
served.

Without this the shell's callback writes the full address into the browser once the page
has opened, and the pages router draws the whole page a second time for the same view: every
first visit paid two draws, and a chart, a list or a click taken in between was replaced. The
full address is the one the shell writes (``query(parse(...))``, as
:func:`dashboard.state.shell.from_address` makes it), so the shell finds nothing to change.
An address with a problem (an unknown tertial, a department the reader may not see) is served
as it is, so that the page can say what was wrong with it. The redirect names the reader's
department (a head's fresh visit opens on it), so it is never cached.
"""

from __future__ import annotations

import logging

import dash
import flask
from flask import request

from dashboard.state.address import parse, query
from dashboard.web.auth import reach
from dashboard.web.context import current

log = logging.getLogger(__name__)
LONGEST = 2000  # characters of a full address redirected to; a longer one is served as asked


def full_address() -> flask.Response | None:
    """The redirect to the full address of a page's GET (or HEAD), or None to serve it as
    asked. It reads the data version (one small query; the frames when they are new), as
    the page's first callback would a moment later; when the data cannot be read, the page
    is served as asked and its callbacks say so. A rollback between the redirect and the
    page can leave the full address naming a tertial that is gone: the page then says so, as
    for a bookmark."""
    if request.method not in ("GET", "HEAD") or request.path not in _page_paths():
        return None
    asked = request.query_string.decode("utf-8", "replace")
    search = f"?{asked}" if asked else ""
    try:
        state = parse(search, current().frames.current().frames, reach())
    except Exception:  # the reader still gets the page, never a bare error
        log.exception("no full address for %s: served as asked", request.path)
        return None
    full = query(state)
    if state.problems or full == search or len(full) > LONGEST:
        return None
    response = flask.redirect(request.path + full, code=302)
    response.headers["Cache-Control"] = "private, no-store"  # it names the reader's department
    return response


def _page_paths() -> set[str]:
    return {page["relative_path"] for page in dash.page_registry.values()}


def install(server: flask.Flask) -> None:
    """Redirect incomplete page addresses; after ``auth.install`` (the reader's reach decides
    the department a fresh visit opens on)."""
    server.before_request(full_address)
