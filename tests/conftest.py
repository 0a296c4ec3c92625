"""The whole suite on SQLite (the default) or on PostgreSQL (``TERTIAL_TEST_DATABASE=postgres``).

On PostgreSQL every data folder a test uses resolves to a database of its own on the server
``TERTIAL_TEST_POSTGRES_URL`` names, the way an operator's ``TERTIAL_DATABASE_URL`` would:
``Settings.resolved_database_url`` (the one place the app, the CLI and the tests turn a data
folder into a database) answers with that database, and the servers the tests start get it
in their environment (``tests/servers.py``). A database made during a test is dropped when
the test ends; one made by a module or session fixture when the run ends.

A test about the SQLite file itself (its path, a copy of the file) is marked
``sqlite_file``: it keeps the SQLite default on either run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from loaders.settings import Settings
from tests import databases

_SQLITE_DEFAULT = Settings.resolved_database_url


def _folder_database(settings: Settings) -> str:
    return settings.database_url or databases.folder_url(settings.data_dir)


def pytest_configure(config: pytest.Config) -> None:
    if databases.suite_backend() == "postgres" and not os.environ.get(
            databases.SERVER_VARIABLE):
        raise pytest.UsageError(
            f"{databases.SUITE_VARIABLE}=postgres needs a server: "
            f'export {databases.SERVER_VARIABLE}="$(scripts/postgres)"')


def pytest_report_header(config: pytest.Config) -> str:
    return f"database: {databases.suite_backend()} ({databases.SUITE_VARIABLE})"


@pytest.fixture(scope="session", autouse=True)
def suite_database() -> Iterator[str]:
    """The suite's backend; on PostgreSQL, data folders resolve to their own databases."""
    backend = databases.suite_backend()
    if backend == "sqlite":
        yield backend
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Settings, "resolved_database_url", property(_folder_database))
        try:
            yield backend
        finally:
            databases.FOLDERS.drop_all_but(set())


@pytest.fixture(autouse=True)
def test_databases(request: pytest.FixtureRequest, suite_database: str) -> Iterator[None]:
    """Drop the databases this test made (the wider fixtures' were made before it began);
    a ``sqlite_file`` test gets the SQLite default back."""
    if suite_database == "sqlite":
        yield
        return
    kept = set(databases.FOLDERS.urls)
    with pytest.MonkeyPatch.context() as patch:
        if request.node.get_closest_marker("sqlite_file"):
            patch.setattr(Settings, "resolved_database_url", _SQLITE_DEFAULT)
        yield
    databases.FOLDERS.drop_all_but(kept)
