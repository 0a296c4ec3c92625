"""The accessibility statement in a real browser, in Swedish and in English.

The conftest fixture fails the test on any console error or uncaught page error.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.i18n import t

pytestmark = pytest.mark.browser

HEADINGS = ("a11y_how_heading", "a11y_report_heading", "a11y_complain_heading",
            "a11y_technical_heading", "a11y_gaps_heading", "a11y_method_heading")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_statement_shows_its_sections_in_the_chosen_language(page: Page, lang, screenshot):
    page.goto("/tillganglighet" + ("?lang=en" if lang == "en" else ""))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("a11y_heading", lang))
    for key in HEADINGS:
        expect(page.get_by_role("heading", level=2, name=t(key, lang))).to_be_visible()
    expect(page.get_by_text(t("a11y_contact", lang))).to_be_visible()
    expect(page.get_by_role("link", name=t("a11y_digg_link", lang))).to_be_visible()
    expect(page.locator(f"div.accessibility-statement[lang={lang}]")).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role(
        "link", name=t("page_accessibility", lang))).to_be_visible()
    screenshot(page, f"accessibility-{lang}")
