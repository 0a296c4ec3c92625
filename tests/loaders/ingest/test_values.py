"""Cell values as finance writes them (FORMAT.md): what loads, what is refused, what it means."""

from __future__ import annotations

import datetime as dt

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from loaders.ingest.values import (
    BAD,
    CODE_LABELS,
    VOCABULARIES,
    expected_text,
    parse_column,
    parse_number,
    parse_scalar,
    text_codes,
)
from loaders.periods import Tertial
from loaders.specs import DTYPES, Kind

SPACES = [" ", "\u00a0", "\u202f", "\u2009"]
BLANKS = [None, "", "   ", "\u00a0", float("nan"), pd.NA, pd.NaT]


def parse_one(kind, cell, percent=False):
    """One cell through the column parser: (value or None, bad)."""
    values, bad = parse_column(kind, pd.Series([cell], dtype=object), pd.Series([percent]))
    value = values.iloc[0]
    return (None if pd.isna(value) else value), bool(bad.iloc[0])


def assert_reads(kind, cell, expected, percent=False):
    value, bad = parse_one(kind, cell, percent)
    assert not bad, f"{cell!r} refused"
    assert value == pytest.approx(expected, rel=1e-12) if isinstance(expected, float) else (
        value == expected)
    scalar = parse_scalar(kind, cell, percent)  # the scalar helper agrees with the column
    assert scalar == pytest.approx(expected, rel=1e-12) if isinstance(expected, float) else (
        scalar == expected)


def assert_refused(kind, cell, percent=False):
    value, bad = parse_one(kind, cell, percent)
    assert bad and value is None, f"{cell!r} accepted as {value!r}"
    assert parse_scalar(kind, cell, percent) is BAD


# ------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        *[(f"1{space}234,50", 1234.5) for space in SPACES],
        ("-12,5", -12.5),
        ("\u221212,5", -12.5),  # Unicode minus
        ("+4", 4.0),
        ("1234.5", 1234.5),
        ("1 234.5", 1234.5),
        ("1 234 567,25", 1234567.25),
        ("0,5", 0.5),
        (",5", 0.5),
        ("12", 12.0),
        ("12,5 %", 12.5),  # a number column reads the value as displayed
        ("95 %", 95.0),
        ("95%", 95.0),
        ("  1\u00a0234 ", 1234.0),
        (7, 7.0),
        (2.25, 2.25),
        (np.float64(3.5), 3.5),
        (np.int64(-3), -3.0),
    ],
)
def test_number_accepted(cell, expected):
    assert_reads(Kind.NUMBER, cell, expected)


@pytest.mark.parametrize(
    "cell",
    ["1,234.5", "1.234,5", "1,234,567", "1.234.567", "12 34", "1234 567", "1e5", "nan", "NaN",
     "inf", "-inf", "Infinity", "abc", "12,5 kr", "-", "%", ",", "1,", "(12)", "1 2 3",
     "#DIV/0!", True, False, float("inf"), float("-inf"), dt.date(2018, 8, 31),
     dt.datetime(2018, 8, 31), dt.time(12, 0)],
)
def test_number_refused(cell):
    assert_refused(Kind.NUMBER, cell)


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("cell", BLANKS)
def test_blank_cells_are_missing_not_bad(kind, cell):
    assert parse_one(kind, cell) == (None, False)
    assert parse_scalar(kind, cell) is None


def test_percent_formatted_number_means_what_excel_shows():
    assert_reads(Kind.NUMBER, 0.95, 95.0, percent=True)
    assert parse_one(Kind.NUMBER, 0.95, percent=True)[0] == 95.0  # exactly, not 95.00000000000001
    assert_reads(Kind.NUMBER, 0.95, 0.95, percent=False)
    assert_reads(Kind.NUMBER, "95 %", 95.0, percent=True)  # text is read as displayed


def test_parse_number_scalar_helper():
    assert parse_number("1\u00a0234,5") == 1234.5
    assert parse_number(0.5, percent_formatted=True) == 50.0
    assert parse_number("") is None
    assert parse_number("1,234.5") is None  # bad: None; parse_scalar tells it apart
    assert parse_scalar(Kind.NUMBER, "1,234.5") is BAD


@pytest.mark.parametrize(("cell", "expected"),
                         [(3, 3), (3.0, 3), ("3", 3), ("1 200", 1200), ("-2", -2), ("3,0", 3),
                          (0.05, 5)])
