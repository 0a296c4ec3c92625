"""The accessibility statement in a real browser, in Swedish and in English.

The conftest fixture fails the test on any console error or uncaught page error.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.text.i18n import t

pytestmark = pytest.mark.browser

HEADINGS = ("accessibility.how_heading", "accessibility.report_heading",
            "accessibility.complain_heading", "accessibility.technical_heading",
            "accessibility.gaps_heading", "accessibility.method_heading")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_statement_shows_its_sections_in_the_chosen_language(page: Page, lang, screenshot):
    page.goto("/tillganglighet" + ("?lang=en" if lang == "en" else ""))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("accessibility.heading", lang))
    for key in HEADINGS:
        expect(page.get_by_role("heading", level=2, name=t(key, lang))).to_be_visible()
    contact = t("accessibility.contact", lang, contact=t("agency.contact_default", lang))
    expect(page.get_by_text(contact)).to_be_visible()
    expect(page.get_by_role("link", name=t("accessibility.digg_link", lang))).to_be_visible()
    expect(page.locator(f"div.accessibility-statement[lang={lang}]")).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role(
        "link", name=t("nav.accessibility", lang))).to_be_visible()
    screenshot(page, f"accessibility-{lang}")
