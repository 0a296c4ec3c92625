"""Händelselogg in a real browser: choosing a kind writes it to the address, and the page is
drawn again from the server with only that kind's events (the demo's imports, logged by the
store as they were made)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from dashboard.text.i18n import t

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
ACTION_CELLS = f"#{ids.AUDIT_GRID} .ag-center-cols-container .ag-cell[col-id='action']"


def test_choosing_a_kind_shows_only_those_events_from_the_address(page: Page):
    page.goto("/logg")
    expect(page.locator(f"#{ids.CONTENT} h1")).to_have_text(t("audit.title"),
                                                            timeout=FIRST_RENDER_MS)
    expect(page.locator(ACTION_CELLS).first).to_be_visible(timeout=FIRST_RENDER_MS)
    page.locator(f"input#{ids.AUDIT_KIND}").click()
    page.get_by_role("option", name=t("audit.kind.data")).click()
    page.wait_for_url(re.compile(r"/logg\?(.*&)?typ=data"), timeout=FIRST_RENDER_MS)
    expect(page.locator(f"input#{ids.AUDIT_KIND}")).to_have_value(t("audit.kind.data"))
    cells = page.locator(ACTION_CELLS)
    # the newest first: an import, or a rollback where another browser test rolled one back
    data = re.compile(f"^({t('audit.action.import')}|{t('audit.action.rollback')})$")
    expect(cells.first).to_have_text(data, timeout=FIRST_RENDER_MS)
    # every row redrawn (the newest event of every kind may be an import: the first cell
    # alone can match before the grid has its new rows)
    kept = [t("audit.action.import"), t("audit.action.rollback")]
    page.wait_for_function(
        """([selector, kept]) => [...document.querySelectorAll(selector)]
               .every(cell => kept.includes(cell.textContent.trim()))""",
        arg=[ACTION_CELLS, kept], timeout=FIRST_RENDER_MS)
    shown = set(cells.all_text_contents())
    assert shown <= {t("audit.action.import"), t("audit.action.rollback")}, shown
    page.reload()  # the address alone draws the same
    expect(page.locator(f"input#{ids.AUDIT_KIND}")).to_have_value(t("audit.kind.data"),
                                                                   timeout=FIRST_RENDER_MS)
