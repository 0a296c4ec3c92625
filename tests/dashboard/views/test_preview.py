"""The import preview against the demo data in a real store and real correction workbooks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard.kpis import Selection, operations, summary
from dashboard.kpis.status import DEFAULT_THRESHOLDS
from dashboard.views.preview import LIST_CAP, describe, frames_after, headline, preview
from loaders.imports.importer import import_file
from loaders.settings import Settings
from loaders.specs import DATASETS, ROW_KEYS
from tests.demo_store import STORY, copy_store, correction, demo_workbooks, first_with_status
from tests.demo_store import seed_database as seed_db

ROOT = Path(__file__).resolve().parents[3]
NEW_ID = "IN-2018-999"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    return demo_workbooks(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def seed_all(tmp_path_factory, workbooks) -> Path:
    """Every demo tertial imported, the story tertial (2018-T2) last."""
    return seed_db(tmp_path_factory.mktemp("all"), [workbooks[p] for p in sorted(workbooks)])


@pytest.fixture(scope="module")
def seed_before_story(tmp_path_factory, workbooks) -> Path:
    before = [workbooks[p] for p in sorted(workbooks) if p < STORY]
    return seed_db(tmp_path_factory.mktemp("before"), before)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path)


@pytest.fixture(scope="module")
def changed_ids(workbooks) -> dict[str, str]:
    story = workbooks[STORY]
    return {"red": first_with_status(story, "Grön"),
            "drop": first_with_status(story, "Grön", skip=1), "add": NEW_ID}


def dry_run(store, data: bytes, settings: Settings):
    outcome = import_file(store, data, "rättelse.xlsx", settings, dry_run=True)
    assert outcome.plan is not None, [i.to_dict() for i in outcome.report.issues]
    return outcome


def sorted_frame(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    keys = [k for k in ("period", *ROW_KEYS[name]) if k in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def assert_same_frames(got: dict, stored: dict) -> None:
    for ds in DATASETS:
        assert_frame_equal(sorted_frame(got[ds.name], ds.name),
                           sorted_frame(stored[ds.name], ds.name), obj=ds.name)


@pytest.mark.parametrize("case", ["correction", "new_tertial"])
def test_frames_after_are_what_the_store_holds_after_the_import(
        case, tmp_path, settings, workbooks, seed_all, seed_before_story, changed_ids):
    if case == "correction":
        store, _ = copy_store(seed_all, tmp_path)
        data = correction(workbooks[STORY], **changed_ids)
    else:  # units and KPI settings replaced whole, a new tertial of every dataset
        store, _ = copy_store(seed_before_story, tmp_path)
        data = workbooks[STORY].read_bytes()
    current = store.frames()
    new = dry_run(store, data, settings).result.frames
    expected = frames_after(current, new)
    assert import_file(store, data, "rättelse.xlsx", settings).record is not None
    assert_same_frames(expected, store.frames())
    store.close()


@pytest.fixture
def corrected(tmp_path, settings, workbooks, seed_all, changed_ids) -> dict:
    """The preview of a 2018-T2 correction: one green assignment red, another green one
    gone, one new green one (one green fewer, as many active)."""
    store, _ = copy_store(seed_all, tmp_path)
    outcome = dry_run(store, correction(workbooks[STORY], **changed_ids), settings)
    result = preview(store.frames(), outcome.result.frames, outcome.plan)
    store.close()
    return result


def test_the_correction_changes_one_slice_by_one_row_each_way(corrected):
    assert corrected["periods"] == [STORY]
    [only] = corrected["slices"]
    assert (only["dataset"], only["period"]) == ("assignments", STORY)
    assert (only["added"], only["removed"], only["changed"]) == (1, 1, 1)
    assert only["rows_after"] == only["rows_now"]


def test_status_changes_list_exactly_the_changed_assignments(corrected, changed_ids):
    [changes] = corrected["status_changes"]
    assert (changes["period"], changes["compared_with"], changes["basis"]) == (
        STORY, STORY, "stored")
    got = {(i["id"], i["from"], i["to"], i["change"], i["direction"]) for i in changes["items"]}
    assert got == {
        (changed_ids["red"], "green", "red", "changed", "worse"),
        (changed_ids["add"], None, "green", "new", None),
        (changed_ids["drop"], "green", None, "gone", None),
    }
    assert changes["count"] == 3
    assert changes["counts"] == {"changed": 1, "new": 1, "gone": 1}


def test_headlines_show_the_red_assignment_before_and_after(corrected):
    [story] = corrected["headlines"]
    before, after = story["before"], story["after"]
    assert (before["red"], after["red"]) == (2, 3)
    assert after["green_share"] < before["green_share"]
    assert after["assignments"] == before["assignments"]  # one gone, one new
    assert {"red", "green_share"} <= set(story["changed"])
    assert "headcount" not in story["changed"] and before["headcount"] == after["headcount"]
    assert before["new_government"] == after["new_government"] == 9


def test_a_new_tertial_is_compared_with_the_previous(
        tmp_path, settings, workbooks, seed_before_story):
    store, _ = copy_store(seed_before_story, tmp_path)
    outcome = dry_run(store, workbooks[STORY].read_bytes(), settings)
    current = store.frames()
    result = preview(current, outcome.result.frames, outcome.plan)
    store.close()
    [story] = result["headlines"]
    # issue 17: not "–" everywhere, but the step from 2018-T1 as the overview shows it
    assert (story["basis"], story["compared_with"]) == ("previous", "2018-T1")
    assert story["before"] == headline(current, "2018-T1", DEFAULT_THRESHOLDS)
    t1 = summary(current, Selection("2018-T1"))
    assert story["before"]["red"] == t1["operations"]["status_counts"]["red"]
    assert story["before"]["headcount"] == t1["staff"]["headcount"] is not None
    assert story["after"]["red"] == 2
    [changes] = result["status_changes"]
    assert (changes["compared_with"], changes["basis"]) == ("2018-T1", "previous")
    [government] = result["new_government"]
    after = frames_after(current, outcome.result.frames)
    assert government["count"] == operations(after, Selection(STORY))[
        "new_government_assignments"] == 9
    assert len(government["ids"]) == government["ids_count"] == 9
    assert all(i.startswith("RU-") for i in government["ids"])


def test_long_lists_are_capped_with_their_total(tmp_path, settings, seed_all):
    store, _ = copy_store(seed_all, tmp_path)
    current = store.frames()
    rows = current["assignments"][current["assignments"]["period"] == STORY].copy()
    rows["status"] = "red"
    new = {"assignments": rows}
    result = preview(current, new, store.plan(new))
    store.close()
    [changes] = result["status_changes"]
    assert changes["count"] == len(rows) - 2 > LIST_CAP  # two were red already
    assert len(changes["items"]) == LIST_CAP


def test_describe_judges_with_the_thresholds_of_the_settings(tmp_path, settings, seed_all):
    store, _ = copy_store(seed_all, tmp_path)
    current = store.frames()
    rows = current["assignments"][current["assignments"]["period"] == STORY]
    new = {"assignments": rows}
    plan = store.plan(new)
    store.close()
    strict = Settings(data_dir=tmp_path, operations_green=0.95)
    assert describe(current, new, plan, settings)["headlines"][0]["after"][
        "operations_status"] == "green"
    assert describe(current, new, plan, strict)["headlines"][0]["after"][
        "operations_status"] == "yellow"


def test_the_page_s_table_names_the_two_tertials_of_a_new_one():
    from dashboard.components.preview import headlines_table
    from tests.component_texts import texts

    entry = {"period": "2018-T2", "basis": "previous", "compared_with": "2018-T1",
             "before": {"red": 1, "headcount": 120}, "after": {"red": 2, "headcount": 118},
             "changed": ["red", "headcount"]}
    shown = texts(headlines_table(entry, "sv"))
    assert ("Översiktens siffror för hela myndigheten: 2018-T2 är ny, jämförd med 2018-T1"
            in shown)
    assert shown.index("2018-T1") < shown.index("2018-T2")  # the columns' headers
    assert shown.index("120") < shown.index("118")  # headcount: before, then after
