"""The store: typed frames kept per import, with history, rollback and a data version.

Design (keep it):

* An import never deletes anything. It stores its rows and the slices (dataset, period) it
  sets; the current data of a slice is the rows of the LATEST non-rolled-back import that has
  it. A later import thus supersedes earlier ones slice by slice, and rolling an import back
  (marking it) brings back whatever it superseded, or nothing.
* "Current" is worked out when reading, by a subquery (per slice, the max import id among
  active imports), not kept in a table: there is nothing to keep in step, so a rollback is a
  single UPDATE and can never leave the two out of step.
* Every import and rollback runs in one transaction that first increments the data version in
  ``meta``. That UPDATE is also the write lock on every backend (SQLite additionally begins
  writing transactions with BEGIN IMMEDIATE), so imports are serialized.
* That transaction also writes the change's row in the audit log (``loaders.records.audit``;
  the row built by ``loaders.store.audit_rows``),
  by the user and with the import's own id and file name: whichever door the change came
  through (the upload page, the history page, the CLI, the demo), it is logged exactly when
  it happened, and never when it did not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from contextlib import AbstractContextManager

import pandas as pd
from sqlalchemy import Select, and_, func, insert, select, tuple_, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from loaders.errors import StoreError
from loaders.keys import KEYED, own_keys
from loaders.specs import ALL_BY_NAME, ALL_DATASETS, BY_NAME, DATASETS, Dataset
from loaders.store import frames_file
from loaders.store.audit_rows import audit_insert
from loaders.store.diff import ImportPlan, SlicePlan, diff_counts, split_slices
from loaders.store.history import (
    STORED_ACTIVE,
    STORED_ROLLED_BACK,
    ImportRecord,
    SliceKey,
    build_records,
    current_imports,
    identical_import,
)
from loaders.store.migrate import prepare
from loaders.store.schema import (
    ROW_NO,
    insert_columns,
    make_engine,
    make_schema,
    reading,
    rows_to_frame,
    select_columns,
    writing,
)

INSERT_BATCH = 20_000  # rows per executemany


class Store:
    """Imports, their history and the current data, in any SQLAlchemy database."""

    def __init__(self, url: str):
        self.schema = make_schema()
        self.engine = make_engine(url)
        try:
            with self._write() as conn:
                prepare(conn, self.schema.metadata)  # a new database, or the right revision
            self._ensure_meta()
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    # --- reading ------------------------------------------------------------------------

    def data_version(self) -> int:
        with self._read() as conn:
            return self._version(conn)

    def frames(self, datasets: tuple[Dataset, ...] = DATASETS) -> dict[str, pd.DataFrame]:
        """Current rows of every dataset, spec columns and dtypes, in (period, row) order."""
        return self.snapshot(datasets)[1]

    def snapshot(self, datasets: tuple[Dataset, ...] = DATASETS
                 ) -> tuple[int, dict[str, pd.DataFrame]]:
        """The data version and the frames of that version, read in one transaction.

        By default the tertial follow-up's datasets (what the dashboard reads); pass
        ``specs.ALL_DATASETS`` to include the survey benchmark.
        """
        version, frames, _ = self.prepared_snapshot(datasets)
        return version, frames

    def prepared_snapshot(self, datasets: tuple[Dataset, ...] = DATASETS
                          ) -> tuple[int, dict[str, pd.DataFrame],
                                     dict[str, list[frames_file.SliceKeys]]]:
        """:meth:`snapshot`, and for each dataset read from its columnar snapshots its
        current slices in the frame's order with the own keys the import stored for them
        (``frames_file.SliceKeys``; a dataset read from its data table has none)."""
        with self._read() as conn:
            version = self._version(conn)
            kept, keys = self._kept_frames(conn, datasets)
            return version, {ds.name: kept[ds.name] if ds.name in kept
                             else self._current_frame(conn, ds) for ds in datasets}, keys

    def _kept_frames(self, conn: Connection, datasets: tuple[Dataset, ...]
                     ) -> tuple[dict[str, pd.DataFrame], dict[str, list[frames_file.SliceKeys]]]:
        """Within the caller's transaction: the current frame of each dataset whose current
        slices all have a columnar snapshot that decodes (``frames_file``), with its slices'
        stored keys; the others are left out (read from the data tables)."""
        # The slices in the SQL read's order first, then their bytes by key without an
        # ORDER BY: sorting the rows with their blobs (SQLite: a temporary B-tree holding
        # every blob) cost more than decoding them. Slices never change, so the two
        # statements agree whatever commits between them.
        cur, kept = self._current_slices(), self.schema.frame_snapshots
        order = conn.execute(select(cur.c.dataset, cur.c.period, cur.c.import_id)
                             .where(cur.c.dataset.in_([ds.name for ds in datasets]))
                             .order_by(cur.c.dataset, cur.c.period)).all()
        wanted = [tuple(row) for row in order]
        stored = {} if not wanted else {
            (dataset, period, import_id): (content, key_columns)
            for dataset, period, import_id, content, key_columns in _blob_rows(
                conn, select(kept.c.dataset, kept.c.period, kept.c.import_id, kept.c.content,
                             kept.c.key_columns)
                .where(tuple_(kept.c.dataset, kept.c.period, kept.c.import_id).in_(wanted)))}
        found: dict[str, list | None] = {ds.name: [] for ds in datasets}
        keys: dict[str, list[frames_file.SliceKeys]] = {ds.name: [] for ds in datasets}
        for name, period, import_id in wanted:
            content, slice_keys = stored.get((name, period, import_id), (None, None))
            tables = found.get(name)
            if tables is None:  # a slice before had no snapshot: read from the data table
                continue
            table = None if content is None else frames_file.decode(content, ALL_BY_NAME[name])
            if table is None:
                found[name] = None
                continue
            start = keys[name][-1].stop if keys[name] else 0
            keys[name].append(frames_file.SliceKeys(period, start, start + table.num_rows,
                                                    slice_keys))
            tables.append(table)
        frames = {name: frames_file.to_frame(tables, ALL_BY_NAME[name])
                  for name, tables in found.items() if tables is not None}
        return frames, {name: keys[name] for name in frames}

    def current_rows(self, conn: Connection, dataset: str, period: str | None = None,
                     key: str | None = None) -> pd.DataFrame:
        """Within the caller's transaction: the current rows of ``dataset``, of one tertial
        and of one key (``Dataset.key_field``) when given."""
        ds = ALL_BY_NAME[dataset]
        query = self._current_query(ds)
        table = self.schema.data[ds.name]
        if period is not None and ds.slice_field:
            query = query.where(table.c[ds.slice_field] == period)
        if key is not None and ds.key_field:
            query = query.where(table.c[ds.key_field] == key)
        return rows_to_frame(conn.execute(query).all(), ds)

    def current_slices(self):
        """The subquery of the slices now current (dataset, period, import_id): what an
        adoption freezes (``loaders/followup/cycle.py``)."""
        return self._current_slices()

    def frozen_frames(self, conn: Connection, slices,
                      datasets: tuple[Dataset, ...] = ALL_DATASETS) -> dict[str, pd.DataFrame]:
        """The frames of the slices a subquery names (dataset, period, import_id): the data
        as it was when they were current. Rows are never deleted, so this never changes."""
        return {ds.name: rows_to_frame(conn.execute(self._current_query(ds, slices)).all(), ds)
                for ds in datasets}

    def known_units(self) -> set[str]:
        with self._read() as conn:
            units = self._current_frame(conn, BY_NAME["units"])["unit"]
        return set(units.dropna())

    def history(self) -> list[ImportRecord]:
        """Every import, newest first."""
        with self._read() as conn:
            return self._records(conn)

    def original_file(self, import_id: int) -> tuple[str, bytes]:
        if not valid_import_id(import_id):
            raise bad_import_id()
        imports, files = self.schema.imports, self.schema.import_files
        query = (select(imports.c.file_name, files.c.content)
                 .join_from(imports, files, files.c.import_id == imports.c.id)
                 .where(imports.c.id == import_id))
        with self._read() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise _unknown_import(import_id)
        return row.file_name, bytes(row.content)

    def plan(self, frames: dict[str, pd.DataFrame], *, file_bytes: bytes | None = None
             ) -> ImportPlan:
        """What importing ``frames`` would change, without writing anything.

        ``identical_to`` is only worked out when ``file_bytes`` is given (it is the same
        check by checksum that makes :meth:`import_frames` refuse the file).
        """
        parts = split_slices(frames)
        names = {name for name, _ in parts}
        with self._read() as conn:
            records = self._records(conn)
            current = {ds.name: self._current_frame(conn, ds) for ds in ALL_DATASETS
                       if ds.name in names}
        now = current_imports(records)
        plans = [
            self._slice_plan(key, part, current[key[0]], now.get(key))
            for key, part in parts.items()
        ]
        twin = identical_import(records, _sha256(file_bytes)) if file_bytes is not None else None
        return ImportPlan(plans, identical_to=twin)

    @staticmethod
    def _slice_plan(key: SliceKey, new: pd.DataFrame, current: pd.DataFrame,
                    current_import: int | None) -> SlicePlan:
        ds = ALL_BY_NAME[key[0]]
        field = ds.slice_field
        old = current[(current[field] == key[1]).fillna(False)] if field else current
        added, removed, changed = diff_counts(ds, old, new)
        return SlicePlan(key[0], key[1], len(old), len(new), added, removed, changed,
                         [current_import] if current_import is not None else [])

    # --- writing ------------------------------------------------------------------------

    def import_frames(self, frames: dict[str, pd.DataFrame], *, user: str, file_name: str,
                      file_bytes: bytes, note: str | None = None,
                      expected_version: int | None = None, address: str = "") -> ImportRecord:
        """Store ``frames`` as one import, whole or not at all, logged (audit "import", by
        ``user`` from ``address``) in the same transaction.

        ``expected_version``, when given, is the data version the caller previewed the import
        against: if another import or a rollback has changed the data since, StoreError
        "stale" is raised and nothing is stored. It is checked inside the write transaction,
        after the version UPDATE has taken the write lock, so no writer can slip in between.
        """
        parts = split_slices(frames)
        if not parts:
            raise StoreError("empty_import", "Filen innehåller inga rader att importera.",
                             "The file holds no rows to import.")
        sha = _sha256(file_bytes)
        with self._write() as conn:
            self._bump_version(conn)
            if expected_version is not None:
                self._check_version(conn, expected_version)
            twin = identical_import(self._records(conn), sha)
            if twin is not None:
                raise StoreError(
                    "identical",
                    f"Filen är redan importerad (import {twin}) och inget har ändrats sedan dess."
                    " Inget lagrades.",
                    f"The file has already been imported (import {twin}) and nothing has"
                    " changed since. Nothing was stored.",
                    import_id=twin,
                )
            import_id = self._insert_import(conn, parts, user, file_name, file_bytes, note)
            for ds in ALL_DATASETS:
                dataset_parts = {period: part for (name, period), part in parts.items()
                                 if name == ds.name}
                if dataset_parts:
                    self._insert_dataset(conn, ds, import_id, dataset_parts)
            self._log(conn, user, "import", import_id, file_name, address)
            return self._record(conn, import_id)

    def rollback(self, import_id: int, *, user: str, address: str = "") -> ImportRecord:
        """Mark an import rolled back: its slices show what it had superseded again. Logged
        (audit "rollback") in the same transaction."""
        if not valid_import_id(import_id):
            raise bad_import_id()
        imports = self.schema.imports
        with self._write() as conn:
            self._bump_version(conn)
            row = conn.execute(select(imports.c.rolled_back_at)
                               .where(imports.c.id == import_id)).first()
            if row is None:
                raise _unknown_import(import_id)
            if row.rolled_back_at is not None:
                raise StoreError(
                    "already_rolled_back",
                    f"Import {import_id} är redan ångrad.",
                    f"Import {import_id} has already been rolled back.",
                    import_id=import_id,
                )
            conn.execute(update(imports).where(imports.c.id == import_id).values(
                status=STORED_ROLLED_BACK, rolled_back_at=_now(), rolled_back_by=user))
            record = self._record(conn, import_id)
            self._log(conn, user, "rollback", import_id, record.file_name, address)
            return record

    def _log(self, conn: Connection, user: str, action: str, import_id: int, file_name: str,
             address: str) -> None:
        """The change's row in the audit log, in its transaction: "import N: file"."""
        conn.execute(audit_insert(self.schema.audit, user, action,
                                  f"import {import_id}: {file_name}", address))

    def _insert_import(self, conn: Connection, parts: dict[SliceKey, pd.DataFrame], user: str,
                       file_name: str, file_bytes: bytes, note: str | None) -> int:
        counts: dict[str, int] = {}
        for (name, _), part in parts.items():
            counts[name] = counts.get(name, 0) + len(part)
        periods = sorted({period for name, period in parts if ALL_BY_NAME[name].periodic})
        import_id = conn.execute(insert(self.schema.imports).values(
            created_at=_now(), user=user, file_name=file_name, sha256=_sha256(file_bytes),
            size=len(file_bytes), periods=",".join(periods), row_counts=json.dumps(counts),
            note=note, status=STORED_ACTIVE,
        )).inserted_primary_key[0]
        conn.execute(insert(self.schema.import_files).values(
            import_id=import_id, content=file_bytes))
        conn.execute(insert(self.schema.slices), [
            {"import_id": import_id, "dataset": name, "period": period, "rows": len(part)}
            for (name, period), part in parts.items()
        ])
        return import_id

    def _insert_dataset(self, conn: Connection, ds: Dataset, import_id: int,
                        parts: dict[str, pd.DataFrame]) -> None:
        """Insert one dataset's slices (period -> typed rows; each frame's index is the rows'
        original order), and each slice's columnar snapshot (``frames_file``) made from the
        same typed columns (nothing is read back), with the slice's own keys
        (``loaders/keys.py``), made here once rather than by every worker."""
        # Encoded here rather than in a thread beside the insert: measured on 100k rows the
        # thread was slower (both hold the GIL).
        snapshots = [{"import_id": import_id, "dataset": ds.name, "period": period,
                      "content": frames_file.encode(part, ds),
                      "key_columns": frames_file.encode_keys(own_keys(ds.name, part), ds.name,
                                                      len(part))
                      if ds.name in KEYED else None}
                     for period, part in parts.items()]
        frame = pd.concat(parts.values()) if len(parts) > 1 else next(iter(parts.values()))
        columns: dict[str, object] = {c.field: frame[c.field] for c in ds.columns}
        columns[ROW_NO] = frame.index.tolist()
        columns["import_id"] = [import_id] * len(frame)
        insert_columns(conn, self.schema.data[ds.name], columns, INSERT_BATCH)
        conn.execute(insert(self.schema.frame_snapshots), snapshots)

    # --- internals ----------------------------------------------------------------------

    def _read(self) -> AbstractContextManager[Connection]:
        return reading(self.engine)

    def _write(self) -> AbstractContextManager[Connection]:
        return writing(self.engine)

    def _ensure_meta(self) -> None:
        meta = self.schema.meta
        try:
            with self._write() as conn:
                if conn.execute(select(meta.c.id)).first() is None:
                    conn.execute(insert(meta).values(id=1, data_version=0))
        except IntegrityError:  # another process made it first
            pass

    def _version(self, conn: Connection) -> int:
        return conn.execute(select(self.schema.meta.c.data_version)).scalar_one()

    def _bump_version(self, conn: Connection) -> None:
        meta = self.schema.meta
        conn.execute(update(meta).values(data_version=meta.c.data_version + 1))

    def _check_version(self, conn: Connection, expected: int) -> None:
        """Refuse when the version (already bumped by this transaction) is not one past
        ``expected``: someone else has written since the caller read it."""
        found = self._version(conn) - 1
        if found != expected:
            raise StoreError(
                "stale",
                "Uppgifterna har ändrats sedan förhandsvisningen (en annan import eller en "
                "ångring). Inget lagrades; granska den nya förhandsvisningen först.",
                "The data has changed since the preview (another import or a rollback). "
                "Nothing was stored; review the fresh preview first.",
                expected_version=expected, data_version=found,
            )

    def _current_slices(self):
        """Subquery: per (dataset, period), the latest import among the active ones."""
        slices, imports = self.schema.slices, self.schema.imports
        return (select(slices.c.dataset, slices.c.period,
                       func.max(slices.c.import_id).label("import_id"))
                .join_from(slices, imports, slices.c.import_id == imports.c.id)
                .where(imports.c.rolled_back_at.is_(None))
                .group_by(slices.c.dataset, slices.c.period)
                .subquery("current_slices"))

    def _current_query(self, ds: Dataset, slices=None) -> Select:
        """The rows of ``ds`` that ``slices`` (a subquery of dataset, period, import_id; by
        default :meth:`_current_slices`) names, in their order."""
        table = self.schema.data[ds.name]
        cur = self._current_slices() if slices is None else slices
        on = and_(cur.c.dataset == ds.name, cur.c.import_id == table.c.import_id)
        order = [table.c[ROW_NO]]
        if ds.slice_field:  # a tertial, or a survey's measurement
            on = and_(on, cur.c.period == table.c[ds.slice_field])
            order.insert(0, table.c[ds.slice_field])
        return (select(*select_columns(table, ds))
                .join_from(table, cur, on).order_by(*order))

    def _current_frame(self, conn: Connection, ds: Dataset) -> pd.DataFrame:
        rows = conn.execute(self._current_query(ds)).all()
        return rows_to_frame(rows, ds)

    def _records(self, conn: Connection) -> list[ImportRecord]:
        imports, slices = self.schema.imports, self.schema.slices
        rows = conn.execute(select(imports).order_by(imports.c.id.desc())).mappings().all()
        keys = conn.execute(select(slices.c.import_id, slices.c.dataset, slices.c.period)).all()
        return build_records(rows, [tuple(k) for k in keys])

    def _record(self, conn: Connection, import_id: int) -> ImportRecord:
        return next(r for r in self._records(conn) if r.id == import_id)


