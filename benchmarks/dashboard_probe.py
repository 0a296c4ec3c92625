"""One dataset's dashboard figures, measured in-process with Flask's test client.

Run by :mod:`benchmarks.dashboard_bench` in a fresh process per data folder
(``python -m benchmarks.dashboard_probe DATA_DIR --repeat N --profile-dir DIR``): Dash moves
the callbacks registered with ``dash.callback`` into the first app built in a process, so a
second app in the same process would have none. It builds the app as ``app.py`` does
(``dashboard.factory.create_app`` on the data folder, no demo), times the requests the
browser makes when a filter changes and prints the figures as one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import gzip
import io
import json
import pstats
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from dashboard.factory import create_app
from dashboard.kpis.government import register_table
from dashboard.kpis.scope import Selection, resolve
from loaders import private
from loaders.settings import load_settings

WARM_UP = 3  # requests of each kind before timing: first-request setup, imports, caches
GZIP_LEVEL = 6
BLOCK = 100  # the grid's first block
PAGES = {"overview": "/", "operations": "/verksamhet", "finance": "/ekonomi",
         "staff": "/medarbetare", "processes": "/processer"}
# What a data version keeps for every selection (dashboard.kpis.prepared): the tertial's keyed
# rows, the organisation, the grid's table of the tertial, and the survey's figures (the
# overview's survey headline is the same for every department), and the other tables made
# once per tertial for every selection alike: the department matrix (the agency overview's,
# with the units' status counts and the staff rates' targets it reads), the processes
# table of every unit with the key figures' settings, and the agency's government register
# (a department's is its rows of it). A "first" request keeps only these, so
# it pays for everything its selection needs, as the first reader of a department; the first
# request after a new data version (``after_import``) pays for all of them.
VERSION_KINDS = ("periods", "unit_table", "unit_departments", "departments",
                 "units_by_department", "period_rows", "grid.period_table", "survey_latest",
                 "survey_figures", "department_matrix", "unit_status_counts",
                 "staff_rate_targets", "processes_every_unit", "kpi_settings_table",
                 "agency_register")
ROUTER = "_pages_content.children"
SHELL_SYNC = "filter-department.value"
GRID = "operations-grid.getRowsResponse"
ASSET_URL = re.compile(r'(?:src|href)="(/(?:_dash-component-suites|assets)/[^"]+)"')
# Loaded by the browser on demand, not named in the HTML: dcc.Graph's chunk (every page has
# graphs) and AG Grid's community chunk (Verksamhet). plotly.js itself is the basic bundle in
# dashboard/assets/vendor, named in the HTML; dcc.Graph takes it from ``window.Plotly`` and
# never fetches the full plotly.min.js (the browser tests check that).
LAZY_URLS = ("/_dash-component-suites/dash/dcc/async-graph.js",
             "/_dash-component-suites/dash_ag_grid/async-community.js")


def build_app(data_dir: Path, database_url: str | None = None) -> dict:
    """The app on ``data_dir`` (settings otherwise from the environment, as ``app.py`` reads
    them), as a mapping of its parts: ``server``, ``store``, ``staging``, ``settings``."""
    settings = load_settings({"data_dir": str(data_dir), "demo_on_empty": False,
                              "database_url": database_url})
    private.owner_only()
    tertial = create_app(settings)
    gc.collect()  # as app.py does once the app is made: the long-lived objects kept out of
    gc.freeze()  # the collector's full passes, which would stop a measured request now and then
    return {"app": tertial.app, "server": tertial.server, "store": tertial.store,
            "staging": tertial.staging, "settings": tertial.settings}


def compressed_size(response) -> tuple[int, int]:
    """(uncompressed, gzip-compressed) bytes of a response body; gzip it ourselves if needed."""
    body = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        return len(gzip.decompress(body)), len(body)
    return len(body), len(gzip.compress(body, compresslevel=GZIP_LEVEL))


def outputs_of(output: str) -> list[dict]:
    """Dash's ``..a.b...c.d..`` output string as the request's ``outputs`` list."""
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [dict(zip(("id", "property"), part.rsplit(".", 1), strict=True)) for part in parts]


def find(dependencies: list[dict], fragment: str) -> dict:
    return next(d for d in dependencies if fragment in d["output"])


def payload(dep: dict, inputs: list, state: list, changed: str) -> dict:
    """The body of ``POST /_dash-update-component``, as the renderer sends it."""
    def with_values(specs: list[dict], values: list) -> list[dict]:
        return [{**spec, "value": value} for spec, value in zip(specs, values, strict=True)]
    return {"output": dep["output"], "outputs": outputs_of(dep["output"]),
            "inputs": with_values(dep["inputs"], inputs),
            "state": with_values(dep.get("state", []), state), "changedPropIds": [changed]}


def search_for(period: str, department: str | None) -> str:
    return f"?period={period}" + (f"&avdelning={department}" if department else "")


def choices(frames: dict) -> tuple[str, list[str | None]]:
    """The latest period and the departments to cycle through (the whole agency last)."""
    assignments = frames["assignments"]
    period = max(assignments["period"].dropna().unique())
    departments = sorted(frames["units"]["department"].dropna().unique())
    return period, [*departments, None]


def bodies(dependencies: list[dict], frames: dict) -> dict[str, Callable[[int], dict]]:
    """For each request kind, the body of its n-th request (the department alternates)."""
    period, depts = choices(frames)
    router, sync, grid = (find(dependencies, f) for f in (ROUTER, SHELL_SYNC, GRID))
    kinds = {
        f"page_{name}": (lambda n, path=path: payload(
            router, [path, search_for(period, depts[n % len(depts)])], [],
            "_pages_location.search"))
        for name, path in PAGES.items()
    }
    # the option lists the page shows are sent empty: the callback answers them all, as on
    # the page's first request (the most it ever answers)
    kinds["shell_sync"] = lambda n: payload(
        sync, [search_for(period, depts[(n - 1) % len(depts)]), period,
               depts[n % len(depts)], None, "sv"], [[], [], [], None], SHELL_SYNC)
    kinds["grid_rows"] = lambda n: payload(
        grid, [{"startRow": 0, "endRow": BLOCK, "sortModel": [{"colId": "name", "sort": "asc"}],
                "filterModel": {}}], [search_for(period, depts[n % len(depts)]), None],
        "operations-grid.getRowsRequest")
    return kinds


def post(client, body: dict):
    response = client.post("/_dash-update-component", json=body,
                           headers={"Accept-Encoding": "gzip"})
    if response.status_code != 200:
        raise RuntimeError(f"{body['output']}: HTTP {response.status_code} "
                           f"{response.get_data(as_text=True)[:500]}")
    return response


def timed(client, body: dict) -> tuple[float, object]:
    start = time.perf_counter()
    response = post(client, body)
    return (time.perf_counter() - start) * 1000, response


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_kind(client, make: Callable[[int], dict], repeat: int, frames) -> dict:
    """``repeat`` requests, each twice: first with the memory of the selection dropped
    (only the data version's own work kept), then again at once (from the memory)."""
    for n in range(WARM_UP):
        post(client, make(n))
    first, again, raw, packed = [], [], [], []
    for n in range(WARM_UP, WARM_UP + repeat):
        body = make(n)
        frames.keep_only(VERSION_KINDS)
        elapsed, response = timed(client, body)
        first.append(elapsed)
        again.append(timed(client, body)[0])
        sizes = compressed_size(response)
        raw.append(sizes[0])
        packed.append(sizes[1])
    return {"median_ms": statistics.median(first), "p95_ms": percentile(first, 0.95),
            "max_ms": max(first), "repeat_median_ms": statistics.median(again),
            "repeat_p95_ms": percentile(again, 0.95),
            "max_kib": max(raw) / 1024, "max_gzip_kib": max(packed) / 1024,
            "median_kib": statistics.median(raw) / 1024}


def after_import(app, client, body: dict, repeat: int) -> dict:
    """The first request after a new data version: the worker reads the store's frames
    anew and keys the tertial's rows, then answers (as after every import or rollback)."""
    cache = app["server"].extensions["tertial"].frames
    times = []
    for _ in range(max(5, repeat // 3)):  # 10 at the default 30: a median that holds
        cache.drop()
        times.append(timed(client, body)[0])
    return {"median_ms": statistics.median(times), "max_ms": max(times)}


def after_assessment(app, client, body: dict, repeat: int) -> dict:
    """The first request after a new follow-up version (an assessment saved in the app, a
    readiness mark, an adoption): the worker keeps its frames and lays the assessments over
    them again, with a fresh memory of what requests derive, then answers. The version is
    moved by hand (what every change of the cycle does first)."""
    store = app["store"]
    meta = store.schema.meta
    times = []
    for _ in range(max(5, repeat // 3)):  # 10 at the default 30: a median that holds
        with store.engine.begin() as conn:
            conn.execute(meta.update().values(followup_version=meta.c.followup_version + 1))
        times.append(timed(client, body)[0])
    return {"median_ms": statistics.median(times), "max_ms": max(times)}


def first_load(client) -> dict:
    """GET / (sent on to its full address: both responses counted) and every script and
    stylesheet it names, plus the layout and the dependencies."""
    page = client.get("/", headers={"Accept-Encoding": "gzip"}, follow_redirects=True)
    if page.status_code != 200:
        raise RuntimeError(f"GET /: HTTP {page.status_code}")
    body = page.get_data()
    if page.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    html = body.decode("utf-8")
    opened = [*page.history, page]  # the redirect, then the page
    raw = sum(compressed_size(response)[0] for response in opened)
    packed = sum(compressed_size(response)[1] for response in opened)
    urls = [*dict.fromkeys(ASSET_URL.findall(html)), "/_dash-layout", "/_dash-dependencies"]
    more_raw, more_packed = fetch_all(client, urls)
    lazy_raw, lazy_packed = fetch_all(client, LAZY_URLS)
    return {"requests": len(opened) + len(urls), "raw_mb": (raw + more_raw) / 1e6,
            "gzip_mb": (packed + more_packed) / 1e6,
            "lazy_raw_mb": lazy_raw / 1e6, "lazy_gzip_mb": lazy_packed / 1e6}


def fetch_all(client, urls) -> tuple[int, int]:
    raw = packed = 0
    for url in urls:
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        if response.status_code != 200:  # an asset sent elsewhere, too
            raise RuntimeError(f"GET {url}: HTTP {response.status_code}")
        sizes = compressed_size(response)
        raw, packed = raw + sizes[0], packed + sizes[1]
    return raw, packed


def profile(client, body: dict, path: Path, top: int = 25) -> None:
    """cProfile one request; the top functions by cumulative time go to ``path``."""
    profiler = cProfile.Profile()
    profiler.enable()
    post(client, body)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    path.write_text(text.getvalue(), encoding="utf-8")


def measure(data_dir: Path, repeat: int, profile_dir: Path | None,
            database_url: str | None = None) -> dict:
    app = build_app(data_dir, database_url)
    client = app["server"].test_client()
    result = {"first_load": first_load(client)}  # also the first request: pages' router set-up
    dependencies = client.get("/_dash-dependencies").get_json()
    frames = app["server"].extensions["tertial"].frames.current().frames
    result["assignments"] = int((frames["assignments"]["period"]
                                 == choices(frames)[0]).sum())
    kinds = bodies(dependencies, frames)
    result["after_import"] = after_import(app, client, kinds["page_overview"](0), repeat)
    result["after_assessment"] = after_assessment(app, client, kinds["page_overview"](0),
                                                  repeat)
    frames = app["server"].extensions["tertial"].frames.current().frames
    # the agency's register, as the first overview of the whole agency makes it on a live
    # server: every department's "first" request then takes its rows from it
    register_table(frames, resolve(frames, Selection(choices(frames)[0])))
    for kind, make in kinds.items():
        result[kind] = time_kind(client, make, repeat, frames)
        if profile_dir is not None:
            profile_dir.mkdir(parents=True, exist_ok=True)
            profile(client, make(len(choices(frames)[1]) - 1),  # the whole agency: the most
                    profile_dir / f"profile_{data_dir.name}_{kind}.txt")
    app["store"].close()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dashboard_probe")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile-dir", type=Path, default=None)
    parser.add_argument("--database-url", default=None, help="instead of data_dir's SQLite")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.data_dir, args.repeat, args.profile_dir,
                             args.database_url)))


if __name__ == "__main__":
    main()
