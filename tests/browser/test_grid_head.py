"""The assignments grid as a department head uses it, in a real browser (Verksamhet).

The grid opens with red first, then yellow (ties by id), status cells carry word, symbol and
colour, the Status filter is a set of check boxes (not free text) that the server filters by,
a yellow or red assignment without a comment says so in its comment cell, and the grid sits
high on the page, scrolling sideways in its own box. Expected rows come from the served
app's own store through the function the grid's callback calls (``page_assignments``).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from dashboard.kpis import Selection, page_assignments
from tests.browser.test_operations_page import (  # the same page, read the same way
    ADDRESS,
    COUNT,
    DEPARTMENT,
    FIRST_RENDER_MS,
    GRID,
    QUICK,
    STORY,
)

pytestmark = pytest.mark.browser

RED_TEXT = "rgb(179, 38, 30)"  # base.css --tertial-status-red
MAX_GRID_TOP = 5000  # px from the top of the page at 1440×900


def _expected(live_server, department=DEPARTMENT, filters=None, quick=None):
    return page_assignments(live_server.store.frames(), Selection(STORY, department),
                            [], filters, quick, 0, 500)


def _cell(page: Page, row: int, column: str):
    return page.locator(f'{GRID} [row-index="{row}"] [col-id="{column}"]').first


def _statuses(page: Page, n: int) -> list[str]:
    return [(_cell(page, i, "status").text_content() or "").strip() for i in range(n)]


def _open_status_filter(page: Page):
    page.locator(GRID).scroll_into_view_if_needed()
    header = page.locator(f'{GRID} .ag-header-cell[col-id="status"]')
    header.hover()
    header.locator(".ag-header-cell-filter-button").click()
    choices = page.locator(".ag-filter .status-filter")
    expect(choices).to_be_visible()
    return choices


def test_the_grid_opens_red_then_yellow_first_in_colour(page: Page, live_server, screenshot):
    rows, total = _expected(live_server)
    order = [r["status"] for r in rows]
    assert order[:2] == ["■ Röd", "■ Röd"] and "▲ Gul" in order[2:]  # the demo's story
    page.goto(ADDRESS)
    expect(page.locator(COUNT)).to_have_text(f"{total} uppdrag", timeout=FIRST_RENDER_MS)
    page.locator(GRID).scroll_into_view_if_needed()
    expect(_cell(page, 0, "id")).to_have_text(rows[0]["id"])
    assert [(_cell(page, i, "id").text_content() or "").strip() for i in range(4)] == [
        r["id"] for r in rows[:4]]
    assert _statuses(page, 4) == order[:4]
    expect(page.locator(f'{GRID} .ag-header-cell[col-id="status"]')).to_have_attribute(
        "aria-sort", "ascending")  # the reader sees which order it is
    red = _cell(page, 0, "status")
    expect(red).to_have_class(re.compile(r"\bgrid-status\b.*\bred\b"))
    expect(red).to_have_css("color", RED_TEXT)
    expect(_cell(page, 0, "department")).to_have_text(DEPARTMENT)
    expect(_cell(page, 0, "owner")).to_have_text(rows[0]["owner"])
    screenshot(page, "grid-head-red-first")

    # the reader's own sort still works, and a second click turns the status order round
    page.locator(f'{GRID} .ag-header-cell[col-id="status"] .ag-header-cell-label').click()
    expect(page.locator(f'{GRID} .ag-header-cell[col-id="status"]')).to_have_attribute(
        "aria-sort", "descending")
    expect(_cell(page, 0, "status")).not_to_have_text("■ Röd")


def test_the_status_filter_is_a_set_of_choices_filtered_on_the_server(page: Page,
                                                                        live_server):
    _, total = _expected(live_server)
    wanted = {"filterType": "set", "values": ["red", "yellow"]}
    rows, count = _expected(live_server, filters={"status": wanted})
    assert 0 < count < total
    page.goto(ADDRESS)
    expect(page.locator(COUNT)).to_have_text(f"{total} uppdrag", timeout=FIRST_RENDER_MS)
    choices = _open_status_filter(page)
    expect(choices.locator("input[type=checkbox]")).to_have_count(5)
    expect(choices.locator("label")).to_have_text(
        ["■ Röd", "▲ Gul", "● Grön", "✓ Avslutad", "✕ Avbruten"])
    expect(page.locator(".ag-filter input[type=text]")).to_have_count(0)  # no free text
    for status in ("green", "completed", "cancelled"):
        choices.locator(f"input[value={status}]").uncheck()
    expect(page.locator(COUNT)).to_have_text(f"{count} uppdrag")
    page.keyboard.press("Escape")
    shown = min(count, 5)  # the rows on screen (the grid draws only those)
    expect(_cell(page, shown - 1, "id")).to_have_text(rows[shown - 1]["id"])
    assert _statuses(page, shown) == [r["status"] for r in rows[:shown]]
    assert set(_statuses(page, shown)) <= {"■ Röd", "▲ Gul"}

    choices = _open_status_filter(page)
    choices.get_by_role("button", name="Alla").click()
    expect(page.locator(COUNT)).to_have_text(f"{total} uppdrag")


def test_yellow_or_red_without_a_comment_is_flagged_in_english_too(page: Page, live_server):
    everything, _ = _expected(live_server, department=None)
    missing = [r for r in everything if r["comment_missing"]]
    assert missing, "the demo has a yellow or red assignment without a comment"
    target = missing[0]
    page.goto(f"/verksamhet?avdelning={target['department']}")
    expect(page.locator(COUNT)).to_have_text(re.compile(r"\d+ uppdrag"),
                                             timeout=FIRST_RENDER_MS)
    page.locator(QUICK).fill(target["id"])
    expect(page.locator(COUNT)).to_have_text("1 uppdrag")
    page.locator(GRID).scroll_into_view_if_needed()
    comment = _cell(page, 0, "comment")
    expect(comment).to_have_text("⚠ Kommentar saknas")
    expect(comment).to_have_class(re.compile(r"\bgrid-comment-missing\b"))
    page.goto(f"/verksamhet?avdelning={target['department']}&lang=en")
    expect(page.locator(COUNT)).to_have_text(re.compile(r"\d+ assignments"),
                                             timeout=FIRST_RENDER_MS)
    page.locator(QUICK).fill(target["id"])
    expect(page.locator(COUNT)).to_have_text("1 assignment")
    expect(_cell(page, 0, "comment")).to_have_text("⚠ Comment missing")


@pytest.mark.parametrize("width", [1440, 390])
def test_the_grid_is_high_on_the_page_and_scrolls_in_its_own_box(page: Page, live_server,
                                                                 width):
    page.set_viewport_size({"width": width, "height": 900 if width == 1440 else 844})
    page.goto("/verksamhet")
    expect(_cell(page, 0, "id")).to_be_attached(timeout=FIRST_RENDER_MS)
    box = page.evaluate(f"""() => {{
        const grid = document.querySelector('{GRID}');
        const body = grid.querySelector('.ag-center-cols-viewport');
        return {{top: grid.getBoundingClientRect().top + window.scrollY,
                 right: grid.getBoundingClientRect().right,
                 page: document.documentElement.scrollWidth, inner: window.innerWidth,
                 wide: body.scrollWidth > body.clientWidth}};
    }}""")
    if width == 1440:
        assert box["top"] < MAX_GRID_TOP, box
    assert box["page"] <= box["inner"], box  # the page never scrolls sideways
    assert box["right"] <= box["inner"] + 1, box  # no column cut off by the page's edge
    assert box["wide"], box  # the columns scroll inside the grid's own box


def test_search_sort_and_filters_are_kept_in_the_address_through_a_reload(page: Page,
                                                                          live_server):
    page.goto(ADDRESS)
    expect(page.locator(COUNT)).to_have_text(re.compile(r"\d+ uppdrag"),
                                             timeout=FIRST_RENDER_MS)
    page.locator(QUICK).fill("statistik")
    choices = _open_status_filter(page)
    for status in ("green", "completed", "cancelled"):
        choices.locator(f"input[value={status}]").uncheck()
    page.keyboard.press("Escape")
    page.locator(f'{GRID} .ag-header-cell[col-id="end_date"] .ag-header-cell-label').click()
    expect(page).to_have_url(re.compile(r"sortera=end_date"))
    query = parse_qs(urlsplit(page.url).query)
    assert (query["sok"], query["status"], query["avdelning"]) == (
        ["statistik"], ["red,yellow"], [DEPARTMENT])

    statuses = {"filterType": "set", "values": ["red", "yellow"]}
    rows, count = page_assignments(
        live_server.store.frames(), Selection(STORY, DEPARTMENT),
        [{"colId": "end_date", "sort": "asc"}], {"status": statuses}, "statistik", 0, 100)
    assert count > 0
    page.reload()
    expect(page.locator(COUNT)).to_have_text(f"{count} uppdrag", timeout=FIRST_RENDER_MS)
    expect(page.locator(QUICK)).to_have_value("statistik")
    expect(page.locator(f'{GRID} .ag-header-cell[col-id="end_date"]')).to_have_attribute(
        "aria-sort", "ascending")
    page.locator(GRID).scroll_into_view_if_needed()
    expect(_cell(page, 0, "id")).to_have_text(rows[0]["id"])
    choices = _open_status_filter(page)
    expect(choices.locator("input:checked")).to_have_count(2)


def test_a_forged_grid_address_is_ignored(page: Page, live_server):
    _, total = _expected(live_server)
    page.goto(f"{ADDRESS}&sortera=secret&status=purple&filter=%7Bnot+json&sok=")
    expect(page.locator(COUNT)).to_have_text(f"{total} uppdrag", timeout=FIRST_RENDER_MS)
    page.locator(GRID).scroll_into_view_if_needed()
    expect(_cell(page, 0, "status")).to_have_text("■ Röd")  # the default order
