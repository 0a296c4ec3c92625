"""Every benchmark of issue 7 in one go: import, dashboard, load, export, growth and targets.

Run ``.venv/bin/python -m benchmarks`` (see ``benchmarks/README.md``). Each area runs the
measuring functions of its own module (:mod:`benchmarks.import_bench`,
:mod:`benchmarks.dashboard_bench`, :mod:`benchmarks.load_bench`,
:mod:`benchmarks.export_bench`) with that module's settings (``--quick`` passed on), prints
its table as soon as it is done, and adds its figures to one flat ``results.json``
(:mod:`benchmarks.names`). Then come the growth table (each figure from 1k to 100k rows) and
the targets (issues 7 and 19), met or not (:mod:`benchmarks.summary`).
"""

from __future__ import annotations

import argparse
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import (
    dashboard_bench,
    export_bench,
    import_bench,
    load_bench,
    names,
    options,
    report,
)
from benchmarks import summary as conclude
from benchmarks.measure import progress

SERVER_VARIABLE = "TERTIAL_TEST_POSTGRES_URL"  # the tests' PostgreSQL server (scripts/postgres)
RESULTS_NAME = "results.json"
AREAS = ("import", "dashboard", "load", "export")


@dataclass
class Area:
    """One area's outcome: its figures, the sizes it measured, what to print, and how it ran
    (``settings``, named ``setting_<name>`` in the results)."""

    figures: dict[str, object]
    sizes: set[int]
    text: list[str] = field(default_factory=list)
    settings: dict[str, object] = field(default_factory=dict)


def run_import(argv: list[str]) -> Area:
    args = import_bench.parse_args(argv)
    results = import_bench.measure_all(args)
    return Area(names.import_figures(results), set(args.sizes),
                [import_bench.legend(args.repeat), report.table(results)],
                {"import_repeat": args.repeat})


def run_dashboard(argv: list[str]) -> Area:
    args = dashboard_bench.parse_args(argv)
    results = dashboard_bench.measure_all(args, demo=False)
    slowest = [f"{name}: the slowest callback (the filter figure) is "
               f"{names.slowest_kind(result)}" for name, result in results.items()]
    database = ("PostgreSQL: measured (rows named _postgres)." if args.postgres else
                "PostgreSQL: not measured (give --postgres SERVER_URL or set "
                f"{SERVER_VARIABLE}).")
    return Area(names.dashboard_figures(results), set(args.sizes),
                [dashboard_bench.legend(args.repeat), dashboard_bench.table(results),
                 "\n".join(slowest), dashboard_bench.import_table(results), database],
                {"dashboard_repeat": args.repeat, "dashboard_postgres": bool(args.postgres)})


def run_load(argv: list[str]) -> Area:
    args = load_bench.parse_args(argv)
    results = load_bench.measure_all(args)
    return Area(names.load_figures(results), set(args.sizes),
                [load_bench.legend(args), load_bench.table(results)],
                {"load_step_s": args.seconds, "load_warm_up_s": args.warm_up})


def run_export(argv: list[str]) -> Area:
    args = export_bench.parse_args(argv)
    results = export_bench.measure_all(args)
    return Area(names.export_figures(results), set(args.sizes),
                [f"Median of {args.repeat} export(s) from fresh frames.",
                 export_bench.table(results)], {"export_repeat": args.repeat})


RUNNERS: dict[str, Callable[[list[str]], Area]] = {
    "import": run_import, "dashboard": run_dashboard, "load": run_load, "export": run_export}


def areas(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = set(chosen) - set(AREAS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"areas are {', '.join(AREAS)}: {text!r}")
    return chosen


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: every area's --quick (small sizes, few repeats)")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"folder for {RESULTS_NAME} (default benchmarks/; with --quick, "
                             "the --work folder, so a smoke run never replaces the figures)")
    parser.add_argument("--work", type=Path, default=options.BENCH_DIR / "out",
                        help="workbooks, logs and profiles (default benchmarks/out, ignored)")
    parser.add_argument("--postgres", metavar="SERVER_URL",
                        default=os.environ.get(SERVER_VARIABLE) or None,
                        help="also measure the dashboard on PostgreSQL (a fresh database on "
                             f"this server); default ${SERVER_VARIABLE} when set")
    parser.add_argument("--areas", type=areas, default=AREAS,
                        help=f"comma separated, of {','.join(AREAS)} (default all)")
    parser.add_argument("--sizes", type=options.sizes, default=None,
                        help="rows for every area instead of each area's own sizes")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = args.work if args.quick else options.BENCH_DIR
    return args


def area_argv(area: str, args: argparse.Namespace) -> list[str]:
    """The area module's own command line for this run."""
    argv = ["--out", str(args.work)] + ["--quick"] * args.quick
    if args.sizes:  # after --quick, which would set the area's quick sizes
        argv += ["--sizes", ",".join(map(str, args.sizes))]
    if area == "dashboard" and args.postgres:
        argv += ["--postgres", args.postgres]
    return argv


def run_area(area: str, args: argparse.Namespace) -> Area | None:
    """The area measured and its tables printed; None (and the error on stderr) if it fails."""
    progress(f"== {area}")
    start = time.perf_counter()
    try:
        done = RUNNERS[area](area_argv(area, args))
    except Exception:  # one failing area must not lose the others' figures
        progress(f"{area} failed:\n{traceback.format_exc()}")
        print(f"\n## {area}\n\nfailed (the error is on stderr)", flush=True)
        return None
    done.settings[f"{area}_duration_s"] = round(time.perf_counter() - start, 1)
    print(f"\n## {area}\n\n" + "\n\n".join(done.text), flush=True)
    return done


def conclusions(figures: dict[str, object], sizes: set[int]) -> tuple[dict, str]:
    """Growth and target figures, and their tables."""
    found = conclude.growth(figures, sorted(sizes))
    verdicts = conclude.evaluate(figures)
    table = (conclude.growth_table(found, sorted(sizes)) if found
             else "Not measured: it needs two sizes or more.")
    text = ("## growth\n\ngrowth = the figure at the largest size / at the smallest; "
            "rows ratio the same for the rows (near it: linear; near 1: flat).\n\n"
            f"{table}\n\n## targets\n\n{conclude.target_table(verdicts)}")
    return {**conclude.growth_figures(found), **conclude.target_figures(verdicts)}, text


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    facts = report.machine()
    print("\n".join(report.machine_lines(facts)), flush=True)
    flat: dict[str, object] = {**facts, "setting_quick": args.quick}
    sizes: set[int] = set()
    path = args.out / RESULTS_NAME
    failed = []
    for area in args.areas:
        done = run_area(area, args)
        if done is None:
            failed.append(area)
            continue
        flat.update({f"setting_{key}": value for key, value in done.settings.items()})
        flat.update(done.figures)
        sizes |= done.sizes
        report.write_json(names.with_aliases(flat), path)  # kept when a later area fails
    extra, text = conclusions(names.with_aliases(flat), sizes)
    print("\n" + text)
    report.write_json({**names.with_aliases(flat), **extra}, path)
    print(f"\nFigures written to {path}" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0
