"""Import benchmark: Tertial's whole import against a naive pandas read of the same workbook.

Run ``.venv/bin/python -m benchmarks.import_bench`` (see ``benchmarks/README.md``). Per size it
writes one realistic workbook (:mod:`benchmarks.generate`), times every variant on it
``--repeat`` times (:mod:`benchmarks.measure`, medians reported), measures each variant's peak
memory in a fresh process (:mod:`benchmarks.memory_probe`), then prints a table and writes the
figures as flat JSON (:mod:`benchmarks.report`).
"""

from __future__ import annotations

import argparse

from benchmarks import generate, measure, memory_probe, options, report

DEFAULTS = options.Defaults(
    prog="python -m benchmarks.import_bench", description=__doc__.splitlines()[0],
    sizes=(1_000, 10_000, 100_000), quick_sizes=(1_000, 10_000),
    quick_help="smoke run: one repeat of the quick sizes", repeat=3,
    repeat_help="timed runs per variant and size; the median is reported",
    results="import_results.json")  # results.json is python -m benchmarks's


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    return options.settle(options.parser_for(DEFAULTS), argv, DEFAULTS)


def run_size(size: int, args: argparse.Namespace) -> report.SizeResult:
    measure.progress(f"size {size:,}: writing the workbook")
    path = generate.write_workbook(size, args.out)
    timings = measure.time_size(path, args.repeat)
    measure.progress(f"size {size:,}: peak memory, one fresh process per variant")
    peaks = memory_probe.probe_all(path, args.out / "pycache")
    return report.SizeResult(size, path.stat().st_size, timings, peaks)


def measure_all(args: argparse.Namespace) -> list[report.SizeResult]:
    """Every size of ``args`` (see :func:`parse_args`) measured, smallest first as given."""
    return [run_size(size, args) for size in args.sizes]


def legend(repeat: int) -> str:
    return (f"Medians of {repeat} run(s); ratio = openpyxl s / Tertial s "
            f"(target >= {report.TARGET_RATIO:g} at 100,000 rows); peaks in MiB (max RSS).")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    facts = report.machine()
    results = measure_all(args)
    print(report.header(facts, legend(args.repeat)))
    print(report.table(results))
    report.write_json(report.results_json(results, facts, args.repeat), args.results)
    print(f"\nFigures written to {args.results}")


if __name__ == "__main__":
    main()