def _blob_rows(conn: Connection, query: Select) -> list[tuple]:
    """The rows of ``query``, a query of binary columns, within the caller's transaction.

    PostgreSQL sends results as text unless asked otherwise, a bytea column as hex: twice
    its size on the wire, and decoded again. The snapshots' few MB at 100k rows took 37 ms
    that way and 7 ms in binary form (psycopg's binary cursor, on the same connection and so
    in the same transaction); SQLAlchemy has no switch for it, so the compiled statement
    goes to the driver's cursor with its parameters bound, as SQLAlchemy would bind them."""
    if conn.dialect.driver != "psycopg":  # SQLite (or another driver): as SQLAlchemy reads
        return [tuple(row) for row in conn.execute(query)]
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    with conn.connection.driver_connection.cursor(binary=True) as cursor:
        cursor.execute(str(compiled), compiled.params)
        return [tuple(row) for row in cursor.fetchall()]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# An import's id is a positive integer of at most 32 bits: what the imports table's id column
# (Integer) holds on PostgreSQL, far more imports than a follow-up ever makes. A larger one
# (from an address, a forged callback, the command line) would make the database refuse it
# (PostgreSQL: "integer out of range") or its driver raise OverflowError (SQLite, beyond 64
# bits); it is refused before, as a bad request, on every backend alike.
MAX_IMPORT_ID = 2**31 - 1


def valid_import_id(import_id: object) -> bool:
    """Whether ``import_id`` can be an import's id: an int (not a bool) from 1 to
    :data:`MAX_IMPORT_ID`."""
    return (isinstance(import_id, int) and not isinstance(import_id, bool)
            and 1 <= import_id <= MAX_IMPORT_ID)


def bad_import_id() -> StoreError:
    return StoreError(
        "bad_import_id",
        f"Ogiltigt import-id: ett import-id är ett heltal från 1 till {MAX_IMPORT_ID}.",
        f"Invalid import id: an import id is a whole number from 1 to {MAX_IMPORT_ID}.")


def _unknown_import(import_id: int) -> StoreError:
    return StoreError("unknown_import", f"Import {import_id} finns inte.",
                      f"Import {import_id} does not exist.", import_id=import_id)
