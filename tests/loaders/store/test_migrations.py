"""Schema versions (``loaders/store/migrate.py``, ``loaders/store/migrations``) on SQLite and
PostgreSQL: upgrading an empty database gives exactly the schema the store describes; a database
made before the migrations is refused until ``tertial db upgrade``, which keeps its data; a new
database is stamped at once."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import cli
from loaders.errors import StoreError
from loaders.store.migrate import (
    BASELINE,
    HEAD,
    VERSION_TABLE,
    config,
    head_of_scripts,
    revision,
    upgrade,
)
from loaders.store.schema import make_schema
from loaders.store.store import Store
from tests.databases import EACH_BACKEND, database_url, dump, folder_url
from tests.loaders.store.test_store import CHAIN, do_import
from tests.servers import ROOT, clean_environment


@pytest.fixture(params=EACH_BACKEND)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as made:
        yield made


def sql(url: str, statement: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = set(inspect(conn).get_table_names())
    engine.dispose()
    return found


def differences(url: str) -> list:
    """What Alembic finds between the database and the store's model (nothing, when equal)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        found = compare_metadata(MigrationContext.configure(conn), make_schema().metadata)
    engine.dispose()
    return found


def db_upgrade(url: str, lang: str = "sv") -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["--database-url", url, "--lang", lang, "db", "upgrade"]) == 0
    return out.getvalue().strip()


def test_the_head_is_the_newest_migration():
    assert head_of_scripts() == HEAD


def test_upgrading_an_empty_database_gives_the_stores_schema(url: str):
    assert db_upgrade(url) == f"Databasens schema är uppgraderat: - → {HEAD}."
    assert differences(url) == []
    store = Store(url)  # at the head: opens
    assert store.data_version() == 0 and store.history() == []
    store.close()
    assert db_upgrade(url, "en") == f"The database's schema is already the program's ({HEAD})."


def test_a_new_database_is_made_and_stamped_by_the_store_itself(url: str):
    Store(url).close()
    assert differences(url) == []
    engine = create_engine(url)
    with engine.connect() as conn:
        assert revision(conn) == HEAD
    engine.dispose()


def test_a_database_from_before_the_migrations_waits_for_the_upgrade_and_keeps_its_data(
        url: str):
    """The first releases made their tables without Alembic's: the baseline's tables with
    data, and no revision. Made here with the current store, taken down to the baseline by
    the migrations' own downgrades, so the upgrade really applies every later migration.
    (The previous release's own database, made by its own code, is upgraded in
    ``test_release_upgrade.py``.)"""
    assert BASELINE != HEAD
    store = Store(url)
    for name in CHAIN:
        do_import(store, CHAIN[name], name)
    store.rollback(2, user="ekonom")
    before = store.frames(), store.history()
    store.close()
    command.downgrade(config(url), BASELINE)
    assert "export_jobs" not in tables(url)
    sql(url, f"DROP TABLE {VERSION_TABLE}")
    kept = dump(url)

    with pytest.raises(StoreError) as refused:
        Store(url)
    assert refused.value.code == "schema_outdated"
    assert "tertial db upgrade" in refused.value.message("sv")
    assert "före migreringarna" in refused.value.message("sv")
    assert dump(url) == kept  # the refusal wrote nothing

    assert db_upgrade(url) == f"Databasens schema är uppgraderat: - → {HEAD}."
    store = Store(url)
    frames, history = store.frames(), store.history()
    store.close()
    assert history == before[1]
    for name, frame in before[0].items():
        assert frames[name].equals(frame), name
    assert differences(url) == []
    assert "export_jobs" in tables(url)


def test_every_migration_goes_down_and_up_again(url: str):
    """0002 (export jobs) down to the baseline and back: the schema is the store's again."""
    upgrade(url)
    command.downgrade(config(url), BASELINE)
    assert "export_jobs" not in tables(url)
    assert db_upgrade(url, "en") == f"The database's schema is upgraded: {BASELINE} → {HEAD}."
    assert differences(url) == []


def test_a_database_at_an_unknown_revision_is_refused(url: str):
    Store(url).close()
    sql(url, f"UPDATE {VERSION_TABLE} SET version_num = '9999'")
    with pytest.raises(StoreError) as refused:
        Store(url)
    assert "(9999)" in refused.value.message("en")
    assert f"program's ({HEAD})" in refused.value.message("en")


def test_the_cli_refuses_an_old_database_in_words_without_a_traceback(url: str, capsys):
    Store(url).close()
    sql(url, f"DROP TABLE {VERSION_TABLE}")
    assert cli.main(["--database-url", url, "history"]) == 1
    err = capsys.readouterr().err
    assert "Kör `tertial db upgrade` först." in err and "Traceback" not in err


def test_the_upgrade_makes_a_new_data_folder_as_the_app_would(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'ny' / 'mapp' / 'tertial.db'}"
    assert db_upgrade(url) == f"Databasens schema är uppgraderat: - → {HEAD}."
    assert (tmp_path / "ny" / "mapp" / "tertial.db").is_file()


def test_upgrade_is_what_the_cli_runs(url: str):
    assert upgrade(url) == (None, HEAD)
    assert upgrade(url) == (HEAD, HEAD)


def test_the_app_does_not_start_on_an_old_schema_and_says_why(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    url = folder_url(data)  # what the app started on ``data`` opens, on the suite's database
    Store(url).close()
    sql(url, f"DROP TABLE {VERSION_TABLE}")
    started = subprocess.run([sys.executable, "app.py"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120,
                             env=clean_environment(TERTIAL_DATA_DIR=str(data)))
    assert started.returncode != 0
    assert "Kör `tertial db upgrade` först." in started.stderr
    assert "Run `tertial db upgrade` first." in started.stderr
    assert "Traceback" not in started.stderr
