"""Name keys folded per column (dashboard/kpis/organisation.py ``one_keys``, ``key_codes``)
give exactly what ``loaders.text.one_key`` gives cell by cell, and a tertial's keyed rows
(dashboard/kpis/rows.py) are exactly those of the plain per-cell computation: same columns,
dtypes, categories and rows, on the demo, on an untidy export and on an id column long
enough to be folded cell by cell."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard.kpis import organisation, rows
from dashboard.kpis.periods import rows_of_period
from loaders.text import one_key
from tests.dashboard.kpis.test_prepared import demo_frames, untidy

SPACES = [chr(c) for c in range(0x3100) if chr(c).isspace()]  # all 29 of Python's
LETTERS = list("aAbZÅåÄäÖöüßẞİıΣσς-–,.x0") + ["\u0301", "\u200b", "\ufeff", "e\u0301"]


def plain_key(series: pd.Series) -> pd.Series:
    """one_key of every cell, NA kept: the definition, one Python call per cell."""
    values = series.astype("string").to_numpy(dtype=object, na_value=None)
    return pd.Series([None if v is None else one_key(v) for v in values],
                     index=series.index, dtype="string")


def plain_with_keys(frames, name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The keyed rows computed the plain way (as before the folding per column)."""
    frame = frame.assign(**{organisation.key_column(c): plain_key(frame[c])
                            for c in rows.KEYED.get(name, ())})
    if "unit" in frame.columns:
        departments = organisation.unit_departments(frames)
        frame[rows.DEPARTMENT] = plain_key(frame["unit"]).map(departments).astype("string")
        frame[organisation.key_column(rows.DEPARTMENT)] = plain_key(frame[rows.DEPARTMENT])
    if name != "assignments":
        return frame
    frame = frame.assign(key=plain_key(frame["id"]).astype(object),
                         code=plain_key(frame["status"]))
    frame = frame[frame["key"].notna()].drop_duplicates("key").reset_index(drop=True)
    frame[rows.BLANK_COMMENT] = (frame["comment"].astype("string").str.strip().fillna("")
                                 .eq("").astype(bool))
    grouped = [organisation.key_column(c) for c in rows.GROUPED]
    return frame.astype(dict.fromkeys([*grouped, organisation.key_column(rows.DEPARTMENT)],
                                      "category"))


def random_texts(rng: random.Random, count: int, spaces: int) -> list[str]:
    alphabet = SPACES * spaces + LETTERS + [" "] * 4
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
            for _ in range(count)]


@pytest.mark.parametrize("spaces", [0, 1, 4])
def test_one_keys_is_one_key_of_every_text(spaces: int):
    rng = random.Random(spaces)
    for _ in range(400):
        texts = random_texts(rng, rng.randint(0, 30), spaces)
        assert list(organisation.one_keys(texts)) == [one_key(t) for t in texts], texts


def test_a_text_holding_the_separator_is_folded_on_its_own():
    texts = ["A\x00B", "  Enhet   Ö ", "x"]
    assert list(organisation.one_keys(texts)) == ["a\x00b", "enhet ö", "x"]


@pytest.mark.parametrize("size", [50, 30_000])  # repeated names; and a column of ids
def test_name_key_is_the_plain_key_of_every_cell(size: int):
    rng = random.Random(size)
    pool = random_texts(rng, 40, 1) + ["Enhet A", "ENHET  a ", " enhet a"]
    ids = [f"U-{i} " if i % 3 else f"u-{i}" for i in range(size)]
    for cells in ([rng.choice(pool) for _ in range(size)], ids):
        series = pd.Series(cells, dtype="string", index=pd.RangeIndex(5, 5 + size))
        series[series.index % 9 == 0] = pd.NA
        got = organisation.name_key(series)
        assert_frame_equal(got.to_frame(), plain_key(series).to_frame(), check_exact=True)


def big_assignments(frames: dict, n: int) -> dict:
    """The demo's latest tertial repeated to ``n`` assignments with their own ids, so the ids
    are folded cell by cell (a long column of mostly distinct texts)."""
    a = frames["assignments"]
    latest = a[a["period"] == "2018-T2"]
    big = pd.concat([latest] * (n // len(latest) + 1), ignore_index=True).iloc[:n]
    big["id"] = [f"X-{i}" if i % 5 else f" x-{i // 2} " for i in range(n)]  # some twice
    return {**frames, "assignments": big}


def missing_ids(frames: dict) -> dict:
    """The untidy demo with some ids missing and some repeated in another case or with
    spaces (the first row of an id is kept, the others and the rows without one are not)."""
    frames = untidy(frames)
    a = frames["assignments"].copy()
    a.loc[a.index % 10 == 3, "id"] = pd.NA
    a.loc[a.index % 10 == 7, "id"] = " " + a["id"].iloc[0].lower() + " "
    return {**frames, "assignments": a}


VARIANTS = {"demo": lambda f: f, "untidy": untidy, "ids": lambda f: big_assignments(f, 20_000),
            "missing_ids": missing_ids}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_keyed_rows_of_a_tertial_are_the_plain_ones(variant: str):
    frames = VARIANTS[variant](demo_frames())
    for name in ("assignments", "finance", "staff", "processes"):
        for period in ("2018-T1", "2018-T2"):
            frame = rows_of_period(organisation.dataset(frames, name), period)
            got = rows.period_rows(frames, name, period)
            want = plain_with_keys(frames, name, frame)
            assert_frame_equal(got, want, check_exact=True, obj=f"{name} {period}")
            if name == "assignments" and period == "2018-T2":
                assert len(got) > 0 and got["key"].map(type).eq(str).all()


def test_keys_are_shared_objects_per_distinct_text():
    """Spread from the distinct texts: equal keys are one object (the figures' matching
    hashes each once), and NA stays NA."""
    series = pd.Series(["Enhet A", "enhet a", None, "Enhet A"] * 3, dtype="string")
    keys = organisation.name_key(series).array._ndarray
    assert keys[0] is keys[1] is keys[3]
    assert pd.isna(keys[2]) and np.sum(pd.isna(keys)) == 3


def test_a_comment_of_white_space_only_is_blank():
    comments = ["", "  ", "\u2003\t", "\x1f", " ok ", "\u200b", None, "nej"] * 3
    frame = pd.DataFrame({"comment": pd.Series(comments, dtype="string",
                                               index=pd.RangeIndex(3, 27))})
    got = rows.blank_comments(frame)
    want = frame["comment"].str.strip().fillna("").eq("").astype(bool)
    assert got.tolist() == want.tolist() == [True, True, True, True, False, False, True,
                                             False] * 3
    assert got.index.equals(frame.index)
