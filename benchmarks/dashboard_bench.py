"""Dashboard benchmark: the filter callbacks' times and response sizes, and the first page load.

Run ``.venv/bin/python -m benchmarks.dashboard_bench`` (see ``benchmarks/README.md``). Per size
it writes the workbook (:mod:`benchmarks.generate`), imports it into a fresh SQLite data folder
and measures the app on it in a fresh process (:mod:`benchmarks.dashboard_probe`); the demo
data is measured the same way as the baseline. Prints a table and writes flat JSON figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from benchmarks import generate, options, postgres, report
from benchmarks.measure import progress
from loaders.demo.load import load_demo
from loaders.imports.importer import import_file
from loaders.settings import load_settings
from loaders.store.store import Store

DEFAULTS = options.Defaults(
    prog="python -m benchmarks.dashboard_bench", description=__doc__.splitlines()[0],
    sizes=(1_000, 10_000, 100_000), quick_sizes=(1_000, 10_000),  # 1k: growth with the data
    quick_help="smoke run: the demo and the quick sizes, 5 requests", repeat=30,
    quick_repeat=5, repeat_help="timed requests of each kind per size (after 3 warm-up "
    "requests)", results="dashboard_results.json")
KINDS = ("page_overview", "page_operations", "page_finance", "page_staff", "page_processes",
         "shell_sync", "grid_rows")
TARGET_P95_MS = 100.0
# issue 19: the first overview after a new data version (import, rollback) at 100k rows
TARGET_AFTER_IMPORT_MS = 150.0
TARGET_MAX_KIB = 200.0
TARGET_FIRST_LOAD_MB = 2.0
POSTGRES = "_postgres"  # the data set's name on PostgreSQL: "100000_postgres"
COLUMNS = ("data", "assignments", "request", "first median ms", "first p95 ms", "first max ms",
           "again median ms", "max KiB", "max gzip KiB")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = options.parser_for(DEFAULTS)
    parser.add_argument("--postgres", metavar="SERVER_URL", default=None,
                        help="also measure every data set on PostgreSQL: a fresh database on "
                             "this server (postgresql+psycopg://user:password@host/postgres)")
    return options.settle(parser, argv, DEFAULTS)


def shown(database_url: str | None) -> str | None:
    """A database URL as progress lines show it: without its password."""
    return make_url(database_url).render_as_string(hide_password=True) if database_url else None


def import_size(size: int, out: Path, data_dir: Path, database_url: str | None = None) -> None:
    """The seeded workbook of ``size`` rows (written once, it is deterministic), imported
    into ``data_dir``'s SQLite file or the database at ``database_url``."""
    path = out / generate.FILE_NAME.format(size=size)
    if not path.exists():
        progress(f"size {size:,}: writing the workbook")
        path = generate.write_workbook(size, out)
    progress(f"size {size:,}: importing into {shown(database_url) or data_dir}")
    settings = load_settings({"data_dir": data_dir, "database_url": database_url})
    store = Store(settings.resolved_database_url)
    try:
        outcome = import_file(store, path.read_bytes(), path.name, settings, user="benchmark")
    finally:
        store.close()
    if outcome.record is None:
        raise RuntimeError(f"the workbook {path.name} was not stored")


def import_demo(data_dir: Path, database_url: str | None = None) -> None:
    progress(f"demo: importing the demo data into {shown(database_url) or data_dir}")
    settings = load_settings({"data_dir": data_dir, "database_url": database_url})
    store = Store(settings.resolved_database_url)
    try:
        load_demo(store, settings)
    finally:
        store.close()


def fill(name: str, out: Path, data_dir: Path, database_url: str | None) -> None:
    """The demo (``name`` "demo") or a generated workbook of ``name`` rows, imported."""
    if name == "demo":
        import_demo(data_dir, database_url)
    else:
        import_size(int(name), out, data_dir, database_url)


