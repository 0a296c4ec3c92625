"""Text cleaning and the keys names and ids are matched by (FORMAT.md, "Text")."""

from __future__ import annotations

import datetime as dt
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.text import clean_text, id_key, name_key

SPACES = ["\u00a0", "\u2007", "\u202f", "\u2009", "\t", "\n", "\r\n", "  "]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Enhet A", "Enhet A"),
        ("  Enhet   A  ", "Enhet A"),
        ("Enhet\tA\nB", "Enhet A B"),
        *[(f"1{space}234", "1 234") for space in SPACES],
        # invisible in Excel, so not there: what it shows as "EnhetA" is "EnhetA" (issue 17)
        *[(f"Enhet{zw}A", "EnhetA") for zw in ZERO_WIDTH],
        *[(f"Sta{zw}tus", "Status") for zw in ZERO_WIDTH],
        ("Enhet\u200b A", "Enhet A"),
        ("\ufeffUppdrag", "Uppdrag"),  # a byte order mark left at the start of a CSV
        ("Kom\x00men\x07tar\x7f", "Kommentar"),  # control characters are removed
        ("a\x1fb", "ab"),
        ("Re\u0301sultat", "Résultat"),  # decomposed é becomes one character (NFC)
        ("Å\u00a0\u200b Ö", "Å Ö"),
        ("", None),
        ("   ", None),
        ("\u00a0\u200b\t", None),
    ],
)
def test_clean_text_strings(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        (float("nan"), None),
        (np.nan, None),
        (pd.NA, None),
        (pd.NaT, None),
        (123, "123"),
        (123.0, "123"),
        (-4.0, "-4"),
        (np.int64(7), "7"),
        (np.float64(7.0), "7"),
        (12.5, "12.5"),
        (0.1, "0.1"),
        (1.5e-7, "0.00000015"),
        (True, "TRUE"),
        (False, "FALSE"),
        (dt.date(2018, 8, 31), "2018-08-31"),
        (dt.datetime(2018, 8, 31), "2018-08-31"),
        (pd.Timestamp("2018-08-31"), "2018-08-31"),
        (dt.datetime(2018, 8, 31, 12, 30), "2018-08-31 12:30:00"),
        (dt.time(8, 15), "08:15:00"),
    ],
)
def test_clean_text_other_values(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "spelling",
    ["Årsarbetskrafter", " arsarbetskrafter ", "ÅRSARBETSKRAFTER", "årsarbetskrafter\u00a0",
     "\u200bARSARBETSKRAFTER", "A\u030arsarbetskrafter"],
)
def test_name_key_ignores_case_spaces_and_swedish_letters(spelling):
    assert name_key(spelling) == name_key("Årsarbetskrafter") == "arsarbetskrafter"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Föregående prognos", "FOREGAENDE  PROGNOS"), ("Högre är bättre", "hogre ar battre"),
     ("Resultatområde", "resultatomrade"), ("Café", "cafe"), ("Mål", " mal ")],
)
def test_name_key_matches(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_words_apart():
    assert name_key("Gul gräns") != name_key("Gulgräns")
    assert name_key(None) == ""


@pytest.mark.parametrize(("a", "b"), [("U-1", "u-1 "), ("AB 12", "ab\u00a012"), (" x", "X")])
def test_id_key_ignores_case_and_spaces(a, b):
    assert id_key(a) == id_key(b)


def test_id_key_keeps_letters():
    assert id_key("Å-1") == id_key("å-1") != id_key("A-1")
    assert id_key(12) == "12"


_TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(SPACES + ZERO_WIDTH + ["e\u0301", "\u0301", "\x00", "\x85", "Å"]),
    ),
    max_size=30,
).map("".join)


@given(_TEXT)
def test_clean_text_is_clean_and_stable(raw):
    cleaned = clean_text(raw)
    if cleaned is None:
        return
    assert cleaned == cleaned.strip() and cleaned
    assert "  " not in cleaned
    assert not any(unicodedata.category(c) == "Cc" for c in cleaned)
    assert not any(c in cleaned for c in ZERO_WIDTH + SPACES)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_text(cleaned) == cleaned


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöéABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉ -",
               max_size=20))
def test_name_key_ignores_case_padding_and_accents(word):
    padded = "\u00a0 " + word.upper() + "\t"
    assert name_key(padded) == name_key(word) == name_key(name_key(word))
    assert name_key(word).isascii()
