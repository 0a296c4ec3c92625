"""The Content-Security-Policy holds in the real browser: Dash works under it (every browser
test fails on a console error, and a blocked script is one) and an injected inline script
never runs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_an_injected_inline_script_is_blocked(page: Page, fail_on_browser_errors: list[str]):
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Tertialuppföljning", timeout=30_000)
    ran = page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.appendChild(script);
        return window.__injected === true;
    }""")
    assert ran is False
    page.wait_for_timeout(200)  # the browser reports the refusal on the console
    blocked = [e for e in fail_on_browser_errors if "Content Security Policy" in e]
    assert blocked, fail_on_browser_errors
    fail_on_browser_errors.clear()  # the expected refusal, not an error of the app
