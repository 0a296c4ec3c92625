"""The columnar snapshots of the stored slices (loaders/store/frames_file.py), written by each
import with its rows: another store on the database reads frames equal to the SQL read from
them, a rollback shows the earlier slices' snapshots again, two imports at once each leave
their own, and a missing, corrupt or foreign snapshot falls back to the SQL read."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import delete, select, update

from loaders.specs import ALL_DATASETS, BY_NAME
from loaders.store import frames_file
from loaders.store.schema import frame_columns
from loaders.store.store import Store
from tests.databases import EACH_BACKEND, database_url
from tests.loaders.store.test_store import T1, T2, assert_frames_equal, book, do_import, make

T3 = "2017-T3"


@pytest.fixture(params=EACH_BACKEND)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path / "data") as made:
        yield made


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    s = Store(url)
    yield s
    s.close()


def sql_read(store: Store) -> dict[str, pd.DataFrame]:
    """The frames read from the data tables, as without snapshots."""
    with store.engine.connect() as conn:
        return {ds.name: store._current_frame(conn, ds) for ds in ALL_DATASETS}


@pytest.fixture
def no_sql_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a dataset's data table fails: what is read comes from the snapshots."""
    def refused(self, conn, ds):
        raise AssertionError(f"{ds.name} was read from its data table")
    monkeypatch.setattr(Store, "_current_frame", refused)


def snapshot_read(url: str) -> tuple[int, dict[str, pd.DataFrame]]:
    other = Store(url)  # another worker or app server on the same database
    try:
        return other.snapshot(ALL_DATASETS)
    finally:
        other.close()


def rich_assignments(period: str, n: int, tag: str) -> pd.DataFrame:
    """Assignments with every kind of cell: NA, dates, repeated and non-ASCII names."""
    return make("assignments", [
        (f"U-{tag}-{i}", f"Uppdrag {i} – {tag}", ("government", "internal")[i % 2],
         None if i % 5 else "RO Å", "Mål ö" if i % 3 else None, f"Enhet {i % 7}",
         None if i % 4 else "Anna Ängström", dt.datetime(2018, 1, 1, 12, 30, 15, 123456)
         + dt.timedelta(days=i) if i % 6 else None, None, period,
         ("green", "yellow", "red")[i % 3], None if i % 2 else f"Kommentar {i} ✓")
        for i in range(n)])


def test_another_store_reads_frames_equal_to_the_sql_read(store: Store, url: str,
                                                          monkeypatch: pytest.MonkeyPatch):
    first = {**book(T1, 1), "assignments": rich_assignments(T1, 40, "a")}
    do_import(store, first, "a")
    do_import(store, {**book(T2, 2, only=("finance", "staff")),
                      "assignments": pd.concat([rich_assignments(T2, 30, "b"),
                                                rich_assignments(T3, 9, "c")])}, "b")
    expected = sql_read(store)
    with monkeypatch.context() as patched:
        patched.setattr(Store, "_current_frame", lambda *a: pytest.fail("SQL read"))
        version, got = snapshot_read(url)
    assert version == store.data_version()
    assert set(got) == {ds.name for ds in ALL_DATASETS}
    for name, frame in expected.items():  # NA, dates to the microsecond, floats, ints, "Å"
        assert_frame_equal(got[name], frame, check_exact=True, obj=name)
    assert got["assignments"]["period"].drop_duplicates().tolist() == [T3, T1, T2]


def test_the_snapshot_is_what_is_read(store: Store, url: str):
    """Bytes of other rows stored for the current slice are what another store hands out."""
    do_import(store, book(T1, 1), "a")
    swapped = book(T1, 5)["units"]
    table = store.schema.frame_snapshots
    content = frames_file.encode(frame_columns(swapped, BY_NAME["units"]), BY_NAME["units"])
    with store.engine.begin() as conn:
        conn.execute(update(table).where(table.c.dataset == "units").values(content=content))
    assert snapshot_read(url)[1]["units"]["department"].tolist() == ["Avd 5", "Avd 2"]


