"""Status rules: thresholds as data, inclusive limits, float edges, both directions."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from dashboard.kpis.status import (
    Thresholds,
    finance_status,
    kpi_status,
    kpi_statuses,
    operations_status,
)


def test_default_thresholds_are_the_documented_ones():
    t = Thresholds()
    assert (t.operations_green, t.operations_yellow) == (0.90, 0.75)
    assert (t.finance_green, t.finance_yellow) == (0.02, 0.05)
    assert t.kpi_tolerance == 0.10


@pytest.mark.parametrize(("share", "expected"), [
    (1.0, "green"),
    (0.90, "green"),          # limit inclusive
    (9 / 10, "green"),
    (0.8999, "yellow"),
    (0.75, "yellow"),         # 3 of 4 active green
    (0.7499, "red"),
    (0.0, "red"),
    (None, None),
    (float("nan"), None),
    (pd.NA, None),
])
def test_operations_status(share, expected):
    assert operations_status(share) == expected


@pytest.mark.parametrize(("deviation", "expected"), [
    (0.0, "green"),
    (0.02, "green"),
    (-0.02, "green"),
    (102 / 100 - 1, "green"),         # 0.020000000000000018: float noise, still 2 %
    ((1.122 - 1.1) / 1.1, "green"),   # same noise from a real division
    (0.0201, "yellow"),
    (0.05, "yellow"),
    (-0.05, "yellow"),
    (105 / 100 - 1, "yellow"),        # 0.050000000000000044
    (0.0501, "red"),
    (-0.2, "red"),
    (None, None),
])
def test_finance_status(deviation, expected):
    assert finance_status(deviation) == expected


def test_thresholds_can_be_overridden():
    looser = Thresholds(finance_green=0.03)
    assert finance_status(0.028) == "yellow"
    assert finance_status(0.028, looser) == "green"
    stricter = Thresholds().replace(operations_green=0.95, operations_yellow=0.80)
    assert operations_status(0.92, stricter) == "yellow"
    assert operations_status(0.78, stricter) == "red"
    from_settings = Thresholds.from_mapping({"kpi_tolerance": 0.2, "finance_yellow": None})
    assert from_settings.kpi_tolerance == 0.2
    assert from_settings.finance_yellow == 0.05  # None keeps the default


def test_thresholds_are_frozen_and_checked():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Thresholds().finance_green = 0.5
    with pytest.raises(ValueError):
        Thresholds(operations_green=0.5, operations_yellow=0.8)
    with pytest.raises(ValueError):
        Thresholds(finance_green=0.1, finance_yellow=0.05)
    with pytest.raises(ValueError):
        Thresholds(kpi_tolerance=-0.1)
    with pytest.raises(ValueError, match="unknown thresholds"):
        Thresholds.from_mapping({"finance_gren": 0.03})


KPI_CASES = [
    # value, target, direction, tolerance, expected
    # higher is better: green from 100, yellow from 100 * 0.9 = 90
    (100, 100, "higher", 0.10, "green"),
    (101, 100, "higher", 0.10, "green"),
    (99.99, 100, "higher", 0.10, "yellow"),
    (90, 100, "higher", 0.10, "yellow"),
    (89.99, 100, "higher", 0.10, "red"),
    (0.72, 0.80, "higher", 0.10, "yellow"),  # 0.8 * 0.9 = 0.7200000000000001 in floats
    (0.7199, 0.80, "higher", 0.10, "red"),
    # lower is better: green up to 28, yellow up to 28 * 1.1 = 30.8
    (28, 28, "lower", 0.10, "green"),
    (20, 28, "lower", 0.10, "green"),
    (28.01, 28, "lower", 0.10, "yellow"),
    (30.8, 28, "lower", 0.10, "yellow"),      # 28 * 1.1 = 30.800000000000004
    (1.21, 1.1, "lower", 0.10, "yellow"),     # 1.1 * 1.1 = 1.2100000000000002
    (30.81, 28, "lower", 0.10, "red"),
    # own tolerance
    (80, 100, "higher", 0.20, "yellow"),
    (79, 100, "higher", 0.20, "red"),
    (0, 0, "higher", 0.10, "green"),
    # missing direction means higher, missing tolerance the default 10 %
    (90, 100, None, None, "yellow"),
    (89, 100, None, None, "red"),
    # not computable
    (None, 100, "higher", 0.10, None),
    (50, None, "lower", 0.10, None),
    (float("nan"), 100, "higher", 0.10, None),
    (pd.NA, 100, "higher", 0.10, None),
]


@pytest.mark.parametrize(("value", "target", "direction", "tolerance", "expected"), KPI_CASES)
def test_kpi_status(value, target, direction, tolerance, expected):
    assert kpi_status(value, target, direction, tolerance) == expected


def test_kpi_status_defaults_and_bad_direction():
    assert kpi_status(95, 100) == "yellow"  # higher, 10 %
    with pytest.raises(ValueError, match="direction"):
        kpi_status(1, 1, "sideways")


def test_kpi_statuses_is_the_same_rule_on_a_table():
    table = pd.DataFrame(KPI_CASES, columns=["value", "target", "direction", "tolerance",
                                             "expected"])
    result = kpi_statuses(
        table["value"].astype("Float64"), table["target"].astype("Float64"),
        table["direction"].astype("string"), table["tolerance"].astype("Float64"),
    )
    assert result.dtype == "string"
    expected = table["expected"].astype("string")
    assert result.fillna("-").tolist() == expected.fillna("-").tolist()


def test_kpi_statuses_with_one_target_and_default_tolerance():
    values = pd.Series([100.0, 95.0, 70.0], index=[10, 11, 12])
    result = kpi_statuses(values, 100.0, "higher", default_tolerance=0.25)
    # 95 >= 100 * 0.75 -> yellow; 70 < 75 -> red
    assert result.tolist() == ["green", "yellow", "red"]
    assert list(result.index) == [10, 11, 12]


@pytest.mark.parametrize(("code", "sv", "en"), [
    ("green", "● Grön", "● Green"), ("yellow", "▲ Gul", "▲ Yellow"), ("red", "■ Röd", "■ Red"),
    ("completed", "✓ Avslutad", "✓ Completed"), ("cancelled", "✕ Avbruten", "✕ Cancelled"),
    (None, "–", "–"), ("lila", "–", "–"),
])
def test_every_status_is_written_with_a_symbol_and_a_word(code, sv, en):
    from dashboard.kpis.status import status_label

    assert (status_label(code, "sv"), status_label(code, "en")) == (sv, en)
