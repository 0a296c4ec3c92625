"""The keys each import stores with its slices (``loaders/keys.py``, ``loaders/store/
frames_file.py``) give a worker's first read of a new data version exactly the keyed rows it
would make from the rows (dashboard/kpis/rows.py): on the demo and on untidy exports, after a
rollback, after an assessment saved in the app, after two imports at once, on a database
upgraded from the previous revision and with stored keys that cannot be used, on SQLite and
PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from alembic import command
from pandas.testing import assert_frame_equal
from sqlalchemy import select, update

from dashboard.data import FrameCache
from dashboard.kpis import Selection, rows, summary
from dashboard.kpis.organisation import dataset
from dashboard.kpis.periods import rows_of_period
from loaders.followup.cycle import FollowUp
from loaders.followup.rules import Assessment
from loaders.keys import OwnKeys, own_keys
from loaders.store import frames_file
from loaders.store.migrate import config, upgrade
from loaders.store.store import Store
from tests.dashboard.kpis.test_keys import VARIANTS, plain_with_keys
from tests.dashboard.kpis.test_prepared import demo_frames, untidy
from tests.databases import EACH_BACKEND, database_url, dump
from tests.loaders.followup.agency import FINANCE, HEAD_ANALYS, LAST_DAY, T2, load

KEYED = ("assignments", "finance", "staff", "processes")
PERIODS = ("2018-T1", "2018-T2")


@pytest.fixture(params=EACH_BACKEND)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path / "data") as made:
        yield made


@pytest.fixture
def stores(url: str) -> Iterator[tuple[Store, Store]]:
    """(the importing process's store, a worker's store) on one database."""
    importer, worker = Store(url), Store(url)
    yield importer, worker
    importer.close()
    worker.close()


@pytest.fixture
def no_keys_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that would make the own keys of a tertial's rows fails the test (a tertial
    without rows has no slice, and nothing to make)."""
    def refused(name: str, frame: pd.DataFrame) -> OwnKeys:
        assert frame.empty, f"the keys of {name} were made by the worker"
        return own_keys(name, frame)
    monkeypatch.setattr(rows, "own_keys", refused)


def store_frames(store: Store, frames: dict, name: str) -> int:
    return store.import_frames(frames, user="ekonom", file_name=f"{name}.xlsx",
                               file_bytes=name.encode()).id


def assert_keyed_rows_are_plain(frames, periods: tuple[str, ...] = PERIODS) -> None:
    """Every tertial's keyed rows of the worker's frames are those made cell by cell from
    the same frames (``tests/dashboard/kpis/test_keys.py``)."""
    plain = dict(frames)
    for name in KEYED:
        for period in periods:
            got = rows.period_rows(frames, name, period)
            want = plain_with_keys(plain, name, rows_of_period(dataset(plain, name), period))
            assert_frame_equal(got, want, check_exact=True, obj=f"{name} {period}")


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_stored_keys_are_the_keys_made_from_the_rows(
        stores: tuple[Store, Store], variant: str, no_keys_made: None):
    importer, worker = stores
    store_frames(importer, VARIANTS[variant](demo_frames()), variant)
    frames = FrameCache(worker).current().frames
    assert_keyed_rows_are_plain(frames)


def test_after_a_rollback_the_page_shows_the_import_it_brings_back(
        stores: tuple[Store, Store], no_keys_made: None):
    importer, worker = stores
    cache = FrameCache(worker)
    store_frames(importer, demo_frames(), "demo")
    before = summary(cache.current().frames, Selection("2018-T2"))
    later = store_frames(importer, untidy(demo_frames()), "untidy")
    assert summary(cache.current().frames, Selection("2018-T2")) != before
    importer.rollback(later, user="ekonom")
    frames = cache.current().frames
    assert summary(frames, Selection("2018-T2")) == before
    assert_keyed_rows_are_plain(frames)


