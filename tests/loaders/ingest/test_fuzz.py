"""Robustness measured (issue 17): hypothesis drives the mutations of ``benchmarks/fuzz.py``
(bytes, zip parts, XML tags, dimensions, huge texts, random cell values) through the real
import into a real SQLite store, and every mutant is held to :func:`benchmarks.fuzz.check`:
no exception, no hang past the child's limits, a refusal naming a place, the database
unchanged by a refused file, and a loaded file's figures equal to its cells. The command
``python -m benchmarks.fuzz`` runs the same on more examples and prints the counts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import fuzz
from loaders.settings import Settings
from loaders.store.store import Store

EXAMPLES = 150  # about 40 s; python -m benchmarks.fuzz runs more


@dataclass(frozen=True)
class Place:
    """The base workbook, the store and the settings (a short repr for hypothesis' report)."""

    base: bytes = field(repr=False)
    store: Store = field(repr=False)
    settings: Settings = field(repr=False)


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("fuzz")
    store = Store(f"sqlite:///{folder / 'fuzz.db'}")
    yield Place(fuzz.base_workbook(folder), store,
                Settings(data_dir=folder, parse_timeout_s=30.0))
    store.close()


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutation=st.sampled_from(sorted(fuzz.MUTATIONS)), seed=st.integers(0, 2**32 - 1))
def test_a_mutated_workbook_keeps_every_rule(place, mutation, seed):
    mutant = fuzz.MUTATIONS[mutation](place.base, random.Random(seed))
    verdict = fuzz.check(place.store, mutant, place.settings)
    assert verdict.broken == [], (mutation, seed, verdict.kind)


def test_the_base_workbook_loads_and_each_mutation_changes_it(tmp_path: Path):
    base = fuzz.base_workbook(tmp_path)
    store = Store(f"sqlite:///{tmp_path / 'base.db'}")
    try:
        verdict = fuzz.check(store, base, Settings(data_dir=tmp_path))
        assert (verdict.kind, verdict.broken) == ("loaded", [])
    finally:
        store.close()
    for name, mutation in fuzz.MUTATIONS.items():
        assert mutation(base, random.Random(7)) != base, name
