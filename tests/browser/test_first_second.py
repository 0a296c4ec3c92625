"""Actions in the first second: what a reader does at once after the page opens takes effect.

A bare address is sent on to the full one before the page opens (``dashboard/web/addresses.py``),
so the page is drawn once. An address with a problem is served as asked, and the shell's
callback answers more than once (first for that address, then for the one it writes without
the problem), and other callbacks read what it sets. An answer that set a list or a value the
page already had drew an open list again (the option the arrows had reached was lost) and
fired the export's callback again on the language, so Dash dropped the click's answer still
in flight. These tests act as soon as the control can be used, never waiting for the network
to be idle, and check that the action took effect and stayed.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from dashboard.text.i18n import t

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
STORY = "2018-T2"
ACTIVE = """() => {
    const option = document.querySelector('[role="listbox"] [data-combobox-selected]');
    return option ? option.innerText : null;
}"""  # the option Enter would choose


def period_input(page: Page):
    return page.locator(f"input#{ids.PERIOD}")


ROUTER_OUTPUT = "_pages_content"  # the Dash pages router's output: the page drawn


def test_a_page_opened_at_a_bare_address_is_drawn_once(page: Page):
    drawn: list[str] = []
    page.on("request", lambda request: drawn.append(request.url)
            if request.method == "POST" and ROUTER_OUTPUT in (request.post_data or "")
            else None)
    page.goto("/ekonomi")
    expect(page).to_have_url(re.compile(rf"/ekonomi\?period={STORY}$"))
    expect(page.locator(f"#{ids.CONTENT} h1")).to_be_visible(timeout=FIRST_RENDER_MS)
    page.wait_for_load_state("networkidle")  # nothing more is asked for
    assert len(drawn) == 1, drawn


@pytest.mark.parametrize("path", ["/", "/verksamhet", "/?avdelning=Rymdavdelningen"])
def test_a_keyboard_choice_in_the_period_list_at_once_is_kept(page: Page, path):
    page.goto(path)
    # the list has its options (the first answer came): act now, while the page may still
    # be drawn again (an address with a problem is written again without it)
    expect(period_input(page)).to_have_value(STORY, timeout=FIRST_RENDER_MS)
    period_input(page).focus()
    page.keyboard.press("ArrowDown")  # opens the list
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("ArrowDown")
    older = page.evaluate(ACTIVE)
    assert older not in (None, STORY)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"period={older}"), timeout=FIRST_RENDER_MS)
    expect(page.locator(f"#{ids.CONTENT} h1")).to_contain_text(older, timeout=FIRST_RENDER_MS)
    page.wait_for_load_state("networkidle")  # every late answer has landed: still the choice
    expect(period_input(page)).to_have_value(older)
    assert f"period={older}" in page.url


def test_a_click_on_the_export_button_at_once_starts_the_export(page: Page):
    page.goto("/")
    button = page.locator(f"#{ids.EXPORT_BUTTON}")
    button.click(timeout=FIRST_RENDER_MS)  # as soon as it is there
    status = page.locator(f"#{ids.EXPORT_STATUS}")
    # queued, running or already done: the job started (the status is empty until then)
    expect(status).to_have_text(re.compile(r"^(Exporten väntar|Exporterar|Klart)"),
                                timeout=FIRST_RENDER_MS)
    expect(button).not_to_have_text(t("export.job_busy"))
