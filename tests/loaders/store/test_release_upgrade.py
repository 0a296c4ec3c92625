"""A database of the previous release (``releases/0002.sqlite.gz``, made by that release's
own code: the demo's five imports, one rolled back, a user, the audit log, an export job)
upgraded by ``tertial db upgrade`` on SQLite and PostgreSQL: every row it held is kept, the
follow-up cycle's tables (and 0004's login limits) are added empty, every stored assignment
gains 0005's register columns blank, 0006's frame snapshots start empty (the slices stored
before are read from the data tables), and the app works on it at once."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, insert, select, text

import cli
from loaders.errors import StoreError
from loaders.followup.cycle import FollowUp
from loaders.followup.rules import Actor
from loaders.records.accounts import Accounts
from loaders.store.migrate import HEAD, config
from loaders.store.store import Store
from tests.databases import EACH_BACKEND, dump, fresh_postgres
from tests.loaders.store.test_migrations import differences

RELEASE = Path(__file__).parent / "releases" / "0002.sqlite.gz"
NEW_TABLES = {"followup_rounds", "assessments", "department_readiness", "adoptions",
              "adoption_slices", "login_limits", "frame_snapshots"}
# the tables in an order their foreign keys allow
ORDER = ("meta", "imports", "import_files", "slices", "users", "audit_log", "export_jobs")


@pytest.fixture(params=EACH_BACKEND)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The previous release's database, on SQLite as it was made, or its rows copied into a
    PostgreSQL database at the same revision (made by the migrations up to 0002)."""
    sqlite = tmp_path / "tertial.db"
    sqlite.write_bytes(gzip.decompress(RELEASE.read_bytes()))
    if request.param == "sqlite":
        yield f"sqlite:///{sqlite}"
        return
    with fresh_postgres() as made:
        from alembic import command

        command.upgrade(config(made), "0002")
        _copy(f"sqlite:///{sqlite}", made)
        yield made


def _copy(source: str, target: str) -> None:
    src, dst = create_engine(source), create_engine(target)
    tables = MetaData()
    tables.reflect(src)
    names = [*ORDER, *sorted(n for n in tables.tables if n.startswith("data_"))]
    target_tables = MetaData()
    target_tables.reflect(dst)
    with src.connect() as read, dst.begin() as write:
        write.execute(text("DELETE FROM meta"))
        for name in names:
            rows = [dict(r._mapping) for r in read.execute(select(tables.tables[name]))]
            if rows:
                write.execute(insert(target_tables.tables[name]), rows)
        for name in ("imports", "audit_log"):  # the ids go on where the release left them
            write.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                               f"(SELECT max(id) FROM {name}))"))
    src.dispose()
    dst.dispose()


def test_the_previous_releases_database_upgrades_without_loss(url: str):
    before = dump(url)
    assert len(before["imports"]) == 5 and len(before["users"]) == 1
    assert before["export_jobs"] and before["audit_log"] and not NEW_TABLES & set(before)
    with pytest.raises(StoreError) as refused:
        Store(url)
    assert "(0002)" in refused.value.message("sv")

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["--database-url", url, "db", "upgrade"]) == 0
    assert out.getvalue().strip() == f"Databasens schema är uppgraderat: 0002 → {HEAD}."

    after = dump(url)
    assert after.pop("alembic_version") == [(HEAD,)]
    before.pop("alembic_version")
    assert after.pop("meta") == [(*row, 0) for row in before.pop("meta")]  # version 0 added
    for name in NEW_TABLES:
        assert after.pop(name) == [], name
    register_columns = (None,) * 4  # 0005: diarienummer, departement, report dates
    assert after.pop("data_assignments") == [
        (*row, *register_columns) for row in before.pop("data_assignments")]
    assert after == before  # every other row as it was, to the last byte
    assert differences(url) == []


def test_the_app_works_on_it_at_once(url: str):
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["--database-url", url, "db", "upgrade"])
    store = Store(url)
    try:
        history = store.history()
        assert [r.status for r in history][:1] == ["rolled_back"]
        assert set(store.frames()["assignments"]["period"]) == {
            "2017-T1", "2017-T2", "2017-T3", "2018-T1"}
        assert Accounts(store).authenticate("anna", "hemligt-losenord-123").outcome == "ok"
        cycle = FollowUp(store)
        cycle.open_round("2018-T1", dt.date(2018, 5, 21), Actor("eva", "finance"))
        departments = list(cycle.department_assessments("2018-T1"))
        adopted = cycle.adopt("2018-T1", Actor("gd", "director"), thresholds={},
                              not_ready=departments)
        assert adopted.version == 1 and len(adopted.not_ready) == 8
        assert cycle.adopted_frames(adopted)["assignments"].equals(
            cycle.snapshot()[2]["assignments"])
    finally:
        store.close()
