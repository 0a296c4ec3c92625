"""Verksamhet's chart tables in a real browser: drawn from their rows in the page
(``assets/built_tables.js``, not sent as components), they are the same tables: every row of
the chart's data, column and row headers, there before the disclosure opens (for a screen
reader and a search in the page), and shown when it is opened by the keyboard. After a
filter change the tables are the department's.

The expected rows come from the served app's own store through the same pure functions the
page calls (``status_by_group`` and ``status_by_group_figure``, then ``figure_table``)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.figures import figure_table, status_by_group_figure
from dashboard.kpis import Selection, natural_grouping, status_by_group
from tests.browser.test_axe import wait_until_rendered

pytestmark = pytest.mark.browser

STORY = "2018-T2"
DEPARTMENT = "IT-avdelningen"
TABLES = "figure.chart details table.figure-table"
READ = """(tables) => tables.map(table => ({
    head: [...table.querySelectorAll('thead th[scope=col]')].map(th => th.textContent),
    rows: [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(
        cell => (cell.tagName === 'TH' && cell.getAttribute('scope') === 'row' ? 'th:' : '')
            + cell.textContent)),
}))"""


def _expected(live_server, department: str | None) -> list[dict]:
    frames = live_server.store.frames()
    selection = Selection(STORY, department)
    tables = []
    for by in dict.fromkeys([natural_grouping(selection), "result_area", "goal"]):
        rows = figure_table(status_by_group_figure(status_by_group(frames, selection, by),
                                                   "sv", by=by))
        headers = list(rows[0])
        tables.append({"head": headers, "rows": [
            ["th:" + row[headers[0]], *(row[h] for h in headers[1:])] for row in rows]})
    return tables


def test_every_chart_table_holds_the_charts_rows_before_it_opens(page: Page, live_server):
    page.goto(f"/verksamhet?period={STORY}")
    wait_until_rendered(page)
    tables = page.locator(TABLES)
    expect(tables).to_have_count(3)
    assert all(not d.is_visible() for d in tables.all())  # folded, yet in the page
    assert page.locator(TABLES).evaluate_all(READ) == _expected(live_server, None)


def test_a_chart_table_opens_by_the_keyboard_and_shows_every_row(page: Page, live_server):
    page.goto(f"/verksamhet?period={STORY}")
    wait_until_rendered(page)
    summary = page.locator("figure.chart details > summary").last
    summary.focus()
    page.keyboard.press("Enter")
    table = page.locator(TABLES).last
    expect(table).to_be_visible()
    goal_rows = _expected(live_server, None)[-1]["rows"]
    expect(table.locator("tbody tr")).to_have_count(len(goal_rows))
    expect(table.locator("tbody tr").last).to_be_visible()


def test_after_a_department_is_chosen_the_tables_are_the_departments(page: Page,
                                                                      live_server):
    page.goto(f"/verksamhet?period={STORY}")
    wait_until_rendered(page)
    page.locator("input#filter-department").click()
    page.get_by_role("listbox").get_by_role("option", name=DEPARTMENT, exact=True).click()
    page.wait_for_url(lambda url: "avdelning=" in url)
    expect(page.locator("#content p.scope")).to_have_text(DEPARTMENT)
    wait_until_rendered(page)
    expected = _expected(live_server, DEPARTMENT)
    expect(page.locator(TABLES)).to_have_count(len(expected))
    assert page.locator(TABLES).evaluate_all(READ) == expected
