"""What ``python -m benchmarks`` concludes from its figures: growth with the data, and the
targets met or not (issue 7's, with issue 19's import ratio and first view after an import).
Pure functions of the flat figures (:mod:`benchmarks.names`)."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import dashboard_bench, export_bench, load_bench, report
from benchmarks.dashboard_bench import KINDS
from benchmarks.names import (
    TARGET_SIZE,
    TARGET_WORKERS,
    dashboard_name,
    export_name,
    filter_name,
    import_name,
    load_name,
    rows,
)

LINEAR, FLAT = "linear", "flat"
# Growth rows: the growth figure's name before "_growth_", the figure at a size, expected.
GROWTH: tuple[tuple[str, Callable[[int], str], str], ...] = (
    ("import", lambda n: import_name(n, "median_s"), LINEAR),
    ("import_openpyxl", lambda n: import_name(n, "openpyxl_median_s"), LINEAR),
    ("import_peak", lambda n: import_name(n, "peak_mib"), "-"),
    ("filter_p50", lambda n: filter_name("p50_ms", n), FLAT),
    ("filter_p95", lambda n: filter_name("p95_ms", n), FLAT),
    *((f"filter_{kind}_p50", lambda n, kind=kind: filter_name(f"{kind}_p50_ms", n), FLAT)
      for kind in KINDS),
    ("filter_p95_postgres", lambda n: filter_name("p95_ms", n, postgres=True), FLAT),
    ("dashboard_after_import", lambda n: dashboard_name("after_import_p50_ms", n), LINEAR),
    ("load_10_users_rps_2w", lambda n: load_name(10, "rps", TARGET_WORKERS, n), FLAT),
    ("load_10_users_p95_2w", lambda n: load_name(10, "p95_ms", TARGET_WORKERS, n), FLAT),
    ("export", lambda n: export_name(n, "median_s"), LINEAR),
)
COMPARE = {">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq}
MET, NOT_MET, NOT_MEASURED = "met", "not met", "not measured"


@dataclass(frozen=True)
class Growth:
    name: str  # e.g. "filter_p95_growth_100k_over_1k"
    label: str  # the figure with N for its size, e.g. "filter_p95_ms_N"
    values: dict[int, float]  # by size, only where measured
    expected: str

    @property
    def ratio(self) -> float:
        low, high = min(self.values), max(self.values)
        return self.values[high] / self.values[low] if self.values[low] else float("inf")

    @property
    def rows_ratio(self) -> float:
        return max(self.values) / min(self.values)


def growth(figures: dict[str, object], sizes: list[int]) -> list[Growth]:
    """Each growth row measured at two sizes or more: from the smallest to the largest."""
    found = []
    for base, name_at, expected in GROWTH:
        values = {n: float(figures[name_at(n)]) for n in sorted(sizes) if name_at(n) in figures}
        if len(values) >= 2:
            low, high = min(values), max(values)
            label = re.sub(f"_{rows(high)}(?=_|$)", "_N", name_at(high), count=1)
            found.append(Growth(f"{base}_growth_{rows(high)}_over_{rows(low)}", label,
                                values, expected))
    return found


def growth_figures(found: list[Growth]) -> dict[str, float]:
    return {row.name: round(row.ratio, 2) for row in found}


def number(value: float) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"


def growth_table(found: list[Growth], sizes: list[int]) -> str:
    sizes = sorted(sizes)
    lines = ["| figure | " + " | ".join(rows(n) for n in sizes)
             + " | growth | rows ratio | expected |",
             "|---|" + "---:|" * (len(sizes) + 2) + "---|"]
    for row in found:
        cells = [number(row.values[n]) if n in row.values else "-" for n in sizes]
        lines.append(f"| {row.label} | " + " | ".join(cells)
                     + f" | {number(row.ratio)} | {row.rows_ratio:,.0f} | {row.expected} |")
    return "\n".join(lines)


@dataclass(frozen=True)
class Target:
    label: str
    name: str  # the figure it judges
    compare: str  # a key of COMPARE: figure <compare> goal means met
    goal: float


TARGETS = (
    Target("import 100k: times faster than the naive openpyxl read",
           import_name(100_000, "ratio_vs_openpyxl"), ">=", report.TARGET_RATIO),
    Target("filter change at 100k, SQLite: p95 ms of the slowest callback",
           filter_name("p95_ms", 100_000), "<", dashboard_bench.TARGET_P95_MS),
    Target("filter change at 100k, PostgreSQL: p95 ms of the slowest callback",
           filter_name("p95_ms", 100_000, postgres=True), "<", dashboard_bench.TARGET_P95_MS),
    Target("first overview after a new data version at 100k, SQLite: p50 ms",
           dashboard_name("after_import_p50_ms", 100_000), "<=",
           dashboard_bench.TARGET_AFTER_IMPORT_MS),
    Target("first overview after a new data version at 100k, PostgreSQL: p50 ms",
           dashboard_name("after_import_p50_ms", 100_000, postgres=True), "<=",
           dashboard_bench.TARGET_AFTER_IMPORT_MS),
    Target("2 workers, 100k, 10 users: req/s",
           load_name(10, "rps", TARGET_WORKERS, TARGET_SIZE), ">=", load_bench.TARGET_RPS),
    Target("2 workers, 100k, 10 users: p95 ms",
           load_name(10, "p95_ms", TARGET_WORKERS, TARGET_SIZE), "<", load_bench.TARGET_P95_MS),
    Target("2 workers, 100k, 50 users: errors", "load_50_users_errors", "==", 0),
    Target("export 10k, whole agency: median s",
           export_name(10_000, "median_s"), "<", export_bench.TARGET_S),
)


def evaluate(figures: dict[str, object]) -> list[tuple[Target, float | None, str]]:
    """Each target with its measured figure (None when not measured) and its verdict."""
    found = []
    for target in TARGETS:
        value = figures.get(target.name)
        if value is None:
            found.append((target, None, NOT_MEASURED))
        else:
            met = COMPARE[target.compare](value, target.goal)
            found.append((target, value, MET if met else NOT_MET))
    return found


def target_figures(verdicts: list[tuple[Target, float | None, str]]) -> dict[str, int]:
    return {"targets_total": len(verdicts),
            "targets_measured": sum(verdict != NOT_MEASURED for _, _, verdict in verdicts),
            "targets_met": sum(verdict == MET for _, _, verdict in verdicts)}


def target_table(verdicts: list[tuple[Target, float | None, str]]) -> str:
    lines = ["| target | figure | measured | goal | verdict |", "|---|---|---:|---:|---|"]
    for target, value, verdict in verdicts:
        shown = "-" if value is None else number(value)
        lines.append(f"| {target.label} | {target.name} | {shown} | "
                     f"{target.compare} {target.goal:g} | {verdict} |")
    return "\n".join(lines)
