"""The survey page's figures, sentences and choices, on a small survey loaded from a real
workbook, every figure worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from dashboard.kpis.survey import (
    SurveyChoice,
    areas,
    changes,
    latest_measurement,
    measurements,
    questions,
    surveys,
)
from dashboard.state.address import EVERYTHING, Reach, parse, query, with_page
from dashboard.state.survey import survey_state
from dashboard.text.survey import survey_narrative
from loaders.ingest.workbook import LoadOptions, load_file
from tests.builders import xlsx_bytes
from tests.frames import make_frame

HEADER = ["Enkät", "Mätning", "Datum", "Område", "Fråga", "Grupp", "Organisation", "Värde",
          "Skala", "Antal svar"]
Q1, Q2 = "Nöjd med supporten", "Svar inom en dag"
M1, M2 = "Nollmätning", "Uppföljning"
DAY1, DAY2 = dt.datetime(2018, 9, 1), dt.datetime(2019, 9, 1)


def rows(measurement: str, day: dt.datetime, q1: tuple[float, int], q2: tuple[float, int],
         groups: tuple[tuple[str, float, int], ...] = ()) -> list[list[object]]:
    """Our value and answers for Q1 (1-5) and Q2 (a share), four peers each, and Q1 by
    group (with one peer, as each group's question needs one)."""
    def line(area, question, group, organisation, value, scale, answers=None):
        return ["IT-enkäten", measurement, day, area, question, group, organisation, value,
                scale, answers]
    out = [line("Support", Q1, None, "Vi", q1[0], "1-5", q1[1])]
    out += [line("Support", Q1, None, f"Org {p}", v, "1-5")
            for p, v in zip("ABCD", (3.0, 4.5, 4.0, 2.0), strict=True)]
    out += [line("Svarstider", Q2, None, "Vi", q2[0], "andel", q2[1])]
    out += [line("Svarstider", Q2, None, f"Org {p}", v, "andel")
            for p, v in zip("ABCD", (0.7, 0.5, 0.8, 0.4), strict=True)]
    for group, value, answers in groups:
        out += [line("Support", Q1, group, "Vi", value, "1-5", answers),
                line("Support", Q1, group, "Org A", 3.0, "1-5")]
    return out


GROUPS = (("Enhet X", 3.0, 3), ("Enhet Y", 4.2, 20), ("Enhet Z", 4.1, 30))


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    sheet = [HEADER, *rows(M1, DAY1, (4.0, 50), (0.6, 50), GROUPS),
             *rows(M2, DAY2, (4.4, 60), (0.62, 60))]
    result = load_file(xlsx_bytes({"Enkät": sheet}), "enkat.xlsx", LoadOptions())
    assert result.ok, [i.to_dict() for i in result.report.errors()]
    return result.frames["survey"]


BASELINE = SurveyChoice("IT-enkäten", M1)


def test_range_and_rank_against_the_peers_by_hand(frame):
    q = questions(frame, BASELINE).set_index("question")
    # Q1: we 4.0; peers 3.0 4.5 4.0 2.0 -> lowest 2.0, median (3.0 + 4.0) / 2, highest 4.5;
    # one peer higher (4.5), the equal one (4.0) is not: rank 2 of 5, two below us
    assert q.loc[Q1, ["peer_min", "peer_median", "peer_max"]].tolist() == [2.0, 3.5, 4.5]
    assert q.loc[Q1, ["rank", "of", "above", "below", "peers"]].tolist() == [2, 5, 1, 2, 4]
    # Q2: we 60 %; peers 70 50 80 40 -> 40 %, 60 %, 80 %; two higher: rank 3 of 5
    assert q.loc[Q2, ["peer_min", "peer_median", "peer_max"]].tolist() == pytest.approx(
        [0.4, 0.6, 0.8])
    assert q.loc[Q2, ["rank", "of", "above", "below"]].tolist() == [3, 5, 2, 2]
    assert q.loc[Q1, "answers"] == 50 and not q["hidden"].any()


def test_areas_compare_on_a_common_footing(frame):
    a = areas(frame, BASELINE).set_index(areas(frame, BASELINE)["area"].fillna("ALL"))
    # the 0-1 footing: Q1 4.0 on 1-5 is (4 - 1) / 4 = 0.75, Q2 is 0.6; overall (0.75 + 0.6) / 2
    assert a.loc["Support", "footing"] == 0.75 and a.loc["Svarstider", "footing"] == 0.6
    assert a.loc["ALL", "footing"] == pytest.approx(0.675)
    # overall per peer: A (0.5 + 0.7) / 2 = 0.6, B (0.875 + 0.5) / 2 = 0.6875,
    # C (0.75 + 0.8) / 2 = 0.775, D (0.25 + 0.4) / 2 = 0.325: B and C above us -> 3 of 5
    assert a.loc["ALL", ["rank", "of", "above", "below"]].tolist() == [3, 5, 2, 2]


def test_a_small_group_is_hidden_and_so_is_the_next_smallest(frame):
    by_group = {g: questions(frame, SurveyChoice("IT-enkäten", M1, g)).iloc[0]
                for g, _, _ in GROUPS}
    # X has 3 answers (< 5): hidden. Alone, X could be worked out from the whole and Y and
    # Z, so Y (20 answers, the smallest shown) is hidden too; Z stays.
    assert by_group["Enhet X"]["hidden"] and by_group["Enhet Y"]["hidden"]
    assert not by_group["Enhet Z"]["hidden"] and by_group["Enhet Z"]["value"] == 4.1
    for group in ("Enhet X", "Enhet Y"):
        row = by_group[group]
        assert pd.isna(row["value"]) and pd.isna(row["rank"]) and pd.isna(row["footing"])
    # a higher limit hides Z as well, and the whole organisation's 50 answers stay
    strict = questions(frame, SurveyChoice("IT-enkäten", M1, "Enhet Z"), min_answers=31)
    assert strict["hidden"].all()
    assert not questions(frame, BASELINE, min_answers=50)["hidden"].any()
    assert questions(frame, BASELINE, min_answers=51)["hidden"].all()


def test_hidden_questions_leave_the_areas_and_are_counted_in_the_sentences(frame):
    choice = SurveyChoice("IT-enkäten", M1, "Enhet X")
    assert areas(frame, choice).empty
    sentences = survey_narrative(areas(frame, choice), None, 1, 5, None)
    assert [s.text for s in sentences] == [
        "En fråga visas inte: den bygger på färre än 5 svar."]


def test_change_against_the_baseline_with_its_margin(frame):
    c = changes(questions(frame, SurveyChoice("IT-enkäten", M2)),
                questions(frame, BASELINE)).set_index("question")
    # Q1: 4.0 (50) -> 4.4 (60); spread of 1-5 taken as (5 - 1) / 4 = 1:
    # margin 1.96 * sqrt(1/50 + 1/60) = 0.3753 < 0.4 -> up
    assert c.loc[Q1, "change"] == pytest.approx(0.4)
    assert c.loc[Q1, "margin"] == pytest.approx(1.96 * math.sqrt(1 / 50 + 1 / 60))
    assert c.loc[Q1, "verdict"] == "up"
    # Q2: 60 % (50) -> 62 % (60): margin 1.96 * sqrt(.6 * .4 / 50 + .62 * .38 / 60) = 0.183
    assert c.loc[Q2, "margin"] == pytest.approx(
        1.96 * math.sqrt(0.24 / 50 + 0.62 * 0.38 / 60))
    assert c.loc[Q2, "verdict"] == "same"
    assert c.loc[Q1, ["before_answers", "after_answers"]].tolist() == [50, 60]


def test_a_hidden_value_has_no_change_whatever_else_the_column_holds(frame):
    """Hidden at the baseline for one question only: its value is NaN beside a number."""
    now = questions(frame, SurveyChoice("IT-enkäten", M2))
    then = questions(frame, BASELINE)
    then.loc[then["question"] == Q1, ["value", "hidden"]] = [math.nan, True]
    c = changes(now, then).set_index("question")
    assert pd.isna(c.loc[Q1, "verdict"]) and pd.isna(c.loc[Q1, "change"])
    assert c.loc[Q1, "before_answers"] == 50  # the answers are still told
    assert c.loc[Q2, "verdict"] == "same"
    sentences = survey_narrative(areas(frame, SurveyChoice("IT-enkäten", M2)), c, 0, 5, M1)
    assert sentences[-1].text == ("Jämfört med Nollmätning: ingen bättre, ingen sämre och en "
                                  "utan säker förändring (av en jämförbar fråga).")


def test_the_sentences_name_the_strongest_and_weakest_area(frame):
    a = areas(frame, BASELINE)
    sv = [s.text for s in survey_narrative(a, None, 0, 5, None, "sv")]
    assert sv == [
        "Högst nöjdhet inom Support (plats 2 av 5); Svarstider bedöms lägre än hos två av "
        "fyra jämförbara organisationer.",
        "Sammantaget plats 3 av 5: högre än två av fyra jämförbara organisationer."]
    en = [s.text for s in survey_narrative(a, None, 0, 5, None, "en")]
    assert en[0] == ("Highest satisfaction with Support (rank 2 of 5); Svarstider is rated "
                     "lower than at two of four peer organisations.")
    follow_up = SurveyChoice("IT-enkäten", M2)
    text = [s.text for s in survey_narrative(areas(frame, follow_up),
                                             changes(questions(frame, follow_up),
                                                     questions(frame, BASELINE)), 0, 5, M1)]
    assert text[-1] == ("Jämfört med Nollmätning: en bättre, ingen sämre och en utan säker "
                        "förändring (av två jämförbara frågor).")


def test_measurements_oldest_first_and_the_latest_by_a_day(frame):
    assert surveys(frame) == ["IT-enkäten"]
    assert measurements(frame, "IT-enkäten") == [M1, M2]
    assert latest_measurement(frame) == SurveyChoice("IT-enkäten", M2)
    assert latest_measurement(frame, dt.date(2019, 8, 31)) == BASELINE
    assert latest_measurement(frame, dt.date(2018, 8, 31)) is None


def test_the_page_state_from_the_address(frame):
    frames = {"survey": frame, "units": make_frame("units", [
        {"unit": "Enhet X", "department": "Avd 1"}, {"unit": "Enhet Y", "department": "Avd 2"},
        {"unit": "Enhet Z", "department": "Avd 2"}])}
    state = survey_state(frames, {})
    assert (state.choice, state.baseline) == (SurveyChoice("IT-enkäten", M2), M1)
    assert state.groups == ["Enhet X", "Enhet Y", "Enhet Z"]
    asked = survey_state(frames, {"matning": "nollmätning", "grupp": "enhet z"})
    assert asked.choice == SurveyChoice("IT-enkäten", M1, "Enhet Z") and asked.baseline is None
    unknown = survey_state(frames, {"enkat": "Ingen", "grupp": "Enhet Q"})
    assert unknown.problems == [("unknown_survey", "Ingen", "IT-enkäten"),
                                ("unknown_group", "Enhet Q", "")]
    # the shell's unit is not a survey group: the page's own choice is
    assert survey_state(frames, {"enhet": "Enhet Y"}).choice.group is None
    # a reader held to Avd 2 is not offered Avd 1's unit, even when the address names it
    held = survey_state(frames, {"grupp": "Enhet X"}, Reach(only="Avd 2"))
    assert held.groups == ["Enhet Y", "Enhet Z"] and held.choice.group is None
    assert held.problems == [("unknown_group", "Enhet X", "")]
    assert survey_state({"survey": frame.iloc[0:0]}, {}).choice is None


def test_a_restricted_reader_sees_only_groups_known_to_be_theirs():
    """Issue 20, item 2: the survey was taken when the department was Avd 1 and had a group
    of its own; a later Enheter sheet renamed it Avd 3. The old name is nobody's now, so no
    reader held to a department sees it: not Avd 2's (whom exclusion let through), nor Avd
    3's (the data cannot say the two are one)."""
    sheet = [HEADER, *rows(M1, DAY1, (4.0, 50), (0.6, 50),
                           (*GROUPS, ("Avd 1", 3.9, 40), ("avd 2", 4.0, 25)))]
    result = load_file(xlsx_bytes({"Enkät": sheet}), "enkat.xlsx", LoadOptions())
    frames = {"survey": result.frames["survey"], "units": make_frame("units", [
        {"unit": "Enhet X", "department": "Avd 3"}, {"unit": "Enhet Y", "department": "Avd 2"},
        {"unit": "Enhet Z", "department": "Avd 2"}])}
    assert survey_state(frames, {}).groups == ["Enhet X", "Enhet Y", "Enhet Z", "Avd 1",
                                               "avd 2"]  # as the file lists them
    held = survey_state(frames, {"grupp": "Avd 1"}, Reach(only="Avd 2"))
    assert held.groups == ["Enhet Y", "Enhet Z", "avd 2"]  # their own name, in any case
    assert held.choice.group is None and held.problems == [("unknown_group", "Avd 1", "")]
    assert survey_state(frames, {}, Reach(only="Avd 3")).groups == ["Enhet X"]
    # a department that the Enheter sheet does not know has nothing but its own name
    assert survey_state(frames, {}, Reach(only="Avd 9")).groups == []


def test_the_page_parts_of_the_address_survive_the_filters():
    search = with_page("?period=2018-T2&lang=en", "grupp", "Enhet Z")
    assert search == "?period=2018-T2&grupp=Enhet+Z&lang=en"
    assert with_page(with_page(search, "matning", M1), "enkat", "Annan") == (
        "?period=2018-T2&enkat=Annan&lang=en")  # another survey: its own latest, all groups
    state = parse(search, {}, EVERYTHING)
    assert query(state.with_(lang="sv")).endswith("grupp=Enhet+Z")
