"""Ekonomi, Medarbetare and Processer in a real browser, for one department of the demo.

Each page shows a headline figure equal to what ``dashboard.kpis`` gives for the address's
selection (written with ``dashboard.text.formatting``) and draws all its charts; the autouse
fixture of ``conftest.py`` fails the test on any console error.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.kpis import Selection, finance, processes, staff
from dashboard.text import formatting as fmt

pytestmark = pytest.mark.browser

STORY = "2018-T2"
FIRST_RENDER_MS = 30_000
IT = "IT-avdelningen"
DIGITAL = "Avdelningen för digital service"


def _finance(frames):
    fig = finance(frames, Selection(STORY, IT))
    return "Prognosavvikelse", fmt.percent(fig["forecast_deviation"], sign=True), 3


def _staff(frames):
    fig = staff(frames, Selection(STORY, IT))
    return "Årsarbetskrafter", fmt.number(fig["fte"], 1), 2


def _processes(frames):
    kpis = processes(frames, Selection(STORY, DIGITAL))
    first = kpis[0]
    return "Utfall", fmt.with_unit(first["value"], first["unit_of_measure"]), len(
        {k["kpi"] for k in kpis})


# address -> (heading, expected (label, value, number of charts) from the store's frames)
PAGES = {
    f"/ekonomi?avdelning={IT}": ("Ekonomi", _finance),
    f"/medarbetare?avdelning={IT}": ("Medarbetare", _staff),
    f"/processer?avdelning={DIGITAL}": ("Processer", _processes),
}


@pytest.mark.parametrize("address", list(PAGES))
def test_perspective_page_shows_its_figures_and_charts(page: Page, live_server, screenshot,
                                                       address):
    heading, expected = PAGES[address]
    label, value, charts = expected(live_server.store.frames())
    page.goto(address)
    expect(page.locator("h1")).to_have_text(f"{heading} {STORY}", timeout=FIRST_RENDER_MS)
    row = page.locator("section.perspective div.figure").filter(
        has=page.locator("dt", has_text=label)).first
    expect(row.locator("dd")).to_have_text(value)
    expect(page.locator(".chart-block .js-plotly-plot")).to_have_count(
        charts, timeout=FIRST_RENDER_MS)
    expect(page.locator("details.table-alternative summary").first).to_have_text(
        "Visa som tabell")
    screenshot(page, heading.lower())
