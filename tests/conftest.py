"""The whole suite on SQLite (the default) or on PostgreSQL (``TERTIAL_TEST_DATABASE=postgres``).

On PostgreSQL every data folder a test uses resolves to a database of its own on the server
``TERTIAL_TEST_POSTGRES_URL`` names, the way an operator's ``TERTIAL_DATABASE_URL`` would:
``Settings.resolved_database_url`` (the one place the app, the CLI and the tests turn a data
folder into a database) answers with that database, and the servers the tests start get it
in their environment (``tests/servers.py``). A database made during a test is dropped when
the test ends; one made by a module or session fixture when the run ends.

A test about the SQLite file itself (its path, a copy of the file) is marked
``sqlite_file``: it keeps the SQLite default on either run.

Every test that can reach a database is marked ``database``, from the imports alone: its
module (or its folder's ``conftest.py``) loads, directly or through other modules, the
store's engine (``loaders.store.schema``), the tests' databases (``tests.databases``, which
the servers the tests start take theirs from) or the app (``tests.apps``). CI's PostgreSQL
pass runs those only (``.ci/run``). The marking is checked as the tests run: a test that is
not marked and still makes an engine fails, naming the rule.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from loaders.settings import Settings
from loaders.store import schema
from tests import databases, importgraph

_SQLITE_DEFAULT = Settings.resolved_database_url


def _folder_database(settings: Settings) -> str:
    return settings.database_url or databases.folder_url(settings.data_dir)


def pytest_configure(config: pytest.Config) -> None:
    if databases.suite_backend() == "postgres" and not os.environ.get(
            databases.SERVER_VARIABLE):
        raise pytest.UsageError(
            f"{databases.SUITE_VARIABLE}=postgres needs a server: "
            f'export {databases.SERVER_VARIABLE}="$(scripts/postgres)"')


# The store's engine, the tests' databases, and tests.apps, which builds the app by running
# app.py (no import the graph could see) and so opens the store.
DATABASE_MODULES = frozenset({"loaders.store.schema", "tests.databases", "tests.apps"})
_ROOT_CONFTEST = Path(__file__).resolve()


@functools.cache
def _reaches_database(path: Path) -> bool:
    """Whether the test module at ``path``, or its folder's conftest, may reach a database."""
    sources = [path] + [p for p in [path.parent / "conftest.py"]
                        if p.is_file() and p.resolve() != _ROOT_CONFTEST]
    return any(importgraph.reaches(importgraph.module_of(p)) & DATABASE_MODULES
               for p in sources)


_BROWSER_TESTS = _ROOT_CONFTEST.parent / "browser"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by the marks added here
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _reaches_database(Path(item.path).resolve()):
            item.add_marker(pytest.mark.database)
    _longest_first(items)


def _longest_first(items: list[pytest.Item]) -> None:
    """The modules that take longest go first: those with a ``slow`` test (real servers,
    the fuzz run, LibreOffice, the benchmark smoke run), then the browser tests, then the
    rest, each group in the order collected. ``scripts/test`` hands out whole modules in this
    order (``--dist loadscope --no-loadscope-reorder``), so a module of one long test is not
    the last one left while the other workers wait: xdist's own order, by count of tests,
    puts exactly those last."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}

    def group(item: pytest.Item) -> int:
        if item.path in slow:
            return 0
        return 1 if _BROWSER_TESTS in Path(item.path).resolve().parents else 2

    items.sort(key=group)  # stable: a module's tests stay together and in their order


_RUNNING: list[pytest.Item] = []  # the test being run (its fixtures' set-up included)
_UNMARKED_ENGINES: set[str] = set()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    _RUNNING.append(item)
    try:
        return (yield)
    finally:
        _RUNNING.remove(item)


def _watched_engine(make):
    def make_engine(*args, **kwargs):
        if _RUNNING and _RUNNING[-1].get_closest_marker("database") is None:
            _UNMARKED_ENGINES.add(_RUNNING[-1].nodeid)
        return make(*args, **kwargs)
    return make_engine


@pytest.fixture(autouse=True)
def marked_if_it_reaches_a_database(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that made a database engine without the ``database`` mark: the PostgreSQL
    pass would leave it out."""
    yield
    if request.node.nodeid in _UNMARKED_ENGINES:
        pytest.fail("this test made a database engine but is not marked `database`: its "
                    f"imports reach none of {sorted(DATABASE_MODULES)} (tests/conftest.py)",
                    pytrace=False)


def pytest_report_header(config: pytest.Config) -> str:
    return f"database: {databases.suite_backend()} ({databases.SUITE_VARIABLE})"


@pytest.fixture(scope="session", autouse=True)
def suite_database() -> Iterator[str]:
    """The suite's backend; on PostgreSQL, data folders resolve to their own databases."""
    backend = databases.suite_backend()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "create_engine", _watched_engine(schema.create_engine))
        if backend == "sqlite":
            yield backend
            return
        patch.setattr(Settings, "resolved_database_url", property(_folder_database))
        try:
            yield backend
        finally:
            databases.FOLDERS.drop_all()


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
