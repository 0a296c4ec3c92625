"""The Enkät sheet (survey benchmark): both layouts, its rules, the store's slices, the template."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard.views.preview import describe
from loaders.imports.importer import import_file
from loaders.ingest.workbook import LoadOptions, load_file
from loaders.settings import Settings
from loaders.specs import ALL_DATASETS, SURVEY
from loaders.store.store import Store
from loaders.template import write_template
from tests.builders import SURVEY_LONG, SURVEY_WIDE, full_workbook, xlsx_bytes
from tests.databases import folder_url
from tests.libreoffice import saved_by_libreoffice


def load(rows, **options):
    return load_file(xlsx_bytes({"Enkät": rows}), "enkat.xlsx", LoadOptions(**options))


def survey_of(result) -> pd.DataFrame:
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    return result.frames["survey"]


def wide() -> list[list[object]]:
    return copy.deepcopy(SURVEY_WIDE)


def follow_up(rows: list[list[object]], label: str = "Uppföljning 2019") -> list[list[object]]:
    out = copy.deepcopy(rows)
    for row in out[2:]:
        row[1] = label
    return out


# --- both layouts -------------------------------------------------------------------------

def test_wide_and_long_layouts_load_to_the_same_long_frame():
    from_wide, from_long = survey_of(load(SURVEY_WIDE)), survey_of(load(SURVEY_LONG))
    assert_frame_equal(from_wide, from_long)
    assert list(from_wide.columns) == SURVEY.fields
    assert from_wide["organisation"].tolist() == ["Vi", "Organisation A", "Org B"] * 2
    assert from_wide["is_own"].tolist() == [True, False, False] * 2
    # 1-5 means as written; shares as fractions whether written 0,8, 80 % or 0.62 as percent
    assert from_wide["value"].tolist() == [4.2, 3.9, 4.4, 0.62, 0.71, 0.8]
    assert from_wide["scale"].tolist() == ["1-5"] * 3 + ["share"] * 3
    assert from_wide["answers"].tolist() == [120, pd.NA, pd.NA, 118, pd.NA, pd.NA]


def test_the_wide_peers_are_not_reported_as_unknown_columns_but_a_text_column_is():
    rows = wide()
    rows[1].append("Kommentar")
    rows[2].append("bra")
    result = load(rows)
    unknown = [i.header for i in result.report.issues if i.code == "unknown_column"]
    assert unknown == ["Kommentar"]
    assert survey_of(result)["organisation"].nunique() == 3


def test_own_rows_may_carry_the_name_given_at_import_in_both_layouts():
    long = copy.deepcopy(SURVEY_LONG)
    long[1][6] = "Myndigheten"
    from_long = survey_of(load(long, own_organisation="Myndigheten"))
    from_wide = survey_of(load(SURVEY_WIDE, own_organisation="Myndigheten"))
    assert_frame_equal(from_wide, from_long)
    assert from_long.loc[from_long["is_own"], "organisation"].tolist() == ["Myndigheten"] * 2


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
def test_a_survey_saved_again_by_libreoffice_loads_to_the_same_frame(tmp_path: Path, extension):
    source = tmp_path / "enkat.xlsx"
    source.write_bytes(xlsx_bytes({"Enkät": SURVEY_WIDE}))
    saved = saved_by_libreoffice(source, extension, tmp_path / "lo")
    loaded = load_file(saved.read_bytes(), saved.name)
    assert_frame_equal(survey_of(loaded), survey_of(load(SURVEY_WIDE)))


# --- every rule, located ------------------------------------------------------------------

def _set(rows, cell: str, value):
    column = openpyxl.utils.column_index_from_string(cell.rstrip("0123456789")) - 1
    row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - 1
    rows[row][column] = value
    return rows


def _no_peers(rows):
    rows[2][9:11] = [None, None]
    return rows


def _duplicate(rows):
    rows.append(list(rows[2]))
    return rows


def _long_without_own(_rows):
    rows = copy.deepcopy(SURVEY_LONG)
    rows[5][6] = "Organisation C"  # the Svarstider question's "Egen" row
    return rows


def _too_many_peers(rows):
    for row in rows[1:]:
        row.extend([f"Organisation {i}" if row is rows[1] else 1.0 for i in range(19)])
    return rows


CASES = {
    # id: (change, code, cell, words in the Swedish message, words in the English message)
    "own value above the scale": (lambda r: _set(r, "G3", 6), "survey_out_of_scale", "G3",
                                  "utanför skalan 1–5. Tillåtet: 1–5",
                                  "outside the scale 1–5. Allowed: 1–5"),
    "peer value below the scale": (lambda r: _set(r, "J3", "0,5"), "survey_out_of_scale",
                                   "J3", "Organisation A", "Organisation A"),
    "share as 62 without percent": (lambda r: _set(r, "G4", 62), "survey_out_of_scale", "G4",
                                    "0 % – 100 %", "0 % – 100 %"),
    "percent on a 1-5 scale": (lambda r: _set(r, "K3", "44 %"), "survey_out_of_scale", "K3",
                               "Org B", "Org B"),
    "unreadable scale": (lambda r: _set(r, "H3", "1 till 5"), "survey_bad_scale", "H3",
                         "1 till 5", "1 till 5"),
    "answers not whole": (lambda r: _set(r, "I3", "2,5"), "bad_value", "I3", "heltal",
                          "whole number"),
    "answers below zero": (lambda r: _set(r, "I3", -3), "out_of_range", "I3", "orimligt",
                           "implausible"),
    "own answers blank": (lambda r: _set(r, "I3", None), "required_blank", "I3",
                          "Antal svar måste fyllas i", "Antal svar must be filled in"),
    "question without area": (lambda r: _set(r, "D4", None), "required_blank", "D4",
                              "Område måste fyllas i", "Område must be filled in"),
    "duplicate question": (_duplicate, "duplicate_key", "E5", "även rad 3", "also row 3"),
    "question without own row": (_long_without_own, "survey_no_own_row", "E5",
                                 "saknar egen rad", "has no own row"),
    "question without peers": (_no_peers, "survey_peer_count", "E3", "mellan 1 och 20",
                               "between 1 and 20"),
    "more than 20 peers": (_too_many_peers, "survey_peer_count", "2", "21",
                           "21 peer organisations"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_rule_refuses_with_sheet_row_column_in_swedish_and_english(case):
    change, code, cell, swedish, english = CASES[case]
    result = load(change(wide()))
    assert not result.ok
    found = [i for i in result.report.errors() if i.code == code]
    assert len(found) == 1, [i.to_dict() for i in result.report.issues]
    error = found[0]
    assert error.sheet == "Enkät"
    assert f"{error.column or ''}{error.row}" == cell
    assert swedish in error.message_sv and english in error.message_en
    assert error.message_sv != error.message_en


# --- the store: measurements are the slices ----------------------------------------------

@pytest.fixture
def store(tmp_path: Path):
    s = Store(folder_url(tmp_path))
    yield s
    s.close()


def stored(store: Store) -> pd.DataFrame:
    return store.frames(ALL_DATASETS)["survey"]


def put(store: Store, rows, name: str) -> int:
    frames = load(rows).frames
    return store.import_frames(frames, user="ekonom", file_name=f"{name}.xlsx",
                               file_bytes=name.encode()).id


def test_measurements_add_up_replace_one_by_one_and_roll_back(store: Store):
    baseline, later = survey_of(load(SURVEY_WIDE)), survey_of(load(follow_up(SURVEY_WIDE)))
    put(store, SURVEY_WIDE, "baseline")
    assert_frame_equal(stored(store), baseline)
    assert "survey" not in store.frames()  # the dashboard's default read leaves it out

    put(store, follow_up(SURVEY_WIDE), "follow-up")
    both = stored(store)
    assert_frame_equal(both, pd.concat([baseline, later], ignore_index=True))

    corrected = _set(wide(), "G3", "3,8")
    plan = store.plan(load(corrected).frames)
    assert [(s.dataset, s.period, s.changed) for s in plan.slices] == [
        ("survey", "Nollmätning 2018", 1)]
    assert plan.periods == []  # a measurement is no tertial
    fix = put(store, corrected, "corrected")
    after = stored(store)
    assert after.loc[after["measurement"] == "Uppföljning 2019"].reset_index(drop=True).equals(
        later)
    own = after[(after["measurement"] == "Nollmätning 2018") & after["is_own"]]
    assert own["value"].tolist() == [3.8, 0.62]
    assert store.history()[0].periods == []

    store.rollback(fix, user="ekonom")
    assert_frame_equal(stored(store), both)


def test_an_upload_with_a_survey_beside_the_follow_up_is_described_and_stored(tmp_path: Path):
    store = Store(folder_url(tmp_path))
    settings = Settings(data_dir=tmp_path)
    data = xlsx_bytes(full_workbook() | {"Enkät": SURVEY_LONG})
    outcome = import_file(store, data, "uppfoljning.xlsx", settings, user="ekonom")
    assert outcome.result.ok and outcome.record is not None
    frames = store.frames()
    assert set(frames) == {"units", "assignments", "finance", "staff", "processes",
                           "kpi_settings"}
    preview = describe(frames, outcome.result.frames, outcome.plan, settings)
    assert preview["periods"] == ["2018-T2"]
    assert ("survey", "Nollmätning 2018") in {(s["dataset"], s["period"])
                                              for s in preview["slices"]}
    assert len(stored(store)) == 6
    store.close()


# --- the template ------------------------------------------------------------------------

def test_the_blank_template_has_the_wide_survey_sheet_and_loads_without_errors():
    buffer = io.BytesIO()
    write_template(buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    headers = [c.value for c in book["Enkät"][1]]
    assert headers[:9] == ["Enkät", "Mätning", "Datum", "Område", "Fråga", "Grupp", "Värde",
                           "Skala", "Antal svar"]
    assert headers[9:] == [f"Organisation {letter}" for letter in "ABCDEFG"]
    result = load_file(buffer.getvalue(), "mall.xlsx")
    assert result.ok and result.report.errors() == []
    assert len(result.frames["survey"]) == 0


def test_a_filled_template_sheet_loads_its_seven_peers():
    buffer = io.BytesIO()
    write_template(buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    book["Enkät"].append(["IT-enkäten", "2018-09", None, "Service", "Bra service", None, 4.1,
                          "1–5", 80, 3.5, 3.6, 3.7, 3.8, 3.9, 4.0, 4.2])
    out = io.BytesIO()
    book.save(out)
    frame = survey_of(load_file(out.getvalue(), "mall.xlsx"))
    assert frame["organisation"].tolist() == ["Vi", *(f"Organisation {x}" for x in "ABCDEFG")]
    assert frame["scale"].unique().tolist() == ["1-5"]
