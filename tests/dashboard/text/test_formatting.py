"""Numbers as a Swedish (or English) reader expects them."""

from __future__ import annotations

import math

import pytest

from dashboard.text import formatting as fmt

NB = "\u00a0"


@pytest.mark.parametrize(("value", "decimals", "lang", "expected"), [
    (1234.5, 1, "sv", f"1{NB}234,5"),
    (1234.5, 1, "en", "1,234.5"),
    (1234567, 0, "sv", f"1{NB}234{NB}567"),
    (-12.5, 1, "sv", "\u221212,5"),
    (-12.5, 1, "en", "-12.5"),
    (2.5, 0, "sv", "3"),  # half away from zero, not half to even
    (0.125, 2, "sv", "0,13"),
    (-0.0001, 1, "sv", "0,0"),  # never "-0,0"
    (None, 1, "sv", "–"),
    (math.nan, 1, "sv", "–"),
    (math.inf, 0, "sv", "–"),
])
def test_number(value, decimals, lang, expected):
    assert fmt.number(value, decimals, lang) == expected


def test_a_number_beyond_decimal_precision_is_still_written():
    text = fmt.number(1e300, 0, "en")
    assert text.startswith("1,000,000,") and len(text.replace(",", "")) == 301


def test_percent_points_and_change():
    assert fmt.percent(0.125) == f"12,5{NB}%"
    assert fmt.percent(0.125, lang="en") == "12.5%"
    assert fmt.points(0.012) == "+1,2 procentenheter"
    assert fmt.points(-0.01, lang="en") == "-1.0 percentage point"
    assert fmt.change(11) == "+11"
    assert fmt.change(0) == "±0"
    assert fmt.change(None) == "–"


def test_value_with_unit_of_measure():
    assert fmt.with_unit(31.94, "dagar") == f"31,9{NB}dagar"
    assert fmt.with_unit(87, "%") == f"87{NB}%"
    assert fmt.with_unit(None, "%") == "–"