def test_count_accepted(cell, expected):
    percent = cell == 0.05
    value, bad = parse_one(Kind.COUNT, cell, percent)
    assert (value, bad) == (expected, False)
    assert parse_scalar(Kind.COUNT, cell, percent) == expected


@pytest.mark.parametrize("cell", [3.5, "3,5", "2.25", True, "tre", 1e30, dt.date(2018, 1, 1)])
def test_count_refused(cell):
    assert_refused(Kind.COUNT, cell)


@pytest.mark.parametrize(
    ("cell", "percent", "expected"),
    [
        ("12,5 %", False, 0.125),
        ("12.5 %", False, 0.125),
        ("12,5%", False, 0.125),
        ("12,5", False, 0.125),
        ("\u22121,5 %", False, -0.015),
        (12.5, False, 0.125),
        (0.125, True, 0.125),
        (0.125, False, 0.00125),  # no guessing by magnitude
        ("0,125", False, 0.00125),
        (4, False, 0.04),
        ("12,5 %", True, 0.125),  # text is read as displayed whatever the format
    ],
)
def test_percent_is_a_fraction_of_what_excel_shows(cell, percent, expected):
    assert_reads(Kind.PERCENT, cell, expected, percent)


def test_percent_has_no_float_noise():
    values, _ = parse_column(Kind.PERCENT, pd.Series([12.3, "12,3 %", 0.123], dtype=object),
                             pd.Series([False, False, True]))
    assert values.tolist() == [0.123, 0.123, 0.123]


@pytest.mark.parametrize("cell", ["12,5 %%", "1,2.5 %", "procent", True, dt.date(2018, 1, 1)])
def test_percent_refused(cell):
    assert_refused(Kind.PERCENT, cell)


# -------------------------------------------------------------------------------- dates

AUG_31 = pd.Timestamp("2018-08-31")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.datetime(2018, 8, 31), AUG_31),
        (dt.date(2018, 8, 31), AUG_31),
        (pd.Timestamp("2018-08-31"), AUG_31),
        (43343, AUG_31),
        (43343.0, AUG_31),
        ("2018-08-31", AUG_31),
        ("2018-8-31", AUG_31),
        ("2018-08-31 00:00:00", AUG_31),
        ("2018-08-31T00:00:00", AUG_31),
        (" 2018-08-31\u00a0", AUG_31),
        (dt.datetime(2018, 8, 31, 12, 30), pd.Timestamp("2018-08-31 12:30")),  # time is kept
        (43343.75, pd.Timestamp("2018-08-31 18:00")),
        (1, pd.Timestamp("1900-01-01")),  # Excel's serial 1
        (59, pd.Timestamp("1900-02-28")),
        (61, pd.Timestamp("1900-03-01")),
    ],
)
def test_date_accepted(cell, expected):
    assert_reads(Kind.DATE, cell, expected)


@pytest.mark.parametrize(
    "cell",
    ["31/08/2018", "08/31/2018", "31.8.2018", "2018-02-30", "2018-13-01", "43343", "augusti",
     60,  # Excel's 29 February 1900, a day that never was
     0, -1, 0.5, 2958466, 1e12, float("inf"), True, dt.time(12, 0),
     dt.date(1, 1, 1), dt.datetime(9999, 12, 31)],  # beyond what a datetime64[ns] holds
)
def test_date_refused(cell):
    assert_refused(Kind.DATE, cell)


# ------------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    "cell",
    ["2018-T2", "2018T2", "2018 t2", "T2 2018", "T2-2018", "Tertial 2 2018", " 2018-t2 ",
     "2018\u00a0T2", dt.date(2018, 5, 1), dt.datetime(2018, 8, 31), "2018-08-31", "2018-5-3",
     pd.Timestamp("2018-06-15")],
)
def test_period_accepted(cell):
    assert_reads(Kind.PERIOD, cell, "2018-T2")


@pytest.mark.parametrize("cell", ["2018-T4", "T0 2018", "2018", 2018, 2018.2, "x", "Q2 2018",
                                  True, "18-T2"])
def test_period_refused(cell):
    assert_refused(Kind.PERIOD, cell)


# -------------------------------------------------------------------------- vocabularies

ALL_SPELLINGS = [(kind, word, code) for kind, table in VOCABULARIES.items()
                 for code, words in table.items() for word in words]