def probe(data_dir: Path, repeat: int, profile_dir: Path,
          database_url: str | None = None) -> dict:
    """The app's figures on ``data_dir`` (and ``database_url``), measured in a fresh
    process."""
    progress(f"{data_dir.name}: measuring ({repeat} requests of each kind)")
    database = ["--database-url", database_url] if database_url else []
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.dashboard_probe", str(data_dir),
         "--repeat", str(repeat), "--profile-dir", str(profile_dir), *database],
        cwd=options.BENCH_DIR.parent, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the probe on {data_dir} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: dict[str, dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|---|---:|---|" + "---:|" * (len(COLUMNS) - 3)]
    for name, result in results.items():
        for kind in KINDS:
            k = result[kind]
            lines.append(f"| {name} | {result['assignments']:,} | {kind} | "
                         f"{k['median_ms']:.1f} | {k['p95_ms']:.1f} | {k['max_ms']:.1f} | "
                         f"{k['repeat_median_ms']:.1f} | "
                         f"{k['max_kib']:.1f} | {k['max_gzip_kib']:.1f} |")
    return "\n".join(lines)


def import_table(results: dict[str, dict]) -> str:
    lines = ["| data | first overview after a new data version: median ms | max ms "
             "| after a new follow-up version: median ms | max ms |",
             "|---|---:|---:|---:|---:|"]
    for name, result in results.items():
        a, f = result["after_import"], result["after_assessment"]
        lines.append(f"| {name} | {a['median_ms']:.0f} | {a['max_ms']:.0f} "
                     f"| {f['median_ms']:.0f} | {f['max_ms']:.0f} |")
    return "\n".join(lines)


def load_table(results: dict[str, dict]) -> str:
    lines = ["| data | requests | first load MB | gzip MB | + lazy chunks gzip MB |",
             "|---|---:|---:|---:|---:|"]
    for name, result in results.items():
        f = result["first_load"]
        lines.append(f"| {name} | {f['requests']} | {f['raw_mb']:.2f} | {f['gzip_mb']:.2f} | "
                     f"{f['gzip_mb'] + f['lazy_gzip_mb']:.2f} |")
    return "\n".join(lines)


def flat(results: dict[str, dict], facts: dict, repeat: int) -> dict:
    out: dict[str, object] = {**facts, "repeat": repeat, "target_p95_ms": TARGET_P95_MS,
                              "target_max_response_kib": TARGET_MAX_KIB,
                              "target_first_load_gzip_mb": TARGET_FIRST_LOAD_MB}
    for name, result in results.items():
        out[f"{name}_assignments"] = result["assignments"]
        for kind in KINDS:
            for figure, value in result[kind].items():
                out[f"{kind}_{name}_{figure}"] = round(value, 2)
        for figure, value in result["first_load"].items():
            out[f"first_load_{name}_{figure}"] = round(value, 3)
        for figure, value in result["after_import"].items():
            out[f"after_import_overview_{name}_{figure}"] = round(value, 1)
        for figure, value in result["after_assessment"].items():
            out[f"after_assessment_overview_{name}_{figure}"] = round(value, 1)
    largest = [n for n in results if n != "demo" and not n.endswith(POSTGRES)][-1]
    for kind in KINDS:
        base = results["demo"][kind]["median_ms"]
        out[f"{kind}_median_ratio_{largest}_to_demo"] = round(
            results[largest][kind]["median_ms"] / base, 2)
        if largest + POSTGRES in results:  # the same data on PostgreSQL against SQLite
            out[f"{kind}_median_ratio_{largest}{POSTGRES}_to_sqlite"] = round(
                results[largest + POSTGRES][kind]["median_ms"]
                / results[largest][kind]["median_ms"], 2)
    return out


def misses(result: dict) -> list[str]:
    """The targets this dataset's figures miss, in words."""
    found = [f"{kind} p95 {result[kind]['p95_ms']:.0f} ms > {TARGET_P95_MS:.0f} ms"
             for kind in KINDS if result[kind]["p95_ms"] > TARGET_P95_MS]
    found += [f"{kind} response {result[kind]['max_kib']:.0f} KiB > {TARGET_MAX_KIB:.0f} KiB"
              for kind in KINDS if result[kind]["max_kib"] > TARGET_MAX_KIB]
    load = result["first_load"]["gzip_mb"] + result["first_load"]["lazy_gzip_mb"]
    if load > TARGET_FIRST_LOAD_MB:
        found.append(f"first load with lazy chunks {load:.2f} MB > {TARGET_FIRST_LOAD_MB} MB")
    return found


def measure_all(args: argparse.Namespace, demo: bool = True) -> dict[str, dict]:
    """The probe's figures per data set: the demo (when ``demo``) and every size of ``args``
    (see :func:`parse_args`), each also on PostgreSQL when ``args.postgres`` names a server.
    Keys: ``"demo"``, ``"10000"``, ``"10000_postgres"``, ..."""
    profiles = args.out / "profiles"
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="tertial-dashboard-bench-") as scratch:
        for name in ("demo",) * demo + tuple(map(str, args.sizes)):
            data_dir = Path(scratch) / name
            fill(name, args.out, data_dir, None)
            results[name] = probe(data_dir, args.repeat, profiles)
            if args.postgres:
                with postgres.database(args.postgres, name) as url:
                    fill(name, args.out, data_dir.with_name(name + POSTGRES), url)
                    results[name + POSTGRES] = probe(data_dir.with_name(name + POSTGRES),
                                                     args.repeat, profiles, url)
    return results


def legend(repeat: int) -> str:
    return (f"{repeat} timed requests of each kind after 3 warm-up requests, each sent "
            "twice: first with the selection's memory dropped (the first reader of that "
            "selection), then again at once; sizes of the uncompressed JSON response and of "
            "its gzip (level 6).")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    facts = report.machine()
    profiles = args.out / "profiles"
    results = measure_all(args)
    print(report.header(facts, legend(args.repeat)))
    print(table(results))
    print()
    print(import_table(results))
    print()
    print(load_table(results))
    for name, result in results.items():
        for miss in misses(result):
            print(f"target missed at {name}: {miss} (profiles in {profiles})")
    report.write_json(flat(results, facts, args.repeat), args.results)
    print(f"\nFigures written to {args.results}")


if __name__ == "__main__":
    main()
