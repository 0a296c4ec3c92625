"""A reader's second page asks the server for none of the app's files (its scripts, its styles,
the plotly.js bundle): Chromium keeps them from the first (dashboard/web/assets.py). The one
file Dash loads later by a name without a fingerprint (dcc's ``async-graph.js``) is asked
again and answered 304, without its body."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
FILES = ("/assets/", "/_dash-component-suites/")


@pytest.fixture
def asked(live_server: LiveServer) -> Iterator[list[tuple[str, str]]]:
    """The paths the live server is asked for while the test runs, with its answers' status."""
    paths: list[tuple[str, str]] = []
    inner = live_server.server.wsgi_app

    def watched(environ, start_response):
        def answered(status, headers, *rest):
            paths.append((environ["PATH_INFO"], status.split()[0]))
            return start_response(status, headers, *rest)
        return inner(environ, answered)

    live_server.server.wsgi_app = watched
    try:
        yield paths
    finally:
        live_server.server.wsgi_app = inner


def opened(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(
        timeout=FIRST_RENDER_MS)
    page.wait_for_load_state("networkidle")  # every file the page asks for has been asked


@pytest.fixture
def fresh_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A page in a context of its own, with an empty cache (the other tests' pages share one
    profile, ``conftest.kept_context``, whose cache may hold every file already)."""
    context = browser.new_context(base_url=live_server.url)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_second_page_asks_for_none_of_the_files_the_first_fetched(
        fresh_page: Page, asked: list[tuple[str, str]]):
    page = fresh_page
    opened(page, "/")
    first = {path for path, _status in asked if path.startswith(FILES)}
    assert any("plotly-basic" in path for path in first)
    asked.clear()
    opened(page, "/ekonomi")
    assert ("/ekonomi", "200") in asked  # the page itself is asked for: it is the reader's
    again = [(path, status) for path, status in asked if path in first]
    assert [path for path, _status in again if "async-graph" not in path] == []
    assert {status for _path, status in again} <= {"304"}
