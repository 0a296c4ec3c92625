"""The demo agency loaded: its workbooks written under the data folder and imported in order,
as finance would upload them."""

from __future__ import annotations

from pathlib import Path

from loaders.demo.agency import write_demo_workbooks
from loaders.imports.importer import ImportOutcome, import_file
from loaders.settings import Settings


def load_demo(store, settings: Settings, user: str = "demo") -> list[ImportOutcome]:
    """Write the demo workbooks under ``data/demo`` and import them in order."""
    paths = write_demo_workbooks(Path(settings.data_dir) / "demo")
    return [import_file(store, p.read_bytes(), p.name, settings, user=user) for p in paths]
