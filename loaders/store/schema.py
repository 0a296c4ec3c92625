"""The store's tables (SQLAlchemy Core), the engine, and frame <-> row conversion.

One table per dataset of :data:`loaders.specs.ALL_DATASETS` (``data_<name>``): the import that
stored the row, the row's position in the imported frame, then the spec's fields with SQL
types following their :class:`~loaders.specs.Kind`. Around them: ``imports`` (who, when, which
file), ``import_files`` (the original bytes, kept apart so listing imports never loads them),
``slices`` (which (dataset, period) each import set), ``meta`` (the data version), the
access tables ``users``, ``audit_log`` and ``login_limits``, ``export_jobs`` (large exports
made in the background, ``loaders/records/export_jobs.py``), and the follow-up cycle's
(``loaders/store/followup_tables.py``).

All SQL here is portable; the only dialect-specific code is the marked SQLite hook section.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    type_coerce,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeEngine

from loaders.private import private_file, private_folder
from loaders.specs import ALL_DATASETS, DTYPES, Dataset, Kind
from loaders.store.followup_tables import FollowUpTables, followup_tables

TABLE_PREFIX = "data_"
ROW_NO = "row_no"  # the row's position in the imported frame (keeps the original order)
WRITE_OPTION = "tertial_write"  # execution option marking a writing transaction
SQLITE_BUSY_TIMEOUT_MS = 30_000

SQL_TYPES: dict[Kind, type[TypeEngine]] = {
    Kind.TEXT: Text,
    Kind.ID: Text,
    Kind.NUMBER: Float,
    Kind.COUNT: Integer,
    Kind.PERCENT: Float,
    Kind.DATE: DateTime,
    Kind.DATES: Text,
    Kind.PERIOD: Text,
    Kind.STATUS: Text,
    Kind.ASSIGNMENT_TYPE: Text,
    Kind.PERSPECTIVE: Text,
    Kind.DIRECTION: Text,
    Kind.FLAG: Boolean,
}


@dataclass(frozen=True)
class Schema:
    metadata: MetaData
    meta: Table
    imports: Table
    import_files: Table
    slices: Table
    data: Mapping[str, Table]  # dataset name -> its table
    users: Table
    audit: Table
    login_limits: Table
    export_jobs: Table
    followup: FollowUpTables
    frame_snapshots: Table  # every slice's rows as columnar bytes (loaders/store/frames_file.py)


def make_schema() -> Schema:
    """A fresh MetaData holding every table (built per store: no module-level state)."""
    md = MetaData()
    meta = Table(
        "meta", md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("data_version", Integer, nullable=False),
        # changed by every change to the follow-up cycle (loaders/followup/cycle.py)
        Column("followup_version", Integer, nullable=False, server_default="0"),
    )
    imports = Table(
        "imports", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("user", Text, nullable=False),
        Column("file_name", Text, nullable=False),
        Column("sha256", String(64), nullable=False, index=True),
        Column("size", Integer, nullable=False),
        Column("periods", Text, nullable=False),  # comma-separated tertial labels
        Column("row_counts", Text, nullable=False),  # JSON: dataset -> rows
        Column("note", Text),
        Column("status", Text, nullable=False),  # "active" | "rolled_back"
        Column("rolled_back_at", DateTime(timezone=True)),
        Column("rolled_back_by", Text),
        sqlite_autoincrement=True,  # never reuse an id (ignored by other dialects)
    )
    import_files = Table(
        "import_files", md,
        Column("import_id", ForeignKey("imports.id"), primary_key=True, autoincrement=False),
        Column("content", LargeBinary, nullable=False),
    )
    slices = Table(
        "slices", md,
        Column("import_id", ForeignKey("imports.id"), primary_key=True, autoincrement=False),
        Column("dataset", Text, primary_key=True),
        Column("period", Text, primary_key=True),  # "" for a non-periodic dataset
        Column("rows", Integer, nullable=False),
        Index("ix_slices_dataset_period", "dataset", "period", "import_id"),
    )
    data = {ds.name: _data_table(md, ds) for ds in ALL_DATASETS}
    return Schema(md, meta, imports, import_files, slices, data, *_access_tables(md),
                  _export_jobs_table(md), followup_tables(md), _frame_snapshots_table(md))


def _frame_snapshots_table(md: MetaData) -> Table:
    """One slice's rows as Arrow bytes, written with the slice's rows in the import's
    transaction (``loaders/store/frames_file.py``), with its own key columns; a slice without
    one is read from its data table."""
    return Table(
        "frame_snapshots", md,
        Column("import_id", ForeignKey("imports.id"), primary_key=True, autoincrement=False),
        Column("dataset", Text, primary_key=True),
        Column("period", Text, primary_key=True),  # "" for a non-periodic dataset
        Column("content", LargeBinary, nullable=False),
        # the slice's own key columns (frames_file.encode_keys); NULL: stored before 0007,
        # or a dataset without keys
        Column("key_columns", LargeBinary, nullable=True),
    )


def _access_tables(md: MetaData) -> tuple[Table, Table, Table]:
    """The password mode's users (loaders/records/accounts.py), the audit log
    (loaders/records/audit.py) and the login limits (loaders/records/login_limits.py)."""
    users = Table(
        "users", md,
        Column("name", Text, primary_key=True),  # the login name, case-folded
        Column("display_name", Text, nullable=False),
        Column("role", Text, nullable=False),
        Column("department", Text),  # a head's (or restricted viewer's) department
        Column("password_hash", Text, nullable=False),  # argon2id, PHC string
        # login attempts counted in the window that ends at locked_until (taken before the
        # password is checked); at TERTIAL_LOGIN_ATTEMPTS the window is a lock
        Column("failed_logins", Integer, nullable=False),
        Column("locked_until", DateTime(timezone=True)),
        Column("session_token", String(64), nullable=False),  # new token: old sessions end
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("changed_at", DateTime(timezone=True), nullable=False),
    )
    audit = Table(
        "audit_log", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", DateTime(timezone=True), nullable=False, index=True),
        Column("user", Text, nullable=False),  # who did it (or tried to)
        Column("action", Text, nullable=False),  # loaders.records.audit.ACTIONS
        Column("detail", Text, nullable=False),  # what it concerned, plain text
        Column("address", Text, nullable=False),  # the client's address, "cli" from the CLI
        sqlite_autoincrement=True,
    )
    login_limits = Table(
        "login_limits", md,
        Column("key", Text, primary_key=True),  # "address <client>" or "name <unknown name>"
        Column("attempts", Integer, nullable=False),  # counted in the window
        Column("ends_at", DateTime(timezone=True), nullable=False, index=True),  # then pruned
    )
    return users, audit, login_limits


def _export_jobs_table(md: MetaData) -> Table:
    """A view's workbook made in the background: its state (any worker or server polls it)
    and, once done, the file itself (``loaders/records/export_jobs.py``)."""
    return Table(
        "export_jobs", md,
        Column("id", String(64), primary_key=True),  # a random token
        Column("owner", Text, nullable=False),  # the user's name: only they see the job
        Column("params", Text, nullable=False),  # JSON: the view's address parameters
        Column("data_version", Integer, nullable=False),  # the data the file shows
        Column("status", Text, nullable=False),  # queued | running | done | failed
        Column("rows_done", Integer, nullable=False),
        Column("rows_total", Integer, nullable=False),
        Column("error", Text),  # why it failed, for the log (never shown as it is)
        Column("created_at", DateTime(timezone=True), nullable=False, index=True),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("file_name", Text),
        Column("content", LargeBinary),  # the finished workbook
    )


def _data_table(md: MetaData, ds: Dataset) -> Table:
    return Table(
        f"{TABLE_PREFIX}{ds.name}", md,
        Column("import_id", ForeignKey("imports.id"), primary_key=True, autoincrement=False),
        Column(ROW_NO, Integer, primary_key=True, autoincrement=False),
        *(Column(c.field, SQL_TYPES[c.kind]()) for c in ds.columns),
    )


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A reading transaction."""
    with engine.connect() as conn, conn.begin():
        yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A writing transaction (on SQLite it takes the write lock at once: BEGIN IMMEDIATE)."""
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            yield conn


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    _one_process_per_connection(engine)
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    return engine


# --- forked processes -----------------------------------------------------------------------
# ``gunicorn --preload`` builds the app (and its store's pool, with the connections the demo
# load opened) in the master, then forks the workers. A connection is a socket to the server:
# two processes using one mix their messages, and PostgreSQL answers one with the other's
# results or drops both. So a pooled connection is used only in the process that opened it; a
# forked process leaves the inherited one alone (never closes it: that would end it for the
# parent too) and opens its own. SQLAlchemy's recipe ("Using Connection Pools with
# Multiprocessing or os.fork()").

def _one_process_per_connection(engine: Engine) -> None:
    event.listen(engine, "connect", _remember_process)
    event.listen(engine, "checkout", _refuse_other_process)


def _remember_process(_dbapi_connection, record) -> None:
    record.info["pid"] = os.getpid()


def _refuse_other_process(_dbapi_connection, record, proxy) -> None:
    if record.info.get("pid") != os.getpid():
        record.dbapi_connection = proxy.dbapi_connection = None
        raise DisconnectionError("a connection opened by another process")


# --- SQLite dialect hooks ------------------------------------------------------------------
# pysqlite's own transaction handling is switched off and BEGIN is emitted by us (the recipe
# of SQLAlchemy's SQLite dialect docs), so a writing transaction can take the write lock at
# once with BEGIN IMMEDIATE: two concurrent imports then queue on busy_timeout instead of
# failing on a lock upgrade. WAL lets readers go on while an import runs.

def _sqlite_setup(engine: Engine) -> None:
    database = sqlite_file(engine)
    if database is not None:  # owner-only (loaders/private.py); -wal and -shm take its mode
        private_file(private_folder(database.parent) / database.name)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)


def sqlite_file(engine: Engine) -> Path | None:
    """The SQLite database file of ``engine``; None for another database, or one in memory."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def sqlite_files(engine: Engine) -> tuple[Path, ...]:
    """The database file of a SQLite ``engine`` with its ``-wal`` and ``-shm``; none else."""
    database = sqlite_file(engine)
    if database is None:
        return ()
    return database, *(database.with_name(database.name + end) for end in ("-wal", "-shm"))


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


