"""Browser tests: Playwright drives the system's Chromium against the app served from a thread.

``playwright install`` cannot download on these machines, so the browser is the system package
(``/usr/bin/chromium``, or ``TERTIAL_CHROMIUM``). When it is missing the browser tests are
skipped, except when ``TERTIAL_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then the run stops at
collection, so CI can never pass without having run them. Every browser test fails on any
console error or uncaught page error.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Playwright
from werkzeug.serving import make_server

from loaders.store.store import Store
from tests.apps import make_app

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_VARIABLE = "TERTIAL_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
REQUIRE_VARIABLE = "TERTIAL_REQUIRE_BROWSER"
CHROMIUM_ARGS = ("--disable-gpu", "--disable-quic", "--disable-sync")
MISSING_CHROMIUM = (
    "Chromium was not found at {path}. Install the system package with "
    "`apt-get install -y chromium` (or point {variable} at a Chromium binary); "
    "`playwright install` cannot download here."
)


def chromium_path() -> Path:
    return Path(os.environ.get(CHROMIUM_VARIABLE) or DEFAULT_CHROMIUM)


def _usable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests of this folder ``browser``; fail or skip them when Chromium is missing."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    path = chromium_path()
    if not browser_items or _usable(path):
        return
    message = MISSING_CHROMIUM.format(path=path, variable=CHROMIUM_VARIABLE)
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        raise pytest.UsageError(
            f"{REQUIRE_VARIABLE}=1 but the browser tests cannot run. {message}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, on the system Chromium (headless unless --headed).

    No ``--user-data-dir`` in ``args``: Playwright refuses it and makes a fresh profile itself.
    """
    return {"headless": True, **browser_type_launch_args,
            "executable_path": str(chromium_path()), "args": list(CHROMIUM_ARGS)}


@dataclass(frozen=True)
class LiveServer:
    url: str
    store: Store  # the app's own store, to compute the figures a page should show
    server: Flask  # the app's Flask server, to watch what it is asked


@contextlib.contextmanager
def serve_in_thread(data_dir: Path, name: str, **environment: str) -> Iterator[LiveServer]:
    """``app.py`` built by :func:`tests.apps.make_app` on ``data_dir`` (the demo loaded when it
    is empty, ``environment`` set), served from a thread until the block ends."""
    app = make_app(data_dir, **environment)
    server = make_server("127.0.0.1", 0, app["server"], threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app["store"], app["server"])
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        app["store"].close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app built once, on a fresh data folder with the demo data, served from a thread.

    Built by :func:`tests.apps.make_app` (``create_app``, as ``app.py`` builds it for
    ``gunicorn app:server``), once per session: Dash pages register themselves in Dash's
    process-wide page registry, and ``make_app`` gives this app every callback even when
    another test module built its app first.
    """
    with serve_in_thread(tmp_path_factory.mktemp("browser") / "data",
                         "tertial-live-server") as served:
        yield served


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    """pytest-playwright gives it to every browser context: ``page.goto("/")`` works."""
    return live_server.url


@pytest.fixture(autouse=True)
def fail_on_browser_errors(page: Page) -> Iterator[list[str]]:
    """Collect console errors and uncaught page errors; any of them fails the test."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            errors.append(f"console error: {message.text} ({where})")

    def on_page_error(error: Error) -> None:
        errors.append(f"page error: {error.name}: {error.message}\n{error.stack or ''}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield errors
    if errors:
        pytest.fail(f"the browser reported {len(errors)} error(s) on {page.url}:\n"
                    + "\n".join(errors), pytrace=False)


def save_screenshot(page: Page, name: str) -> Path:
    """A full-page PNG under test-artifacts/screenshots/ (git-ignored); returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """``screenshot(page, name)``: save the page as test-artifacts/screenshots/NAME.png."""
    return save_screenshot


@pytest.fixture(scope="session")
def kept_context(playwright: Playwright, browser_type_launch_args: dict[str, Any],
                 base_url: str, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[BrowserContext]:
    """One Chromium profile for the test process, whose pages every test's ``page`` is.

    A fresh context per test began each test with an empty cache: every first page fetched
    and compiled the 4 MB of scripts again (about 0.5 s a test). In this one the HTTP cache and
    V8's code cache stay from test to test; what a reader's session is made of does not
    (:func:`context` clears the cookies and closes the pages). Tests that need a context of
    their own (another person's headers, another screen) make it from ``browser``."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("chromium-profile"), base_url=base_url,
        **browser_type_launch_args)
    for blank in list(context.pages):
        blank.close()
    yield context
    context.close()


@pytest.fixture
def context(kept_context: BrowserContext) -> Iterator[BrowserContext]:
    """pytest-playwright's ``context`` (and so ``page``), in the test process's one profile:
    no cookie and no page of the test before."""
    kept_context.clear_cookies()
    kept_context.clear_permissions()
    yield kept_context
    for page in list(kept_context.pages):
        page.close()
