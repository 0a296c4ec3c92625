"""The benchmarks' PostgreSQL databases (``--postgres SERVER_URL``): one fresh database per
data set on the server, dropped afterwards, so SQLite and PostgreSQL hold the same data."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextlib.contextmanager
def database(server: str, name: str) -> Iterator[str]:
    """The URL of a new database ``tertial_bench_<name>`` on ``server`` (one left by an
    interrupted run is replaced)."""
    database_name = f"tertial_bench_{name}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    drop = text(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
    try:
        with admin.connect() as conn:
            conn.execute(drop)
            conn.execute(text(f'CREATE DATABASE "{database_name}"'))
        try:
            yield make_url(server).set(database=database_name).render_as_string(
                hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(drop)
    finally:
        admin.dispose()
