"""Ladda upp in a real browser: choose a file, see the check and the preview, confirm or
cancel; a broken workbook shows its errors with sheet, row and column.

The session's live server is shared by every browser test, so a test that imports rolls
its import back at the end (the store's own rollback): the next test sees the demo as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from dashboard.kpis import Selection, summary
from dashboard.text import formatting as fmt
from tests.builders import xlsx_bytes
from tests.demo_store import correction, first_with_status

pytestmark = pytest.mark.browser

STORY = "2018-T2"
STORY_FILE = Path(__file__).resolve().parents[2] / "data" / "demo" / f"uppfoljning_{STORY}.xlsx"
RENDER_MS = 30_000
CHECK_MS = 60_000  # the check runs the whole load in a child process
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


IDLE = """() => document.getElementById('upload-input') !== null
    && !document.querySelector('[data-dash-is-loading="true"]')"""


def choose(page: Page, name: str, data: bytes) -> None:
    """Choose the file as a reader does: once the page has settled at its full address (the
    server sends a bare one on to ``?period=2018-T2``, ``dashboard/web/addresses.py``) and
    no callback runs: a file chosen while the page is drawn goes to an input replaced."""
    page.wait_for_url(re.compile(r"period="), timeout=RENDER_MS)
    page.wait_for_function(IDLE, timeout=RENDER_MS)
    page.locator("#upload-input").set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": data}])


def history(live_server) -> list[tuple[int, str]]:
    return [(r.id, r.status) for r in live_server.store.history()]


def green_share(live_server) -> str:
    figures = summary(live_server.store.frames(), Selection(STORY))
    return fmt.percent(figures["operations"]["status_share"]["green"])


def test_upload_preview_confirm_and_the_overview_shows_the_new_data(page: Page, live_server,
                                                                    screenshot):
    before_share, before = green_share(live_server), history(live_server)
    red = first_with_status(STORY_FILE, "Grön")
    page.goto("/ladda-upp")
    expect(page.locator("h1")).to_have_text("Ladda upp tertialens underlag", timeout=RENDER_MS)
    choose(page, "korrigering_2018-T2.xlsx", correction(STORY_FILE, red=red))
    expect(page.locator("#upload-confirm")).to_be_visible(timeout=CHECK_MS)
    expect(page.locator("#upload-status")).to_contain_text("kan importeras")
    preview = page.locator(".upload-preview")
    expect(preview).to_contain_text(red)
    expect(preview).to_contain_text("1 uppdrag får ny status mot det som är lagrat för 2018-T2")
    share_row = preview.locator("tr", has_text="Andel gröna uppdrag")
    expect(share_row).to_contain_text(before_share)
    screenshot(page, "upload-preview")
    assert history(live_server) == before  # nothing stored before the confirmation
    page.locator("#upload-confirm").click()
    expect(page.locator("#upload-outcome")).to_contain_text(
        re.compile(r"Importerat som import \d+"), timeout=CHECK_MS)
    imported = max(r.id for r in live_server.store.history())
    try:
        after_share = green_share(live_server)
        assert after_share != before_share
        page.locator("#upload-outcome a").click()  # "Till översikten"
        expect(page.locator(".perspectives")).to_contain_text(after_share, timeout=RENDER_MS)
        screenshot(page, "upload-overview-after")
    finally:
        live_server.store.rollback(imported, user="test")
    page.goto("/")
    expect(page.locator(".perspectives")).to_contain_text(before_share, timeout=RENDER_MS)


def test_a_broken_workbook_shows_every_error_with_sheet_row_and_column(page: Page, live_server,
                                                                       screenshot):
    before = history(live_server)
    header = ["Id", "Namn", "Typ", "Enhet", "Period", "Status", "Slutdatum"]
    broken = xlsx_bytes({"Uppdrag": [
        header,
        ["RU-1", "Ett", "Regeringsuppdrag", "Kundcenter", STORY, "Lila", "2018-12-31"],
        ["RU-2", "Två", "Regeringsuppdrag", "Kundcenter", STORY, "Grön", "i morgon"]]})
    page.goto("/ladda-upp?lang=en")
    expect(page.locator("h1")).to_have_text("Upload the tertial's data", timeout=RENDER_MS)
    choose(page, "broken.xlsx", broken)
    expect(page.locator("#upload-status")).to_contain_text("cannot be imported",
                                                           timeout=CHECK_MS)
    grid = page.locator(f"#{ids.UPLOAD_ISSUES}")
    for sheet, row, column, value in (("Uppdrag", "2", "F", "Lila"),
                                      ("Uppdrag", "3", "G", "i morgon")):
        line = grid.locator(".ag-row", has_text=value)
        expect(line).to_contain_text(sheet)
        expect(line.locator('[col-id="row"]')).to_have_text(row)
        expect(line.locator('[col-id="column"]')).to_contain_text(column)
    expect(page.locator("#upload-confirm")).to_be_hidden()
    with page.expect_download() as download:
        page.locator("#upload-report-button").click()
    assert download.value.suggested_filename == "kontroll_broken.xlsx"
    screenshot(page, "upload-errors")
    assert history(live_server) == before


def test_cancel_stores_nothing(page: Page, live_server):
    before = history(live_server)
    red = first_with_status(STORY_FILE, "Grön", skip=1)
    page.goto("/ladda-upp")
    choose(page, "korrigering.xlsx", correction(STORY_FILE, red=red))
    expect(page.locator("#upload-cancel")).to_be_visible(timeout=CHECK_MS)
    page.locator("#upload-cancel").click()
    expect(page.locator("#upload-outcome")).to_have_text("Avbrutet. Ingenting sparades.")
    expect(page.locator("#upload-confirm")).to_be_hidden()
    assert history(live_server) == before


def test_a_department_s_own_export_uploaded_again_is_refused_saying_why(page: Page,
                                                                        live_server):
    """Issue 17: the export of Analysavdelningen, uploaded as it was, used to pass the check
    and offer to remove 315 of 400 assignments with one click."""
    before = history(live_server)
    page.goto("/ladda-upp")
    exported = page.request.get(f"/export.xlsx?period={STORY}&avdelning=Analysavdelningen")
    assert exported.status == 200
    choose(page, f"tertial_{STORY}_Analysavdelningen.xlsx", exported.body())
    status = page.locator("#upload-status")
    expect(status).to_contain_text("kan inte importeras", timeout=CHECK_MS)
    expect(page.locator("p.refusal")).to_contain_text(
        "Tertials egen export av en avgränsad vy (Analysavdelningen) och kan inte importeras")
    expect(page.locator("#upload-confirm")).to_be_hidden()
    assert history(live_server) == before


def test_a_large_removal_needs_the_second_yes_that_names_it(page: Page, live_server,
                                                           screenshot):
    """Issue 17: a file with one department's rows (the data sheets of its export) would
    remove 315 of 400 assignments; Importera waits for "Ja, ta bort …"."""
    from tests.builders import without_first_sheet

    before = history(live_server)
    page.goto("/ladda-upp")
    exported = page.request.get(f"/export.xlsx?period={STORY}&avdelning=Analysavdelningen")
    choose(page, "analys.xlsx", without_first_sheet(exported.body()))
    removal = page.locator(".upload-removal")
    expect(removal).to_contain_text("Importen tar bort mycket av det som är lagrat",
                                    timeout=CHECK_MS)
    expect(removal).to_contain_text("315 av 400 uppdrag för 2018-T2 (79 %)")
    confirm = page.locator("#upload-confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_be_disabled()
    screenshot(page, "upload-large-removal")
    yes = page.get_by_label(
        "Ja, ta bort 26 enheter, 315 uppdrag, 78 ekonomirader och 26 medarbetarrader")
    yes.check()
    expect(confirm).to_be_enabled()
    assert history(live_server) == before  # nothing before the click
    confirm.click()
    expect(page.locator("#upload-outcome")).to_contain_text(
        re.compile(r"Importerat som import \d+"), timeout=CHECK_MS)
    imported = max(r.id for r in live_server.store.history())
    live_server.store.rollback(imported, user="test")
