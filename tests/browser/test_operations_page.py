"""Verksamhet in a real browser: the assignments grid pages on the server and finds things.

Expected rows and counts come from the served app's own store through the same pure function
the grid's callback calls (``page_assignments``), so the test checks the whole path: address,
callback, AG Grid's infinite row model and Chromium's rendering.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboard.kpis import Selection, page_assignments

pytestmark = pytest.mark.browser

STORY = "2018-T2"
DEPARTMENT = "Analysavdelningen"
ADDRESS = f"/verksamhet?avdelning={DEPARTMENT}"
FIRST_RENDER_MS = 30_000
GRID = "#operations-grid"
COUNT = "#operations-grid-count"
QUICK = "#operations-quick-filter"


def _expected(live_server, sort=None, quick=None) -> tuple[list[dict], int]:
    return page_assignments(live_server.store.frames(), Selection(STORY, DEPARTMENT),
                            sort, None, quick, 0, 100)


def _show_grid(page: Page) -> None:
    """Scroll the grid into view, as a reader does: AG Grid paints only what is on screen."""
    page.locator(GRID).scroll_into_view_if_needed()


def _cells(page: Page, column: str, n: int) -> list[str]:
    """The first ``n`` rows' cells of a column, in row order."""
    _show_grid(page)
    cells = []
    for index in range(n):
        cell = page.locator(f'{GRID} [row-index="{index}"] [col-id="{column}"]').first
        expect(cell).to_have_text(re.compile(r"\S"))
        cells.append((cell.text_content() or "").strip())
    return cells


def _header(page: Page, column: str):
    _show_grid(page)
    return page.locator(f'{GRID} .ag-header-cell[col-id="{column}"] .ag-header-cell-label')


def test_grid_pages_sorts_and_searches_on_the_server(page: Page, live_server, screenshot):
    rows, total = _expected(live_server)
    page.goto(ADDRESS)
    expect(page.locator("h1")).to_have_text(f"Verksamhet {STORY}", timeout=FIRST_RENDER_MS)
    expect(page.locator(COUNT)).to_have_text(f"{total} uppdrag", timeout=FIRST_RENDER_MS)
    assert _cells(page, "id", 3) == [r["id"] for r in rows[:3]]
    assert _cells(page, "name", 1) == [rows[0]["name"]]

    sorted_rows, _ = _expected(live_server, sort=[{"colId": "id", "sort": "asc"}])
    _header(page, "id").click()
    expect(page.locator(f'{GRID} [row-index="0"] [col-id="id"]').first).to_have_text(
        sorted_rows[0]["id"])
    assert _cells(page, "id", 3) == [r["id"] for r in sorted_rows[:3]]
    screenshot(page, "operations-sv")

    found, fewer = _expected(live_server, sort=[{"colId": "id", "sort": "asc"}],
                             quick="statistik")  # the grid is still sorted by id
    assert 0 < fewer < total
    page.locator(QUICK).fill("statistik")
    expect(page.locator(COUNT)).to_have_text(f"{fewer} uppdrag")
    assert _cells(page, "id", 1) == [found[0]["id"]]


def test_the_two_red_assignments_show_word_and_symbol(page: Page, live_server):
    by_status, total = _expected(live_server, sort=[{"colId": "status", "sort": "asc"}])
    red = [r for r in by_status if r["status"] == "■ Röd"]
    assert len(red) == 2  # the demo's story: two red assignments in Analysavdelningen
    page.goto(ADDRESS)
    expect(page.locator(COUNT)).to_have_text(f"{total} uppdrag", timeout=FIRST_RENDER_MS)
    # the grid opens sorted by status, ascending: the worst first
    _show_grid(page)
    expect(page.locator(f'{GRID} [row-index="0"] [col-id="status"]')).to_have_text("■ Röd")
    assert _cells(page, "status", 3) == ["■ Röd", "■ Röd", by_status[2]["status"]]
    assert sorted(_cells(page, "id", 2)) == sorted(r["id"] for r in red)
    charts = page.locator("figure.chart")
    expect(charts.first).to_have_attribute("aria-label", re.compile("per enhet"))
    expect(page.locator("figure.chart details")).to_have_count(charts.count())
