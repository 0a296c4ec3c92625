"""The shell in a real browser: filters and address in step, back, reload, language, keyboard.

The address (``?period=…&avdelning=…&enhet=…&lang=…``) is the view's one source of state:
choosing in a filter rewrites it, opening or reloading it sets the filters, and the back
button returns to the previous view. Expected figures come from the served app's own store
through ``dashboard.kpis.summary`` (the helpers of ``test_overview``).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import dash
import pytest
from playwright.sync_api import Locator, Page, expect

from dashboard import ids
from dashboard.kpis import Selection, summary
from dashboard.kpis.organisation import units_by_department
from dashboard.text.i18n import t
from tests.browser.test_overview import FIRST_RENDER_MS, STORY, expected_cards, shown_cards

pytestmark = pytest.mark.browser

DEPARTMENT = "IT-avdelningen"
AGENCY = {"sv": "Hela myndigheten", "en": "Whole agency"}
LABELS = {"sv": ("Tertial", "Avdelning", "Enhet"), "en": ("Tertial", "Department", "Unit")}
TAB_LIMIT = 30  # more Tab presses than the header has stops


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def cards(page: Page) -> Locator:
    return page.locator("section.perspective")


def scope(page: Page) -> Locator:
    return page.locator("div.page p.scope")


def select(page: Page, component_id: str) -> Locator:
    return page.locator(f"input#{component_id}")


def open_options(page: Page, component_id: str) -> Locator:
    """Open a select's list and return its options."""
    select(page, component_id).click()
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    return listbox.get_by_role("option")


def wait_for_overview(page: Page, address: str) -> None:
    page.goto(address)
    expect(cards(page)).to_have_count(4, timeout=FIRST_RENDER_MS)
    expect(select(page, ids.PERIOD)).to_have_value(STORY)


def expect_department_view(page: Page, live_server, lang: str) -> None:
    """The page shows IT-avdelningen's figures and the filters say so."""
    expect(scope(page)).to_have_text(DEPARTMENT)
    expect(select(page, ids.DEPARTMENT)).to_have_value(DEPARTMENT)
    expect(select(page, ids.PERIOD)).to_have_value(STORY)
    result = summary(live_server.store.frames(), Selection(STORY, DEPARTMENT))
    assert shown_cards(cards(page)) == expected_cards(result, lang)


def choose_department(page: Page) -> None:
    open_options(page, ids.DEPARTMENT).get_by_text(DEPARTMENT, exact=True).click()
    expect(page).to_have_url(re.compile(f"avdelning={DEPARTMENT}"))


def test_choosing_a_department_rewrites_the_address_and_the_view(page: Page, live_server,
                                                                 screenshot):
    wait_for_overview(page, "/")
    agency = summary(live_server.store.frames(), Selection(STORY))
    expect(scope(page)).to_have_text(AGENCY["sv"])
    choose_department(page)
    assert params(page) == {"period": [STORY], "avdelning": [DEPARTMENT]}
    expect_department_view(page, live_server, "sv")
    assert shown_cards(cards(page)) != expected_cards(agency, "sv")

    units = units_by_department(live_server.store.frames())[DEPARTMENT]
    assert units
    expect(open_options(page, ids.UNIT)).to_have_text(["Alla enheter", *units])
    page.keyboard.press("Escape")
    screenshot(page, "shell-department-sv")


def test_reloading_a_department_address_gives_the_same_view(page: Page, live_server):
    wait_for_overview(page, "/")
    choose_department(page)
    expect_department_view(page, live_server, "sv")
    address = page.url
    page.reload()
    expect(cards(page)).to_have_count(4, timeout=FIRST_RENDER_MS)
    assert page.url == address
    expect_department_view(page, live_server, "sv")


def test_back_returns_to_the_whole_agency(page: Page, live_server):
    wait_for_overview(page, "/")
    choose_department(page)
    expect(scope(page)).to_have_text(DEPARTMENT)
    page.go_back()
    expect(scope(page)).to_have_text(AGENCY["sv"])
    expect(select(page, ids.DEPARTMENT)).to_have_value("")
    assert "avdelning" not in params(page)
    agency = summary(live_server.store.frames(), Selection(STORY))
    assert shown_cards(cards(page)) == expected_cards(agency, "sv")


def test_the_language_control_switches_to_english(page: Page, live_server, screenshot):
    wait_for_overview(page, f"/?period={STORY}&avdelning={DEPARTMENT}")
    expect_department_view(page, live_server, "sv")
    page.locator(f"#{ids.LANGUAGE}").get_by_text("English", exact=True).click()
    expect(page).to_have_url(re.compile("lang=en"))
    assert params(page) == {"period": [STORY], "avdelning": [DEPARTMENT], "lang": ["en"]}
    expect(page.locator("div.page")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(f"Tertial follow-up {STORY}")
    for component_id, label in zip((ids.PERIOD, ids.DEPARTMENT, ids.UNIT), LABELS["en"],
                                   strict=True):
        expect(page.locator(f"label[for='{component_id}']")).to_have_text(label)
    expect(page.locator(f"#{ids.SUBTITLE}")).to_have_text("Tertial follow-up")
    expect(page.locator(f"#{ids.NAV} a")).to_have_text(
        [t(p.get("title_key", "nav.overview"), "en") for p in dash.page_registry.values()
         if p.get("nav", True)])  # a page linked from another (nav=False) is not listed
    expect_department_view(page, live_server, "en")
    screenshot(page, "shell-department-en")


def test_an_unknown_department_in_the_address_gives_a_notice_and_the_agency(page: Page,
                                                                           live_server):
    wait_for_overview(page, "/?avdelning=Rymdavdelningen")
    # a status region (the export's is another, empty one)
    notice = page.get_by_role("status").filter(has_text="Rymdavdelningen")
    expect(notice).to_have_id(ids.PROBLEMS)
    expect(notice).to_contain_text(AGENCY["sv"].lower())
    expect(scope(page)).to_have_text(AGENCY["sv"])
    expect(select(page, ids.DEPARTMENT)).to_have_value("")
    agency = summary(live_server.store.frames(), Selection(STORY))
    assert shown_cards(cards(page)) == expected_cards(agency, "sv")


FOCUSED = """(grouped) => {
    const el = document.activeElement;
    const control = el.closest('#' + grouped);
    return control ? control.id : (el.id || el.textContent.trim().slice(0, 60));
}"""  # a radio of the language control counts as the control


def _tab_stops(page: Page) -> list[str]:
    """Ids (or texts) of the focused elements while tabbing from the top of the page."""
    stops = []
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED, ids.LANGUAGE))
    return stops


def test_the_keyboard_reaches_the_skip_link_first_then_the_filters(page: Page):
    wait_for_overview(page, "/")
    stops = _tab_stops(page)
    assert stops[0] == ids.SKIP_LINK
    expect(page.locator(f"#{ids.SKIP_LINK}")).to_have_text("Hoppa till innehållet")
    controls = (ids.PERIOD, ids.DEPARTMENT, ids.UNIT, ids.LANGUAGE)
    assert set(controls) <= set(stops), stops
    assert [stops.index(c) for c in controls] == [1, 2, 3, 4], stops

    page.reload()
    expect(cards(page)).to_have_count(4, timeout=FIRST_RENDER_MS)
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{ids.CONTENT}")).to_be_focused()
