"""``tertial demo`` tells the story the leadership group should read off at 2018-T2.

The demo is loaded once for the module (about three seconds); every test reads it through
``tertial summary`` as a user would.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

import cli
from dashboard.kpis.survey import SurveyChoice, areas, changes, measurements, questions
from dashboard.text.survey import survey_narrative
from loaders.settings import load_settings
from loaders.specs import ALL_DATASETS
from loaders.store.store import Store

STORY = "2018-T2"


def run(data_dir: Path, *argv: str) -> tuple[int, str]:
    """``tertial --data-dir DATA ARGS...`` in-process: (exit code, stdout + stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(data_dir), *argv])
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text
    return code, text


def story(data_dir: Path, *argv: str) -> dict:
    code, text = run(data_dir, "summary", "--period", STORY, "--json", *argv)
    assert code == 0, text
    return json.loads(text)


def stored(data_dir: Path) -> tuple[dict, list[tuple[int, str, str]]]:
    """The current frames and the history (id, file, status) as the store sees them."""
    store = Store(load_settings({"data_dir": data_dir}).resolved_database_url)
    try:
        return store.frames(), [(r.id, r.file_name, r.status) for r in store.history()]
    finally:
        store.close()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    code, text = run(data_dir, "demo")
    assert code == 0, text
    return data_dir


@pytest.fixture(scope="module")
def agency(demo_dir) -> dict:
    return story(demo_dir)


def test_demo_imports_one_workbook_per_tertial(demo_dir):
    _, history = stored(demo_dir)
    assert [name for _, name, _ in history] == [
        f"uppfoljning_{p}.xlsx" for p in ("2018-T2", "2018-T1", "2017-T3", "2017-T2", "2017-T1")]
    assert (demo_dir / "demo" / "uppfoljning_2018-T2.xlsx").is_file()


def test_just_over_ninety_percent_of_active_assignments_are_green(agency):
    share = agency["operations"]["status_share"]
    assert 0.90 < share["green"] < 0.93
    assert agency["operations"]["status"] == "green"
    assert agency["previous_period"] == "2018-T1"


def test_headcount_grew_by_eleven_all_temporary(agency):
    staff = agency["staff"]
    assert staff["headcount_change"] == 11
    assert staff["temporary_change"] == 11
    assert staff["permanent_change"] == 0


def test_nine_new_government_assignments(agency):
    assert agency["operations"]["new_government_assignments"] == 9


def test_two_reports_to_the_government_are_due_before_the_next_follow_up_and_one_is_late(
        agency):
    reports = agency["operations"]["government_reports"]
    assert (reports["next_period"], reports["due_until"]) == ("2018-T3", "2018-12-31")
    assert reports["due_before_next"] == 2
    assert [(i["id"], i["date"]) for i in reports["due_items"]] == [
        ("RU-2016-11", "2018-11-30"), ("RU-2017-05", "2018-11-30")]
    assert reports["overdue"] == 1
    [late] = reports["overdue_items"]
    assert (late["id"], late["date"], late["department"]) == (
        "RU-2015-07", "2018-06-29", "Avdelningen för verksamhetsstöd")


def test_finance_green_for_the_agency_red_for_it(demo_dir, agency):
    assert agency["finance"]["status"] == "green"
    it = story(demo_dir, "--department", "IT-avdelningen")
    assert it["selection"]["department"] == "IT-avdelningen"
    assert it["finance"]["status"] == "red"
    assert it["finance"]["forecast_deviation"] > 0.05


def test_the_red_assignments_are_in_the_analysis_department(demo_dir, agency):
    analysis = story(demo_dir, "--department", "Analysavdelningen")
    assert analysis["operations"]["status_counts"]["red"] >= 1
    assert analysis["operations"]["status_counts"]["red"] == \
        agency["operations"]["status_counts"]["red"]


def test_sick_leave_and_turnover_meet_their_targets_but_not_in_the_analysis_department(
        demo_dir, agency):
    """The targets come from the Nyckeltal sheet of the imported workbooks (Perspektiv
    Medarbetare, Mål in percent): sick leave at most 4,5 %, turnover at most 8 %."""
    staff = agency["staff"]
    assert (staff["sick_leave_target"], staff["turnover_target"]) == (0.045, 0.08)
    assert staff["sick_leave"] <= 0.045 and staff["sick_leave_status"] == "green"
    assert staff["turnover"] <= 0.08 and staff["turnover_status"] == "green"
    analysis = story(demo_dir, "--department", "Analysavdelningen")["staff"]
    assert analysis["turnover"] > 0.08 * 1.1 and analysis["turnover_status"] == "red"


def test_swedish_text_summary_tells_the_story(demo_dir, agency):
    code, text = run(demo_dir, "summary", "--period", STORY)
    assert code == 0
    green = agency["operations"]["status_share"]["green"]
    assert f"● Andel gröna uppdrag {green * 100:.1f}\u00a0%".replace(".", ",") in text
    assert "91,2" in text
    assert "+11" in text
    assert "Nya regeringsuppdrag 9." in text
    assert ("Regeringsuppdrag: 2 ska redovisas före nästa uppföljning (senast 2018-12-31); "
            "försenade: 1 (RU-2015-07, 2018-06-29).") in text


def test_running_demo_again_duplicates_nothing(demo_dir, agency):
    frames_before, history_before = stored(demo_dir)
    code, text = run(demo_dir, "demo")
    assert code == 0
    assert text.count("redan importerad") == 5
    frames_after, history_after = stored(demo_dir)
    assert history_after == history_before
    assert frames_after.keys() == frames_before.keys()
    for name, frame in frames_before.items():
        assert frames_after[name].equals(frame), name
    assert story(demo_dir) == agency


def test_the_it_survey_tells_its_story(demo_dir):
    """The baseline: high overall (second of eight), service the strongest area, response
    times lower than at six of seven peers; a year later response times have improved."""
    store = Store(load_settings({"data_dir": demo_dir}).resolved_database_url)
    try:
        survey = store.frames(ALL_DATASETS)["survey"]
    finally:
        store.close()
    assert measurements(survey, "IT-enkäten") == ["Nollmätning 2017", "Uppföljning 2018"]
    assert survey.groupby("measurement")["organisation"].nunique().eq(8).all()
    baseline = SurveyChoice("IT-enkäten", "Nollmätning 2017")
    assert [s.text for s in survey_narrative(areas(survey, baseline), None, 0, 5, None)] == [
        "Högst nöjdhet inom Service (plats 1 av 8); Svarstider bedöms lägre än hos sex av sju "
        "jämförbara organisationer.",
        "Sammantaget plats 2 av 8: högre än sex av sju jämförbara organisationer."]
    follow_up = SurveyChoice("IT-enkäten", "Uppföljning 2018")
    change = changes(questions(survey, follow_up), questions(survey, baseline))
    improved = change.loc[change["verdict"] == "up", "area"]
    assert set(improved) == {"Svarstider"} and len(improved) == 3
    assert change.loc[change["verdict"] == "down", "area"].tolist() == ["IT-miljö"]
    # a small department is hidden, with the next smallest (complementary suppression)
    small = SurveyChoice("IT-enkäten", "Nollmätning 2017", "Kommunikationsavdelningen")
    assert questions(survey, small)["hidden"].all()
