"""The command-line options every benchmark shares: sizes, repeats, a quick run, its folders."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def sizes(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers: {text!r}") from exc
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be at least 1: {text!r}")
    return values


def listed(values: tuple[int, ...]) -> str:
    return ",".join(map(str, values))


@dataclass(frozen=True)
class Defaults:
    """A benchmark's own defaults; ``repeat`` None: it has no ``--repeat``, ``results`` None:
    no ``--results`` (a file name in ``benchmarks/``; a quick run writes ``NAME-quick``)."""

    prog: str
    description: str
    sizes: tuple[int, ...]
    quick_sizes: tuple[int, ...]
    quick_help: str
    repeat: int | None = None
    quick_repeat: int = 1
    repeat_help: str = "timed runs per size; the median is reported"
    results: str | None = None

    def quick_results(self) -> str:
        path = Path(self.results or "")
        return f"{path.stem}-quick{path.suffix}"


def parser_for(defaults: Defaults) -> argparse.ArgumentParser:
    """A parser with ``--sizes``, ``--quick``, ``--out`` and, as ``defaults`` has them,
    ``--repeat`` and ``--results``; the benchmark adds its own, then calls :func:`settle`."""
    d = defaults
    parser = argparse.ArgumentParser(prog=d.prog, description=d.description)
    parser.add_argument("--sizes", type=sizes, default=None,
                        help=f"assignment rows per workbook, comma separated (default "
                             f"{listed(d.sizes)}; with --quick {listed(d.quick_sizes)})")
    if d.repeat is not None:
        parser.add_argument("--repeat", type=int, default=d.repeat,
                            help=f"{d.repeat_help} (default {d.repeat})")
    parser.add_argument("--quick", action="store_true", help=d.quick_help)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out",
                        help="workbooks, logs and profiles (default benchmarks/out, "
                             "git-ignored)")
    if d.results is not None:
        parser.add_argument("--results", type=Path, default=None,
                            help=f"the JSON figures (default benchmarks/{d.results}; with "
                                 f"--quick, OUT/{d.quick_results()}, so a smoke run never "
                                 "replaces the figures)")
    return parser


def settle(parser: argparse.ArgumentParser, argv: list[str] | None,
           defaults: Defaults) -> argparse.Namespace:
    """The parsed options with the shared ones resolved: the sizes given, else the quick or
    the full ones; a quick run's repeats; the results file."""
    args = parser.parse_args(argv)
    args.sizes = args.sizes or (defaults.quick_sizes if args.quick else defaults.sizes)
    if defaults.repeat is not None:
        if args.quick:
            args.repeat = defaults.quick_repeat
        if args.repeat < 1:
            parser.error("--repeat must be at least 1")
    if defaults.results is not None and args.results is None:
        args.results = (args.out / defaults.quick_results() if args.quick
                        else BENCH_DIR / defaults.results)
    return args
