"""The command line's texts (``cli/text.py``) on their own: what a person reads."""

from __future__ import annotations

import datetime as dt

import pytest

from cli import text as cli_text
from loaders.store.history import ImportRecord


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_history_shows_stockholm_time_not_utc(lang):
    record = ImportRecord(id=3, created_at=dt.datetime(2018, 6, 30, 22, 30, tzinfo=dt.UTC),
                          user="ekonomi", file_name="t2.xlsx", sha256="0" * 64, size=1,
                          periods=["2018-T2"], row_counts={}, status="active")
    line = cli_text.history([record], lang).splitlines()[-1]
    assert "2018-07-01 00:30" in line
    assert "22:30" not in line
