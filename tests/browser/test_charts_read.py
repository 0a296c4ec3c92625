"""Charts that read (issue 16), in a real browser at 390×844 and at 1440×900.

On the overview, Verksamhet, Ekonomi, Medarbetare and Enkäter no text a chart draws (its
title, tick labels, axis titles, legend, labels on and beside the bars) reaches past the
chart's own SVG: long goal and unit names are broken into lines (in full on hover and in the
table), long titles too. On the survey page each area's name is its one title: the heading,
with no title drawn in the chart as well. The survey page follows the shell's department
filter, and says so when it shows another group than the filter's.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_axe import STORY, wait_until_rendered

pytestmark = pytest.mark.browser

SIZES = {"390x844": {"width": 390, "height": 844}, "1440x900": {"width": 1440, "height": 900}}
# Verksamhet by goal holds the demo's longest names ("Säker och hållbar informationshantering
# – Stärkt informationssäkerhet"); Medarbetare for one department its longest title
PAGES = ("/", "/verksamhet", "/ekonomi", "/medarbetare", "/medarbetare?avdelning=IT-avdelningen",
         "/enkater")
DEPARTMENT = "IT-avdelningen"
UNIT = "Enheten för IT-support"  # a unit of IT-avdelningen; the survey's groups are departments

# Every drawn text of every chart that reaches more than a pixel out of its chart's SVG
CLIPPED = """() => {
    const out = [];
    document.querySelectorAll('#_pages_content .js-plotly-plot').forEach((plot, index) => {
        const svg = plot.querySelector('svg.main-svg');
        const box = svg.getBoundingClientRect();
        plot.querySelectorAll('svg text').forEach(text => {
            const r = text.getBoundingClientRect();
            if (!text.textContent.trim() || r.width === 0) return;
            if (r.left < box.left - 1 || r.right > box.right + 1
                    || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
                out.push(`chart ${index + 1}: "${text.textContent.slice(0, 50)}" `
                    + `(${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)}`
                    + ` of ${Math.round(box.width)} px)`);
            }
        });
    });
    return out;
}"""
DRAWN = """() => document.querySelectorAll('#_pages_content .js-plotly-plot text').length"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", PAGES)
def test_no_chart_draws_a_text_past_its_edge(page: Page, path, size, screenshot):
    page.set_viewport_size(SIZES[size])
    page.goto(path)
    wait_until_rendered(page)
    assert page.locator("#_pages_content .js-plotly-plot").count() > 0
    assert page.evaluate(DRAWN) > 0
    clipped = page.evaluate(CLIPPED)
    if clipped:
        screenshot(page, f"charts-read{path.replace('/', '-').replace('?', '-')}-{size}")
    assert clipped == []


def test_each_survey_area_is_titled_once(page: Page):
    page.set_viewport_size(SIZES["390x844"])
    page.goto("/enkater")
    wait_until_rendered(page)
    sections = page.locator("section.survey-area")
    expect(sections).not_to_have_count(0)
    for section in sections.all():
        area = section.locator("h2").inner_text()
        assert section.get_by_text(area, exact=True).count() == 1, area
        assert section.locator(".gtitle").count() == 0, area  # no title drawn in the chart
        for chart in section.locator("figure.chart").all():
            assert chart.get_attribute("aria-label").startswith(area)


def test_the_survey_follows_the_department_filter(page: Page):
    page.goto(f"/enkater?period={STORY}&avdelning={DEPARTMENT}")
    wait_until_rendered(page)
    expect(page.locator("p.scope")).to_contain_text(f" · {DEPARTMENT} · ")
    expect(page.locator(".survey-filter-note")).to_have_text(
        f"Följer filtret: svaren för {DEPARTMENT}.")

    page.goto(f"/enkater?period={STORY}&avdelning={DEPARTMENT}&enhet={UNIT}&lang=en")
    wait_until_rendered(page)
    expect(page.locator(".survey-filter-note")).to_have_text(
        f"The survey has no answers for {UNIT}; showing {DEPARTMENT}.")
    expect(page.locator("p.scope")).to_contain_text(f" · {DEPARTMENT} · ")


# Each chart's margins as drawn against those its figure gives: plotly's automargin draws a
# chart again when its labels or legend need more room than the figure's margins give
MARGINS = """() => [...document.querySelectorAll('#_pages_content .js-plotly-plot')].map(
    plot => {
        const size = plot._fullLayout._size, given = plot.layout.margin || {};
        return ['l', 'r', 't', 'b'].filter(side => Math.abs(size[side] - given[side]) > 1)
            .map(side => `chart "${(plot.layout.title || {}).text}": ${side} drawn `
                 + `${size[side]}, given ${given[side]}`);
    }).flat()"""


@pytest.mark.parametrize("path", ["/", "/?avdelning=IT-avdelningen", "/verksamhet",
                                  f"/verksamhet?avdelning={DEPARTMENT}", "/verksamhet?lang=en"])
def test_the_status_charts_come_with_the_room_they_need(page: Page, path):
    """The overview's and Verksamhet's charts, at 1440 px, are drawn in the margins their
    figures give (their labels, value axis and legend reckoned beforehand): plotly then draws
    each chart once on a filter change, not a second time with the margins it measured."""
    page.set_viewport_size(SIZES["1440x900"])
    page.goto(path)
    wait_until_rendered(page)
    assert page.locator("#_pages_content .js-plotly-plot").count() >= 2
    assert page.evaluate(MARGINS) == []
