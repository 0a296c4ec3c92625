"""Figures made in one grouped pass are exactly those of the pass per department.

``processes_table`` of a department or a unit takes its rows from one table of every unit's
key figures (``dashboard/kpis/processes.py``), the department matrix's green share comes
from the statuses counted per unit (``dashboard/kpis/matrix.py``), and
``units_by_department`` groups the units in one pass (``dashboard/kpis/organisation.py``).
Each is checked here against the way it was computed before, scope by scope: on the demo,
and on an untidy export whose key figures are spelled in other cases, repeated, without a
unit or in units of no department.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard.kpis import Selection, processes_table, resolve, swedish_key, units_by_department
from dashboard.kpis.matrix import _green_share
from dashboard.kpis.operations import assignment_counts
from dashboard.kpis.organisation import name_key, one_key, unit_table
from dashboard.kpis.prepared import PreparedFrames
from dashboard.kpis.processes import FIELDS, _table
from dashboard.kpis.rows import scoped_rows
from dashboard.kpis.status import GREEN, Thresholds
from loaders.periods import Tertial
from tests.dashboard.kpis.test_prepared import demo_frames, untidy

PERIODS = ("2018-T1", "2018-T2")
EMPTY = Tertial.from_label("2016-T3")  # before the demo's first tertial: no rows


def untidy_processes(frames: dict) -> dict:
    """The untidy demo, its key figures spelled carelessly: units in capitals or with
    spaces, a key figure in other case, a row repeated, rows without a unit or of a unit in
    no department, a value missing."""
    frames = untidy(frames)
    p = frames["processes"].copy()
    units = frames["units"]["unit"].dropna().tolist()
    agency = p[p["unit"].isna()]
    copies = pd.concat([agency.assign(unit=unit) for unit in units[::3]], ignore_index=True)
    p = pd.concat([p, copies], ignore_index=True)  # key figures of many units
    p.loc[p.index % 4 == 1, "unit"] = p.loc[p.index % 4 == 1, "unit"].str.upper() + " "
    p.loc[p.index % 6 == 2, "kpi"] = p.loc[p.index % 6 == 2, "kpi"].str.lower()
    p.loc[p.index % 9 == 5, "unit"] = pd.NA
    p.loc[p.index % 11 == 7, "unit"] = "Okänd enhet"
    p.loc[p.index % 13 == 3, "value"] = pd.NA
    frames["processes"] = pd.concat([p, p.iloc[::5]], ignore_index=True)  # some twice
    return frames


def scopes(frames) -> list[Selection]:
    found = []
    for period in PERIODS:
        for department, units in units_by_department(frames).items():
            found += [Selection(period, department), Selection(period, department.upper()),
                      *(Selection(period, unit=unit) for unit in units)]
    return found


def per_scope(frames, scope, thresholds) -> pd.DataFrame:
    """The table as it was computed before: from the scope's own rows."""
    return _table(frames, scope.period, scope, thresholds)[list(FIELDS)]


@pytest.mark.parametrize("make", [demo_frames, lambda: untidy_processes(demo_frames())],
                         ids=["demo", "untidy"])
@pytest.mark.parametrize("thresholds", [Thresholds(), Thresholds(kpi_tolerance=0.2)],
                         ids=["default", "wide"])
def test_a_scopes_key_figures_are_those_of_its_own_rows(make, thresholds):
    plain = make()
    prepared = PreparedFrames(plain)
    checked = 0
    for n, selection in enumerate(scopes(plain)):
        for frames in (prepared, plain) if n % 10 == 0 else (prepared,):
            scope = resolve(frames, selection)
            got = processes_table(frames, scope, thresholds)
            assert_frame_equal(got, per_scope(frames, scope, thresholds), check_exact=True,
                               obj=str(selection))
            checked += len(got)
    assert checked > 40  # the scopes have key figures to compare


def test_the_untidy_key_figures_keep_their_own_units_previous_values():
    frames = untidy_processes(demo_frames())
    tables = [processes_table(frames, resolve(frames, Selection("2018-T2", department)))
              for department in units_by_department(frames)]
    table = max(tables, key=len)
    assert table["previous_value"].notna().any() and table["value"].isna().any()
    assert table["unit"].str.endswith(" ").any()  # the rows spelled in capitals are in it


def test_a_unit_without_key_figures_has_the_empty_table_of_its_own_rows():
    frames = demo_frames()
    frames["processes"] = frames["processes"].iloc[:0]
    scope = resolve(frames, Selection("2018-T2", next(iter(units_by_department(frames)))))
    got = processes_table(frames, scope)
    assert got.empty
    assert_frame_equal(got, per_scope(frames, scope, Thresholds()), check_exact=True)


@pytest.mark.parametrize("make", [demo_frames, lambda: untidy_processes(demo_frames())],
                         ids=["demo", "untidy"])
def test_units_by_department_is_the_pass_per_department(make):
    frames = make()
    frames["units"] = pd.concat([frames["units"], pd.DataFrame(
        {"unit": ["Ny enhet", " ny enhet", "Tredje"],
         "department": [frames["units"]["department"].iloc[0].upper() + "  ", "X", "X"]})],
        ignore_index=True)
    table = unit_table(frames)
    keys = name_key(table["department"])
    before = {name: sorted(table.loc[keys == one_key(name), "unit"], key=swedish_key)
              for name in units_by_department(frames)}
    assert units_by_department(frames) == before
    assert "Ny enhet" in units_by_department(frames)[frames["units"]["department"].iloc[0]]


@pytest.mark.parametrize("make", [demo_frames, lambda: untidy_processes(demo_frames())],
                         ids=["demo", "untidy"])
def test_the_matrixs_green_share_is_that_of_the_scopes_own_rows(make):
    """The matrix counts the statuses per unit once; every scope's green share is the one
    its own rows give (``assignment_counts``, as the Verksamhet page and the cards)."""
    plain = make()
    prepared = PreparedFrames(plain)
    shares = set()
    for n, selection in enumerate(scopes(plain)):
        for frames in (prepared, plain) if n % 10 == 0 else (prepared,):
            scope = resolve(frames, selection)
            for period in (scope.period, scope.period.previous, EMPTY):
                rows = scoped_rows(frames, "assignments", scope, period)
                want = assignment_counts(rows)["status_share"][GREEN]
                assert _green_share(frames, scope, period) == want, (selection, period)
                shares.add(want)
    assert len(shares) > 5 and None in shares  # varied, and a tertial without rows