# --- frames <-> rows ---------------------------------------------------------------------------
# Bulk rows go around SQLAlchemy's per-row parameter handling (about 60 % of the time of a
# 100k-row executemany): the INSERT is compiled once for the connection's dialect, the
# dialect's own bind processors are applied per column, and the rows go to the driver's
# executemany in the dialect's paramstyle, or, on PostgreSQL with psycopg 3, to COPY FROM
# STDIN in the same transaction (100k assignments, with the typed columns: the insert's CPU
# time from 2.0-2.3 s with executemany to 0.7 s, measured on a busy machine). Reading,
# dates are fetched as the driver gives them (ISO text on SQLite, datetimes elsewhere) and
# parsed by pandas in one go.

def insert_columns(conn: Connection, table: Table, columns: Mapping[str, object],
                   batch: int) -> None:
    """Insert rows given as equally long columns (lists, or typed Series as the store's frames
    hold them), ``batch`` rows per executemany."""
    dialect = conn.dialect
    names = list(columns)
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    values = {}
    for name in names:
        if dialect.name == "sqlite" and isinstance(table.c[name].type, DateTime):
            values[name] = _sqlite_datetimes(columns[name])
            continue
        column = _driver_values(columns[name])
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        values[name] = list(map(process, column)) if process else column
    if dialect.driver == "psycopg":  # PostgreSQL's fastest way in: COPY, in the transaction
        _copy_rows(conn, table, names, zip(*(values[n] for n in names), strict=True))
        return
    if dialect.positional:
        rows: list = list(zip(*(values[n] for n in compiled.positiontup), strict=True))
    else:
        rows = [dict(zip(names, row, strict=True))
                for row in zip(*values.values(), strict=True)]
    sql = str(compiled)
    for start in range(0, len(rows), batch):
        conn.exec_driver_sql(sql, rows[start:start + batch])


