"""A department's or a unit's government register is the agency's register's rows in it.

``register_table`` makes the agency's register once per tertial and takes a department's or a
unit's rows from it (``dashboard/kpis/government.py`` ``_within``) instead of building the
register again from the scope's rows. Here every department and unit of every tertial gets
the table its own rows give (``_register``, the reference): on the demo, and on an untidy
export whose units are spelled in other cases, some unknown, and whose deadlines repeat, so
the sort's ties are decided by the rows' order.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.kpis import Selection, resolve, units_by_department
from dashboard.kpis.government import _register, register_table
from dashboard.kpis.prepared import PreparedFrames
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


@pytest.mark.parametrize("spelled", [lambda f: f, tied], ids=["demo", "untidy_and_tied"])
def test_each_scope_s_register_is_the_one_its_own_rows_give(spelled):
    frames = spelled(demo_frames())
    shared = PreparedFrames(frames)  # the agency's register made once, as in the app
    shown = 0
    for selection in scopes(frames):
        scope = resolve(shared, selection)
        got = register_table(shared, scope)
        expected = _register(PreparedFrames(frames), scope)[0]
        pd.testing.assert_frame_equal(got, expected, obj=str(selection))
        shown += len(got)
    assert shown > 0  # the demo has government assignments in its departments
