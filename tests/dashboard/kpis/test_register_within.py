"""A department's or a unit's government register is the agency's register's rows in it.

``register_table`` takes a department's or a unit's rows from the agency's register once that
is made (``dashboard/kpis/government.py`` ``_within``), and builds the register from the
scope's own rows only while it is not (the first reader of a new data version). Here every
department and unit of every tertial gets the table its own rows give (``_register``, the
reference), both ways: on the demo, and on an untidy
export whose units are spelled in other cases, some unknown, and whose deadlines repeat, so
the sort's ties are decided by the rows' order.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.kpis import Selection, resolve, units_by_department
from dashboard.kpis.government import _register, register_table
from dashboard.kpis.prepared import PreparedFrames, kept
from loaders.periods import parse_tertial
from tests.dashboard.kpis.test_prepared import demo_frames, untidy


def tied(frames: dict) -> dict:
    """The untidy demo, with every government assignment of a unit due on one of two days."""
    frames = untidy(frames)
    a = frames["assignments"].copy()
    a["report_due"] = pd.to_datetime(a["report_due"])
    a.loc[a.index % 2 == 0, "report_due"] = pd.Timestamp("2018-12-31")
    a.loc[a.index % 2 == 1, "report_due"] = pd.Timestamp("2018-06-30")
    frames["assignments"] = a
    return frames


def scopes(frames: dict) -> list:
    periods = sorted(frames["assignments"]["period"].dropna().unique())
    found = []
    for period in periods:
        for department, units in units_by_department(frames).items():
            found.append(Selection(period, department))
            found += [Selection(period, unit=unit) for unit in units]
    return found


@pytest.mark.parametrize("agency_first", [True, False], ids=["agency_made", "cold"])
@pytest.mark.parametrize("spelled", [lambda f: f, tied], ids=["demo", "untidy_and_tied"])
def test_each_scope_s_register_is_the_one_its_own_rows_give(spelled, agency_first):
    """Taken from the agency's register when it is made (``agency_made``), from the scope's
    own rows on a data version that has none yet (``cold``, the first reader after an
    import): the same table both ways."""
    frames = spelled(demo_frames())
    shared = PreparedFrames(frames, capacity=100_000)  # nothing forgotten in this walk
    periods = sorted(frames["assignments"]["period"].dropna().unique())
    if agency_first:
        for period in periods:
            register_table(shared, resolve(shared, Selection(period)))
    shown = 0
    for selection in scopes(frames):
        scope = resolve(shared, selection)
        got = register_table(shared, scope)
        expected = _register(PreparedFrames(frames), scope)[0]
        pd.testing.assert_frame_equal(got, expected, obj=str(selection))
        shown += len(got)
    assert shown > 0  # the demo has government assignments in its departments
    made = [kept(shared, ("agency_register", parse_tertial(p))) is not None for p in periods]
    assert made == [agency_first] * len(periods)  # a department never makes the agency's