def _copy_rows(conn: Connection, table: Table, names: list[str], rows: Iterator[tuple]
               ) -> None:
    """The rows sent by psycopg 3's COPY FROM STDIN on the connection of ``conn`` (inside its
    transaction: a failed import still leaves nothing behind); psycopg adapts each Python
    value (str, float, int, bool, datetime, None) as its INSERT would."""
    quote = conn.dialect.identifier_preparer
    columns = ", ".join(quote.quote(name) for name in names)
    sql = f"COPY {quote.format_table(table)} ({columns}) FROM STDIN"
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _driver_values(values: object) -> list:
    """A column as the Python values a DB-API driver takes, None for NA."""
    if not isinstance(values, pd.Series):
        return values if isinstance(values, list) else list(values)
    if values.dtype.kind == "M":
        out = values.dt.to_pydatetime().astype(object)
        out[values.isna().to_numpy()] = None
        return out.tolist()
    return values.to_numpy(dtype=object, na_value=None).tolist()


_ISO_T = 10  # where numpy's ISO text has its "T" between date and time


def _sqlite_datetimes(values: object) -> list[str | None]:
    """Datetimes as SQLAlchemy's SQLite DateTime stores them (``2018-01-15 00:00:00.000000``),
    formatted by numpy, each distinct one once (a column of days repeats them): many times
    faster than the per-value bind processor on 100k rows. ``values``: a datetime64 Series
    (converted without Python objects) or a list of datetimes and None."""
    stamps = np.asarray(values, dtype="datetime64[us]")
    codes, distinct = pd.factorize(stamps.view(np.int64))
    distinct = distinct.view("datetime64[us]")
    text = np.datetime_as_string(distinct, unit="us")
    known = ~np.isnat(distinct)
    if len(text) and text.itemsize > 4 * _ISO_T:
        points = text.view(np.uint32).reshape(len(text), -1)  # one code point per cell
        points[known, _ISO_T] = ord(" ")  # "2018-01-15T00:00" -> "2018-01-15 00:00"
    out = text.astype(object)
    out[~known] = None
    return out[codes].tolist()


