"""The report as a PDF, printed by headless Chromium from the report page itself.

Chromium prints what a reader's browser shows: the report's HTML, its print styles (A4, page
numbers in the page margin, nothing cut across pages) and its charts, drawn by the same
plotly.js bundle the dashboard uses (``assets/vendor``) through ``assets/report.js``.
WeasyPrint was measured against it (``benchmarks/pdf_bench.py``): faster, but it runs no
scripts, so every chart would be missing or need a second renderer (kaleido, itself a
Chromium). Chromium is the system's (Debian's ``chromium`` package), driven by Playwright.

The table of contents gets its page numbers by printing twice: Chromium has no CSS
``target-counter()``, but it writes every linked heading as a named destination of the PDF,
so the first print says on which page each heading of the contents landed (read back with
pypdf); the numbers are written into the contents (each in a box of fixed width, so nothing
moves) and the page is printed again, and again if a page moved (it does not in practice).

Each PDF gets a fresh browser (about a second to start; measured in the benchmark), closed
when the PDF is made, so no browser outlives its request and a worker holds nothing between
requests. The browser fetches nothing: the HTML comes with ``set_content``, the scripts are
added from the files, and every request the page would make is refused. The printing runs
in a thread of its own (Playwright's synchronous API refuses a thread with a running event
loop), and a :class:`Printer` lets only a few PDFs be made at once per process, so a burst
of downloads queues briefly or is told to try again instead of starting a browser each.
"""

from __future__ import annotations

import io
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

ASSETS = Path(__file__).resolve().parents[1] / "assets"
# the plotly.js bundle, then the script that draws the report's charts with it
SCRIPTS: tuple[Path, ...] = (ASSETS / "vendor" / "plotly-basic-4.1.1.min.js",
                             ASSETS / "report.js")
CHROMIUM = "/usr/bin/chromium"  # Debian's package; `chromium` on the PATH otherwise
LAUNCH_ARGS = ("--disable-gpu", "--disable-quic", "--disable-sync", "--disable-extensions")
READY = "document.body.dataset.ready"  # set by report.js: "1" drawn, "error" not
TIMEOUT_S = 60.0  # the longest a PDF may take (the whole agency's is a few seconds)
CONCURRENT = 2  # PDFs made at once per process
WAIT_S = 10.0  # how long a request waits for its turn before it is told to try again
CONTENTS = "[data-toc]"  # a link of the table of contents, to the heading of its id
PRINTS = 3  # prints at most, until the contents' page numbers hold
# the ids the contents link to, and how to write their page numbers into it
CONTENTS_IDS = f"() => [...document.querySelectorAll('{CONTENTS}')].map(a => a.dataset.toc)"
FILL_CONTENTS = f"""pages => document.querySelectorAll('{CONTENTS}').forEach(a => {{
  a.querySelector('.toc-page').textContent = pages[a.dataset.toc] ?? '';
}})"""


class PdfError(RuntimeError):
    """The PDF could not be made (no Chromium, a chart that did not draw, too slow, busy)."""


def chromium_path() -> str:
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not found:
        raise PdfError("Chromium not found: install Debian's chromium package")
    return found


def heading_pages(pdf: bytes) -> dict[str, int]:
    """The page (from 1) of every named destination of a PDF: for Chromium's, every element
    id a link of the document points to."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        return {str(name).lstrip("/"): reader.get_destination_page_number(target) + 1
                for name, target in reader.named_destinations.items()}
    except (PyPdfError, ValueError, KeyError) as error:
        raise PdfError(f"the printed PDF could not be read back: {error}") from error


def _print(page: Page) -> bytes:
    return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)


def print_with_contents(page: Page, prints: int = PRINTS) -> bytes:
    """The page as a PDF, its table of contents (if it has one) numbered with the pages its
    headings land on."""
    anchors = page.evaluate(CONTENTS_IDS)
    pdf, filled = _print(page), None
    for _ in range(prints - 1):
        if not anchors:
            break
        found = heading_pages(pdf)
        pages = {a: found[a] for a in anchors if a in found}
        if len(pages) < len(anchors):
            raise PdfError(f"headings of the contents not in the PDF: "
                           f"{sorted(set(anchors) - set(pages))}")
        if pages == filled:
            break
        page.evaluate(FILL_CONTENTS, {a: str(n) for a, n in pages.items()})
        pdf, filled = _print(page), pages
    return pdf


def print_page(browser: Browser, html: str, scripts: tuple[str, ...],
               timeout_s: float = TIMEOUT_S) -> bytes:
    """Print ``html`` to an A4 PDF in a new page of ``browser``, after ``scripts`` (the
    texts of the scripts to run) have drawn the charts, with its contents numbered."""
    page = browser.new_page()
    try:
        page.set_default_timeout(timeout_s * 1000)
        page.route("**/*", lambda route: route.abort())  # nothing from any network
        page.set_content(html, wait_until="domcontentloaded")
        for script in scripts:
            page.add_script_tag(content=script)
        page.wait_for_function(f"Boolean({READY})")
        if page.evaluate(READY) != "1":
            raise PdfError("a chart of the report could not be drawn")
        return print_with_contents(page)
    finally:
        page.close()


def print_pdf(html: str, scripts: tuple[str, ...], executable: str,
              timeout_s: float = TIMEOUT_S) -> bytes:
    """:func:`print_page` in a fresh headless Chromium, closed when the PDF is made."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS),
                                             timeout=timeout_s * 1000)
        try:
            return print_page(browser, html, scripts, timeout_s)
        finally:
            browser.close()


def scripts() -> tuple[str, ...]:
    """The texts of :data:`SCRIPTS`, in order."""
    return tuple(path.read_text(encoding="utf-8") for path in SCRIPTS)


class Printer:
    """Makes PDFs for one process: at most ``concurrent`` at a time, each in its own thread
    and browser. Kept on the Flask server (``dashboard.web.report.install``)."""

    def __init__(self, concurrent: int = CONCURRENT, wait_s: float = WAIT_S,
                 timeout_s: float = TIMEOUT_S, executable: str | None = None):
        self._slots = threading.BoundedSemaphore(concurrent)
        self._wait_s, self._timeout_s = wait_s, timeout_s
        self._executable = executable
        self._scripts = scripts()

    def pdf(self, html: str) -> bytes:
        """The PDF of a report page (rendered without its script tags)."""
        if not self._slots.acquire(timeout=self._wait_s):
            raise PdfError("too many PDFs are being made; try again")
        try:
            executable = self._executable or chromium_path()
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tertial-pdf") as pool:
                job = pool.submit(print_pdf, html, self._scripts, executable, self._timeout_s)
                return job.result(timeout=self._timeout_s * 2)
        except (PlaywrightError, TimeoutError) as error:
            raise PdfError(str(error) or "the PDF took too long") from error
        finally:
            self._slots.release()
