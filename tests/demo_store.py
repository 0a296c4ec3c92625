"""The demo data in a real store, and a correction workbook for it, for the upload tests.

Importing the demo workbooks takes a few seconds, so a test module imports them once into a
seed database (:func:`seed_database`) and every test works on its own copy (:func:`copy_store`),
on the suite's database (``tests/databases.py``). The apps the tests build get the demo the
same way (:func:`demo_copy`): loaded once per test process and settings, then copied.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import openpyxl

from loaders import private
from loaders.demo.agency import write_demo_workbooks
from loaders.demo.load import load_demo
from loaders.imports.importer import import_file
from loaders.settings import Settings, load_settings
from loaders.store.store import Store
from tests.builders import xlsx_bytes
from tests.databases import FOLDERS, copy_database, folder_url, suite_backend

STORY = "2018-T2"


def demo_workbooks(folder: Path) -> dict[str, Path]:
    """The demo workbooks, by period label."""
    return {path.stem.removeprefix("uppfoljning_"): path
            for path in write_demo_workbooks(folder)}


def seed_database(folder: Path, workbooks: list[Path]) -> Path:
    """Data folder ``folder`` with the workbooks imported in order into its database (closed,
    so it can be copied); the folder."""
    store = Store(folder_url(folder))
    settings = Settings(data_dir=folder)
    for workbook in workbooks:
        outcome = import_file(store, workbook.read_bytes(), workbook.name, settings, user="seed")
        assert outcome.record is not None, outcome.report.issues
    store.close()
    return folder


_DEMO_SEEDS: dict[str, Path] = {}  # the settings that reach an import -> its seed folder


# Settings the import never reads (where the data lives, the web's, the login's and what the
# pages show): the apps of the tests differ in these, and each difference loaded the demo
# again (seconds a time). Any other setting, a new one included, keys a seed of its own.
_NOT_READ_BY_THE_IMPORT = frozenset({
    "data_dir", "database_url", "host", "port", "auth_mode", "secret_key", "session_hours",
    "login_attempts", "lockout_minutes", "login_rate", "restrict_departments",
    "trusted_proxies", "user_header", "groups_header", "department_header", "group_roles",
    "proxy_secret", "proxy_secret_header", "allowed_hosts", "debug", "agency_name", "contact",
    "survey_min_answers", "survey_perspective", "export_inline_max_rows",
    "operations_green", "operations_yellow", "finance_green", "finance_yellow"})


def _import_key(settings: Settings) -> str:
    """What may change how the demo imports: every setting the import may read."""
    return repr(sorted((f.name, getattr(settings, f.name)) for f in dataclasses.fields(settings)
                       if f.name not in _NOT_READ_BY_THE_IMPORT))


def _demo_seed(settings: Settings) -> Path:
    """A data folder with the demo loaded as ``app.py`` loads it into an empty database
    (``load_demo`` with these settings, files and folders the owner's only), made once per
    test process and settings."""
    key = _import_key(settings)
    if key not in _DEMO_SEEDS:
        root = Path(tempfile.mkdtemp(prefix="tertial-demo-seed-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        umask = private.owner_only()
        try:
            seed = private.private_folder(root / "data")
            seeded = dataclasses.replace(settings, data_dir=seed)
            store = Store(seeded.resolved_database_url)
            try:
                load_demo(store, seeded)
            finally:
                store.close()
        finally:
            os.umask(umask)
        FOLDERS.pin(seed)
        _DEMO_SEEDS[key] = seed
    return _DEMO_SEEDS[key]


def demo_copy(target: Path) -> bool:
    """Give the data folder ``target``, which does not exist yet, the demo that ``app.py``
    would load into it, as a copy of a seed (the same rows, files and modes; seconds
    cheaper). Reads the settings from the environment as the app will; True when it copied,
    False when the app would not load the demo (``TERTIAL_DEMO_ON_EMPTY=false``, a database
    URL of its own) or ``target`` exists."""
    settings = load_settings()
    if not settings.demo_on_empty or settings.database_url or Path(target).exists():
        return False
    seed = _demo_seed(settings)
    shutil.copytree(seed, target)  # the files with their modes (0600, 0700)
    if suite_backend() != "sqlite":
        copy_database(seed, target)
    return True


def demo_frames() -> dict:
    """The demo's frames as ``tertial demo`` (and ``app.py`` on an empty database) leaves
    them, read from this process's seed (the demo imported once, as for the apps): read anew
    on each call, so a test that changes a frame changes its own copy only."""
    seed = _demo_seed(load_settings(environ={}))
    store = Store(folder_url(seed))
    try:
        return store.frames()
    finally:
        store.close()


def copy_store(seed: Path, folder: Path) -> tuple[Store, str]:
    """A store on a fresh copy of the seed's database for data folder ``folder``, and the
    copy's URL."""
    url = copy_database(seed, folder)
    return Store(url), url


def assignment_rows(workbook: Path) -> list[list[object]]:
    """The Uppdrag sheet of a demo workbook: its header row and data rows (without the
    title rows some demo tertials have above the header)."""
    book = openpyxl.load_workbook(workbook)
    rows = [list(r) for r in book["Uppdrag"].iter_rows(values_only=True)]
    start = next(n for n, r in enumerate(rows) if "Id" in r and "Status" in r)
    return [r for r in rows[start:] if any(v is not None for v in r)]


def correction(workbook: Path, *, red: str, drop: str | None = None,
               add: str | None = None) -> bytes:
    """A workbook with only the Uppdrag sheet of ``workbook``, in which assignment ``red``
    turned red, ``drop`` is left out and ``add`` is a new internal assignment."""
    rows = assignment_rows(workbook)
    header = rows[0]
    column = {name: header.index(name) for name in ("Id", "Status", "Kommentar", "Typ")}
    kept = [rows[0]] + [r for r in rows[1:] if r[column["Id"]] != drop]
    for row in kept[1:]:
        if row[column["Id"]] == red:
            row[column["Status"]] = "Röd"
            row[column["Kommentar"]] = "Leveransen har stoppats."
    if add is not None:
        extra = list(kept[1])
        extra[column["Id"]], extra[column["Status"]] = add, "Grön"
        extra[column["Typ"]] = "Internt"
        extra[header.index("Beslutsdatum")] = dt.datetime(2018, 6, 1)
        kept.append(extra)
    return xlsx_bytes({"Uppdrag": kept})


def first_with_status(workbook: Path, status: str, *, skip: int = 0) -> str:
    """The id of the (skip+1)-th assignment of ``workbook`` with that status word."""
    rows = assignment_rows(workbook)
    status_at, id_at = rows[0].index("Status"), rows[0].index("Id")
    return [r[id_at] for r in rows[1:] if r[status_at] == status][skip]
