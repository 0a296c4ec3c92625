"""The memory kept per data version gives exactly what the figures give without it.

The pages read their frames through :class:`~dashboard.kpis.prepared.PreparedFrames`, which keeps
what requests derive (keyed rows of a tertial, resolved selections, scoped rows, page
figures) and hands the same objects to the next request. Every figure must be the same as on
a plain dict of frames (where nothing is kept), on the first request and on a repeated one:
a kept value that some figure changed in place would show up on the second.
"""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from dashboard.kpis import (
    GROUPINGS,
    Selection,
    assignment_table,
    departments,
    finance,
    finance_trend,
    operations,
    processes,
    staff,
    staff_changes,
    staff_trend,
    status_by_group,
    status_trend,
    summary,
    units_by_department,
)
from dashboard.kpis.prepared import PreparedFrames, kept, memoized
from loaders.demo.agency import build_demo
from tests.frames import make_frame

STORY, EARLIER = "2018-T2", "2018-T1"


def demo_frames() -> dict[str, pd.DataFrame]:
    return {name: make_frame(name, rows) for name, rows in build_demo().items()}


def untidy(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The demo as a careless export spells it: names in other cases and with spaces,
    some blank result areas and goals, units in no department."""
    frames = dict(frames)
    a = frames["assignments"].copy()
    every = a.index % 7 == 0
    a.loc[every, "unit"] = a.loc[every, "unit"].str.upper() + "  "
    a.loc[a.index % 11 == 0, "result_area"] = pd.NA
    a.loc[a.index % 29 == 0, "result_area"] = "  "
    a.loc[a.index % 13 == 0, "goal"] = "   "
    a.loc[a.index % 17 == 0, "result_area"] = a.loc[a.index % 17 == 0, "result_area"].str.lower()
    a.loc[a.index % 19 == 0, "unit"] = "Okänd enhet"
    a.loc[a.index % 23 == 0, "status"] = " GRÖN"  # not a status code: left out of the counts
    frames["assignments"] = a
    s = frames["staff"].copy()
    s.loc[s.index % 5 == 0, "unit"] = s.loc[s.index % 5 == 0, "unit"].str.lower()
    frames["staff"] = s
    return frames


def selections(frames) -> list[Selection]:
    """The agency in two tertials; three departments, each with a unit and with a unit
    spelled in another case under its department spelled in capitals."""
    found = [Selection(STORY), Selection(EARLIER)]
    for department, units in list(units_by_department(frames).items())[:3]:
        found += [Selection(STORY, department), Selection(STORY, unit=units[0]),
                  Selection(STORY, department.upper(), units[-1].lower() + " ")]
    return found


def figures(frames, selection: Selection) -> dict:
    """Every public figure of a selection, as the pages ask for them."""
    return {
        "summary": summary(frames, selection),
        "operations": operations(frames, selection),
        "finance": finance(frames, selection),
        "staff": staff(frames, selection),
        "processes": processes(frames, selection),
        "status_trend": status_trend(frames, selection),
        "finance_trend": finance_trend(frames, selection),
        "staff_trend": staff_trend(frames, selection),
        "staff_changes": staff_changes(frames, selection),
        "assignments": assignment_table(frames, selection),
        **{f"by_{by}": status_by_group(frames, selection, by) for by in GROUPINGS},
        "goals_of_an_area": status_by_group(frames, selection, "goal",
                                            result_area="modern myndighet"),
    }


def assert_same(left: dict, right: dict) -> None:
    assert left.keys() == right.keys()
    for name, value in left.items():
        other = right[name]
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, other, obj=name)
        elif isinstance(value, dict) and any(isinstance(v, pd.DataFrame)
                                             for v in value.values()):
            assert_same(value, other)
        else:
            assert value == other, name


@pytest.mark.parametrize("make", [demo_frames, lambda: untidy(demo_frames())],
                         ids=["demo", "untidy"])
def test_every_figure_is_the_same_with_and_without_the_memory(make):
    plain = make()
    prepared = PreparedFrames(plain)
    for selection in selections(plain):
        expected = figures(plain, selection)
        assert_same(figures(prepared, selection), expected)  # computed, then kept
        assert_same(figures(prepared, selection), expected)  # from the memory, unchanged
    assert prepared.remembered() > 0
    assert departments(prepared) == departments(plain)


def test_the_untidy_spellings_are_counted_where_they_belong():
    prepared = PreparedFrames(untidy(demo_frames()))
    by_department = status_by_group(prepared, Selection(STORY), "department")
    # the rows of a unit in no department form one group without a name, listed last
    assert by_department["department"].isna().tolist()[-1] is True
    assert by_department["department"].notna().sum() == len(departments(prepared))
    # blank and missing result areas are one group; "modern myndighet" is "Modern myndighet"
    by_area = status_by_group(prepared, Selection(STORY), "result_area")
    assert by_area["result_area"].isna().sum() == 1
    names = by_area["result_area"].dropna().tolist()
    assert len({n.casefold() for n in names}) == len(names)
    assert "Modern myndighet" in names


def test_the_memory_is_bounded_and_forgets_the_oldest():
    prepared = PreparedFrames({}, capacity=3)
    for n in range(5):
        assert prepared.remember(("kind", n), lambda n=n: n * 10) == n * 10
    assert prepared.remembered() == 3
    calls = []
    assert prepared.remember(("kind", 0), lambda: calls.append(0) or 0) == 0
    assert calls == [0]  # the oldest was gone and is computed again
    assert prepared.remember(("kind", 4), lambda: calls.append(4) or -1) == 40  # still kept


def test_kept_reads_without_computing_and_keeps_what_it_reads():
    prepared = PreparedFrames({}, capacity=3)
    assert kept(prepared, ("agency", 1)) is None and prepared.remembered() == 0
    assert kept({}, ("agency", 1)) is None  # plain frames have no memory
    prepared.remember(("agency", 1), lambda: "register")
    prepared.remember(("unit", 1), lambda: "a")
    prepared.remember(("unit", 2), lambda: "b")
    assert kept(prepared, ("agency", 1)) == "register"  # read: the newest in use again
    prepared.remember(("unit", 3), lambda: "c")  # the oldest in use goes: unit 1
    assert kept(prepared, ("agency", 1)) == "register"
    assert kept(prepared, ("unit", 1)) is None


def test_keep_only_drops_every_other_kind():
    prepared = PreparedFrames({})
    prepared.remember(("scope", 1), lambda: "a")
    prepared.remember(("period_rows", 1), lambda: "b")
    prepared.keep_only({"period_rows"})
    assert prepared.remember(("scope", 1), lambda: "again") == "again"
    assert prepared.remember(("period_rows", 1), lambda: "again") == "b"


def test_a_plain_dict_is_never_remembered_in():
    calls = []
    for _ in range(2):
        memoized({}, ("x",), lambda: calls.append(1))
    assert calls == [1, 1]


def test_threads_asking_at_once_all_get_the_one_kept_value():
    prepared = PreparedFrames({})
    start = threading.Barrier(8)
    results = []

    def ask(n: int) -> None:
        start.wait()
        results.append(prepared.remember(("shared",), lambda: [n]))

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert all(r is results[0] for r in results)  # one object, the first one stored
