"""The grid's own parts of the address (search, sort) stay when the filter bar changes: a
head who searched and sorted the assignments and then picks another tertial or department
keeps the grid as she left it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from tests.browser.test_operations_page import ADDRESS, COUNT, GRID, QUICK
from tests.browser.test_shell import open_options

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
OLDER = "2018-T1"


def test_search_and_sort_stay_when_the_tertial_changes(page: Page):
    page.goto(ADDRESS)
    expect(page.locator(COUNT)).to_have_text(re.compile(r"\d+ uppdrag"),
                                             timeout=FIRST_RENDER_MS)
    page.locator(QUICK).fill("statistik")
    page.locator(f'{GRID} .ag-header-cell[col-id="end_date"] .ag-header-cell-label').click()
    expect(page).to_have_url(re.compile(r"sortera=end_date"))
    expect(page).to_have_url(re.compile(r"sok=statistik"))

    open_options(page, ids.PERIOD).get_by_text(OLDER, exact=True).click()
    expect(page).to_have_url(re.compile(f"period={OLDER}"), timeout=FIRST_RENDER_MS)
    expect(page.locator(f"#{ids.CONTENT} h1")).to_contain_text(OLDER, timeout=FIRST_RENDER_MS)
    query = parse_qs(urlsplit(page.url).query)
    assert (query.get("sok"), query.get("sortera")) == (["statistik"], ["end_date"])
    expect(page.locator(QUICK)).to_have_value("statistik")
    expect(page.locator(f'{GRID} .ag-header-cell[col-id="end_date"]')).to_have_attribute(
        "aria-sort", "ascending")