def test_rollback_shows_the_earlier_slices_snapshots(store: Store, url: str, no_sql_read):
    do_import(store, book(T1, 1), "a")
    second = do_import(store, book(T1, 2), "b")  # supersedes every T1 slice
    assert snapshot_read(url)[1]["units"]["department"].tolist() == ["Avd 2", "Avd 2"]
    store.rollback(second, user="ekonom")
    version, frames = snapshot_read(url)
    assert version == store.data_version()
    assert_frames_equal({k: v for k, v in frames.items() if k != "survey"}, book(T1, 1))


def test_without_a_snapshot_a_dataset_is_read_from_its_table(store: Store, url: str):
    do_import(store, book(T1, 1), "a")
    do_import(store, book(T2, 3, only=("finance",)), "b")
    table = store.schema.frame_snapshots
    with store.engine.begin() as conn:  # as for a slice stored before migration 0006
        conn.execute(delete(table).where(table.c.dataset == "finance",
                                         table.c.period == T1))
    frames = snapshot_read(url)[1]
    assert frames["finance"]["outcome"].tolist() == [301.5, 100.0, 303.5, 100.0]
    for name, frame in sql_read(store).items():
        assert_frame_equal(frames[name], frame, check_exact=True, obj=name)


@pytest.mark.parametrize("content", [
    b"not arrow at all",
    frames_file.encode(frame_columns(book(T1, 1)["staff"], BY_NAME["staff"]),
                       BY_NAME["staff"])[:-40],  # cut short
    frames_file.encode(frame_columns(book(T1, 1)["units"], BY_NAME["units"]),
                       BY_NAME["units"]),  # another dataset's columns
], ids=["garbage", "truncated", "other-columns"])
def test_a_corrupt_snapshot_falls_back_to_the_data_tables(store: Store, url: str,
                                                          content: bytes):
    do_import(store, book(T1, 1), "a")
    table = store.schema.frame_snapshots
    with store.engine.begin() as conn:
        conn.execute(update(table).where(table.c.dataset == "staff").values(content=content))
    frames = snapshot_read(url)[1]
    assert str(frames["staff"]["permanent"].dtype) == "Int64"
    assert_frames_equal({k: v for k, v in frames.items() if k != "survey"}, book(T1, 1))


def _import_in_another_process(url: str, period: str, tag: int) -> None:
    store = Store(url)
    try:
        do_import(store, {"assignments": rich_assignments(period, 2000, f"p{tag}"),
                          "staff": book(period, tag)["staff"]}, f"p{tag}")
    finally:
        store.close()


def test_two_processes_importing_at_once_each_leave_their_own(store: Store, url: str,
                                                               monkeypatch: pytest.MonkeyPatch):
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=_import_in_another_process, args=(url, period, tag))
               for tag, period in enumerate((T1, T2), start=1)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    table = store.schema.frame_snapshots
    with store.engine.connect() as conn:
        kept = set(conn.execute(select(table.c.import_id, table.c.dataset, table.c.period)))
    ids = sorted({import_id for import_id, _, _ in kept})
    assert len(ids) == 2
    assert {(d, p) for i, d, p in kept if i == ids[0]} | {
        (d, p) for i, d, p in kept if i == ids[1]} == {
        (d, p) for d in ("assignments", "staff") for p in (T1, T2)}
    assert all({p for i, _, p in kept if i == one} in ({T1}, {T2}) for one in ids)
    expected = sql_read(store)
    with monkeypatch.context() as patched:
        patched.setattr(Store, "_current_frame", lambda *a: pytest.fail("SQL read"))
        version, got = snapshot_read(url)
    assert version == 2
    assert len(got["assignments"]) == 4000
    for name, frame in expected.items():
        assert_frame_equal(got[name], frame, check_exact=True, obj=name)