def select_columns(table: Table, ds: Dataset) -> list[ColumnElement]:
    """The spec's columns of ``table``; dates without SQLAlchemy's per-value parsing."""
    return [
        type_coerce(table.c[c.field], Text).label(c.field) if c.kind is Kind.DATE
        else table.c[c.field]
        for c in ds.columns
    ]


def frame_columns(frame: pd.DataFrame, ds: Dataset) -> dict[str, list]:
    """The frame's spec columns as Python lists with None for NA (what DB-API drivers take)."""
    out: dict[str, list] = {}
    for col in ds.columns:
        series = frame[col.field]
        if col.kind is Kind.DATE:
            values = series.dt.to_pydatetime().astype(object)
            values[series.isna().to_numpy()] = None
            out[col.field] = values.tolist()
        else:
            out[col.field] = series.to_numpy(dtype=object, na_value=None).tolist()
    return out


def rows_to_frame(rows: list, ds: Dataset) -> pd.DataFrame:
    """Rows of the spec's fields (in spec order) to a frame with the spec's dtypes."""
    grid = np.empty((len(rows), len(ds.columns)), dtype=object)
    if rows:
        grid[:] = [tuple(row) for row in rows]
    data = {col.field: _typed(grid[:, i], DTYPES[col.kind]) for i, col in enumerate(ds.columns)}
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def _typed(values: np.ndarray, dtype: str) -> pd.Series:
    if dtype.startswith("datetime64"):
        return pd.to_datetime(pd.Series(values), format="ISO8601").astype(dtype)
    return pd.Series(pd.array(values, dtype=dtype), copy=False)


def empty_frame(ds: Dataset) -> pd.DataFrame:
    return rows_to_frame([], ds)


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite hands them back naive)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)
