"""The databases the store's tests run on: a SQLite file, and a fresh database on the
PostgreSQL server named by ``TERTIAL_TEST_POSTGRES_URL`` (``scripts/postgres`` starts one
from the system's packages and prints its URL).

Without the variable the PostgreSQL cases are skipped, unless ``TERTIAL_REQUIRE_POSTGRES=1``
(CI sets it): then they fail, so a CI run never passes without them.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

SERVER_VARIABLE = "TERTIAL_TEST_POSTGRES_URL"
REQUIRE_VARIABLE = "TERTIAL_REQUIRE_POSTGRES"
BACKENDS = ("sqlite", "postgres")


def postgres_server() -> str:
    """The server's URL, or the test is skipped (failed where it is required)."""
    url = os.environ.get(SERVER_VARIABLE, "")
    if url:
        return url
    reason = f"no PostgreSQL server: set {SERVER_VARIABLE} (scripts/postgres prints one)"
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{reason}; {REQUIRE_VARIABLE}=1 requires it", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def fresh_postgres() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards."""
    server = make_url(postgres_server())
    name = f"tertial_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextlib.contextmanager
def database_url(backend: str, folder: Path) -> Iterator[str]:
    """A new, empty database of ``backend``: a SQLite file in ``folder`` or a PostgreSQL
    database."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'tertial.db'}"
    else:
        with fresh_postgres() as url:
            yield url


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
