"""The demo agency loaded: its workbooks written under the data folder and imported in order,
as finance would upload them, and its follow-up rounds run."""

from __future__ import annotations

from pathlib import Path

from loaders.demo.agency import write_demo_workbooks
from loaders.demo.assignments import PERIODS
from loaders.demo.cycle import run_demo_round
from loaders.imports.importer import ImportOutcome, import_file
from loaders.settings import Settings


def load_demo(store, settings: Settings, user: str = "demo",
              address: str = "") -> list[ImportOutcome]:
    """Write the demo workbooks under ``data/demo`` and import them in order, each tertial's
    follow-up round run after its workbook is in (``loaders/demo/cycle.py``), as the agency
    would: so what 2018-T1 adopted is what was known then. Each import is logged in the audit
    log by ``user`` from ``address``."""
    paths = write_demo_workbooks(Path(settings.data_dir) / "demo")
    outcomes = []
    for path, period in zip(paths, PERIODS, strict=True):
        outcome = import_file(store, path.read_bytes(), path.name, settings, user=user,
                              address=address)
        outcomes.append(outcome)
        if outcome.accepted and outcome.record is not None:  # stored (not already there)
            run_demo_round(store, period.label)
    return outcomes
