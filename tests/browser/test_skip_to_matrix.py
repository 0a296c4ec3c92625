"""The overview's skip link to the department matrix: a keyboard reader passes the
sentences' and the cards' links in one stop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from dashboard.text.i18n import t

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
FOCUSED = """() => { const e = document.activeElement;
    return {text: e.innerText, in_matrix: !!e.closest('#""" + ids.DEPARTMENT_MATRIX + """'),
            visible: (() => { const box = e.getBoundingClientRect();
                return box.width > 0 && box.right > 0 && box.left < window.innerWidth; })()};
}"""


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_skip_link_takes_the_keyboard_to_the_department_matrix(page: Page, lang):
    page.goto("/" + ("?lang=en" if lang == "en" else ""))
    matrix = page.locator(f"#{ids.DEPARTMENT_MATRIX}")
    expect(matrix.locator("a").first).to_be_attached(timeout=FIRST_RENDER_MS)
    expect(page.locator(f"#{ids.SKIP_LINK}")).to_have_text(t("shell.skip_to_content", lang))
    page.locator(f"#{ids.SKIP_LINK}").focus()
    page.keyboard.press("Enter")  # to the page's content
    page.keyboard.press("Tab")  # its first stop: the link to the matrix, shown when focused
    first = page.evaluate(FOCUSED)
    assert first["text"] == t("overview_skip.to_matrix", lang)
    assert first["visible"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is the matrix's first cell
    assert page.evaluate(FOCUSED)["in_matrix"]


def test_a_department_overview_has_no_matrix_and_no_link_to_it(page: Page):
    page.goto("/?avdelning=IT-avdelningen")
    expect(page.locator(f"#{ids.CONTENT} .scope")).to_have_text("IT-avdelningen",
                                                                 timeout=FIRST_RENDER_MS)
    expect(page.locator(".skip-to-matrix")).to_have_count(0)
