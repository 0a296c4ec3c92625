"""The overview's cards tell their change and their reason, in a real browser (issue 16).

On the demo's 2018-T2: Analysavdelningen's staff card is red for its turnover and says so,
its green share (92,5 %, halfway between 90 and 95) reads the same in the card and in the
sentence; IT-avdelningen's finance card tells the forecast deviation's change since 2018-T1;
a card's title and a sentence lead to the page that explains them, filters kept.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

STORY = "2018-T2"
FIRST_RENDER_MS = 30_000
NBSP = "\u00a0"
ANALYS = "Analysavdelningen"


def card(page: Page, title: str):
    return page.locator("section.perspective", has=page.locator("h2", has_text=title))


@pytest.mark.parametrize(("lang", "query", "staff", "reason", "sentence", "share", "said"), [
    ("sv", f"/?avdelning={ANALYS}", "Medarbetare",
     f"Personalomsättning 11,2{NBSP}% (mål högst 8{NBSP}%)",
     f"Medarbetarnas status är röd: personalomsättningen är 11,2{NBSP}% (mål högst 8{NBSP}%).",
     f"92,5{NBSP}%", "Andelen gröna uppdrag är 92,5 procent."),
    ("en", f"/?avdelning={ANALYS}&lang=en", "Staff",
     "Staff turnover 11.2% (target at most 8%)",
     "The staff status is red: staff turnover is 11.2% (target at most 8%).",
     "92.5%", "The share of green assignments is 92.5 percent."),
])
def test_a_red_staff_card_names_its_reason_and_card_and_sentence_round_alike(
        page: Page, screenshot, lang, query, staff, reason, sentence, share, said):
    page.goto(query)
    staff_card = card(page, staff)
    expect(staff_card.locator("p.status")).to_have_text("■ Röd" if lang == "sv" else "■ Red",
                                                       timeout=FIRST_RENDER_MS)
    expect(staff_card.locator("p.reason")).to_have_text(reason)
    narrative = page.locator("section.narrative")
    expect(narrative.locator("p.sentence", has_text=sentence)).to_have_count(1)
    operations = card(page, "Verksamhet" if lang == "sv" else "Operations")
    expect(operations.locator("dd").first).to_have_text(re.compile("^" + re.escape(share)))
    expect(narrative.locator("p.sentence").first).to_have_text(said)
    screenshot(page, f"cards-change-{lang}")


def test_the_finance_card_tells_its_change_and_leads_to_the_finance_page(page: Page):
    page.goto("/?avdelning=IT-avdelningen&lang=en")
    finance = card(page, "Finance")
    deviation = finance.locator(".figure", has_text="Forecast deviation").locator("dd")
    expect(deviation).to_have_text(f"+7.6% ↑ +4.6{NBSP}pp", timeout=FIRST_RENDER_MS)
    expect(deviation.locator(".change")).to_have_attribute(
        "title", "Change since 2018-T1: +4.6 percentage points")
    finance.locator("h2 a").click()
    expect(page).to_have_url(re.compile(
        rf"/ekonomi\?period={STORY}&avdelning=IT-avdelningen&lang=en$"))
    expect(page.locator("h1")).to_have_text(f"Finance {STORY}", timeout=FIRST_RENDER_MS)
    expect(page.locator("section.perspective", has_text="+7.6%").first).to_be_visible()


def test_a_sentence_leads_to_the_page_that_explains_it(page: Page):
    page.goto(f"/?avdelning={ANALYS}")
    red = page.locator("section.narrative p.sentence", has_text="uppdrag är röda")
    expect(red).to_contain_text(f"({ANALYS})", timeout=FIRST_RENDER_MS)  # its department
    red.locator("a").click()
    expect(page).to_have_url(re.compile(rf"/verksamhet\?period={STORY}&avdelning={ANALYS}$"))
    expect(page.locator("h1")).to_contain_text("Verksamhet", timeout=FIRST_RENDER_MS)
