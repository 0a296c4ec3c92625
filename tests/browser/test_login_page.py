"""The password mode in a real browser: a head of department logs in with the keyboard, sees
the overview with their name and role and without the pages their role may not open, logs
out with the button, and the login page passes an axe-core audit in both languages.

The shared ``live_server`` runs in the local mode, so this module serves its own instance:
``python app.py`` in a subprocess with ``TERTIAL_AUTH_MODE=password`` on a fresh data folder
(the demo is loaded), its user added to that database before it starts.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard import ids
from dashboard.text.i18n import t
from loaders.records.accounts import Accounts
from loaders.settings import load_settings
from loaders.store.store import Store
from tests.browser.test_axe import report, violations
from tests.servers import clean_environment, free_port, serving

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000  # a cold server and browser load Dash's bundles first
NAME, PASSWORD, SHOWN = "anna", "korrekt häst batteri", "Anna Berg"
DEPARTMENT = "IT-avdelningen"
HIDDEN_FROM_HEADS = ("nav.upload", "history.title", "audit.title")
DATA_DIRS: dict[str, object] = {}  # server URL -> its data folder


@pytest.fixture(scope="module")
def password_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python app.py`` in the password mode with one head of department; its base URL."""
    data_dir = tmp_path_factory.mktemp("login-browser") / "data"
    data_dir.mkdir(parents=True)
    store = Store(load_settings({"data_dir": data_dir}).resolved_database_url)
    try:
        Accounts(store).add(NAME, PASSWORD, "head", department=DEPARTMENT, display_name=SHOWN)
    finally:
        store.close()
    port = free_port()
    env = clean_environment(TERTIAL_DATA_DIR=str(data_dir), TERTIAL_HOST="127.0.0.1",
                            TERTIAL_PORT=str(port), TERTIAL_DEMO_ON_EMPTY="true",
                            TERTIAL_AUTH_MODE="password")
    with serving([sys.executable, "app.py"], port, env) as url:
        DATA_DIRS[url] = data_dir
        yield url


def test_a_head_logs_in_with_the_keyboard_sees_their_view_and_logs_out(
        page: Page, password_server):
    page.goto(f"{password_server}/")
    expect(page).to_have_url(re.compile(r"/logga-in\?next=%2F$"))
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    expect(page.get_by_label("Användarnamn")).to_be_focused()  # autofocus: type at once
    page.keyboard.type(NAME)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Lösenord")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    menu = page.locator(f"#{ids.USER_MENU}")
    expect(menu).to_contain_text(t("auth.signed_in_as", name=SHOWN, role="avdelningschef"),
                                 timeout=FIRST_RENDER_MS)
    expect(page.locator("section.perspective")).to_have_count(4, timeout=FIRST_RENDER_MS)
    expect(page.locator(f"input#{ids.DEPARTMENT}")).to_have_value(DEPARTMENT)  # their own
    nav = page.locator(f"#{ids.NAV}")
    expect(nav.get_by_role("link", name=t("nav.overview"))).to_be_visible()
    for key in HIDDEN_FROM_HEADS:
        expect(nav.get_by_role("link", name=t(key))).to_have_count(0)

    menu.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(re.compile(r"/logga-in\?ut=1&lang=sv$"))
    expect(page.get_by_role("status")).to_have_text("Du är utloggad.")
    page.goto(f"{password_server}/")  # the session is over: back to the login page
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()


def end_sessions_elsewhere(url: str) -> None:
    """What a logout in another tab or a new password does: the account's token changes."""
    data_dir = DATA_DIRS[url]
    store = Store(load_settings({"data_dir": data_dir}).resolved_database_url)
    try:
        Accounts(store).end_sessions(NAME)
    finally:
        store.close()


def test_a_view_whose_session_ended_goes_to_the_login_page_and_comes_back(
        page: Page, password_server, fail_on_browser_errors):
    """The refused callback (401) is the one console error expected; the reader lands on the
    login page, in the view's language, and comes back to the view they had."""
    page.goto(f"{password_server}/verksamhet?lang=en")
    page.get_by_label("User name").fill(NAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(f"#{ids.USER_MENU}")).to_contain_text(SHOWN, timeout=FIRST_RENDER_MS)
    expect(page).to_have_url(re.compile(r"/verksamhet\?period=.*lang=en"))
    expect(page.locator(f"#{ids.OPERATIONS_GRID} .ag-row").first).to_be_visible(
        timeout=FIRST_RENDER_MS)  # the view has settled: no request of the login pending

    end_sessions_elsewhere(password_server)
    with contextlib.suppress(PlaywrightTimeoutError):  # a late request may have gone first
        page.locator(f"#{ids.PERIOD}").click(timeout=5_000)  # any change asks the server
        page.get_by_role("option", name="2018-T1").click(timeout=5_000)
    # "?lang=…&next=…" is session.js's address (the server's own redirect writes next first)
    expect(page).to_have_url(re.compile(r"/logga-in\?lang=en&next=%2Fverksamhet"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    refused = [e for e in fail_on_browser_errors if "401" in e and "_dash-update-component" in e]
    assert refused and len(refused) == len(fail_on_browser_errors), fail_on_browser_errors
    fail_on_browser_errors.clear()

    page.get_by_label("User name").fill(NAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/verksamhet\?period=2018-T2&.*lang=en"),
                             timeout=FIRST_RENDER_MS)  # the change that was refused is not in
    page.locator(f"#{ids.PERIOD}").click()
    page.get_by_role("option", name="2018-T1").click()
    expect(page).to_have_url(re.compile(r"/verksamhet\?period=2018-T1"))


@pytest.mark.parametrize("query", ["", "?lang=en", "?ut=1", "?ut=1&lang=en"])
def test_the_login_page_has_no_wcag_21_aa_violations(page: Page, password_server, query):
    page.goto(f"{password_server}/logga-in{query}")
    lang = "en" if "lang=en" in query else "sv"
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", name=t("auth.login_title", lang))).to_be_visible()
    found = violations(page)
    assert not found, report(found)
