"""Regeringsuppdrag in a real browser (issue 18), on the demo at 2018-T2, in Swedish and in
English: the overdue report first and flagged in words, the headline's counts, the department
filter narrowing the register, and the calendar link downloading a calendar that parses."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from dashboard import ids
from dashboard.text.i18n import t

pytestmark = pytest.mark.browser

RENDER_MS = 30_000
STORY = "2018-T2"
OVERDUE = "RU-2015-07"
DUE = ("RU-2016-11", "RU-2017-05")
VERKSAMHETSSTOD = "Avdelningen för verksamhetsstöd"
IT = "IT-avdelningen"
ROWS = f"#{ids.GOVERNMENT_TABLE} tbody tr"


def open_page(page: Page, query: str) -> None:
    page.goto(f"/regeringsuppdrag?period={STORY}{query}")
    expect(page).to_have_url(re.compile(r"period="), timeout=RENDER_MS)
    expect(page.locator(f"#{ids.GOVERNMENT_TABLE}")).to_be_visible(timeout=RENDER_MS)


def ids_shown(page: Page) -> list[str]:
    return [text.strip() for text in
            page.locator(f"{ROWS} th[scope=row] .assignment-id").all_text_contents()]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_register_lists_the_overdue_report_first_and_the_headline_counts(page: Page,
                                                                            lang):
    open_page(page, "&lang=en" if lang == "en" else "")
    expect(page.locator(f"#{ids.CONTENT} h1")).to_have_text(
        t("government.heading", lang, period=STORY))
    headline = page.locator(f"#{ids.GOVERNMENT_HEADLINE}")
    expect(headline).to_contain_text(
        t("government.due_many", lang, count=2, next="2018-T3", until="2018-12-31"))
    expect(headline).to_contain_text(t("government.overdue_one", lang, count=1))
    expect(headline.locator("li li")).to_have_count(1)  # the one overdue, named
    expect(headline.locator("li li")).to_contain_text(OVERDUE)
    expect(headline.locator("li li")).to_contain_text(VERKSAMHETSSTOD)
    expect(page.get_by_text(t("government.days_note", lang, date="2018-08-31"))).to_be_visible()
    shown = ids_shown(page)
    assert shown[0] == OVERDUE and len(shown) > 60
    first = page.locator(ROWS).first
    expect(first).to_contain_text(f"⚠ {t('government.overdue', lang)}")
    expect(first).to_contain_text("2018-06-29")
    expect(first).to_contain_text("N2015/01094/IF")
    expect(first.locator(".status.yellow")).to_have_text("▲ Gul" if lang == "sv" else
                                                         "▲ Yellow")
    assert shown[1:3] == sorted(DUE)  # the next reports, due 2018-11-30
    expect(page.locator(f"{ROWS}:has-text('⚠')")).to_have_count(1)  # only the overdue one
    expect(page.locator(f"#{ids.GOVERNMENT_TABLE} caption")).to_be_visible()
    expect(page.locator(f"#{ids.GOVERNMENT_TABLE} thead th[scope=col]")).to_have_count(8)
    expect(page.locator(f"#{ids.NAV} a.current")).to_have_text(t("government.title", lang))


def test_the_department_filter_narrows_the_register(page: Page):
    open_page(page, "")
    everyone = len(ids_shown(page))
    page.locator(f"input#{ids.DEPARTMENT}").click()
    listbox = page.get_by_role("listbox")
    listbox.get_by_role("option", name=IT, exact=True).click()
    expect(page.locator("div.page p.scope")).to_have_text(IT, timeout=RENDER_MS)
    expect(page).to_have_url(re.compile("avdelning=IT-avdelningen"))
    rows = page.locator(ROWS)
    expect(rows.first).to_be_visible(timeout=RENDER_MS)
    departments = rows.locator("td:nth-child(3)").all_text_contents()
    assert 0 < len(departments) < everyone
    assert all(d.startswith(IT) for d in departments)
    assert OVERDUE not in ids_shown(page) and "RU-2016-11" in ids_shown(page)
    expect(page.locator(f"#{ids.GOVERNMENT_HEADLINE}")).to_contain_text(
        t("government.due_one", "sv", count=1, next="2018-T3", until="2018-12-31"))
    expect(page.locator(f"#{ids.GOVERNMENT_HEADLINE}")).to_contain_text(
        t("government.overdue_none", "sv"))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_calendar_link_downloads_the_view_s_reports(page: Page, lang):
    open_page(page, f"&avdelning={VERKSAMHETSSTOD}" + ("&lang=en" if lang == "en" else ""))
    link = page.locator(f"#{ids.GOVERNMENT_CALENDAR}")
    expect(link).to_have_text(t("government.calendar_link", lang))
    with page.expect_download(timeout=RENDER_MS) as download:
        link.click()
    saved = download.value
    name = t("government.calendar_file", lang)
    assert saved.suggested_filename == f"{name}_{STORY}_Avdelningen-för-verksamhetsstöd.ics"
    calendar = Calendar.from_ical(saved.path().read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events
    assert all(VERKSAMHETSSTOD in str(e["DESCRIPTION"]) for e in events)
    late = [e for e in events if e.decoded("DTSTART") == dt.date(2018, 6, 29)]
    word = "Redovisning" if lang == "sv" else "Report"
    assert [str(e["SUMMARY"]).split(":")[0] for e in late] == [word]
    assert "(N2015/01094/IF)" in str(late[0]["SUMMARY"])
