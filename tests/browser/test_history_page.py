"""Importhistorik in a real browser: the demo's five imports, an original file downloaded byte
for byte, the latest import rolled back after the confirmation, and Översikt then on 2018-T1.

A rollback changes the data that every other browser test reads from the session's shared
``live_server``. Putting it back afterwards (importing the file again) would still leave the
history changed (two more imports, other ids) and, if the test failed half-way, the data too.
So this module serves its own instance: ``python app.py`` in a subprocess on a free port and a
fresh data folder with the demo, stopped at the end. It costs a few seconds of start-up and
touches nothing the other tests use; the test reads that instance's database for its figures.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from dashboard.kpis import Selection, summary
from dashboard.text import formatting as fmt
from dashboard.views.history import row_counts_text
from loaders.store.store import Store
from tests.browser.test_axe import report, violations
from tests.databases import folder_url
from tests.servers import clean_environment, free_port, serving

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000  # a cold server and browser load Dash's bundles first
SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"
DEMO_FILES = [f"uppfoljning_{p}.xlsx" for p in
              ("2018-T2", "2018-T1", "2017-T3", "2017-T2", "2017-T1")]  # newest first


@dataclass(frozen=True)
class OwnServer:
    url: str
    data_dir: Path

    def store(self) -> Store:
        return Store(folder_url(self.data_dir))


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OwnServer]:
    """``python app.py`` on a fresh data folder (the demo is loaded), for this module only."""
    port = free_port()
    data_dir = tmp_path_factory.mktemp("history-browser") / "data"
    env = clean_environment(TERTIAL_DATA_DIR=str(data_dir), TERTIAL_HOST="127.0.0.1",
                            TERTIAL_PORT=str(port), TERTIAL_DEMO_ON_EMPTY="true")
    with serving([sys.executable, "app.py"], port, env) as url:
        yield OwnServer(url, data_dir)


def _headcount(server: OwnServer, period: str) -> str:
    store = server.store()
    try:
        return fmt.number(summary(store.frames(), Selection(period))["staff"]["headcount"])
    finally:
        store.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_and_its_dialog_have_no_wcag_21_aa_violations(page: Page, own_server, lang):
    """Before the rollback test: it opens the dialog, audits it and cancels."""
    page.goto(f"{own_server.url}/historik" + ("?lang=en" if lang == "en" else ""))
    expect(page.locator(f"#{ids.HISTORY_GRID} .ag-center-cols-container .ag-row")).to_have_count(
        5, timeout=FIRST_RENDER_MS)
    found = violations(page)
    assert not found, report(found)
    page.locator(f"#{ids.HISTORY_ROLLBACK}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("5 (uppfoljning_2018-T2.xlsx)")
    page.wait_for_function(SETTLED)  # audit the dialog once it has faded in, not half-way
    found = violations(page)
    assert not found, report(found)
    page.locator(f"#{ids.HISTORY_CANCEL}").click()
    expect(dialog).to_be_hidden()


def test_history_download_and_rollback(page: Page, own_server: OwnServer, screenshot):
    page.goto(f"{own_server.url}/historik")
    grid = page.locator(f"#{ids.HISTORY_GRID}")
    rows = grid.locator(".ag-center-cols-container .ag-row")
    expect(rows).to_have_count(5, timeout=FIRST_RENDER_MS)
    expect(page.locator("h1")).to_have_text("Importhistorik")
    expect(rows.locator('[col-id="file"]')).to_have_text(DEMO_FILES)
    latest = grid.locator('.ag-row[row-id="5"]')
    expect(latest.locator('[col-id="status"]')).to_have_text("aktuell")
    screenshot(page, "history-sv")

    with page.expect_download() as info:
        latest.get_by_role("link", name="Ladda ned").click()
    download = info.value
    assert download.suggested_filename == DEMO_FILES[0]
    original = (own_server.data_dir / "demo" / DEMO_FILES[0]).read_bytes()
    assert Path(download.path()).read_bytes() == original

    before = _headcount(own_server, "2018-T2")
    page.get_by_role("button", name="Återställ importen …").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Import 5 (uppfoljning_2018-T2.xlsx) återställs.")
    expect(dialog).to_contain_text(
        "Det som den ersatte blir aktuellt igen: Enheter, Nyckeltal från import 4.")
    dialog.get_by_role("button", name="Återställ", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(page.locator(f"#{ids.HISTORY_RESULT}")).to_contain_text(
        "Import 5 (uppfoljning_2018-T2.xlsx) är återställd.")
    expect(latest.locator('[col-id="status"]')).to_have_text("återställd")
    expect(grid.locator('.ag-row[row-id="4"] [col-id="status"]')).to_have_text("aktuell")
    expect(page.get_by_role("button", name="Återställ importen …")).to_be_disabled()
    screenshot(page, "history-rolled-back-sv")
    page.wait_for_function(SETTLED)
    found = violations(page)  # the result message too
    assert not found, report(found)

    page.goto(f"{own_server.url}/")
    expect(page.locator("h1")).to_have_text("Tertialuppföljning 2018-T1",
                                            timeout=FIRST_RENDER_MS)
    staff = page.locator("section.perspective").filter(has_text="Medarbetare")
    headcount = staff.locator(".figure").filter(
        has=page.get_by_text("Anställda", exact=True)).locator("dd")
    expect(headcount).to_have_text(_headcount(own_server, "2018-T1"))
    assert _headcount(own_server, "2018-T1") != before
    expect(page.locator(".freshness")).to_contain_text("import 4, uppfoljning_2018-T1.xlsx")


def test_history_in_english(page: Page, own_server: OwnServer):
    page.goto(f"{own_server.url}/historik?lang=en")
    grid = page.locator(f"#{ids.HISTORY_GRID}")
    expect(grid.locator(".ag-center-cols-container .ag-row")).to_have_count(
        5, timeout=FIRST_RENDER_MS)
    expect(page.locator("h1")).to_have_text("Import history")
    expect(grid.locator(".ag-header-cell-text")).to_have_text([
        "Import no.", "Time", "User", "File", "Checksum", "Periods", "Rows per sheet",
        "Status", "Supersedes", "Superseded by", "Original file"])
    store = own_server.store()
    try:
        first = store.history()[-1]
    finally:
        store.close()
    assert first.row_counts["assignments"] == 400
    expect(grid.locator('.ag-row[row-id="1"] [col-id="rows"]')).to_have_text(
        row_counts_text(first.row_counts, "en"))  # "Units 30 · Assignments 400 · …"
    expect(grid.get_by_role("link", name="Download")).to_have_count(5)