@pytest.mark.parametrize(("kind", "word", "code"), ALL_SPELLINGS)
def test_every_spelling_in_any_case_and_with_stray_spaces(kind, word, code):
    for variant in (word, word.upper(), word.lower(), f"  {word}\u00a0", word.replace(" ", "  ")):
        assert_reads(kind, variant, code)


@pytest.mark.parametrize(
    ("kind", "word", "code"),
    [(Kind.STATUS, "Gron", "green"), (Kind.STATUS, "ROD", "red"), (Kind.STATUS, "g", "green"),
     (Kind.STATUS, "Canceled", "cancelled"), (Kind.ASSIGNMENT_TYPE, "ru", "government"),
     (Kind.ASSIGNMENT_TYPE, "Vp", "operational_plan"), (Kind.ASSIGNMENT_TYPE, "Intern", "internal"),
     (Kind.DIRECTION, "Lagre ar battre", "lower"), (Kind.DIRECTION, "HIGHER", "higher"),
     (Kind.PERSPECTIVE, "medarbetare", "staff")],
)
def test_vocabulary_examples(kind, word, code):
    assert_reads(kind, word, code)


@pytest.mark.parametrize(
    ("kind", "cell"),
    [(Kind.STATUS, "Blå"), (Kind.STATUS, "Grönt"), (Kind.STATUS, 1), (Kind.STATUS, True),
     (Kind.STATUS, "G R"), (Kind.ASSIGNMENT_TYPE, "Uppdrag"), (Kind.PERSPECTIVE, "Ekonomin"),
     (Kind.DIRECTION, "Bättre")],
)
def test_vocabulary_refused(kind, cell):
    assert_refused(kind, cell)


def test_code_labels_give_swedish_and_english_words():
    assert CODE_LABELS["green"] == {"sv": "Grön", "en": "Green"}
    assert CODE_LABELS["government"] == {"sv": "Regeringsuppdrag", "en": "Government assignment"}
    assert CODE_LABELS["operational_plan"]["en"] == "Operational plan"
    assert CODE_LABELS["lower"] == {"sv": "Lägre är bättre", "en": "Lower is better"}
    codes = {code for table in VOCABULARIES.values() for code in table}
    assert set(CODE_LABELS) == codes


def test_vocabularies_cannot_be_changed():
    with pytest.raises(TypeError):
        VOCABULARIES[Kind.STATUS]["blue"] = ("Blå",)  # type: ignore[index]
    with pytest.raises(TypeError):
        CODE_LABELS["green"]["sv"] = "Grönt"  # type: ignore[index]


@pytest.mark.parametrize(
    ("kind", "lang", "text"),
    [(Kind.STATUS, "en", "Grön, Gul, Röd, Avslutad or Avbruten"),
     (Kind.STATUS, "sv", "Grön, Gul, Röd, Avslutad eller Avbruten"),
     (Kind.NUMBER, "en", "a number such as 1 234,5"),
     (Kind.DIRECTION, "en", "Högre är bättre or Lägre är bättre"),
     (Kind.PERIOD, "sv", "en tertial, t.ex. 2018-T2")],
)
def test_expected_text(kind, lang, text):
    assert expected_text(kind, lang) == text


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_has_an_expected_text(kind):
    assert expected_text(kind) and expected_text(kind, "sv")


# ------------------------------------------------------------------------ whole columns

MIXED = [None, "", "1 234,5", 12, 3.5, True, dt.date(2018, 8, 31),
         dt.datetime(2018, 5, 2, 10, 0), "Grön", "2018-T2", float("nan"), dt.time(8, 0)]


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("cells", [MIXED, [], [None, ""], ["x"]], ids=["mixed", "empty",
                                                                          "blank", "text"])
def test_dtypes_follow_specs(kind, cells):
    index = pd.Index(range(5, 5 + len(cells)))  # Excel row numbers, kept as they are
    values, bad = parse_column(kind, pd.Series(cells, index=index, dtype=object))
    assert values.dtype == DTYPES[kind]
    assert bad.dtype == bool
    assert values.index.equals(index) and bad.index.equals(index)


def test_text_column_keeps_types_apart():
    """1, 1.0 and True are equal in Python; in a text column they read as written."""
    values, bad = parse_column(Kind.TEXT, pd.Series([1, 1.0, True, "1", 2.5, " a  b "],
                                                    dtype=object))
    assert values.tolist() == ["1", "1", "TRUE", "1", "2.5", "a b"]
    assert not bad.any()


