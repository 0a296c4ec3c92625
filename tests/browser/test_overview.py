"""Översikt in a real browser: the four perspective cards show what ``tertial summary`` gives.

The expected texts are computed from the served app's own store with ``dashboard.kpis.summary``
and written with ``dashboard.text.formatting`` the way the page writes them, so the test checks the
whole path: store, figures, layout, Dash's rendering in Chromium.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from dashboard.kpis import Selection, summary
from dashboard.kpis.processes import processes_status
from dashboard.kpis.status import status_label
from dashboard.text import formatting as fmt
from dashboard.views.perspectives import rates_status

pytestmark = pytest.mark.browser

STORY = "2018-T2"  # the demo's latest tertial: what "/" opens on
FIRST_RENDER_MS = 30_000  # a cold server and browser load Dash's bundles first
NBSP = fmt.NBSP

# lang -> (query, heading, [(card title, figure labels or None for the processes' KPI names)])
PAGES = {
    "sv": ("/", "Tertialuppföljning", [
        ("Verksamhet", ["● Andel gröna uppdrag", "Nya regeringsuppdrag"]),
        ("Ekonomi", ["Förbrukningsgrad", "Prognosavvikelse", "Prognos mot förra prognosen"]),
        ("Medarbetare", ["Anställda", "Förändring sedan förra tertialen",
                         "varav tidsbegränsat anställda"]),
        ("Processer", None),
    ]),
    "en": ("/?lang=en", "Tertial follow-up", [
        ("Operations", ["● Share of green assignments", "New government assignments"]),
        ("Finance", ["Consumption", "Forecast deviation",
                     "Forecast against the previous forecast"]),
        ("Staff", ["Employees", "Change since the previous tertial", "of which temporary"]),
        ("Processes", None),
    ]),
}
# The demo story's headline figures as a reader sees them (tests/test_demo_story.py tells it),
# with the changes since 2018-T1: the green share 87,0 % -> 91,2 %, the forecast deviation
# +0,3 % -> +0,6 % of the same year, the forecast 1 739 tkr above the previous forecast.
STORY_FIGURES = {
    "sv": {"● Andel gröna uppdrag": f"91,2{NBSP}% ↑ +4,2{NBSP}p.e.",
           "Nya regeringsuppdrag": "9", "Prognosavvikelse": f"+0,6{NBSP}% ↑ +0,2{NBSP}p.e.",
           "Prognos mot förra prognosen": f"+1{NBSP}739{NBSP}tkr",
           "Anställda": "736", "Förändring sedan förra tertialen": "+11"},
    "en": {"● Share of green assignments": f"91.2% ↑ +4.2{NBSP}pp",
           "New government assignments": "9", "Forecast deviation": f"+0.6% ↑ +0.2{NBSP}pp",
           "Forecast against the previous forecast": f"+1,739{NBSP}kSEK",
           "Employees": "736", "Change since the previous tertial": "+11"},
}
POINTS = {"sv": "p.e.", "en": "pp"}
MONEY = {"sv": "tkr", "en": "kSEK"}


def _status(code: str | None, lang: str) -> str:
    return status_label(code, lang)


PACE = {"sv": " mot takten", "en": " against the pace"}


def _changed(value: str, change: float | None, lang: str) -> str:
    """A figure with its change in percentage points as the card writes it, worked out
    here: "91,2 % ↑ +4,2 p.e."."""
    if change is None:
        return value
    arrow = "↑" if round(change, 9) > 0 else "↓" if round(change, 9) < 0 else "→"
    return f"{value} {arrow} {fmt.number(change * 100, 1, lang, sign=True)}{NBSP}{POINTS[lang]}"


def expected_cards(result: dict, lang: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(title, status word, [(label, value)]) per card, formatted as the overview page does."""
    ops, fin, staff = result["operations"], result["finance"], result["staff"]
    before = fin["previous"]  # 2018-T1: the same year
    values = [
        (ops.get("status"), [
            _changed(fmt.percent((ops.get("status_share") or {}).get("green"), lang=lang),
                     ops["green_share_change"], lang),
            fmt.number(ops["new_government_assignments"], lang=lang)]),
        (fin.get("status"), [
            _changed(fmt.percent(fin["consumption"], lang=lang),  # against the year's pace
                     before["consumption_vs_share_change"], lang) + PACE[lang],
            _changed(fmt.percent(fin["forecast_deviation"], lang=lang, sign=True),
                     before["forecast_deviation_change"], lang),
            f"{fmt.change(fin['forecast'] - fin['previous_forecast'], lang=lang)}{NBSP}"
            f"{MONEY[lang]}"]),
        (rates_status(staff), [fmt.number(staff["headcount"], lang=lang),
                fmt.change(staff["headcount_change"], lang=lang),
                fmt.change(staff["temporary_change"], lang=lang)]),
        (processes_status(result["processes"]),
         [f"{fmt.with_unit(p['value'], p.get('unit_of_measure'), lang)}  "
                f"{_status(p.get('status'), lang)}" for p in result["processes"]]),
    ]
    kpi_names = [p["kpi"] for p in result["processes"]]
    return [(title, _status(status, lang), list(zip(labels or kpi_names, figures, strict=True)))
            for (title, labels), (status, figures) in zip(PAGES[lang][2], values, strict=True)]


def shown_cards(cards: Locator) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """What the browser shows: (title, status word, [(label, value)]) per card."""
    shown = []
    for card in cards.all():
        labels = card.locator("dt").all_text_contents()
        values = card.locator("dd").all_text_contents()
        shown.append((card.locator("h2").text_content(),
                      card.locator("p.status").text_content(),
                      list(zip(labels, values, strict=True))))
    return shown


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_overview_cards_show_the_summary_figures(page: Page, live_server, screenshot, lang):
    query, heading, _cards = PAGES[lang]
    page.goto(query)
    cards = page.locator("section.perspective")
    expect(cards).to_have_count(4, timeout=FIRST_RENDER_MS)
    expect(page.locator("h1")).to_have_text(f"{heading} {STORY}")
    expect(page.locator("div.page")).to_have_attribute("lang", lang)

    result = summary(live_server.store.frames(), Selection(STORY))
    shown = shown_cards(cards)
    assert shown == expected_cards(result, lang)
    figures = {label: value for _title, _status, rows in shown for label, value in rows}
    assert STORY_FIGURES[lang].items() <= figures.items()
    screenshot(page, f"overview-{lang}")
