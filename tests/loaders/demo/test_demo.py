"""The demo agency: deterministic, shaped like the format, and telling the 2018-T2 story.

The story figures are computed here straight from the generated rows with pandas, independently
of the dashboard's own figure code.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders.demo.agency import build_demo, write_demo_workbooks
from loaders.specs import ALL_BY_NAME, ALL_DATASETS

T1, T2 = "2018-T1", "2018-T2"
CLOSED = ["completed", "cancelled"]
PERIODS = ["2017-T1", "2017-T2", "2017-T3", T1, T2]


@pytest.fixture(scope="module")
def demo() -> dict[str, list[dict]]:
    return build_demo()


@pytest.fixture(scope="module")
def frames(demo) -> dict[str, pd.DataFrame]:
    units = pd.DataFrame(demo["units"])
    result = {name: pd.DataFrame(rows) for name, rows in demo.items()}
    for name in ("assignments", "finance", "staff"):
        result[name] = result[name].merge(units[["unit", "department"]], on="unit", how="left")
    return result


@pytest.fixture(scope="module")
def story_file(tmp_path_factory) -> openpyxl.Workbook:
    paths = write_demo_workbooks(tmp_path_factory.mktemp("demo"))
    assert [p.name for p in paths] == [f"uppfoljning_{p}.xlsx" for p in PERIODS]
    return openpyxl.load_workbook(paths[-1])


def test_same_seed_same_data_other_seed_other_data(demo):
    assert build_demo() == demo
    assert build_demo(seed=7)["assignments"] != demo["assignments"]


def test_rows_carry_exactly_the_spec_fields(demo):
    assert set(demo) == {d.name for d in ALL_DATASETS}
    for name, rows in demo.items():
        assert rows and all(list(row) == ALL_BY_NAME[name].fields for row in rows), name


def test_sizes_about_as_specified(frames):
    units, assignments = frames["units"], frames["assignments"]
    assert len(units) == 30 and units["unit"].is_unique
    assert units["department"].nunique() == 8
    per_period = assignments.groupby("period").size()
    assert list(per_period.index) == PERIODS
    assert per_period.between(380, 420).all()
    assert frames["finance"].groupby("period").size().eq(30 * 3).all()
    assert frames["staff"].groupby("period").size().eq(30).all()
    processes = frames["processes"]
    agency = processes[processes["unit"].isna()]
    assert agency.groupby("period")["kpi"].nunique().between(5, 7).all()
    per_unit = processes.dropna(subset=["unit"]).merge(units, on="unit")
    assert 1 <= per_unit["department"].nunique() <= 2
    settings = frames["kpi_settings"]
    assert set(processes["kpi"]) == set(settings.loc[settings["perspective"] == "processes", "kpi"])
    staff_targets = settings[settings["perspective"] == "staff"]  # targets of the staff rates
    assert staff_targets["kpi"].tolist() == ["Sjukfrånvaro", "Personalomsättning"]


def test_assignment_ids_unique_per_period_and_well_formed(frames):
    assignments = frames["assignments"]
    assert not assignments.duplicated(["period", "id"]).any()
    assert assignments["id"].str.fullmatch(r"(RU-\d{4}-\d{2}|(VP|IN)-\d{4}-\d{3})").all()
    share = (assignments["type"] == "government").mean()
    assert 0.12 <= share <= 0.19
    assert (assignments["end_date"] > assignments["decision_date"]).all()
    areas = assignments.groupby("result_area")["goal"].unique()
    assert {"Attraktiv arbetsplats", "Enkla och smarta arbetsprocesser"} == set(
        areas["Modern myndighet"])
    assert 4 <= len(areas) <= 5


def test_green_share_of_active_assignments_just_over_90_percent(frames):
    story = frames["assignments"].query("period == @T2")
    active = story[~story["status"].isin(CLOSED)]
    assert story["status"].isin(CLOSED).any()
    assert 0.90 < (active["status"] == "green").mean() < 0.93


def test_red_assignments_sit_in_one_department(frames):
    story = frames["assignments"].query("period == @T2")
    red = story[story["status"] == "red"]
    assert 1 <= len(red) <= 2 and red["department"].nunique() == 1


def test_headcount_up_eleven_all_temporary(frames):
    totals = frames["staff"].groupby("period")[["permanent", "temporary"]].sum()
    change = totals.loc[T2] - totals.loc[T1]
    assert change["permanent"] == 0 and change["temporary"] == 11
    assert totals.loc[T2].sum() - totals.loc[T1].sum() == 11


def test_exactly_nine_new_government_assignments(frames):
    assignments = frames["assignments"]
    before = set(assignments.loc[assignments["period"] == T1, "id"].str.casefold())
    story = assignments[assignments["period"] == T2]
    new = story[(story["type"] == "government") & ~story["id"].str.casefold().isin(before)]
    assert len(new) == 9


def test_one_department_red_on_forecast_agency_green(frames):
    story = frames["finance"].query("period == @T2")
    sums = story.groupby("department")[["budget", "forecast"]].sum()
    deviation = (sums["forecast"] - sums["budget"]) / sums["budget"]
    assert (deviation.abs() > 0.05).sum() == 1
    total = (story["forecast"].sum() - story["budget"].sum()) / story["budget"].sum()
    assert abs(total) <= 0.02


def test_outcome_follows_the_share_of_the_year(frames):
    finance = frames["finance"]
    for period, rows in finance.groupby("period"):
        share = int(period[-1]) / 3
        consumption = rows["outcome"].sum() / rows["budget"].sum()
        assert abs(consumption - share) < 0.05 * share, period
        assert rows["previous_forecast"].isna().all() == period.endswith("T1")


def test_yellow_and_red_commented_except_one_in_the_story_tertial(frames):
    assignments = frames["assignments"]
    missing = assignments[assignments["status"].isin(["yellow", "red"])
                          & assignments["comment"].isna()]
    assert len(missing) == 1 and missing["period"].iloc[0] == T2


def test_swedish_letters_everywhere(frames):
    for name, column in (("units", "unit"), ("units", "head"), ("assignments", "name"),
                         ("assignments", "owner"), ("assignments", "comment")):
        text = " ".join(frames[name][column].dropna())
        assert re.search("[åäöÅÄÖ]", text), (name, column)
        assert sum(ch in "åäöÅÄÖ" for ch in text) > 0.01 * len(frames[name]), (name, column)
    everything = " ".join(frames["units"]["unit"]) + " ".join(frames["assignments"]["name"])
    assert set("åäö") <= set(everything)


def test_story_workbook_looks_like_an_export(story_file, demo):
    finance = story_file["Ekonomi"]
    assert finance["A1"].value.startswith("Uppföljning T2 2018 – Myndigheten för")
    assert isinstance(finance["B2"].value, dt.datetime)
    assert all(c.value is None for c in finance[3])
    assert [c.value for c in finance[4]] == [c.header for c in ALL_BY_NAME["finance"].columns]
    last = [c.value for c in finance[finance.max_row]]
    rows = [r for r in demo["finance"] if r["period"] == T2]
    assert last[0] == "Summa" and last[3] == sum(r["budget"] for r in rows)
    assert finance.max_row == 4 + len(rows) + 1
    assert "#,##0" in finance.cell(row=5, column=4).number_format


def test_story_workbook_holds_the_data_in_swedish_words(story_file, demo):
    sheet = pd.DataFrame(story_file["Uppdrag"].values).iloc[3:]
    sheet.columns = sheet.iloc[0]
    sheet = sheet.iloc[1:]
    rows = [r for r in demo["assignments"] if r["period"] == T2]
    assert list(sheet["Id"]) == [r["id"] for r in rows]
    words = {"green": "Grön", "yellow": "Gul", "red": "Röd", "completed": "Avslutad",
             "cancelled": "Avbruten"}
    assert list(sheet["Status"]) == [words[r["status"]] for r in rows]
    assert set(sheet["Typ"]) == {"Regeringsuppdrag", "Verksamhetsplan", "Internt"}
    assert all(isinstance(v, dt.datetime) for v in sheet["Beslutsdatum"])
    staff = story_file["Medarbetare"]
    header = [c.value for c in staff[4]]
    sick = staff.cell(row=5, column=header.index("Sjukfrånvaro") + 1)
    assert 0 < sick.value < 0.2 and "%" in sick.number_format
    assert story_file["Enheter"].max_row == 1 + len(demo["units"])
    assert story_file["Nyckeltal"].max_row == 1 + len(demo["kpi_settings"])


def test_the_committed_demo_workbooks_are_what_the_generator_writes(tmp_path):
    """``data/demo`` is what the README's `tertial import data/demo/...` examples and the
    tests read: byte for byte what ``tertial demo`` writes, never an older generation."""
    committed = Path(__file__).resolve().parents[3] / "data" / "demo"
    written = write_demo_workbooks(tmp_path)
    assert sorted(p.name for p in committed.glob("*.xlsx")) == [p.name for p in written]
    stale = [p.name for p in written if (committed / p.name).read_bytes() != p.read_bytes()]
    assert stale == [], "regenerate them: python -m loaders.demo.agency data/demo"
