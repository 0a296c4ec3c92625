"""Phones and narrow windows (issue 16), in a real browser at 390×844 and at 1440×900.

On the overview, a perspective page and Verksamhet (the assignments grid) the document never
scrolls sideways (``scrollWidth <= innerWidth``: a wide table or grid scrolls in its own box),
and no two visible interactive elements of the header (links, buttons, inputs, labels) overlap
by more than a pixel, nor reach out of the header or the screen. On a phone the header is the
menu button and the title: the button's ``aria-expanded`` says "false", then "true" once it
has opened the filters and the navigation (with the report and the Excel button), where a
department can be chosen; Escape closes them again and gives the focus back to the button.
At 1440 the header keeps the filters beside the title and the navigation stays on the left.
At 390, with the menu and every table open, axe-core finds no WCAG 2.1 AA violation (a table
that scrolls in its own box takes the keyboard's focus).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from dashboard import ids
from dashboard.text.i18n import t
from tests.browser.test_axe import report, violations, wait_until_rendered

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SIZES = {"390x844": PHONE, "1440x900": DESKTOP}
DEPARTMENT = "IT-avdelningen"
# address -> what shows the page has drawn (the grid: its first rows)
PAGES = {"/": "section.perspective", "/ekonomi": ".chart-block .js-plotly-plot",
         "/verksamhet": f"#{ids.OPERATIONS_GRID} .ag-row"}
HEADER = "header.mantine-AppShell-header"
NAVBAR = "nav.mantine-AppShell-navbar"

# The visible interactive elements under a root, with their boxes. A control's own parts
# (a select's clear button inside its input) are inside one another: not an overlap.
CONTROLS = """(root) => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, label,'
        + ' [role="button"], [role="radio"], [role="combobox"], [tabindex]:not([tabindex="-1"])';
    return [...document.querySelector(root).querySelectorAll(selector)]
        .filter(el => el.checkVisibility({opacityProperty: true, visibilityProperty: true}))
        .map(el => ({el, box: el.getBoundingClientRect()}))
        .filter(({box}) => box.width >= 2 && box.height >= 2);
}"""
LAYOUT = """(root) => {
    const found = (""" + CONTROLS + """)(root);
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + ' "' + (el.getAttribute('aria-label') || el.textContent).trim().slice(0, 30) + '"';
    const overlaps = [];
    for (let i = 0; i < found.length; i++) {
        for (let j = i + 1; j < found.length; j++) {
            const [a, b] = [found[i], found[j]];
            if (a.el.contains(b.el) || b.el.contains(a.el)
                    || (a.el.tagName === 'LABEL' && a.el.control === b.el)
                    || (b.el.tagName === 'LABEL' && b.el.control === a.el)) continue;
            const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
            const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
            if (x > 1 && y > 1) overlaps.push(`${name(a.el)} and ${name(b.el)}: ${x}×${y} px`);
        }
    }
    const frame = document.querySelector(root).getBoundingClientRect();
    const outside = found.filter(({box}) => box.left < -1 || box.right > innerWidth + 1
            || box.top < frame.top - 1 || box.bottom > frame.bottom + 1)
        .map(({el, box}) => `${name(el)} at ${Math.round(box.left)}..${Math.round(box.right)}`
             + ` × ${Math.round(box.top)}..${Math.round(box.bottom)}`);
    return {overlaps, outside, count: found.length,
            scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth};
}"""

NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def open_page(page: Page, size: dict, address: str) -> None:
    page.set_viewport_size(size)
    page.goto(address)
    expect(page).to_have_url(re.compile(r"period="), timeout=FIRST_RENDER_MS)  # settled
    expect(page.locator(PAGES[address.split("?")[0]]).first).to_be_visible(
        timeout=FIRST_RENDER_MS)


def layout(page: Page, root: str = HEADER) -> dict:
    return page.evaluate(LAYOUT, root)


def expect_fits(page: Page, root: str = HEADER) -> dict:
    """No sideways scroll of the document; the root's controls apart, inside it and the
    screen."""
    found = layout(page, root)
    assert found["scrollWidth"] <= found["innerWidth"], (
        f"the document scrolls sideways: {found['scrollWidth']} px wide in a window of "
        f"{found['innerWidth']} px")
    assert not found["overlaps"], f"controls of {root} overlap: {found['overlaps']}"
    assert not found["outside"], f"controls reach out of {root} or the screen: {found['outside']}"
    return found


def menu(page: Page) -> Locator:
    return page.locator(f"#{ids.NAV_TOGGLE}")


@pytest.mark.parametrize("address", list(PAGES))
@pytest.mark.parametrize("size", list(SIZES))
def test_nothing_overlaps_or_scrolls_sideways(page: Page, screenshot, size, address):
    open_page(page, SIZES[size], address)
    found = expect_fits(page)
    assert found["count"] >= 1
    if SIZES[size] is PHONE:  # and with the filters and the navigation open
        menu(page).click()
        expect(menu(page)).to_have_attribute("aria-expanded", "true")
        expect(page.locator(f"input#{ids.DEPARTMENT}")).to_be_visible()
        expect_fits(page)
        expect_fits(page, NAVBAR)  # the report and the Excel button too
    screenshot(page, f"narrow-{size}-{address.strip('/') or 'oversikt'}")


def test_on_a_phone_the_menu_button_opens_the_filters(page: Page, screenshot):
    open_page(page, PHONE, "/")
    button = page.get_by_role("button", name=t("shell.menu"))
    department = page.locator(f"input#{ids.DEPARTMENT}")
    take_away = page.get_by_role("group", name=t("shell.take_away"))
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(department).to_be_hidden()  # closed: out of the page and the tab order
    expect(take_away).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(department).to_be_visible()
    for control in (take_away.get_by_role("link", name=t("shell.report_link")),
                    take_away.get_by_role("button", name=t("shell.export_link"))):
        control.scroll_into_view_if_needed()  # under the navigation's links
        expect(control).to_be_in_viewport(ratio=1)
    page.evaluate("window.scrollTo(0, 0)")
    button.focus()
    page.keyboard.press("Tab")  # from the button to the first filter
    expect(page.locator(f"input#{ids.PERIOD}")).to_be_focused()

    department.click()
    page.get_by_role("listbox").get_by_role("option", name=DEPARTMENT, exact=True).click()
    expect(page).to_have_url(re.compile(f"avdelning={DEPARTMENT}"))
    expect(page.locator("div.page p.scope")).to_have_text(DEPARTMENT)
    expect(department).to_have_value(DEPARTMENT)
    expect(button).to_have_attribute("aria-expanded", "true")  # a filter leaves it open
    screenshot(page, "narrow-390x844-menu-open")

    department.focus()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(department).to_be_hidden()


def test_on_a_phone_escape_closes_an_open_list_before_the_menu(page: Page):
    open_page(page, PHONE, "/?lang=en")
    button = page.get_by_role("button", name=t("shell.menu", "en"))
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.locator(f"input#{ids.DEPARTMENT}").click()
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()


def test_on_a_phone_choosing_a_page_closes_the_menu_and_moves_to_the_page(page: Page):
    open_page(page, PHONE, "/")
    menu(page).click()
    page.locator(f"#{ids.NAV}").get_by_role("link", name=t("nav.finance")).click()
    expect(page).to_have_url(re.compile(r"/ekonomi\?period="))
    expect(menu(page)).to_have_attribute("aria-expanded", "false")
    expect(page.locator(f"#{ids.CONTENT}")).to_be_focused()
    expect(page.locator("h1")).to_contain_text("Ekonomi", timeout=FIRST_RENDER_MS)


def test_on_a_wide_screen_the_filters_stay_in_the_header(page: Page):
    open_page(page, DESKTOP, "/")
    expect(menu(page)).to_be_hidden()
    header = page.locator(HEADER).bounding_box()
    assert header is not None and header["height"] == 120
    for component_id in (ids.PERIOD, ids.DEPARTMENT, ids.UNIT):
        box = page.locator(f"input#{component_id}").bounding_box()
        assert box is not None and box["width"] == 260 and box["y"] < header["height"]
    nav = page.locator(NAVBAR).bounding_box()
    assert nav is not None and (nav["x"], nav["width"]) == (0, 200)
    expect(page.get_by_role("link", name=t("shell.report_link"))).to_be_in_viewport()


@pytest.mark.parametrize("address", list(PAGES))
def test_on_a_phone_the_page_has_no_wcag_21_aa_violations(page: Page, screenshot, address):
    """axe-core at 390 px, with the menu open and every table alternative open: the tables
    wider than the screen scroll in their own box, and such a box must be reachable by
    keyboard too."""
    page.set_viewport_size(PHONE)
    page.goto(address)
    wait_until_rendered(page)
    menu(page).click()
    expect(menu(page)).to_have_attribute("aria-expanded", "true")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.evaluate(NEXT_FRAMES)  # the tables have been laid out and measured
    found = violations(page)
    if found:
        screenshot(page, f"narrow-axe-{address.strip('/') or 'oversikt'}")
        pytest.fail(f"axe found {len(found)} WCAG 2.1 AA violation(s) at 390 px on "
                    f"{page.url}:\n" + report(found), pytrace=False)
