"""The department matrix on the agency's Översikt in a real browser (issue 16): the
departments with red first, every cell its status in words, its figure and change, and a
link (by keyboard too) to that department's perspective page showing the same figure."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.kpis.matrix import department_matrix
from dashboard.state.address import ViewState
from dashboard.views.matrix import matrix_view

pytestmark = pytest.mark.browser

STORY = "2018-T2"
FIRST_RENDER_MS = 30_000


def expected(live_server, lang: str):
    rows = department_matrix(live_server.store.frames(), STORY)
    return matrix_view(rows, ViewState(period=STORY, lang=lang), "2018-T1")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_overview_shows_every_department_red_first(page: Page, live_server, screenshot,
                                                       lang):
    page.goto(f"/?lang={lang}" if lang == "en" else "/")
    table = page.locator("#department-matrix")
    expect(table.locator("tbody tr")).to_have_count(8, timeout=FIRST_RENDER_MS)
    view = expected(live_server, lang)
    shown = [row.locator("th").text_content() for row in table.locator("tbody tr").all()]
    assert shown == [row.department for row in view.rows]
    it = table.locator("tbody tr", has_text="IT-avdelningen").locator("td").nth(1)
    want = next(r for r in view.rows if r.department == "IT-avdelningen").cells[1]
    expect(it.locator(".status")).to_have_text(want.status_text)  # ■ Röd / ■ Red
    expect(it.locator(".value")).to_have_text("+7,6\u00a0%" if lang == "sv" else "+7.6%")
    expect(it.locator(".change")).to_have_text(f"{want.arrow} {want.change}")
    analys = table.locator("tbody tr", has_text="Analysavdelningen").locator("td").nth(2)
    expect(analys.locator(".status")).to_have_text("■ Röd" if lang == "sv" else "■ Red")
    expect(analys.locator(".figure-name")).to_have_text(
        "Personalomsättning" if lang == "sv" else "Staff turnover")
    screenshot(page, f"department-matrix-{lang}")


def test_a_cell_opens_the_departments_page_by_keyboard(page: Page):
    page.goto("/")
    cell = page.locator("#department-matrix tbody tr", has_text="IT-avdelningen").locator(
        "td").nth(1).locator("a")
    expect(cell).to_be_visible(timeout=FIRST_RENDER_MS)
    cell.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/ekonomi?period=2018-T2&avdelning=IT-avdelningen")
    expect(page.locator(".scope")).to_have_text("IT-avdelningen", timeout=FIRST_RENDER_MS)
    # the page the cell opened shows the cell's figure, as the cell writes it
    expect(page.locator("section.perspective", has_text="Prognosavvikelse")).to_contain_text(
        "+7,6\u00a0%", timeout=FIRST_RENDER_MS)


def test_a_department_view_has_no_matrix(page: Page):
    page.goto("/?avdelning=IT-avdelningen")
    expect(page.locator("section.perspective")).to_have_count(4, timeout=FIRST_RENDER_MS)
    expect(page.locator("#department-matrix")).to_have_count(0)
