"""The store against a real SQLite file and a real PostgreSQL database: history, supersede,
rollback, atomicity, dtypes, concurrent imports."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import text
from sqlalchemy.engine import make_url

from loaders.errors import StoreError
from loaders.settings import default_sqlite_url
from loaders.specs import BY_NAME, DATASETS, DTYPES
from loaders.store.store import Store
from tests.builders import full_workbook, xlsx_bytes
from tests.databases import EACH_BACKEND, database_url, dump, fresh_postgres
from tests.servers import ROOT

T1, T2 = "2018-T1", "2018-T2"
PERIODIC = tuple(ds.name for ds in DATASETS if ds.periodic)


# --- builders ---------------------------------------------------------------------------------

def make(name: str, rows: list[tuple]) -> pd.DataFrame:
    """A frame of dataset ``name`` from tuples in spec field order, with the spec dtypes;
    optional fields left off the end of a tuple are blank."""
    ds = BY_NAME[name]
    rows = [(*row, *[None] * (len(ds.columns) - len(row))) for row in rows]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in ds.columns]
    return pd.DataFrame({
        c.field: pd.Series(list(values), dtype=DTYPES[c.kind])
        for c, values in zip(ds.columns, columns, strict=True)
    })


def book(period: str, tag: int = 0, only: tuple[str, ...] | None = None) -> dict:
    """A small workbook's frames for one period; ``tag`` varies the values."""
    day = dt.datetime(2018, 1, 1 + tag)
    frames = {
        "units": make("units", [("A", f"Avd {tag}", "Chef"), ("B", "Avd 2", None)]),
        "assignments": make("assignments", [
            ("U-1", f"Uppdrag {tag}", "government", None, "Mål", "A", "Anna", day, None,
             period, "green", None),
            ("U-2", "Uppdrag två", "operational_plan", "RO", None, "B", None, None,
             dt.datetime(2018, 12, 31), period, "yellow", "Försenat"),
        ]),
        "finance": make("finance", [
            ("A", period, "Totalt", 1000.0, 300.5 + tag, None, 990.0),
            ("B", period, "Personal", 500.0, 100.0, 510.0, None),
        ]),
        "staff": make("staff", [
            ("A", period, 10 + tag, 2, 11.5, 0.045, None),
            ("B", period, 5, 0, None, None, 0.1),
        ]),
        "processes": make("processes", [
            ("Handläggningstid", None, period, 30.0 + tag, 25.0, "dagar"),
            ("Handläggningstid", "A", period, 28.0, None, "dagar"),
        ]),
        "kpi_settings": make("kpi_settings", [
            ("Handläggningstid", "processes", "lower", 25.0 + tag, 0.1),
            ("Digitala ansökningar", None, "higher", None, None),
        ]),
    }
    return {k: v for k, v in frames.items() if only is None or k in only}


def merged(*books: dict) -> dict:
    names = [ds.name for ds in DATASETS if any(ds.name in b for b in books)]
    return {n: pd.concat([b[n] for b in books if n in b], ignore_index=True) for n in names}


def assert_frames_equal(got: dict, expected: dict) -> None:
    assert set(got) == {ds.name for ds in DATASETS}
    for ds in DATASETS:
        want = expected.get(ds.name, make(ds.name, []))
        if ds.periodic:
            want = want.sort_values("period", kind="stable")
        assert_frame_equal(got[ds.name], want.reset_index(drop=True), obj=ds.name)


