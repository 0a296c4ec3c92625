"""The variants the benchmark times: two pandas reads and Tertial's import, whole and split.

Each variant takes the workbook's path and a scratch folder and does its whole job, reading
the file from disk included, so all of them start from the same place. Tertial's import goes
into a fresh SQLite file in the scratch folder every time.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.imports.importer import ImportOutcome, import_file, limits_from
from loaders.ingest.workbook import LoadOptions, LoadResult, load_file
from loaders.settings import Settings, load_settings
from loaders.store.store import Store

BENCH_USER = "benchmark"


def naive_openpyxl(path: Path, scratch: Path) -> None:
    """What a plain pandas script does: every sheet, openpyxl engine."""
    pd.read_excel(path, sheet_name=None, engine="openpyxl")


def naive_calamine(path: Path, scratch: Path) -> None:
    """The same read with pandas' calamine engine: the reference for a fast Rust reader."""
    pd.read_excel(path, sheet_name=None, engine="calamine")


def settings_for(scratch: Path) -> Settings:
    return load_settings({"data_dir": scratch})


def tertial_import(path: Path, scratch: Path) -> ImportOutcome:
    """Tertial's whole import, as the CLI runs it: safety checks, parse in a child process,
    validation, plan, store (one transaction) into a fresh SQLite file."""
    settings = settings_for(scratch)
    store = Store(settings.resolved_database_url)
    try:
        outcome = import_file(store, path.read_bytes(), path.name, settings, user=BENCH_USER)
    finally:
        store.close()
    if outcome.record is None:
        raise RuntimeError(f"the benchmark workbook was not stored: {describe(outcome)}")
    return outcome


def tertial_load(path: Path, scratch: Path) -> LoadResult:
    """The load phase alone: safety checks, parse in the child, validation."""
    settings = settings_for(scratch)
    result = load_file(path.read_bytes(), path.name, LoadOptions(), limits_from(settings))
    if not result.ok:
        raise RuntimeError(f"the benchmark workbook has errors: {result.report.counts}")
    return result


def tertial_store(frames: dict[str, pd.DataFrame], data: bytes, name: str,
                  scratch: Path) -> dict[str, float]:
    """The store phase alone, as import_file runs it; seconds for the plan and in all."""
    start = time.perf_counter()
    store = Store(settings_for(scratch).resolved_database_url)
    try:
        store.known_units()
        planned = time.perf_counter()
        store.plan(frames, file_bytes=data)
        plan_s = time.perf_counter() - planned
        store.import_frames(frames, user=BENCH_USER, file_name=name, file_bytes=data)
    finally:
        store.close()
    return {"plan": plan_s, "store": time.perf_counter() - start}


def describe(outcome: ImportOutcome) -> str:
    if outcome.refusal is not None:
        return f"refused: {outcome.refusal}"
    return f"report {outcome.report.counts}, identical to {outcome.identical_to}"


def timed(func: Callable[[Path, Path], object], path: Path) -> tuple[float, object]:
    """Seconds ``func(path, scratch)`` takes with a fresh scratch folder, and its result."""
    gc.collect()
    with tempfile.TemporaryDirectory(prefix="tertial-bench-") as scratch:
        start = time.perf_counter()
        result = func(path, Path(scratch))
        return time.perf_counter() - start, result


@dataclass
class Timings:
    """Seconds per repeat, by figure name."""

    runs: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.runs.setdefault(name, []).append(seconds)

    def median(self, name: str) -> float:
        return statistics.median(self.runs[name])


def one_repeat(path: Path, timings: Timings) -> None:
    """Every variant once on ``path``, in a fixed order."""
    for name, func in (("naive_openpyxl", naive_openpyxl), ("calamine", naive_calamine),
                       ("import", tertial_import)):
        seconds, _ = timed(func, path)
        timings.add(name, seconds)
        progress(f"  {name}: {seconds:.2f} s")
    seconds, loaded = timed(tertial_load, path)
    timings.add("load", seconds)
    data = path.read_bytes()
    with tempfile.TemporaryDirectory(prefix="tertial-bench-") as scratch:
        gc.collect()
        store = tertial_store(loaded.frames, data, path.name, Path(scratch))
    timings.add("plan", store["plan"])
    timings.add("store", store["store"])
    progress(f"  load: {seconds:.2f} s, store: {store['store']:.2f} s "
             f"(plan {store['plan']:.2f} s)")


def time_size(path: Path, repeat: int) -> Timings:
    timings = Timings()
    for number in range(1, repeat + 1):
        progress(f"{path.name}: repeat {number}/{repeat}")
        one_repeat(path, timings)
    return timings


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
