"""Back to the whole agency and to all units with the keyboard alone.

The department list starts with "Hela myndigheten" and a department's unit list with "Alla
enheter": real options, reached with the arrow keys and chosen with Enter, that clear the
filter (the address loses ``avdelning`` or ``enhet``). Only key presses drive the page.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from dashboard.kpis.organisation import units_by_department

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
STORY = "2018-T2"
DEPARTMENT = "IT-avdelningen"
LIMIT = 40  # more presses than the header has stops, or a list options
ACTIVE = """() => {
    const option = document.querySelector('[role="listbox"] [data-combobox-selected]');
    return option ? option.innerText : null;
}"""


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def tab_to(page: Page, component_id: str) -> None:
    for _ in range(LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == component_id:
            return
    raise AssertionError(f"Tab did not reach {component_id}")


def choose_with_arrows(page: Page, wanted: str) -> None:
    """Open the focused list with an arrow key, arrow up to ``wanted``, choose it."""
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("listbox")).to_be_visible()
    for _ in range(LIMIT):
        if page.evaluate(ACTIVE) == wanted:
            break
        page.keyboard.press("ArrowUp")
    assert page.evaluate(ACTIVE) == wanted, f"the arrow keys did not reach {wanted!r}"
    page.keyboard.press("Enter")
    expect(page.get_by_role("listbox")).to_be_hidden()


def open_view(page: Page, **params: str) -> None:
    page.goto("/?" + urlencode({"period": STORY, **params}))
    expect(page.locator("div.page p.scope")).to_have_text(
        params.get("enhet", params.get("avdelning", "")), timeout=FIRST_RENDER_MS)
    expect(page.locator(f"input#{ids.PERIOD}")).to_have_value(STORY)


@pytest.mark.parametrize(("lang", "agency"), [("sv", "Hela myndigheten"),
                                              ("en", "Whole agency")])
def test_the_keyboard_goes_back_to_the_whole_agency(page: Page, lang, agency):
    open_view(page, avdelning=DEPARTMENT, **({"lang": lang} if lang == "en" else {}))
    tab_to(page, ids.DEPARTMENT)
    choose_with_arrows(page, agency)
    expect(page).not_to_have_url(re.compile("avdelning="), timeout=FIRST_RENDER_MS)
    expect(page.locator("div.page p.scope")).to_have_text(agency)
    expect(page.locator(f"input#{ids.DEPARTMENT}")).to_have_attribute("placeholder", agency)
    assert query(page)["period"] == [STORY]
    expect(page.get_by_role("status").filter(has_text="__all__")).to_have_count(0)


def test_the_keyboard_goes_back_to_all_units(page: Page, live_server):
    unit = units_by_department(live_server.store.frames())[DEPARTMENT][0]
    open_view(page, avdelning=DEPARTMENT, enhet=unit)
    tab_to(page, ids.UNIT)
    choose_with_arrows(page, "Alla enheter")
    expect(page).not_to_have_url(re.compile("enhet="), timeout=FIRST_RENDER_MS)
    expect(page.locator("div.page p.scope")).to_have_text(DEPARTMENT)
    assert query(page) == {"period": [STORY], "avdelning": [DEPARTMENT]}
