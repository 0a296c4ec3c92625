"""Which tertials the data holds, and the tertials figures are compared with."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.kpis.periods import (
    has_period,
    label_if_present,
    latest_period,
    periods,
    previous_period,
    rows_of_period,
    year_before,
)
from loaders.periods import Tertial
from loaders.specs import BY_NAME, DTYPES


def make_frame(dataset: str, rows: list[dict]) -> pd.DataFrame:
    """A frame as the loaders make it: the spec's fields in order, with the spec's dtypes."""
    spec = BY_NAME[dataset]
    return pd.DataFrame({
        c.field: pd.Series([r.get(c.field) for r in rows], dtype=DTYPES[c.kind])
        for c in spec.columns
    })


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    return {
        "units": make_frame("units", [{"unit": "A", "department": "D"}]),
        "assignments": make_frame("assignments", [
            {"id": "1", "name": "x", "unit": "A", "period": "2018-T1", "status": "green"},
            {"id": "1", "name": "x", "unit": "A", "period": "2017-T3", "status": "green"},
        ]),
        "finance": make_frame("finance", [
            {"unit": "A", "period": "2017-T1", "budget": 1.0, "outcome": 1.0},
        ]),
        "staff": make_frame("staff", []),
    }


def test_periods_from_every_periodic_dataset_sorted(frames):
    assert periods(frames) == [Tertial(2017, 1), Tertial(2017, 3), Tertial(2018, 1)]
    assert periods(frames, ["finance"]) == [Tertial(2017, 1)]
    assert latest_period(frames) == Tertial(2018, 1)


def test_no_data_no_periods():
    assert periods({}) == []
    assert latest_period({}) is None
    assert latest_period({"assignments": pd.DataFrame()}) is None
    assert has_period({}, "2018-T1") is False


def test_previous_crosses_the_year_end_and_year_before():
    assert previous_period("2018-T1") == Tertial(2017, 3)
    assert previous_period(Tertial(2018, 3)) == Tertial(2018, 2)
    assert year_before("2018-T2") == Tertial(2017, 2)
    assert previous_period("T1 2018") == Tertial(2017, 3)  # any accepted spelling
    with pytest.raises(ValueError):
        previous_period("not a period")


def test_has_period_and_label_if_present(frames):
    assert has_period(frames, "2017-T3")
    assert has_period(frames, previous_period("2018-T1"))
    assert not has_period(frames, "2018-T2")
    assert has_period(frames, "2017-T1", ["finance"])
    assert not has_period(frames, "2017-T1", ["assignments", "staff"])
    assert label_if_present(frames, year_before("2018-T1")) == "2017-T1"
    assert label_if_present(frames, year_before("2017-T3")) is None
    assert label_if_present(frames, None) is None


def test_rows_of_period_reads_other_spellings():
    frame = make_frame("staff", [
        {"unit": "A", "period": "2018T1", "permanent": 1, "temporary": 0},
        {"unit": "B", "period": "2018-T1", "permanent": 2, "temporary": 0},
        {"unit": "C", "period": "2018-T2", "permanent": 3, "temporary": 0},
        {"unit": "D", "period": "rubbish", "permanent": 4, "temporary": 0},
    ])
    assert rows_of_period(frame, "2018-T1")["unit"].tolist() == ["A", "B"]
    assert rows_of_period(frame, "2019-T1").empty
    assert periods({"staff": frame}) == [Tertial(2018, 1), Tertial(2018, 2)]
