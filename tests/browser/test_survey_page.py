"""Enkäter in a real browser, on the demo's IT survey: the sentences and figures the pure
parts compute, the page's own choices in the address, small groups hidden, and the
headline on the overview."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from dashboard.kpis.survey import SurveyChoice, areas, questions
from dashboard.text.survey import survey_narrative
from loaders.specs import ALL_DATASETS
from tests.browser.test_shell import open_options

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
SURVEY = "IT-enkäten"
BASELINE, FOLLOW_UP = "Nollmätning 2017", "Uppföljning 2018"
SLOW_QUESTION = "Hur nöjd är du med tiden tills du fick svar?"
SMALL = "Kommunikationsavdelningen"


def address_part(page: Page, name: str) -> str | None:
    values = parse_qs(urlparse(page.url).query).get(name)
    return values[0] if values else None


def row_of(page: Page, question: str):
    return page.locator("table.survey-table tbody tr").filter(
        has=page.locator("th", has_text=question))


def test_the_survey_page_reads_the_figures_and_keeps_its_choices(page: Page, live_server,
                                                                 screenshot):
    survey = live_server.store.frames(ALL_DATASETS)["survey"]
    latest = SurveyChoice(SURVEY, FOLLOW_UP)
    first = survey_narrative(areas(survey, latest), None, 0, 5, None)[0].text
    slow = questions(survey, latest).set_index("question").loc[SLOW_QUESTION]

    page.goto("/enkater")
    expect(page.locator("h1")).to_have_text(SURVEY, timeout=FIRST_RENDER_MS)
    expect(page.locator(".narrative .sentence").first).to_have_text(first)
    expect(page.locator(".narrative")).to_contain_text(f"Jämfört med {BASELINE}:")
    expect(page.locator("section.survey-area h2")).to_have_text(
        ["Support", "Service", "Svarstider", "IT-miljö"])
    # a chart per area and scale: Service and Svarstider have a share question as well
    expect(page.locator("section.survey-area .js-plotly-plot")).to_have_count(
        6, timeout=FIRST_RENDER_MS)
    cells = row_of(page, SLOW_QUESTION).locator("td")
    expect(cells.nth(0)).to_have_text(f"{slow['value']:.1f}".replace(".", ","))
    expect(cells.nth(5)).to_have_text(f"{int(slow['rank'])} av {int(slow['of'])}")
    screenshot(page, "survey-follow-up")

    open_options(page, ids.SURVEY_MEASUREMENT).get_by_text(BASELINE, exact=True).click()
    expect(page.locator(".narrative .sentence").first).to_contain_text(
        "lägre än hos sex av sju jämförbara organisationer")
    assert address_part(page, "matning") == BASELINE
    expect(page.locator("table.survey-table thead").first).not_to_contain_text("Förändring")

    open_options(page, ids.SURVEY_GROUP).get_by_text(SMALL, exact=True).click()
    expect(page.locator("p.scope")).to_contain_text(SMALL)
    expect(row_of(page, SLOW_QUESTION).locator("td").nth(0)).to_have_text(
        "Visas inte (färre än 5 svar)")
    expect(page.locator(".narrative")).to_contain_text(
        "Tolv frågor visas inte: de bygger på färre än 5 svar.")
    screenshot(page, "survey-small-group")

    # the shell's language keeps the page's own choices
    page.locator(f"#{ids.LANGUAGE}").get_by_text("English", exact=True).click()
    expect(row_of(page, SLOW_QUESTION).locator("td").nth(0)).to_have_text(
        "Not shown (fewer than 5 answers)")
    assert (address_part(page, "grupp"), address_part(page, "matning")) == (SMALL, BASELINE)


def test_the_overview_shows_the_survey_under_processes(page: Page, live_server):
    survey = live_server.store.frames(ALL_DATASETS)["survey"]
    first = survey_narrative(areas(survey, SurveyChoice(SURVEY, FOLLOW_UP)), None, 0, 5,
                             None)[0].text
    page.goto("/")
    card = page.locator("section.perspective").filter(
        has=page.locator("h2", has_text="Processer"))
    expect(card.locator(".survey-headline p")).to_have_text(first, timeout=FIRST_RENDER_MS)
    card.get_by_role("link", name="Till enkäten").click()
    expect(page.locator("h1")).to_have_text(SURVEY, timeout=FIRST_RENDER_MS)
    assert address_part(page, "matning") == FOLLOW_UP