def test_an_assessment_saved_in_the_app_is_in_the_keyed_rows(stores: tuple[Store, Store]):
    importer, worker = stores
    load(importer)
    cycle = FollowUp(importer)
    cycle.open_round(T2, LAST_DAY, FINANCE)
    cache = FrameCache(worker)
    first = rows.period_rows(cache.current().frames, "assignments", T2).set_index("id")
    assert (first.loc["A-1", "code"], first.loc["A-1", rows.BLANK_COMMENT]) == ("red", True)
    cycle.assess(T2, "A-1", Assessment("green", "Klart i tid."), HEAD_ANALYS, 0)
    frames = cache.current().frames
    keyed = rows.period_rows(frames, "assignments", T2).set_index("id")
    assert (keyed.loc["A-1", "code"], keyed.loc["A-1", rows.BLANK_COMMENT]) == ("green", False)
    assert_keyed_rows_are_plain(frames)
    counts = summary(frames, Selection(T2))["operations"]
    assert counts == summary(dict(frames), Selection(T2))["operations"]


def test_two_imports_at_once_each_leave_their_own_keys(url: str, no_keys_made: None):
    books = [demo_frames(), untidy(demo_frames())]
    start = threading.Barrier(len(books))
    failures: list[BaseException] = []

    Store(url).close()  # the schema made first: the two stores meet at the imports

    def run(index: int) -> None:
        try:
            store = Store(url)
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)
            return
        try:
            start.wait()
            store_frames(store, books[index], f"book-{index}")
        except BaseException as exc:  # reported by the main thread  # noqa: BLE001
            failures.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(books))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []
    worker = Store(url)
    try:
        cache = FrameCache(worker)
        assert_keyed_rows_are_plain(cache.current().frames)
        newest = worker.history()[0].id
        worker.rollback(newest, user="ekonom")  # the other import's slices again
        assert_keyed_rows_are_plain(cache.current().frames)
    finally:
        worker.close()


def test_a_database_of_the_previous_revision_upgrades_and_its_keys_are_made(url: str):
    store = Store(url)
    store_frames(store, untidy(demo_frames()), "untidy")
    store.close()
    command.downgrade(config(url), "0006")  # as the previous release left it: no keys
    before = dump(url)
    assert upgrade(url) == ("0006", "0007")
    after = dump(url)
    assert {k: v for k, v in after.items() if k not in ("frame_snapshots", "alembic_version")} \
        == {k: v for k, v in before.items() if k not in ("frame_snapshots", "alembic_version")}
    assert [row[:-1] for row in after["frame_snapshots"]] == before["frame_snapshots"]
    assert {row[-1] for row in after["frame_snapshots"]} == {None}
    worker = Store(url)
    try:
        assert_keyed_rows_are_plain(FrameCache(worker).current().frames)
    finally:
        worker.close()


def test_stored_keys_that_cannot_be_used_are_made_from_the_rows(
        stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch):
    importer, worker = stores
    monkeypatch.setattr(frames_file, "KEY_RULE", b"0")  # keys of an older name rule
    store_frames(importer, demo_frames(), "older-rule")
    monkeypatch.setattr(frames_file, "KEY_RULE", b"1")
    later = untidy(demo_frames())  # every dataset but the assignments imported again
    store_frames(importer, later | {"assignments": later["assignments"].iloc[:0]}, "later")
    kept = importer.schema.frame_snapshots
    with importer.engine.begin() as conn:
        conn.execute(update(kept).where(kept.c.dataset == "staff")
                     .values(key_columns=b"not arrow at all"))
        stored = conn.execute(select(kept.c.dataset, kept.c.key_columns)).all()
    assert {name for name, content in stored if content is not None} >= set(KEYED)
    made: list[str] = []

    def tracked(name: str, frame: pd.DataFrame) -> OwnKeys:
        made.append(name)
        return own_keys(name, frame)
    monkeypatch.setattr(rows, "own_keys", tracked)
    assert_keyed_rows_are_plain(FrameCache(worker).current().frames)
    # the older rule's assignments and the corrupt staff keys were made, the others read
    assert set(made) == {"assignments", "staff"}
