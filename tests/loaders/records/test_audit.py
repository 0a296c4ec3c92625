"""The audit log against a real SQLite file and a real PostgreSQL database: imports and
rollbacks logged in their own transaction, the refusals' limit at its edge, the kinds."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.errors import StoreError
from loaders.records.audit import (
    ACTIONS,
    DROPPED,
    KINDS,
    LOGGED,
    MUTED,
    REFUSAL_WINDOW,
    REFUSALS_PER_WINDOW,
    AuditLog,
)
from loaders.store.store import Store
from tests.databases import store_on_each_backend  # noqa: F401  (the fixture `store`)
from tests.loaders.store.test_store import T1, T2, book

START = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def rows(store: Store) -> list[tuple[str, str, str, str]]:
    return [(e.user, e.action, e.detail, e.address) for e in reversed(AuditLog(store).events())]


def test_an_import_and_a_rollback_are_logged_in_their_own_transaction(store: Store):
    record = store.import_frames(book(T1), user="eva", file_name="t1.xlsx", file_bytes=b"1",
                                 address="10.0.0.1")
    assert rows(store) == [("eva", "import", f"import {record.id}: t1.xlsx", "10.0.0.1")]
    store.rollback(record.id, user="erik", address="10.0.0.2")
    assert rows(store)[-1] == ("erik", "rollback", f"import {record.id}: t1.xlsx", "10.0.0.2")


def test_an_import_or_rollback_that_does_not_happen_logs_nothing(store: Store, monkeypatch):
    first = store.import_frames(book(T1), user="eva", file_name="t1.xlsx", file_bytes=b"1")
    logged = rows(store)
    with pytest.raises(StoreError) as stale:  # another import came first
        store.import_frames(book(T2), user="erik", file_name="t2.xlsx", file_bytes=b"2",
                            expected_version=store.data_version() - 1)
    with pytest.raises(StoreError) as identical:  # the same file again
        store.import_frames(book(T1), user="erik", file_name="igen.xlsx", file_bytes=b"1")
    store.rollback(first.id, user="eva")
    with pytest.raises(StoreError) as again:
        store.rollback(first.id, user="erik")
    assert (stale.value.code, identical.value.code, again.value.code) == (
        "stale", "identical", "already_rolled_back")
    monkeypatch.setattr(store, "_record", lambda *_: (_ for _ in ()).throw(RuntimeError))
    with pytest.raises(RuntimeError):  # broken after its row was written: both roll back
        store.import_frames(book(T2), user="erik", file_name="t2.xlsx", file_bytes=b"2")
    assert rows(store) == [*logged, ("eva", "rollback", f"import {first.id}: t1.xlsx", "")]
    assert len(store.history()) == 1


def test_refusals_are_logged_up_to_the_limit_per_address_then_muted_then_dropped(store):
    clock = Clock()
    log = AuditLog(store, clock=clock)
    done = [log.refusal("-", f"auth.login_needed {i}", "10.1.1.1")
            for i in range(REFUSALS_PER_WINDOW + 3)]
    assert done == [LOGGED] * REFUSALS_PER_WINDOW + [MUTED, DROPPED, DROPPED]
    assert log.dropped["10.1.1.1"] == 2
    events = log.events()
    assert [e.action for e in events].count("refused") == REFUSALS_PER_WINDOW
    assert events[0].action == "refused_muted"
    assert "until 01:01:00 UTC" in events[0].detail
    assert log.refusal("-", "auth.no_role", "10.1.1.2") == LOGGED  # another address
    clock.now = START + REFUSAL_WINDOW - dt.timedelta(microseconds=1)  # still in the window
    assert log.refusal("-", "auth.login_needed", "10.1.1.1") == DROPPED
    clock.now = START + REFUSAL_WINDOW  # the first ones are a whole window old: out of it
    assert log.refusal("-", "auth.login_needed", "10.1.1.1") == LOGGED


def test_every_action_is_of_exactly_one_kind_and_the_log_filters_by_kind(store: Store):
    kinds = [action for actions in KINDS.values() for action in actions]
    assert sorted(kinds) == sorted(ACTIONS)
    log = AuditLog(store)
    for action in ("login", "import", "user_add", "refused", "assess"):
        log.record("ada", action, action)
    assert [e.action for e in log.events(kind="data")] == ["import"]
    assert [e.action for e in log.events(kind="refusals")] == ["refused"]
    assert len(log.events()) == 5