@pytest.fixture(params=EACH_BACKEND)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Every test of the store runs on a SQLite file and on a PostgreSQL database."""
    with database_url(request.param, tmp_path / "data") as made:
        yield made


@pytest.fixture
def store(url: str):
    s = Store(url)
    yield s
    s.close()


def do_import(store: Store, frames: dict, name: str) -> int:
    return store.import_frames(frames, user="ekonom", file_name=f"{name}.xlsx",
                               file_bytes=name.encode()).id


# --- reading and round trip -------------------------------------------------------------------

def test_new_store_is_empty_with_typed_frames(store: Store):
    assert store.data_version() == 0
    assert store.history() == []
    assert store.known_units() == set()
    assert_frames_equal(store.frames(), {})


def test_default_url_puts_a_wal_database_in_the_data_dir(tmp_path: Path):
    url = default_sqlite_url(tmp_path / "data")
    assert url == f"sqlite:///{(tmp_path / 'data').resolve()}/tertial.db"
    store = Store(url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()
    assert (tmp_path / "data" / "tertial.db").is_file()


def test_frames_round_trip_with_dtypes_na_and_dates(store: Store):
    frames = merged(book(T2, 1), book(T1, 2, only=("assignments", "staff", "processes")))
    do_import(store, frames, "a")
    got = store.frames()
    assert_frames_equal(got, frames)
    assignments = got["assignments"]
    assert list(assignments["period"]) == [T1, T1, T2, T2]  # period order, then row order
    assert assignments["decision_date"].isna().tolist() == [False, True, False, True]
    assert got["staff"]["permanent"].tolist() == [12, 5, 11, 5]
    assert store.known_units() == {"A", "B"}


def test_a_large_import_round_trips(store: Store):
    n = 30_000
    frame = make("assignments", [
        (f"U-{i}", f"Uppdrag {i}", "internal", None, None, "A", None,
         dt.datetime(2018, 1, 1) + dt.timedelta(days=i % 300), None, (T1, T2)[i % 2],
         "green", None if i % 3 else "ok")
        for i in range(n)
    ])
    do_import(store, {"assignments": frame}, "big")
    assert_frames_equal(store.frames(), {"assignments": frame})


def test_empty_frames_are_no_slice_and_an_empty_file_is_refused(store: Store, url: str):
    do_import(store, {"units": book(T1)["units"], "assignments": make("assignments", [])}, "a")
    assert store.history()[0].slices == [("units", "")]
    before = dump(url)
    with pytest.raises(StoreError) as err:
        do_import(store, {"finance": make("finance", [])}, "b")
    assert err.value.code == "empty_import"
    assert dump(url) == before


def test_a_frame_lacking_a_spec_column_is_refused(store: Store):
    frames = book(T1, only=("staff",))
    frames["staff"] = frames["staff"].drop(columns=["fte"])
    with pytest.raises(StoreError) as err:
        do_import(store, frames, "a")
    assert err.value.code == "invalid_frame"
    assert "fte" in err.value.message_sv and "fte" in err.value.message_en


# --- atomicity --------------------------------------------------------------------------------

@pytest.mark.parametrize("fail_at", [1, 2, 6])
def test_an_interrupted_import_leaves_the_database_as_it_was(store: Store, url: str,
                                                             monkeypatch, fail_at: int):
    do_import(store, book(T1, 1), "first")
    before, version = dump(url), store.data_version()
    real = store._insert_dataset
    calls = itertools.count(1)

    def failing(*args, **kwargs):
        if next(calls) == fail_at:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "_insert_dataset", failing)
    with pytest.raises(RuntimeError):
        do_import(store, merged(book(T1, 2), book(T2, 2, only=PERIODIC)), "second")
    assert dump(url) == before
    assert store.data_version() == version
    assert_frames_equal(store.frames(), book(T1, 1))


# --- supersede and rollback -------------------------------------------------------------------

CHAIN = {
    "A": book(T1, 1),
    "B": merged(book(T1, 2, only=("assignments",)), book(T2, 2)),
    "C": book(T1, 3, only=("finance", "kpi_settings")),
}


def fresh_frames(tmp_path: Path, names: list[str]) -> dict:
    """The frames of a new store that got only ``names`` imported, in order."""
    other = Store(f"sqlite:///{tmp_path / ('oracle-' + ''.join(names) + '.db')}")
    for name in names:
        do_import(other, CHAIN[name], name)
    frames = other.frames()
    other.close()
    return frames


def test_supersede_then_rollback_restores_each_previous_state(store: Store):
    states = [store.frames()]
    for name in CHAIN:
        do_import(store, CHAIN[name], name)
        states.append(store.frames())
    assert_frames_equal(states[1], CHAIN["A"])
    for import_id in (3, 2, 1):
        store.rollback(import_id, user="ekonom")
        assert_frames_equal(store.frames(), states[import_id - 1])


@pytest.mark.parametrize("order", list(itertools.permutations([1, 2, 3])))
def test_rollback_in_any_order_equals_importing_only_the_rest(store: Store, tmp_path: Path,
                                                              order: tuple[int, ...]):
    names = list(CHAIN)
    for name in names:
        do_import(store, CHAIN[name], name)
    remaining = list(names)
    for import_id in order:
        store.rollback(import_id, user="ekonom")
        remaining.remove(names[import_id - 1])
        assert_frames_equal(store.frames(), fresh_frames(tmp_path, remaining))


def test_history_tells_status_and_what_superseded_what(store: Store):
    for name in CHAIN:
        do_import(store, CHAIN[name], name)
    a, b, c = reversed(store.history())
    assert [r.id for r in store.history()] == [3, 2, 1]
    assert (a.status, a.supersedes, a.superseded_by) == ("partly_superseded", [], [2, 3])
    assert (b.status, b.supersedes, b.superseded_by) == ("partly_superseded", [1], [3])
    assert (c.status, c.supersedes, c.superseded_by) == ("active", [1, 2], [])
    assert b.periods == [T1, T2] and c.periods == [T1]
    assert b.row_counts == {"units": 2, "assignments": 4, "finance": 2, "staff": 2,
                            "processes": 2, "kpi_settings": 2}
    assert (a.user, a.file_name, a.size) == ("ekonom", "A.xlsx", 1)
    assert a.created_at.tzinfo is not None and a.created_at.utcoffset() == dt.timedelta(0)
    assert len(a.sha256) == 64

    store.rollback(2, user="chef")
    a, b, c = reversed(store.history())
    assert (b.status, b.rolled_back_by, b.supersedes) == ("rolled_back", "chef", [])
    assert b.rolled_back_at is not None
    assert (a.status, a.superseded_by) == ("partly_superseded", [3])
    assert c.supersedes == [1]
    assert c.to_dict()["created_at"] == c.created_at.isoformat()

    do_import(store, merged(book(T1, 4), book(T2, 4, only=PERIODIC)), "D")
    statuses = {r.id: r.status for r in store.history()}
    assert statuses == {1: "superseded", 2: "rolled_back", 3: "superseded", 4: "active"}


def test_rollback_refusals_change_nothing(store: Store, url: str):
    do_import(store, CHAIN["A"], "A")
    store.rollback(1, user="ekonom")
    before = dump(url)
    for import_id, code in ((1, "already_rolled_back"), (9, "unknown_import")):
        with pytest.raises(StoreError) as err:
            store.rollback(import_id, user="ekonom")
        assert err.value.code == code
        assert f"Import {import_id}" in err.value.message_sv
        assert f"Import {import_id}" in err.value.message_en
    assert dump(url) == before


def test_data_version_moves_with_every_import_and_rollback_only(store: Store):
    versions = [store.data_version()]
    do_import(store, CHAIN["A"], "A")
    versions.append(store.data_version())
    do_import(store, CHAIN["B"], "B")
    versions.append(store.data_version())
    store.rollback(2, user="ekonom")
    versions.append(store.data_version())
    assert versions == [0, 1, 2, 3]
    with pytest.raises(StoreError):
        do_import(store, CHAIN["A"], "A")  # identical
    with pytest.raises(StoreError):
        store.rollback(2, user="ekonom")
    assert store.data_version() == 3
    assert store.snapshot()[0] == 3


# --- identical files --------------------------------------------------------------------------

def test_identical_reimport_is_refused_and_stores_nothing(store: Store, url: str):
    do_import(store, CHAIN["A"], "A")
    before = dump(url)
    assert store.plan(CHAIN["A"], file_bytes=b"A").identical_to == 1
    with pytest.raises(StoreError) as err:
        do_import(store, CHAIN["A"], "A")
    assert err.value.code == "identical"
    assert "Filen är redan importerad (import 1)" in err.value.message_sv
    assert "(import 1)" in err.value.message_en
    assert dump(url) == before


def test_reimporting_a_superseded_file_is_how_one_goes_back(store: Store):
    do_import(store, CHAIN["A"], "A")
    before = store.frames()
    do_import(store, CHAIN["C"], "C")  # supersedes part of A
    assert store.plan(CHAIN["A"], file_bytes=b"A").identical_to is None
    record = store.import_frames(CHAIN["A"], user="ekonom", file_name="A.xlsx",
                                 file_bytes=b"A")
    assert record.id == 3 and record.supersedes == [1, 2]
    assert_frames_equal(store.frames(), before)


def test_reimporting_a_rolled_back_file_is_allowed(store: Store):
    do_import(store, CHAIN["A"], "A")
    store.rollback(1, user="ekonom")
    assert do_import(store, CHAIN["A"], "A") == 2
    assert_frames_equal(store.frames(), CHAIN["A"])


def test_original_file_is_kept(store: Store):
    store.import_frames(CHAIN["A"], user="u", file_name="Uppföljning T1.xlsx",
                        file_bytes=b"\x00PK bytes\xff")
    assert store.original_file(1) == ("Uppföljning T1.xlsx", b"\x00PK bytes\xff")
    with pytest.raises(StoreError) as err:
        store.original_file(2)
    assert err.value.code == "unknown_import"


# --- plan -------------------------------------------------------------------------------------

def test_plan_counts_added_removed_changed_by_key(store: Store, url: str):
    row = ("Namn", "internal", None, None, "A", None, None, None)
    do_import(store, {
        "units": make("units", [("A", "Avd 1", None), ("B", "Avd 1", None)]),
        "assignments": make("assignments", [
            ("U-1", *row, T1, "green", None),
            ("U-2", *row, T1, "yellow", "x"),
            ("U-3", *row, T1, "red", "y"),
        ]),
        "finance": make("finance", [
            ("A", T1, "Totalt", 10.0, 5.0, None, None),
            ("A", T1, "Personal", 8.0, 4.0, None, None),
        ]),
        "processes": make("processes", [
            ("Tid", None, T1, 3.0, None, "dagar"),
            ("Tid", "A", T1, 4.0, None, "dagar"),
        ]),
    }, "first")
    before = dump(url)
    plan = store.plan({
        "units": make("units", [("A", "Avd 2", None), ("B", "Avd 1", None)]),
        "assignments": make("assignments", [
            ("u-1", *row, T1, "red", None),  # same assignment, other case: changed
            ("U-2", *row, T1, "yellow", "x"),  # unchanged
            ("U-4", *row, T1, "green", None),  # added; U-3 removed
            ("U-1", *row, T2, "green", None),  # a new period
        ]),
        "finance": make("finance", [
            ("A", T1, "Personal", 8.0, 4.5, None, None),  # changed; Totalt removed
        ]),
        "processes": make("processes", [
            ("Tid", None, T1, 3.0, None, "dagar"),  # agency row (blank unit) unchanged
            ("Tid", "A", T1, 4.0, None, "dagar"),
        ]),
    })
    got = {(s.dataset, s.period): (s.rows_now, s.rows_after, s.added, s.removed, s.changed,
                                   s.supersedes) for s in plan.slices}
    assert got == {
        ("units", ""): (2, 2, 0, 0, 1, [1]),
        ("assignments", T1): (3, 3, 1, 1, 1, [1]),
        ("assignments", T2): (0, 1, 1, 0, 0, []),
        ("finance", T1): (2, 1, 0, 1, 1, [1]),
        ("processes", T1): (2, 2, 0, 0, 0, [1]),
    }
    assert plan.identical_to is None and not plan.changes_nothing
    assert plan.to_dict()["periods"] == [T1, T2]
    assert dump(url) == before


# --- concurrency ------------------------------------------------------------------------------

def test_two_concurrent_imports_are_serialized_and_land_whole(url: str):
    Store(url).close()
    frames = {
        tag: {"assignments": make("assignments", [
            (f"U-{i}", f"Uppdrag {tag}", "internal", None, None, "A", None, None, None, T1,
             "green", tag) for i in range(5_000)
        ])}
        for tag in ("left", "right")
    }
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(tag: str) -> None:
        own = Store(url)
        try:
            start.wait()
            do_import(own, frames[tag], tag)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(tag,)) for tag in frames]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = Store(url)
    history = store.history()
    assert [r.id for r in history] == [2, 1] and store.data_version() == 2
    last, first = (r.file_name.removesuffix(".xlsx") for r in history)
    assert_frames_equal(store.frames(), frames[last])
    store.rollback(2, user="ekonom")
    assert_frames_equal(store.frames(), frames[first])
    store.close()


# --- across processes (PostgreSQL: the app servers of a larger agency share one) ------------

# Another app server importing a workbook into the same database.
OTHER_SERVER = """
import sys
from pathlib import Path
from loaders.imports.importer import import_file
from loaders.settings import Settings
from loaders.store.store import Store
store = Store(sys.argv[1])
path = Path(sys.argv[2])
outcome = import_file(store, path.read_bytes(), path.name, Settings(data_dir=path.parent),
                      user="server two")
