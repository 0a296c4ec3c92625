"""The overview's cards and its line on the data shown."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from dashboard.components.cards import freshness
from loaders.store.history import ImportRecord

# the night of a summer tertial's end: 22:30 UTC is 00:30 the next day in Stockholm (CEST)
MIDSUMMER_NIGHT = dt.datetime(2018, 6, 30, 22, 30, tzinfo=dt.UTC)


def _record(created_at: dt.datetime) -> ImportRecord:
    return ImportRecord(id=4, created_at=created_at, user="ekonomi", file_name="t2.xlsx",
                        sha256="0" * 64, size=1, periods=["2018-T2"], row_counts={},
                        status="active")


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", "Data: import 4, t2.xlsx, 2018-07-01 00:30 av ekonomi."),
    ("en", "Data: import 4, t2.xlsx, 2018-07-01 00:30 by ekonomi."),
])
def test_the_freshness_line_shows_stockholm_time(lang, expected):
    snapshot = SimpleNamespace(latest_import=_record(MIDSUMMER_NIGHT), version=7)
    assert freshness(snapshot, lang).children == expected


def test_the_freshness_line_in_winter_is_one_hour_ahead_of_utc():
    snapshot = SimpleNamespace(latest_import=_record(dt.datetime(2018, 12, 31, 23, 5,
                                                                 tzinfo=dt.UTC)), version=7)
    assert "2019-01-01 00:05" in freshness(snapshot, "sv").children


def test_without_an_import_the_line_names_the_data_version():
    snapshot = SimpleNamespace(latest_import=None, version=7)
    assert freshness(snapshot, "sv").children == "Dataversion 7"
