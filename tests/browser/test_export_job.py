"""A large export in a real browser: the click starts the job, the page says how far it has
come with a bar and words a screen reader hears, then downloads the file by itself.

The app is the demo's, served for this module with a runner that reports every 50 rows and
whose job table holds the job after its first step until the test has seen the progress: the
page is seen mid-export whatever the machine's speed, and nothing is timed.
"""

from __future__ import annotations

import dataclasses
import io
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from dashboard import ids
from dashboard.reports.export_runner import ExportRunner
from dashboard.text.i18n import t
from dashboard.web import context
from loaders.records.export_jobs import ExportJobs
from loaders.store.store import Store
from tests.apps import make_app
from tests.browser.test_axe import report, violations

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 30_000
HOLD_S = 120  # the longest the job waits for the test (it goes on then, and the test fails)
STEP = 50  # rows between two progress reports: the demo agency's 576 rows give a dozen


class HeldJobs(ExportJobs):
    """The real job table; the first job waits after its first step until released."""

    def __init__(self, store: Store):
        super().__init__(store)
        self.release = threading.Event()

    def progress(self, job_id: str, done: int, total: int) -> None:
        super().progress(job_id, done, total)
        if done > 0:
            self.release.wait(HOLD_S)


@dataclass(frozen=True)
class Served:
    url: str
    jobs: HeldJobs


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``app.py`` on the demo data with the held runner, served from a thread."""
    app = make_app(tmp_path_factory.mktemp("export-job") / "data")
    server = app["server"]
    jobs = HeldJobs(app["store"])
    context.install(server, dataclasses.replace(server.extensions[context.EXTENSION],
                                                exports=ExportRunner(jobs, step=STEP)))
    http = make_server("127.0.0.1", 0, server, threaded=True)
    thread = threading.Thread(target=http.serve_forever, name="tertial-export-job",
                              daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{http.server_port}", jobs)
    finally:
        jobs.release.set()
        http.shutdown()
        thread.join(timeout=10)
        http.server_close()
        app["store"].close()


def test_the_export_shows_its_progress_then_downloads_the_file(page: Page, served: Served,
                                                               screenshot):
    page.goto(f"{served.url}/?period=2018-T2")
    button = page.locator(f"#{ids.EXPORT_BUTTON}")
    expect(button).to_have_text(t("shell.export_link"), timeout=FIRST_RENDER_MS)
    button.click()

    status = page.locator(f"#{ids.EXPORT_STATUS}")
    expect(status).to_have_text(re.compile(r"^Exporterar … \d+ av 576 rader$"),
                                timeout=FIRST_RENDER_MS)
    expect(status).to_have_attribute("role", "status")  # a live region: it is read out
    bar = page.get_by_role("progressbar", name=t("export.progress_label"))
    expect(bar).to_have_attribute("max", "576")
    assert 0 < int(bar.get_attribute("value")) < 576
    expect(button).to_be_disabled()  # one export at a time
    found = violations(page)
    assert found == [], report(found)
    screenshot(page, "export-progress")

    with page.expect_download(timeout=FIRST_RENDER_MS) as download:
        served.jobs.release.set()
    expect(status).to_have_text(t("export.job_done", total="576"))
    expect(button).to_be_enabled()
    screenshot(page, "export-done")
    assert download.value.suggested_filename == "tertial_2018-T2_Hela-myndigheten.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert len(list(book["Uppdrag"].values)) == 1 + 400  # the header and the 400 assignments
