"""Filter timing in the browser: from a department choice to the page updated, in Chromium.

Run ``.venv/bin/python -m benchmarks.filter_timing`` (``--sizes demo,100000``, see
``benchmarks/README.md``). Per data set it fills a fresh data folder (the demo, or the
seeded workbook of N rows from :mod:`benchmarks.generate`, as :mod:`benchmarks.dashboard_bench`
does), serves it with ``gunicorn app:server`` (one worker, as :mod:`benchmarks.load_bench`
starts it), and drives the system Chromium (Playwright) on the overview and on Verksamhet.

One measurement: the page is opened on the latest tertial for the whole agency and left to
settle (Dash has no callback pending and nothing in the page changed for :data:`QUIET_MS`);
then the department list is opened and a department clicked. The time runs, by the page's
own ``performance.now()``, from the ``pointerdown`` on the option to the last change of the
page (a ``MutationObserver`` on the whole document: the shell's filters, the address's
effects and the page content, charts included) after which the page is updated: the address
holds the department, Dash has no callback pending, the department's name is in the page
content, and nothing changed for :data:`QUIET_MS` (that quiet wait is not counted). The
departments are taken in turn, one warm-up change first, then the median of ``--repeat``.
With ``--compare DIR`` (a copy of another version of the repository, e.g. the last commit's
tree) a second gunicorn serves the same data folder from that copy, and the changes
alternate between the two (one on this tree, one on the other, in turn), so that both see
the same load; a row per tree.
Beside it (medians too), since wall-clock time on a shared machine is noisy: the server's CPU
time per change (its worker's user + system time, from ``/proc``) and the page's main thread
busy time (Chrome's ``TaskDuration``, through the DevTools protocol) until it is updated.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import options
from benchmarks.dashboard_bench import fill
from benchmarks.load_bench import gunicorn
from benchmarks.measure import progress

PAGES = (("overview", "/"), ("verksamhet", "/verksamhet"))
QUIET_MS = 500  # nothing changed in the page for this long: it is updated
LIMIT_MS = 60_000  # a bound on one change
CHROMIUM = os.environ.get("TERTIAL_CHROMIUM") or "/usr/bin/chromium"

# Classes a library toggles on a timer after the page is drawn, which change nothing a reader
# sees: dcc.Graph's ``dash-graph--pending`` around the one Plotly.Plots.resize it runs after a
# graph's first plot (plotly waits 100 ms before it resizes), and AG Grid's
# ``ag-scrollbar-scrolling`` on its invisible scrollbar, taken off about 500 ms after the
# grid's first scroll.
TIMER_CLASSES = ("dash-graph--pending", "ag-scrollbar-scrolling")
# Installed before the page's own scripts: every change of the document is time-stamped, and
# apart every change but those that only toggle one of TIMER_CLASSES (the last one seen).
OBSERVER = """
window.__tertialLastChange = performance.now();
window.__tertialLastSeen = performance.now();
{
const timerClasses = new Set(""" + json.dumps(list(TIMER_CLASSES)) + """);
const onlyTimer = (record) => {
    if (record.type !== "attributes" || record.attributeName !== "class") { return false; }
    const before = new Set((record.oldValue || "").split(/\\s+/).filter(Boolean));
    const after = new Set(record.target.classList);
    const changed = [...before].filter((c) => !after.has(c))
        .concat([...after].filter((c) => !before.has(c)));
    return changed.every((c) => timerClasses.has(c));
};
new MutationObserver((records) => {
    window.__tertialLastChange = performance.now();
    if (!records.every(onlyTimer)) { window.__tertialLastSeen = window.__tertialLastChange; }
}).observe(document, {subtree: true, childList: true, attributes: true,
                      attributeOldValue: true, characterData: true});
}
document.addEventListener("pointerdown", () => { window.__tertialStart = performance.now(); },
                          {capture: true});
"""
# Dash's callbacks not yet answered (as dash.testing reads them), 0 when none.
PENDING = """() => {
    if (!window.store) { return 1; }
    const callbacks = Object.assign({}, window.store.getState().callbacks);
    delete callbacks.stored; delete callbacks.completed;
    return Object.values(callbacks).reduce((sum, list) => sum + list.length, 0);
}"""
SETTLED = "([quiet, name]) => {\n    const pending = " + PENDING + """;
    const content = document.getElementById("content");
    return pending() === 0 && (name === null || (content && content.innerText.includes(name)))
        && performance.now() - window.__tertialLastChange >= quiet;
}"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.filter_timing",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="demo,100000",
                        help="data sets, comma-separated: demo and/or numbers of rows "
                             "(default: demo,100000)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="timed changes per page and data set, after one warm-up")
    parser.add_argument("--port", type=int, default=0,
                        help="the port gunicorn listens on (default: a free one)")
    parser.add_argument("--work", type=Path, default=options.BENCH_DIR / "out",
                        help="where the workbooks and gunicorn's logs go")
    parser.add_argument("--compare", type=Path, default=None, metavar="DIR",
                        help="also serve the same data from the repository copy DIR and "
                             "alternate the changes between the two trees")
    args = parser.parse_args(argv)
    args.sizes = [name.strip() for name in args.sizes.split(",") if name.strip()]
    for name in args.sizes:
        if name != "demo" and not name.isdigit():
            parser.error(f"--sizes: {name!r} is neither demo nor a number of rows")
    return args


