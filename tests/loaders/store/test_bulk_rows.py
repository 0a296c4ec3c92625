"""The store's bulk paths (loaders/store/schema.py ``insert_columns``, diff.py): dates written
the way SQLAlchemy's own DateTime writes them, so every reader of the database reads the day
and time stored; and a first import's plan counts every row as added."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from sqlalchemy import DateTime, select, text

from loaders.specs import BY_NAME
from loaders.store.store import Store
from tests.databases import (
    database_url,
    store_on_each_backend,  # noqa: F401  (the fixture `store`)
)
from tests.loaders.store.test_frame_snapshots import rich_assignments
from tests.loaders.store.test_store import T1, book, do_import, make

DAYS = [dt.datetime(2018, 1, 15), None, dt.datetime(2018, 1, 15),  # a day repeated
        dt.datetime(2019, 12, 31, 23, 59, 59, 999999), dt.datetime(1900, 1, 1, 0, 0, 0, 1)]


def assignments_with_dates() -> pd.DataFrame:
    rows = [(f"U-{i}", f"Uppdrag {i}", "government", None, None, "A", None, day, day, T1,
             "green", None) for i, day in enumerate(DAYS)]
    return make("assignments", rows)


def test_sqlite_dates_are_stored_as_sqlalchemys_datetime_stores_them(tmp_path: Path):
    with database_url("sqlite", tmp_path / "data") as url:
        store = Store(url)
        try:
            do_import(store, {**book(T1, 1), "assignments": assignments_with_dates()}, "a")
            table = store.schema.data["assignments"]
            with store.engine.connect() as conn:
                stored = conn.execute(text(  # the text in the file, as any reader finds it
                    "SELECT end_date FROM data_assignments ORDER BY row_no")).scalars().all()
                typed = conn.execute(select(table.c.end_date).order_by(table.c.row_no)
                                     ).scalars().all()
                process = DateTime().dialect_impl(conn.dialect).bind_processor(conn.dialect)
        finally:
            store.close()
    assert stored == [process(day) for day in DAYS]  # "2018-01-15 00:00:00.000000", None ...
    assert typed == DAYS  # read back through SQLAlchemy's DateTime, to the microsecond


def test_dates_round_trip_to_the_microsecond(store: Store):
    frames = {**book(T1, 1), "assignments": rich_assignments(T1, 40, "a")}
    do_import(store, frames, "a")
    with store.engine.connect() as conn:
        got = store._current_frame(conn, BY_NAME["assignments"])  # the rows, not a snapshot
    want = frames["assignments"]
    for field in ("decision_date", "end_date"):
        assert got[field].tolist() == want[field].tolist(), field


def test_a_first_import_plans_every_row_as_added(store: Store):
    frames = {**book(T1, 1), "assignments": rich_assignments(T1, 25, "a")}
    plan = {(s.dataset, s.period): s for s in store.plan(frames).slices}
    assert (plan[("assignments", T1)].added, plan[("assignments", T1)].removed,
            plan[("assignments", T1)].changed, plan[("assignments", T1)].rows_now) == (
        25, 0, 0, 0)
    assert plan[("units", "")].added == 2
    do_import(store, frames, "a")
    again = {(s.dataset, s.period): s for s in store.plan(
        {**frames, "assignments": rich_assignments(T1, 20, "a")}).slices}
    assert (again[("assignments", T1)].added, again[("assignments", T1)].removed) == (0, 5)
