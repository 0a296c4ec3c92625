"""The database schema's versions: Alembic migrations (``loaders/store/migrations``), applied by
``tertial db upgrade``.

A store opened on an **empty** database creates the current schema at once and marks it as
the newest revision (:data:`HEAD`), the "create, then stamp" of Alembic's documentation: a
fresh install, and every test's fresh database, need no migration run. A store opened on a
database at another revision refuses to start and says to run ``tertial db upgrade``, so
an old schema is never written to by new code, and several app servers never race to
migrate it. A database made before the migrations (the schema of revision 0001 without
Alembic's table) is stamped 0001 by the upgrade, which then applies what came after.

From now on a schema change is a new revision in ``loaders/store/migrations/versions`` (and a new
:data:`HEAD`); ``tests/loaders/store/test_migrations.py`` checks that upgrading an empty database
gives exactly the tables ``loaders.store.schema`` describes, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Column,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    select,
)
from sqlalchemy.engine import Connection

from loaders.errors import StoreError
from loaders.store.schema import make_engine

HEAD = "0007"  # the newest revision; a test checks it against loaders/store/migrations
BASELINE = "0001"  # the schema of the databases made before the migrations
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
BASELINE_TABLE = "meta"  # present in every database the store has made


def _version_table() -> Table:
    """Alembic's own table, as Alembic makes it."""
    return Table(VERSION_TABLE, MetaData(),
                 Column("version_num", String(32), nullable=False),
                 PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))


def revision(conn: Connection) -> str | None:
    """The database's revision; None when it has no Alembic table."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.execute(select(_version_table().c.version_num)).scalar()


def prepare(conn: Connection, metadata: MetaData) -> None:
    """Within the store's first transaction: an empty database gets the current schema,
    stamped :data:`HEAD`; one at another revision is refused."""
    if not inspect(conn).get_table_names():
        metadata.create_all(conn)
        version = _version_table()
        version.create(conn)
        conn.execute(version.insert().values(version_num=HEAD))
        return
    found = revision(conn)
    if found != HEAD:
        raise StoreError(
            "schema_outdated",
            f"Databasens schema ({found or 'före migreringarna'}) är inte programmets "
            f"({HEAD}). Kör `tertial db upgrade` först.",
            f"The database's schema ({found or 'before the migrations'}) is not the "
            f"program's ({HEAD}). Run `tertial db upgrade` first.",
            found=found, expected=HEAD)


def config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["url"] = url
    return cfg


def head_of_scripts() -> str | None:
    """The newest revision among the migration scripts."""
    return ScriptDirectory.from_config(config("")).get_current_head()


def upgrade(url: str) -> tuple[str | None, str]:
    """Bring the database at ``url`` to :data:`HEAD`; (revision before, revision after). An
    empty database gets every migration; one made before the migrations is stamped
    :data:`BASELINE` first."""
    engine = make_engine(url)  # as the store opens it (a SQLite file's folder is made)
    try:
        with engine.connect() as conn:
            before = revision(conn)
            unmarked = before is None and inspect(conn).has_table(BASELINE_TABLE)
        if unmarked:
            command.stamp(config(url), BASELINE)
        command.upgrade(config(url), "head")
        with engine.connect() as conn:
            return before, revision(conn) or ""
    finally:
        engine.dispose()
