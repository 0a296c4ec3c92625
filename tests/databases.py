"""The databases the tests run on: a SQLite file, and fresh databases on the PostgreSQL
server named by ``TERTIAL_TEST_POSTGRES_URL`` (``scripts/postgres`` starts one from the
system's packages and prints its URL).

Two ways to use PostgreSQL:

- Tests of the store itself run on both in every run (:data:`EACH_BACKEND`,
  :func:`database_url`).
  Without a server those cases are skipped, unless ``TERTIAL_REQUIRE_POSTGRES=1`` (CI sets
  it): then they fail, so a CI run never passes without them.
- ``TERTIAL_TEST_DATABASE=postgres`` runs the **whole suite** on PostgreSQL: every data
  folder a test uses gets a database of its own on the server (:func:`folder_url`), as an
  operator would set ``TERTIAL_DATABASE_URL``. ``tests/conftest.py`` makes the app, the CLI
  and the servers the tests start resolve a data folder to that database, and drops it when
  the test (or the fixture that made it) ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from loaders.settings import DB_FILE_NAME, Settings, default_sqlite_url
from loaders.store.store import Store

SERVER_VARIABLE = "TERTIAL_TEST_POSTGRES_URL"
REQUIRE_VARIABLE = "TERTIAL_REQUIRE_POSTGRES"
SUITE_VARIABLE = "TERTIAL_TEST_DATABASE"  # "sqlite" (the default) or "postgres"
BACKENDS = ("sqlite", "postgres")
# The cases of a test run on each database in every pass (params of a fixture or parametrize);
# marked ``each_database`` so that a second pass on PostgreSQL can leave them out.
EACH_BACKEND = tuple(pytest.param(b, id=b, marks=pytest.mark.each_database) for b in BACKENDS)


def suite_backend() -> str:
    """The database the whole suite runs on: ``TERTIAL_TEST_DATABASE``, SQLite by default."""
    backend = os.environ.get(SUITE_VARIABLE, "") or "sqlite"
    if backend not in BACKENDS:
        raise pytest.UsageError(f"{SUITE_VARIABLE}={backend!r}: use one of {BACKENDS}")
    return backend


def postgres_server() -> str:
    """The server's URL, or the test is skipped (failed where it is required)."""
    url = os.environ.get(SERVER_VARIABLE, "")
    if url:
        return url
    reason = f"no PostgreSQL server: set {SERVER_VARIABLE} (scripts/postgres prints one)"
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{reason}; {REQUIRE_VARIABLE}=1 requires it", pytrace=False)
    pytest.skip(reason)


def _admin(server: str, statement: str) -> None:
    """One statement on the server's maintenance database, outside a transaction (as CREATE
    and DROP DATABASE must run)."""
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(statement))
    finally:
        admin.dispose()


def create_postgres(template: str | None = None) -> str:
    """The URL of a new PostgreSQL database: empty, or a copy of the database at
    ``template`` (which must have no open connections)."""
    server = make_url(postgres_server())
    name = f"tertial_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{make_url(template).database}"' if template else ""
    _admin(server, f'CREATE DATABASE "{name}"{copy}')
    return server.set(database=name).render_as_string(hide_password=False)


def drop_postgres(url: str) -> None:
    """Drop the database at ``url``, ending any connection a test left open."""
    server = make_url(postgres_server())
    _admin(server, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


@contextlib.contextmanager
def fresh_postgres() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards."""
    url = create_postgres()
    try:
        yield url
    finally:
        drop_postgres(url)


class FolderDatabases:
    """The PostgreSQL database of each data folder, made on first use (one per test run of
    the suite on PostgreSQL; see ``tests/conftest.py``)."""

    def __init__(self) -> None:
        self.urls: dict[Path, str] = {}
        self.pinned: set[Path] = set()  # kept until the run ends, whoever made them

    def pin(self, folder: Path) -> None:
        """Keep ``folder``'s database until the run ends (a seed that later tests copy)."""
        self.pinned.add(Path(folder).resolve())

    def url(self, folder: Path, template: str | None = None) -> str:
        folder = Path(folder).resolve()
        if folder not in self.urls:
            self.urls[folder] = create_postgres(template)
        return self.urls[folder]

    def drop_all_but(self, kept: set[Path]) -> None:
        """Drop every database but those of ``kept`` and the pinned ones."""
        for folder in [f for f in self.urls if f not in kept | self.pinned]:
            drop_postgres(self.urls.pop(folder))

    def drop_all(self) -> None:
        """Drop every database made (the run ends)."""
        self.pinned.clear()
        for folder in list(self.urls):
            drop_postgres(self.urls.pop(folder))


FOLDERS = FolderDatabases()  # the suite's only registry; emptied by tests/conftest.py


def folder_url(folder: Path) -> str:
    """The URL of the database a data folder uses on the suite's backend: its SQLite file,
    or (``TERTIAL_TEST_DATABASE=postgres``) its own PostgreSQL database."""
    if suite_backend() == "sqlite":
        return default_sqlite_url(folder)
    return FOLDERS.url(folder)


def copy_database(source: Path, target: Path) -> str:
    """Give data folder ``target`` a copy of data folder ``source``'s database (whose stores
    are closed); the copy's URL. A file copy on SQLite, ``CREATE DATABASE ... TEMPLATE`` on
    PostgreSQL: both cheaper than importing again."""
    if suite_backend() == "sqlite":
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(source) / DB_FILE_NAME, Path(target) / DB_FILE_NAME)
        return folder_url(target)
    return FOLDERS.url(target, template=folder_url(source))


def database_environment(folder: Path) -> dict[str, str]:
    """The settings a process started on data folder ``folder`` needs besides
    ``TERTIAL_DATA_DIR``: none on SQLite, ``TERTIAL_DATABASE_URL`` on PostgreSQL."""
    if suite_backend() == "sqlite":
        return {}
    # as this process resolves it: a ``sqlite_file`` test keeps its SQLite file
    return {"TERTIAL_DATABASE_URL": Settings(data_dir=Path(folder)).resolved_database_url}


@contextlib.contextmanager
def database_url(backend: str, folder: Path) -> Iterator[str]:
    """A new, empty database of ``backend``: a SQLite file in ``folder`` or a PostgreSQL
    database."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'tertial.db'}"
    else:
        with fresh_postgres() as url:
            yield url


@pytest.fixture(params=EACH_BACKEND, name="store")
def store_on_each_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """``store``: an empty store on each backend in turn, closed after the test. A test module
    takes it with ``from tests.databases import store_on_each_backend``."""
    with database_url(request.param, tmp_path / "data") as url:
        made = Store(url)
        yield made
        made.close()


def dump(database: str | Path) -> dict[str, list[tuple]]:
    """Every row of every table of a database (a URL, or a SQLite file's path), in a stable
    order: to show that nothing changed."""
    engine = create_engine(f"sqlite:///{database}" if isinstance(database, Path) else database)
    try:
        with engine.connect() as conn:
            out = {}
            for table in sorted(inspect(conn).get_table_names()):
                width = len(conn.execute(text(f'SELECT * FROM "{table}" LIMIT 0')).keys())
                order = ", ".join(str(i + 1) for i in range(width))
                out[table] = [tuple(row) for row in conn.execute(
                    text(f'SELECT * FROM "{table}" ORDER BY {order}'))]
        return out
    finally:
        engine.dispose()
