"""Excel export benchmark: how long ``dashboard.reports.excel`` takes to write a view.

Run ``.venv/bin/python -m benchmarks.export_bench`` (``--quick``: 10000 rows, 2 repeats). Per
size it writes the seeded workbook (:mod:`benchmarks.generate`, kept in ``benchmarks/out``),
loads it with the app's loader, and times the export of the whole agency and of one
department, each from fresh frames (nothing derived from them kept: what the first export
after an import costs). Prints the median seconds and the file size; asserts nothing.
Issue 7 asks for a 10k-assignment export under 4 s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from benchmarks import generate, options
from benchmarks.measure import progress
from dashboard.kpis import Selection, departments
from dashboard.kpis.prepared import PreparedFrames
from dashboard.reports.excel import ExportInfo, build_workbook
from loaders.ingest.workbook import LoadOptions, load_file

DEFAULTS = options.Defaults(
    prog="python -m benchmarks.export_bench", description=__doc__.splitlines()[0],
    sizes=(10_000, 100_000), quick_sizes=(10_000,),
    quick_help="smoke run: the quick sizes, 2 repeats", repeat=5, quick_repeat=2,
    repeat_help="timed exports of each view")
TARGET_S = 4.0  # issue 7: a 10k export
AGENCY, DEPARTMENT = "agency", "department"  # the two views: the whole agency, one department


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    return options.settle(options.parser_for(DEFAULTS), argv, DEFAULTS)


def frames_of(size: int, out: Path) -> dict:
    path = out / generate.FILE_NAME.format(size=size)
    if not path.exists():
        progress(f"size {size:,}: writing the workbook")
        out.mkdir(parents=True, exist_ok=True)
        path = generate.write_workbook(size, out)
    progress(f"size {size:,}: loading {path.name}")
    result = load_file(path.read_bytes(), path.name, LoadOptions())
    if not result.ok:
        raise RuntimeError(f"{path.name} does not load: {result.report.errors()[:3]}")
    return result.frames


def timed(frames: dict, selection: Selection, repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` exports from fresh frames, and the file's size."""
    times, size = [], 0
    for _ in range(repeat):
        fresh = PreparedFrames(frames)
        start = time.perf_counter()
        size = len(build_workbook(fresh, selection, ExportInfo(version=1)))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def measure_all(args: argparse.Namespace) -> dict[tuple[int, str], dict]:
    """Per (size, AGENCY or DEPARTMENT): the view's name, median seconds and file bytes."""
    results: dict[tuple[int, str], dict] = {}
    period = generate.PERIOD.label
    for size in args.sizes:
        frames = frames_of(size, args.out)
        first = departments(frames)[0]
        views = {AGENCY: ("whole agency", Selection(period)),
                 DEPARTMENT: (first, Selection(period, first))}
        for view, (name, selection) in views.items():
            progress(f"size {size:,}: exporting {name} ({args.repeat} times)")
            seconds, data = timed(frames, selection, args.repeat)
            results[(size, view)] = {"name": name, "median_s": seconds, "file_bytes": data}
    return results


def table(results: dict[tuple[int, str], dict]) -> str:
    lines = ["| assignments | view | median s | file MiB |", "|---:|---|---:|---:|"]
    for (size, _), r in results.items():
        lines.append(f"| {size:,} | {r['name']} | {r['median_s']:.2f} | "
                     f"{r['file_bytes'] / 2**20:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    print(table(measure_all(args)))
    print(f"\nIssue 7's target: a 10,000-assignment export under {TARGET_S:.0f} s.")


if __name__ == "__main__":
    main()