def cpu_s(master: int) -> float:
    """User + system CPU seconds of the master's worker processes (Linux /proc)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{master}/task").glob("*/children"):
        for pid in task.read_text().split():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def settle(page, name: str | None) -> None:
    page.wait_for_function(SETTLED, arg=[QUIET_MS, name], timeout=LIMIT_MS, polling=50)


def departments(page) -> list[str]:
    """The department list's options, without the whole agency's."""
    page.locator("input#filter-department").click()
    options_ = page.get_by_role("listbox").get_by_role("option")
    options_.first.wait_for()
    names = [text.strip() for text in options_.all_inner_texts()]
    page.keyboard.press("Escape")
    return names[1:]  # the first is "Hela myndigheten"


def main_thread_s(cdp) -> float:
    """The page's main thread busy time so far, seconds (Chrome's ``TaskDuration``)."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


def one_change(page, cdp, base: str, path: str, department: str, master: int
               ) -> tuple[float, float, float, float]:
    """(ms from the pointerdown on the option to the page's last change, server CPU ms,
    the page's main thread busy ms until the page is updated, ms to the page's last change
    but a :data:`TIMER_CLASSES` toggle)."""
    page.goto(f"{base}{path}")
    settle(page, None)
    page.locator("input#filter-department").click()
    option = page.get_by_role("listbox").get_by_role("option", name=department, exact=True)
    option.wait_for()
    before, busy = cpu_s(master), main_thread_s(cdp)
    option.click()
    page.wait_for_url(lambda url: "avdelning=" in url, timeout=LIMIT_MS)
    settle(page, department)
    cpu, busy = cpu_s(master) - before, main_thread_s(cdp) - busy
    elapsed, seen = page.evaluate("[window.__tertialLastChange - window.__tertialStart,"
                                  " window.__tertialLastSeen - window.__tertialStart]")
    return elapsed, cpu * 1000, busy * 1000, seen


def measure(servers: list[tuple[str, str, int]], repeat: int
            ) -> dict[tuple[str, str], tuple[float, float, float, list, float]]:
    """Per (tree, page): the medians of :func:`one_change`; ``servers`` are (tree's name,
    base URL, gunicorn's pid), whose changes alternate."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic",
                                            "--disable-sync"])
        try:
            pages = {}
            for tree, base, _master in servers:
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.add_init_script(OBSERVER)
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                page.goto(f"{base}/")
                settle(page, None)
                pages[tree] = (page, cdp)
            names = departments(pages[servers[0][0]][0])
            for label, path in PAGES:
                figures = {tree: ([], [], [], []) for tree, _base, _master in servers}
                for turn in range(repeat + 1):  # the first is the warm-up
                    for tree, base, master in servers:
                        page, cdp = pages[tree]
                        measured = one_change(page, cdp, base, path,
                                              names[turn % len(names)], master)
                        if turn:
                            for values, value in zip(figures[tree], measured, strict=True):
                                values.append(value)
                for tree, (times, cpus, busy, seen) in figures.items():
                    results[(tree, label)] = (statistics.median(times),
                                              statistics.median(cpus),
                                              statistics.median(busy), times,
                                              statistics.median(seen))
        finally:
            browser.close()
    return results


def table(rows: list[tuple[str, str, float, float, float, list, float]]) -> str:
    lines = ["| data | page | median ms (performance.now) | without timer classes ms | "
             "server CPU ms | page main thread ms | runs ms |",
             "|---|---|---:|---:|---:|---:|---|"]
    for data, page, median, cpu, busy, times, seen in rows:
        runs = ", ".join(f"{t:.0f}" for t in times)
        lines.append(f"| {data} | {page} | {median:.0f} | {seen:.0f} | {cpu:.0f} | {busy:.0f} "
                     f"| {runs} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    load = os.getloadavg()
    for name in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"filter-timing-{name}-") as scratch:
            data_dir = Path(scratch) / "data"
            data_dir.mkdir()
            fill(name, args.work, data_dir, None)
            log = args.work / f"filter_timing_gunicorn_{name}.log"
            progress(f"{name}: serving and measuring ({args.repeat} changes per page)")
            with contextlib.ExitStack() as stack:
                base, master = stack.enter_context(gunicorn(data_dir, 1, log, port=args.port))
                servers = [("this tree", base, master)]
                if args.compare:
                    other = args.work / f"filter_timing_gunicorn_{name}_compare.log"
                    servers.append((str(args.compare), *stack.enter_context(
                        gunicorn(data_dir, 1, other, tree=args.compare.resolve()))))
                for (tree, page), figures in measure(servers, args.repeat).items():
                    label = name if len(servers) == 1 else f"{name} ({tree})"
                    rows.append((label, page, *figures))
    print(table(rows))
    print(f"\nload average at the start: {load[0]:.2f}, at the end: {os.getloadavg()[0]:.2f};"
          f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


if __name__ == "__main__":
    main(sys.argv[1:])