def test_id_column_keeps_case():
    values, _ = parse_column(Kind.ID, pd.Series(["U-1", " u-1 ", 17], dtype=object))
    assert values.tolist() == ["U-1", "u-1", "17"]


def test_mixed_number_column_marks_only_the_bad_cells():
    cells = pd.Series(["1 234,5", 2, "", "x", 0.5, None, True, "1,2.3"], index=range(3, 11))
    values, bad = parse_column(Kind.NUMBER, cells.astype(object))
    assert values.tolist() == [1234.5, 2.0, pd.NA, pd.NA, 0.5, pd.NA, pd.NA, pd.NA]
    assert bad[bad].index.tolist() == [6, 9, 10]


def test_huge_integers_and_aware_datetimes_do_not_crash():
    values, bad = parse_column(Kind.NUMBER, pd.Series([2**80, 1], dtype=object))
    assert values.tolist() == [float(2**80), 1.0] and not bad.any()
    values, bad = parse_column(Kind.COUNT, pd.Series([2**80, 1], dtype=object))
    assert bad.tolist() == [True, False]
    aware = dt.datetime(2018, 8, 31, tzinfo=dt.UTC)
    values, bad = parse_column(Kind.DATE, pd.Series([aware, dt.datetime(2018, 1, 1)]))
    assert values.tolist() == [AUG_31, pd.Timestamp("2018-01-01")] and not bad.any()


def test_percent_mask_must_match_cells():
    with pytest.raises(ValueError):
        parse_column(Kind.PERCENT, pd.Series([1.0, 2.0]), pd.Series([True]))


