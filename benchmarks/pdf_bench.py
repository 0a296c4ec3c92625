"""The report's PDF: headless Chromium's print against WeasyPrint, on the demo agency.

``python -m benchmarks.pdf_bench [--repeat 5] [--department Analysavdelningen]`` loads the
demo into a temporary store, renders the report page of one department and the whole
agency's pack (``dashboard.web.report.render``, without script tags, as the PDF route
does) and prints, for each engine and document, the median and fastest seconds of
``--repeat`` runs, the pages, the size, and how many of the report's chart titles the PDF's
text holds (plotly draws each chart's title in the chart: a chart that was not drawn has
none). A command that prints figures, never a test.

* *chromium, fresh browser*: ``dashboard.reports.pdf.Printer().pdf``, what the route does: a new
  Chromium per PDF, in a thread of its own.
* *chromium, warm browser*: the same page printed in a browser started once (what a pool
  of browsers would save); and *browser start* alone: Playwright and Chromium started and
  closed.
* *weasyprint*: ``weasyprint.HTML(string=html).write_pdf()``. It runs no scripts, so the
  charts are missing (drawing them for it would take kaleido, itself a Chromium, about 5 s
  per start). Installed by ``pip install weasyprint`` for this benchmark only; skipped when
  it is missing.

Measured here (2 cores, Debian 12, Chromium 156, WeasyPrint 70.0; demo 2018-T2; median of
5): Analysavdelningen, 7 pages: chromium with a fresh browser 2.7 s (browser start alone
0.9 s; warm browser 1.9 s), 8 of 8 charts, 1.8 MB; weasyprint 0.4 s, 4 pages, 0 of 8 charts.
The whole agency, 9 parts, 70 pages: chromium fresh 7.9 s (warm 5.4 s), 81 of 81 charts,
14 MB; weasyprint 4.4 s, 36 pages, "9 of 81", which are key figures' names that the cards
print too: it draws no chart. The size is plotly's pattern fills (status told apart in
black and white), which Chromium embeds as images.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable

from dashboard.data import FrameCache
from dashboard.kpis import Selection
from dashboard.kpis.status import DEFAULT_THRESHOLDS
from dashboard.reports.content import Report, agency_reports, report
from dashboard.reports.pdf import LAUNCH_ARGS, Printer, chromium_path, print_page, scripts
from dashboard.web.report import render
from loaders.demo.load import load_demo
from loaders.settings import load_settings
from loaders.store.store import Store

PERIOD = "2018-T2"


def timed(run: Callable[[], bytes], repeat: int) -> tuple[list[float], bytes]:
    times, result = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times, result


def pdf_facts(data: bytes, reports: list[Report]) -> tuple[int, int, int]:
    """(pages, chart titles found in the text, chart titles in the report)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text()).split())
                    for p in reader.pages)
    titles = [c.title for r in reports for s in r.sections for c in s.charts]
    drawn = sum(1 for title in titles if " ".join(title.split()) in text)
    return len(reader.pages), drawn, len(titles)


def weasyprint_pdf() -> Callable[[str], bytes] | None:
    try:
        from weasyprint import HTML
    except ImportError:
        return None
    return lambda html: HTML(string=html).write_pdf()


def warm_runs(documents: dict[str, str], repeat: int) -> dict[str, tuple[list[float], bytes]]:
    """Each document printed ``repeat`` times in one browser started once."""
    from playwright.sync_api import sync_playwright

    texts, results = scripts(), {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=list(LAUNCH_ARGS))
        try:
            for name, html in documents.items():
                results[name] = timed(lambda html=html: print_page(browser, html, texts), repeat)
        finally:
            browser.close()
    return results


def browser_start(repeat: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    def start() -> bytes:
        with sync_playwright() as playwright:
            playwright.chromium.launch(executable_path=chromium_path(),
                                       args=list(LAUNCH_ARGS)).close()
        return b""
    return timed(start, repeat)[0]


def line(engine: str, document: str, times: list[float], data: bytes,
         reports: list[Report]) -> str:
    pages, drawn, charts = pdf_facts(data, reports)
    return (f"{engine:<26} {document:<18} {statistics.median(times):8.2f} {min(times):8.2f} "
            f"{pages:6d} {len(data) / 1e6:8.1f} {drawn:>5d}/{charts:<5d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--department", default="Analysavdelningen")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings({"data_dir": folder}, environ={})
        store = Store(settings.resolved_database_url)
        load_demo(store, settings)
        snapshot = FrameCache(store).current()
        start = time.perf_counter()
        packs = {args.department: [report(snapshot, Selection(PERIOD, args.department),
                                          DEFAULT_THRESHOLDS)],
                 "agency": agency_reports(snapshot, PERIOD, DEFAULT_THRESHOLDS)}
        print(f"report content of both: {time.perf_counter() - start:.2f} s", file=sys.stderr)
        documents = {name: render(reports, "sv", scripts=False) for name, reports in packs.items()}
        store.close()
    print(f"{'engine':<26} {'document':<18} {'median s':>8} {'min s':>8} {'pages':>6} "
          f"{'MB':>8} {'charts drawn':>11}")
    printer = Printer()
    for name, html in documents.items():
        times, data = timed(lambda html=html: printer.pdf(html), args.repeat)
        print(line("chromium, fresh browser", name, times, data, packs[name]))
    for name, (times, data) in warm_runs(documents, args.repeat).items():
        print(line("chromium, warm browser", name, times, data, packs[name]))
    starts = browser_start(args.repeat)
    print(f"{'chromium, browser start':<26} {'-':<18} {statistics.median(starts):8.2f} "
          f"{min(starts):8.2f}")
    weasy = weasyprint_pdf()
    if weasy is None:
        print("weasyprint: not installed (pip install weasyprint)")
        return 0
    for name, html in documents.items():
        times, data = timed(lambda html=html: weasy(html), args.repeat)
        print(line("weasyprint", name, times, data, packs[name]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
