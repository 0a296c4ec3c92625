"""An automated WCAG 2.1 AA audit of every page with axe-core, in the real browser.

axe-core comes bundled in the ``axe-playwright-python`` package (its ``axe.min.js``), so the
audit runs offline. Each page is opened with the demo data (the live server of
``conftest.py``), in Swedish and in English, for the whole agency and for one department, and
audited only once it is fully drawn: heading, filters, every chart's SVG and, on Verksamhet,
the grid's first rows. Any violation fails the test with its rule, impact and the selectors
of the elements concerned.

No rule and no element is excluded: every finding was fixed where it came from. A chart's
title and table alternative are checked here too, page by page.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from dashboard import ids
from tests.dashboard.figures.test_contrast import contrast

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
STORY = "2018-T2"
DEPARTMENT = "IT-avdelningen"
# Processer's key figures are measured by some departments only; IT-avdelningen has none
DEPARTMENT_OF_PAGE = {"/processer": "Avdelningen för digital service"}
PAGES = ("/", "/verksamhet", "/regeringsuppdrag", "/ekonomi", "/medarbetare", "/processer",
         "/tillganglighet", "/ladda-upp", "/historik", "/logg", "/format", "/uppfoljning",
         "/uppfoljning/sa-fungerar-det")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SETTLED = re.compile(r"[?&]period=")  # the address once the shell has filled in the tertial

RENDERED = """([gridId, countId]) => {
    const charts = [...document.querySelectorAll('#_pages_content figure.chart')];
    const drawn = charts.every(c => c.querySelector('.js-plotly-plot .main-svg'));
    const loading = document.querySelector('[data-dash-is-loading="true"]');
    const grid = document.getElementById(gridId);
    const rows = !grid || grid.querySelector('.ag-center-cols-container [row-index="0"]');
    const count = !grid || document.getElementById(countId).textContent.trim() !== '';
    return drawn && !loading && rows && count;
}"""

RUN_AXE = """(tags) => axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""


def address(path: str, lang: str, department: str | None) -> str:
    query = [f"avdelning={department}"] if department else []
    query += ["lang=en"] if lang == "en" else []
    return path + ("?" + "&".join(query) if query else "")


def wait_until_rendered(page: Page) -> None:
    """The page's heading, the filters' values, every chart and the grid's rows are there.

    The page's layout (its ``figure.chart`` wrappers, the grid) comes whole with its heading;
    the charts' SVG and the grid's rows are drawn after it, and waited for. A bare address
    is sent on to the full one by the server (``dashboard/web/addresses.py``), so the page is
    drawn once, for the address waited for here."""
    page.wait_for_url(SETTLED, timeout=FIRST_RENDER_MS)
    expect(page.locator(f"#{ids.CONTENT} h1")).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(page.locator(f"input#{ids.PERIOD}")).to_have_value(STORY, timeout=FIRST_RENDER_MS)
    expect(page.locator(f"#{ids.NAV} a")).not_to_have_count(0)
    page.wait_for_function(RENDERED, arg=[ids.OPERATIONS_GRID, ids.OPERATIONS_GRID_COUNT],
                           timeout=FIRST_RENDER_MS)


def violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    page.evaluate(AXE_SCRIPT)
    return page.evaluate(RUN_AXE, TAGS)["violations"]


def report(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            lines.append(f"    {target}\n        {node.get('failureSummary', '')}".replace(
                "\n  ", "\n          "))
    return "\n".join(lines)


@pytest.mark.parametrize("department", [None, DEPARTMENT], ids=["agency", "department"])
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_the_page_has_no_wcag_21_aa_violations(page: Page, path, lang, department, screenshot):
    if department:
        department = DEPARTMENT_OF_PAGE.get(path, department)
    page.goto(address(path, lang, department))
    wait_until_rendered(page)
    found = violations(page)
    if found:
        screenshot(page, f"axe{path.replace('/', '-')}-{lang}-{department or 'agency'}")
        pytest.fail(f"axe found {len(found)} WCAG 2.1 AA violation(s) on {page.url}:\n"
                    + report(found), pytrace=False)


CHART_PROBLEMS = """() => [...document.querySelectorAll('#_pages_content figure.chart')].map(
    (chart, index) => {
        const title = chart.getAttribute('aria-label') || '';
        const drawn = chart.querySelector('.gtitle');
        const host = chart.closest('.chart-block') || chart;
        const table = host.querySelector('details > summary ~ table, details table');
        const problems = [];
        if (!title) problems.push('no name');
        if (!drawn || drawn.textContent.trim() !== title.trim()) problems.push('no drawn title');
        if (!table || !table.querySelector('th')) problems.push('no table alternative');
        return problems.length ? `chart ${index + 1} (${title}): ${problems.join(', ')}` : '';
    }).filter(Boolean)"""


@pytest.mark.parametrize("path", [
    "/", "/verksamhet", "/ekonomi", "/medarbetare", "/processer"])
def test_every_chart_has_its_title_and_a_table_alternative(page: Page, path):
    """WCAG 1.1.1: the chart is named by its title, drawn and given to screen readers, and
    its figures are in a table behind a "Show as table" disclosure."""
    page.goto(address(path, "sv", DEPARTMENT_OF_PAGE.get(path)))
    wait_until_rendered(page)
    assert page.locator("#_pages_content figure.chart").count() > 0
    assert page.evaluate(CHART_PROBLEMS) == []


PLACEHOLDERS = """(ids) => ids.map(id => {
    const input = document.getElementById(id);
    return [id, getComputedStyle(input, '::placeholder').color,
            getComputedStyle(input).backgroundColor];
})"""


def _hex(css_colour: str) -> str:
    """``rgb(r, g, b)`` as ``#rrggbb`` (the colours here are opaque)."""
    red, green, blue = (int(v) for v in re.findall(r"\d+", css_colour)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_placeholders_reach_4_5_to_1(page: Page):
    """axe does not check placeholders, and these carry information: an empty department
    filter reads "Hela myndigheten" (the whole agency)."""
    page.goto("/verksamhet")
    wait_until_rendered(page)
    inputs = [ids.DEPARTMENT, ids.UNIT, ids.OPERATIONS_QUICK_FILTER]
    for name, colour, background in page.evaluate(PLACEHOLDERS, inputs):
        assert contrast(_hex(colour), _hex(background)) >= 4.5, (name, colour, background)
