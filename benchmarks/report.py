"""The benchmark's output: the machine it ran on, a Markdown table and a flat JSON object."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from benchmarks.measure import Timings

PACKAGES = ("pandas", "numpy", "openpyxl", "python-calamine", "SQLAlchemy", "defusedxml")
MB = 1_000_000  # file sizes in MB (10^6 bytes); memory is in MiB as ru_maxrss gives it
TARGET_RATIO = 8.0  # naive openpyxl / Tertial import at 100k rows (issue 19; issue 7: 6)
# Table columns: header, format of the value.
COLUMNS = (
    ("size (rows)", "{:,}"), ("file MB", "{:.1f}"), ("openpyxl s", "{:.2f}"),
    ("calamine s", "{:.2f}"), ("Tertial s", "{:.2f}"), ("load s", "{:.2f}"),
    ("store s", "{:.2f}"), ("ratio", "{:.1f}"), ("openpyxl MB", "{:.0f}"),
    ("calamine MB", "{:.0f}"), ("Tertial parent MB", "{:.0f}"), ("Tertial child MB", "{:.0f}"),
)


@dataclass
class SizeResult:
    size: int
    file_bytes: int
    timings: Timings
    peaks: dict[str, dict[str, float]]  # variant -> {"self_mb", "children_mb"}

    @property
    def ratio(self) -> float:
        return self.timings.median("naive_openpyxl") / self.timings.median("import")

    def row(self) -> tuple:
        t, p = self.timings, self.peaks
        return (self.size, self.file_bytes / MB, t.median("naive_openpyxl"),
                t.median("calamine"), t.median("import"), t.median("load"), t.median("store"),
                self.ratio, p["naive_openpyxl"]["self_mb"], p["calamine"]["self_mb"],
                p["import"]["self_mb"], p["import"]["children_mb"])


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float:
    pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    return round(pages * page_size / 2**30, 1)


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, object]:
    """Date, machine, Python and package versions, as flat JSON-ready figures."""
    facts: dict[str, object] = {
        "date": dt.date.today().isoformat(),
        "machine_nproc": os.cpu_count(),
        "machine_cpu": _cpu_model(),
        "machine_ram_gb": _ram_gb(),
        "machine_os": platform.platform(),
        "machine_load_1m_at_start": round(os.getloadavg()[0], 2),
        "python_version": platform.python_version(),
    }
    for package in PACKAGES:
        facts[f"{package.lower().replace('-', '_')}_version"] = _version(package)
    return facts


def machine_lines(facts: dict[str, object]) -> list[str]:
    packages = ", ".join(f"{p} {facts[p.lower().replace('-', '_') + '_version']}"
                         for p in PACKAGES)
    return [
        f"Date: {facts['date']}",
        f"Machine: {facts['machine_nproc']} CPUs ({facts['machine_cpu']}), "
        f"{facts['machine_ram_gb']} GiB RAM, {facts['machine_os']}, "
        f"load average {facts['machine_load_1m_at_start']} at start",
        f"Python {facts['python_version']}; {packages}",
    ]


def header(facts: dict[str, object], legend: str) -> str:
    """What a benchmark prints above its tables: the machine, then what the figures are."""
    return "\n".join([*machine_lines(facts), legend, ""])


def table(results: list[SizeResult]) -> str:
    """The figures as a Markdown table (medians in seconds, peaks in MiB)."""
    lines = ["| " + " | ".join(header for header, _ in COLUMNS) + " |",
             "|" + "|".join("---:" for _ in COLUMNS) + "|"]
    for result in results:
        cells = [fmt.format(value) for (_, fmt), value in zip(COLUMNS, result.row(), strict=True)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def figures(result: SizeResult) -> dict[str, float]:
    """The flat, unit-named figures of one size."""
    n, t, p = result.size, result.timings, result.peaks
    out = {
        f"file_{n}_mb": round(result.file_bytes / MB, 2),
        f"naive_openpyxl_{n}_median_s": t.median("naive_openpyxl"),
        f"calamine_{n}_median_s": t.median("calamine"),
        f"import_{n}_median_s": t.median("import"),
        f"import_{n}_load_median_s": t.median("load"),
        f"import_{n}_store_median_s": t.median("store"),
        f"import_{n}_store_plan_median_s": t.median("plan"),
        f"import_ratio_{n}": result.ratio,
        f"naive_openpyxl_{n}_peak_mb": p["naive_openpyxl"]["self_mb"],
        f"calamine_{n}_peak_mb": p["calamine"]["self_mb"],
        f"import_{n}_peak_parent_mb": p["import"]["self_mb"],
        f"import_{n}_peak_child_mb": p["import"]["children_mb"],
        f"baseline_{n}_peak_mb": p["baseline"]["self_mb"],
    }
    return {key: round(value, 3) if isinstance(value, float) else value
            for key, value in out.items()}


def results_json(results: list[SizeResult], facts: dict[str, object], repeat: int) -> dict:
    flat: dict[str, object] = {**facts, "repeat": repeat, "target_import_ratio": TARGET_RATIO}
    for result in results:
        flat.update(figures(result))
    return flat


def write_json(flat: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(flat, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
