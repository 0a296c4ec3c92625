"""Excel export benchmark: how long ``dashboard.excel_export`` takes to write a view.

Run ``.venv/bin/python -m benchmarks.export_bench`` (``--sizes 10000`` for a quick run). Per
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

from benchmarks import generate
from benchmarks.import_bench import sizes
from benchmarks.measure import progress
from dashboard.excel_export import ExportInfo, build_workbook
from dashboard.kpis import Selection, departments
from dashboard.prepared import PreparedFrames
from loaders.workbook import LoadOptions, load_file

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_SIZES = (10_000, 100_000)
TARGET_S = 4.0  # issue 7: a 10k export


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.export_bench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=DEFAULT_SIZES,
                        help="assignment rows per workbook, comma separated "
                             "(default 10000,100000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed exports of each view")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out",
                        help="where the generated workbooks are kept (git-ignored)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


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


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    lines = ["| assignments | view | median s | file MiB |", "|---:|---|---:|---:|"]
    period = generate.PERIOD.label
    for size in args.sizes:
        frames = frames_of(size, args.out)
        views = {"whole agency": Selection(period),
                 departments(frames)[0]: Selection(period, departments(frames)[0])}
        for name, selection in views.items():
            progress(f"size {size:,}: exporting {name} ({args.repeat} times)")
            seconds, data = timed(frames, selection, args.repeat)
            lines.append(f"| {size:,} | {name} | {seconds:.2f} | {data / 2**20:.1f} |")
    print("\n".join(lines))
    print(f"\nIssue 7's target: a 10,000-assignment export under {TARGET_S:.0f} s.")


if __name__ == "__main__":
    main()
