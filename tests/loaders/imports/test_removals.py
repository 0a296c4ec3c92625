"""The large-removal rule at its edge, through the real import into a real store: more than
the setting's share of a slice's rows (20 % by default) is large, exactly the share is not
(issue 17). Workbooks written by openpyxl."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.imports.importer import import_file
from loaders.imports.removals import Removal, large_removals
from loaders.settings import Settings
from loaders.store.diff import ImportPlan, SlicePlan
from loaders.store.store import Store
from tests.builders import ASSIGNMENTS, UNITS, xlsx_bytes
from tests.databases import folder_url

TEN = [ASSIGNMENTS[0]] + [
    [f"U-{n}", f"Uppdrag {n}", "Verksamhetsplan", None, None, "Ekonomienheten", None, None,
     None, "2018-T2", "Grön", None] for n in range(1, 11)]


def workbook(kept: int) -> bytes:
    return xlsx_bytes({"Enheter": [list(r) for r in UNITS], "Uppdrag": TEN[:kept + 1]})


@pytest.fixture
def store(tmp_path: Path):
    store = Store(folder_url(tmp_path))
    outcome = import_file(store, workbook(10), "tio.xlsx", Settings(data_dir=tmp_path))
    assert outcome.record is not None
    yield store
    store.close()


@pytest.mark.parametrize(("kept", "large"), [(9, False), (8, False), (7, True), (1, True)])
def test_more_than_a_fifth_removed_is_large_exactly_a_fifth_is_not(store, tmp_path, kept,
                                                                     large):
    settings = Settings(data_dir=tmp_path)
    before = store.data_version()
    data = workbook(kept)  # 1, 2 or 3 of 10 removed, or 9
    outcome = import_file(store, data, "ny.xlsx", settings)
    removed = 10 - kept
    if large:
        assert outcome.removals == [Removal("assignments", "2018-T2", removed, 10)]
        assert outcome.refusal is not None and outcome.refusal.code == "removal_not_confirmed"
        assert store.data_version() == before  # nothing stored without the yes
        warning = next(i for i in outcome.report.warnings() if i.code == "large_removal")
        assert f"tar bort {removed} av 10 rader i Uppdrag för 2018-T2" in warning.message_sv
        allowed = import_file(store, data, "ny.xlsx", settings, allow_removal=True)
        assert allowed.record is not None and allowed.refusal is None
    else:
        assert outcome.removals == [] and outcome.refusal is None
        assert outcome.record is not None  # stored at once


def test_the_setting_moves_the_edge(store, tmp_path):
    strict = Settings(data_dir=tmp_path, removal_warning=0.05)
    outcome = import_file(store, workbook(9), "ny.xlsx", strict, dry_run=True)
    assert outcome.removals == [Removal("assignments", "2018-T2", 1, 10)]


def test_a_slice_without_rows_now_is_never_a_removal():
    plan = ImportPlan([SlicePlan("assignments", "2018-T3", 0, 5, 5, 0, 0)])
    assert large_removals(plan, 0.0) == []
    plan = ImportPlan([SlicePlan("units", "", 30, 4, 0, 26, 0)])
    assert large_removals(plan, 0.2)[0].share == pytest.approx(26 / 30)