print(outcome.record.id if outcome.record else outcome.report.to_dict())
"""
WAITING = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
               "AND wait_event_type = 'Lock'")
WAIT_LIMIT_S = 60  # a bound on the polling, not a timed assertion


def waiting(store: Store, name: str) -> bool:
    """Whether the connection named ``name`` waits for a lock (a transaction of its own:
    PostgreSQL keeps one snapshot of pg_stat_activity per transaction)."""
    with store.engine.connect() as conn:
        return bool(conn.execute(WAITING, {"name": name}).scalar())


def test_an_import_from_another_process_waits_for_the_write_lock(tmp_path: Path):
    """An import's first step (the data version's UPDATE) is a row lock in the database
    itself, so it holds across processes and machines: the other server's import waits in
    PostgreSQL until this transaction ends, then lands after it."""
    workbook = tmp_path / "uppfoljning.xlsx"
    workbook.write_bytes(xlsx_bytes(full_workbook()))
    with fresh_postgres() as url:
        store = Store(url)
        other_url = make_url(url).update_query_dict({"application_name": "server-two"})
        with store._write() as conn:  # noqa: SLF001 - an import's first step, held open
            store._bump_version(conn)  # noqa: SLF001
            other = subprocess.Popen(
                [sys.executable, "-c", OTHER_SERVER,
                 other_url.render_as_string(hide_password=False), str(workbook)],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.monotonic() + WAIT_LIMIT_S
            while not waiting(store, "server-two"):
                assert other.poll() is None, other.communicate()
                assert time.monotonic() < deadline, "the other import never waited"
                time.sleep(0.1)
            assert store.history() == []  # nothing of the other import yet
        out, err = other.communicate(timeout=WAIT_LIMIT_S)
        assert other.returncode == 0, err
        assert out.strip() == "1"
        assert store.data_version() == 2  # ours first, then the other's
        assert [r.user for r in store.history()] == ["server two"]
        store.close()