def test_cells_from_a_real_workbook(tmp_path):
    """The raw cells python-calamine and openpyxl give for one workbook parse the same."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Medarbetare"
    sheet.append(["Sjukfrånvaro", "Datum", "Utfall"])
    sheet.append([0.045, dt.date(2018, 8, 31), "1\u00a0234,5"])
    sheet.append([4.5, 43343, 7])
    sheet.append([None, "2018-08-31", -2.5])
    sheet["A2"].number_format = "0.0%"
    sheet["B2"].number_format = "yyyy-mm-dd"
    path = tmp_path / "medarbetare.xlsx"
    book.save(path)

    calamine_rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        "Medarbetare").to_python()[1:]
    opened = openpyxl.load_workbook(path)["Medarbetare"]
    openpyxl_rows = [[c.value for c in row] for row in opened.iter_rows(min_row=2)]
    percent = pd.Series(["%" in c.number_format for c in opened["A"][1:]])
    for rows in (calamine_rows, openpyxl_rows):
        columns = [pd.Series(col, dtype=object) for col in zip(*rows, strict=True)]
        sick, _ = parse_column(Kind.PERCENT, columns[0], percent)
        dates, _ = parse_column(Kind.DATE, columns[1])
        outcome, _ = parse_column(Kind.NUMBER, columns[2])
        assert sick.tolist() == [0.045, 0.045, pd.NA]
        assert dates.tolist() == [AUG_31] * 3
        assert outcome.tolist() == [1234.5, 7.0, -2.5]


# ---------------------------------------------------------------------------- properties


def swedish(number: float, decimals: int, separator: str, minus: str) -> str:
    text = f"{abs(number):,.{decimals}f}".replace(",", separator).replace(".", ",")
    return (minus if number < 0 and float(text.replace(separator, "").replace(",", ".")) else
            "") + text


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.integers(0, 4),
    st.sampled_from(SPACES),
    st.sampled_from(["-", "\u2212"]),
)
def test_swedish_numbers_round_trip(number, decimals, separator, minus):
    text = swedish(number, decimals, separator, minus)
    expected = abs(float(f"{number:.{decimals}f}")) * (-1 if text[0] in "-\u2212" else 1)
    values, bad = parse_column(Kind.NUMBER, pd.Series([text], dtype=object))
    assert not bad.iloc[0], text
    assert values.iloc[0] == pytest.approx(expected, rel=1e-15, abs=0)
    assert parse_number(text) == values.iloc[0]


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda p: round(p, 3)))
def test_percent_forms_agree(percent):
    text = f"{percent:.3f}".replace(".", ",") + " %"
    cells = pd.Series([text, percent, percent / 100], dtype=object)
    values, bad = parse_column(Kind.PERCENT, cells, pd.Series([False, False, True]))
    assert not bad.any()
    assert values.tolist() == pytest.approx([percent / 100] * 3, rel=1e-12, abs=1e-15)


TERTIAL_SPELLINGS = ["{y}-T{n}", "{y}T{n}", "{y} t{n}", "T{n} {y}", "T{n}-{y}",
                     "Tertial {n} {y}", "tertial {n} {y}", "{y} T{n}", " {y}-t{n}\u00a0"]


@settings(max_examples=150, deadline=None)
@given(st.integers(1900, 2999), st.integers(1, 3), st.sampled_from(TERTIAL_SPELLINGS),
       st.booleans())
def test_any_tertial_spelling_gives_the_tertial(year, number, spelling, upper):
    text = spelling.format(y=year, n=number)
    text = text.upper() if upper else text
    tertial = Tertial(year, number)
    last_month = dt.datetime(year, 4 * number, 28, 23, 59)
    values, bad = parse_column(
        Kind.PERIOD, pd.Series([text, tertial.first_day, last_month], dtype=object))
    assert not bad.any()
    assert values.tolist() == [tertial.label] * 3


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)))
def test_any_date_in_any_form_gives_the_date(day):
    serial = (day - dt.date(1899, 12, 30)).days
    cells = [serial, float(serial), np.int64(serial), day,
             dt.datetime.combine(day, dt.time()), day.isoformat(),
             f"{day.year}-{day.month}-{day.day}", f"{day.isoformat()} 00:00:00"]
    values, bad = parse_column(Kind.DATE, pd.Series(cells, dtype=object))
    assert not bad.any()
    assert values.tolist() == [pd.Timestamp(day)] * len(cells)


_ANY_CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(width=64),
    st.dates(min_value=dt.date(1800, 1, 1)), st.sampled_from(["", " ", "Grön", "RU", "2018T2"]),
    st.text(alphabet="0123456789 ,.-%\u00a0\u2212T", max_size=10),
)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(list(Kind)), st.lists(st.tuples(_ANY_CELL, st.booleans()), max_size=8))
def test_column_parser_agrees_with_the_scalar_parser(kind, cells):
    raw = pd.Series([c for c, _ in cells], dtype=object)
    percent = pd.Series([p for _, p in cells], dtype=bool)
    values, bad = parse_column(kind, raw, percent)
    for (cell, pct), value, is_bad in zip(cells, values, bad, strict=True):
        scalar = parse_scalar(kind, cell, pct)
        assert is_bad == (scalar is BAD), cell
        if scalar is None or scalar is BAD:
            assert pd.isna(value), cell
        else:
            assert value == scalar, cell


# A column of texts is parsed from its distinct texts (text_codes, one hashing pass); any
# column that is not only texts and None must read exactly as the cell-by-cell path reads it.
TEXT_PATH_COLUMNS = {
    "texts": ["Grön", " gul ", "", "Röd", "Grön", None, "2018-08-31", "12,5 %", "ja"],
    "nan_among_texts": ["Grön", float("nan"), "Röd"],
    "na_among_texts": ["Grön", pd.NA, "Röd"],
    "nat_among_texts": ["2018-08-31", pd.NaT, "Grön"],
    "number_among_texts": ["1", 1, 1.0, True, "x"],
    "date_among_texts": ["2018-08-31", dt.datetime(2018, 8, 31), dt.date(2018, 9, 1)],
    "first_not_text": [None, "Grön", "Röd"],
}


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("cells", TEXT_PATH_COLUMNS.values(), ids=TEXT_PATH_COLUMNS)
def test_the_text_path_reads_as_cell_by_cell(kind, cells):
    column = pd.Series(cells, index=range(4, 4 + len(cells)), dtype=object)
    texts = text_codes(column.to_numpy(dtype=object))
    by_type = parse_column(kind, column)
    if texts is None:
        return
    values, bad = parse_column(kind, column, texts=texts)
    pd.testing.assert_series_equal(values, by_type[0])
    pd.testing.assert_series_equal(bad, by_type[1])


@pytest.mark.parametrize("cells, expected", [
    (["a", None, "b"], True),
    (["a", float("nan")], False), (["a", pd.NA], False), (["a", pd.NaT], False),
    (["a", 1], False), (["a", True], False), ([None, "a"], False), ([], False),
])
def test_only_a_column_of_texts_and_none_takes_the_text_path(cells, expected):
    assert (text_codes(np.array(cells, dtype=object)) is not None) is expected
