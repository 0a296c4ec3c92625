"""Import benchmark: Tertial's whole import against a naive pandas read of the same workbook.

Run ``.venv/bin/python -m benchmarks.import_bench`` (see ``benchmarks/README.md``). Per size it
writes one realistic workbook (:mod:`benchmarks.generate`), times every variant on it
``--repeat`` times (:mod:`benchmarks.measure`, medians reported), measures each variant's peak
memory in a fresh process (:mod:`benchmarks.memory_probe`), then prints a table and writes the
figures as flat JSON (:mod:`benchmarks.report`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks import generate, measure, memory_probe, report

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
DEFAULT_RESULTS = BENCH_DIR / "results.json"
QUICK_RESULTS_NAME = "results-quick.json"  # a smoke run never overwrites the real figures


def sizes(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers: {text!r}") from exc
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be at least 1: {text!r}")
    return values


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.import_bench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=DEFAULT_SIZES,
                        help="assignment rows per workbook, comma separated "
                             "(default 1000,10000,100000)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per variant and size; the median is reported")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: sizes 1000,10000, one repeat")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out",
                        help="folder for the generated workbooks (git-ignored)")
    parser.add_argument("--results", type=Path, default=None,
                        help="where the JSON figures go (default benchmarks/results.json; "
                             f"with --quick, OUT/{QUICK_RESULTS_NAME})")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat = QUICK_SIZES, 1
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.results is None:
        args.results = args.out / QUICK_RESULTS_NAME if args.quick else DEFAULT_RESULTS
    return args


def run_size(size: int, args: argparse.Namespace) -> report.SizeResult:
    measure.progress(f"size {size:,}: writing the workbook")
    path = generate.write_workbook(size, args.out)
    timings = measure.time_size(path, args.repeat)
    measure.progress(f"size {size:,}: peak memory, one fresh process per variant")
    peaks = memory_probe.probe_all(path, args.out / "pycache")
    return report.SizeResult(size, path.stat().st_size, timings, peaks)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    facts = report.machine()
    results = [run_size(size, args) for size in args.sizes]
    print("\n".join(report.machine_lines(facts)))
    print(f"Medians of {args.repeat} run(s); ratio = openpyxl s / Tertial s "
          f"(target >= {report.TARGET_RATIO:g} at 100,000 rows); peaks in MiB (max RSS).")
    print()
    print(report.table(results))
    report.write_json(report.results_json(results, facts, args.repeat), args.results)
    print(f"\nFigures written to {args.results}")


if __name__ == "__main__":
    main()
