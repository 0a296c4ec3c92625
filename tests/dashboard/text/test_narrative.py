"""The overview's narrative: the sentences a leadership group reads, checked word for word.

Small summaries are built by hand (every figure None, as ``kpis.summary`` gives for an empty
selection, then the figures a test needs); the demo is imported once for the module and read
through ``kpis.summary`` as the dashboard does. Counts are written in digits, except a count
of one, which is a word; when one count of a sentence needs digits, all of them are digits (see
``dashboard.text.grammar``). So the demo's "+11, all temporary" reads
"11 fler medarbetare än vid förra uppföljningen, samtliga tidsbegränsat anställda", and
"worse 1, better 4" reads "försämrats för 1 uppdrag och förbättrats för 4".
"""

from __future__ import annotations

import copy
from functools import reduce
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.kpis import Selection, summary
from dashboard.text import formatting as fmt
from dashboard.text import grammar, i18n
from dashboard.text.narrative import RULES, Sentence, narrative, narrative_text
from tests import demo_store

NBSP = "\u00a0"
ROOT = Path(__file__).resolve().parents[3]
STATISTICS = "Enheten för statistik"


# --- building summaries -------------------------------------------------------------------

def blank(period: str = "2018-T2", department: str | None = None,
          unit: str | None = None) -> dict:
    """A summary of an empty selection: the shape ``kpis.summary`` gives, every figure None."""
    return {
        "schema_version": 1, "period": period, "previous_period": None,
        "year_before_period": None, "selection": {"department": department, "unit": unit},
        "operations": {
            "assignments": None, "active": None, "government_assignments": None,
            "new_government_assignments": None, "status": None,
            "status_counts": dict.fromkeys(("green", "yellow", "red", "completed",
                                            "cancelled")),
            "status_share": dict.fromkeys(("green", "yellow", "red")),
            "changes": {k: {"count": None, "items": []}
                        for k in ("worse", "better", "new", "gone")},
        },
        "finance": {"budget": None, "outcome": None, "forecast": None,
                    "year_share": 2 / 3, "consumption": None, "forecast_deviation": None,
                    "status": None},
        "staff": {"headcount": None, "headcount_change": None, "permanent_change": None,
                  "temporary_change": None},
        "processes": [],
    }


def put(base: dict, **figures: object) -> dict:
    """A copy of ``base`` with figures set by path, ``__`` for the dots:
    ``put(s, operations__status_share__green=0.9)``."""
    result = copy.deepcopy(base)
    for path, value in figures.items():
        *parents, last = path.split("__")
        reduce(lambda d, k: d[k], parents, result)[last] = value
    return result


def texts(s: dict, lang: str = "sv") -> list[str]:
    return [sentence.text for sentence in narrative(s, lang)]


def said(s: dict, key: str, lang: str = "sv") -> str | None:
    """The text of the sentence of rule ``key``, None when the rule wrote nothing."""
    found = [x.text for x in narrative(s, lang) if x.key == key]
    assert len(found) <= 1
    return found[0] if found else None


def resolve(s: dict, path: str) -> object:
    """The value at a dotted summary path (list items by index), worked out independently."""
    value = s
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def rates(status: str | None, sick_leave: str | None, turnover: str | None) -> dict:
    """A staff summary whose status and rates' statuses are given: sick leave 5,2 % against
    at most 4,5 %, turnover 11,2 % against at most 8 %."""
    s = put(blank(), staff__headcount=89, staff__status=status)
    s["staff"].update(sick_leave=0.0521, sick_leave_target=0.045, sick_leave_direction="lower",
                      sick_leave_status=sick_leave, turnover=0.1124, turnover_target=0.08,
                      turnover_direction="lower", turnover_status=turnover)
    return s


def green(share: float, status: str = "green") -> dict:
    return put(blank(), operations__assignments=100, operations__status_share__green=share,
               operations__status=status)


def staff(total: int, permanent: int | None, temporary: int | None) -> dict:
    return put(blank(), staff__headcount=100, staff__headcount_change=total,
               staff__permanent_change=permanent, staff__temporary_change=temporary)


def item(ident: str, name: str | None, before: str | None, after: str,
         department: str | None = "Analysavdelningen",
         unit: str | None = "Enheten för statistik") -> dict:
    return {"id": ident, "name": name, "unit": unit, "department": department,
            "from": before, "to": after}


def red(count: int, worse: list[dict] = (), new: list[dict] = ()) -> dict:
    s = put(blank(), operations__assignments=50, operations__status_counts__red=count)
    s["operations"]["changes"]["worse"] = {"count": len(worse), "items": list(worse)}
    s["operations"]["changes"]["new"] = {"count": len(new), "items": list(new)}
    return s


def kpi(name: str, value: float, target: float, status: str, measure: str = "%",
        unit: str | None = None) -> dict:
    return {"kpi": name, "unit": unit, "value": value, "target": target,
            "unit_of_measure": measure, "direction": "higher", "tolerance": 0.1,
            "status": status, "previous_value": None, "change": None}


# --- the demo -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_frames() -> dict:
    return demo_store.demo_frames()


@pytest.fixture(scope="module")
def agency(demo_frames) -> dict:
    return summary(demo_frames, Selection("2018-T2"))


DEMO_SV = [
    "Drygt 90 procent av uppdragen är gröna.",
    "2 uppdrag är röda, bland dem ”Förbättra e-legitimation för medarbetare – etapp 2” "
    "(Analysavdelningen).",
    "Sedan förra uppföljningen har statusen försämrats för 10 uppdrag och förbättrats för 27.",
    "9 nya regeringsuppdrag sedan förra uppföljningen.",
    "2 regeringsuppdrag ska redovisas före nästa uppföljning; 1 är försenat: ”Uppdrag att "
    "utveckla medarbetarundersökningen – uppföljning” (Avdelningen för verksamhetsstöd, skulle "
    "ha redovisats 2018-06-29).",
    "Prognosen ligger 0,6 procent över budget och ekonomins status är grön.",
    "Förbrukningen är 67,1 procent av budgeten efter 8 av 12 månader.",
    "11 fler medarbetare än vid förra uppföljningen, samtliga tidsbegränsat anställda.",
    f"Andel beslut inom 90 dagar ligger under målet (87,1{NBSP}% mot 95{NBSP}%) och "
    "handläggningstid ansökningar ligger över målet men inom toleransen "
    f"(31,9{NBSP}dagar mot 30{NBSP}dagar).",
]
DEMO_EN = [
    "Just over 90 percent of the assignments are green.",
    "2 assignments are red, among them “Förbättra e-legitimation för medarbetare – etapp 2” "
    "(Analysavdelningen).",
    "Since the previous follow-up, the status has worsened for 10 assignments and improved "
    "for 27.",
    "9 new government assignments since the previous follow-up.",
    "2 government assignments are due to report before the next follow-up; 1 is overdue: "
    "“Uppdrag att utveckla medarbetarundersökningen – uppföljning” (Avdelningen för "
    "verksamhetsstöd, due 2018-06-29).",
    "The forecast is 0.6 percent over budget and the finance status is green.",
    "Spending is 67.1 percent of the budget after 8 of 12 months.",
    "11 more employees than at the previous follow-up, all of them temporary.",
    f"Andel beslut inom 90 dagar is below the target (87.1{NBSP}% against 95{NBSP}%) and "
    "handläggningstid ansökningar is above the target but within the tolerance "
    f"(31.9{NBSP}dagar against 30{NBSP}dagar).",
]


def test_demo_agency_narrative_tells_the_leadership_story(agency):
    text = narrative_text(agency)
    assert "Drygt 90 procent av uppdragen är gröna." in text
    assert "11 fler medarbetare än vid förra uppföljningen, samtliga tidsbegränsat anställda." \
        in text
    assert "9 nya regeringsuppdrag sedan förra uppföljningen." in text
    assert texts(agency, "sv") == DEMO_SV
    assert texts(agency, "en") == DEMO_EN
    assert text == " ".join(DEMO_SV)


def test_demo_sentences_state_the_summary_figures(agency):
    by_key = {x.key: x for x in narrative(agency)}
    assert by_key["operations.green_share"].figures == {
        "operations.status_share.green": agency["operations"]["status_share"]["green"],
        "operations.status": "green"}
    assert by_key["staff.headcount_change"].figures == {
        "staff.headcount_change": 11, "staff.permanent_change": 0,
        "staff.temporary_change": 11}
    assert by_key["operations.new_government"].figures == {
        "operations.new_government_assignments": 9}
    named = by_key["operations.red"].figures
    assert named["operations.status_counts.red"] == 2
    assert [v["id"] for k, v in named.items() if k.endswith(tuple("0123456789"))] == \
        ["VP-2016-083"]
    assert by_key["processes.off_target"].figures["processes.1.kpi"] == \
        "Andel beslut inom 90 dagar"


def test_demo_department_narrative(demo_frames):
    it = summary(demo_frames, Selection("2018-T2", "IT-avdelningen"))
    by_key = {x.key: x for x in narrative(it)}
    assert by_key["operations.new_government"].text == \
        "Ett nytt regeringsuppdrag sedan förra uppföljningen."
    forecast = by_key["finance.forecast_deviation"]
    assert forecast.text == "Prognosen ligger 7,6 procent över budget och ekonomins status är röd."
    assert forecast.tone == "attention"
    assert by_key["operations.status_changes"].text == (
        "Sedan förra uppföljningen har statusen försämrats för 1 uppdrag och förbättrats för 4.")
    assert "operations.red" not in by_key  # no red assignment in the department


def test_demo_first_tertial_has_no_change_sentences(demo_frames):
    first = summary(demo_frames, Selection("2017-T1"))
    keys = [x.key for x in narrative(first)]
    assert "operations.green_share" in keys and "finance.consumption" in keys
    for change in ("operations.status_changes", "operations.new_government",
                   "staff.headcount_change"):
        assert change not in keys
    assert said(first, "operations.red") == "12 uppdrag är röda."  # no names without changes


def test_demo_unit_without_any_rows_gets_one_sentence(demo_frames):
    frames = {name: frame if "period" not in frame.columns
              else frame[frame["unit"].ne(STATISTICS).fillna(True)]
              for name, frame in demo_frames.items()}
    empty = summary(frames, Selection("2018-T2", unit=STATISTICS))
    sv, en = narrative(empty, "sv"), narrative(empty, "en")
    assert [x.text for x in sv] == [
        f"Det finns inga uppgifter för {STATISTICS} under tertialen 2018-T2."]
    assert [x.text for x in en] == [f"There is no data for {STATISTICS} in the tertial 2018-T2."]
    assert sv[0].key == "selection.no_data"
    assert sv[0].figures == {"period": "2018-T2", "selection.department": "Analysavdelningen",
                             "selection.unit": STATISTICS}


def test_every_sentence_figure_is_the_summary_value(demo_frames, agency):
    summaries = [agency, summary(demo_frames, Selection("2018-T2", "IT-avdelningen")),
                 summary(demo_frames, Selection("2018-T1")), *HAND_MADE]
    for s in summaries:
        for lang in ("sv", "en"):
            for sentence in narrative(s, lang):
                assert sentence.figures, sentence.key
                for path, value in sentence.figures.items():
                    assert value == resolve(s, path), (sentence.key, path)


# --- the green share, rounded honestly ----------------------------------------------------

@pytest.mark.parametrize(("share", "sv", "en"), [
    (0.9123, "Drygt 90 procent av uppdragen är gröna.",
     "Just over 90 percent of the assignments are green."),
    (0.899, "Knappt 90 procent av uppdragen är gröna.",
     "Just under 90 percent of the assignments are green."),
    (0.9, "Exakt 90 procent av uppdragen är gröna.",
     "Exactly 90 percent of the assignments are green."),
    (333 / 370, "Exakt 90 procent av uppdragen är gröna.",
     "Exactly 90 percent of the assignments are green."),
    (0.92, "Drygt 90 procent av uppdragen är gröna.",
     "Just over 90 percent of the assignments are green."),
    (0.924, "Omkring 90 procent av uppdragen är gröna.",
     "About 90 percent of the assignments are green."),
    (0.925, "Andelen gröna uppdrag är 92,5 procent.",  # halfway: neither 90 nor 95
     "The share of green assignments is 92.5 percent."),
    (0.93, "Knappt 95 procent av uppdragen är gröna.",
     "Just under 95 percent of the assignments are green."),
    (0.7501, "Drygt 75 procent av uppdragen är gröna.",
     "Just over 75 percent of the assignments are green."),
    (0.99, "Knappt 100 procent av uppdragen är gröna.",
     "Just under 100 percent of the assignments are green."),
    (0.976, "Andelen gröna uppdrag är 97,6 procent.",
     "The share of green assignments is 97.6 percent."),
    (0.012, "Andelen gröna uppdrag är 1,2 procent.",
     "The share of green assignments is 1.2 percent."),
    (1.0, "Samtliga uppdrag är gröna.", "All assignments are green."),
    (0.0, "Inga uppdrag är gröna.", "No assignments are green."),
])
def test_green_share_in_leadership_words(share, sv, en):
    s = green(share)
    assert said(s, "operations.green_share", "sv") == sv
    assert said(s, "operations.green_share", "en") == en
    assert narrative(s)[0].figures["operations.status_share.green"] == share


def test_just_under_the_limit_is_never_over_it():
    text = said(green(0.899, "yellow"), "operations.green_share")
    assert "Drygt 90" not in text and text.startswith("Knappt 90")
    assert narrative(green(0.899, "yellow"))[0].tone == "attention"
    assert narrative(green(0.91))[0].tone == "good"


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_rounded_words_never_overstate_or_understate(share):
    """Checked against the share as the card writes it (one decimal, half up) and, for its
    side of the anchor, the exact share: the sentence and the card round alike."""
    band, anchor = grammar.share_band(share)
    exact = round(share * 100, 9)
    card = float(fmt.number(share * 100, 1, "en").replace(",", ""))  # the card's figure
    checks = {
        "just_over": lambda: anchor < exact and anchor <= card <= anchor + 2,
        "just_under": lambda: exact < anchor and anchor - 2 <= card <= anchor,
        "exactly": lambda: exact == anchor,
        "about": lambda: abs(card - anchor) < 2.5 and 0 < anchor < 100,
        "all": lambda: exact == 100,
        "none": lambda: exact == 0,
        "figure": lambda: card < 2.5 or card > 97.5 or abs(card - anchor) == 2.5,
    }
    assert checks[band](), (share, band, anchor)


@pytest.mark.parametrize(("share", "card", "sv"), [
    (0.912, f"91,2{NBSP}%", "Drygt 90 procent av uppdragen är gröna."),
    (0.925, f"92,5{NBSP}%", "Andelen gröna uppdrag är 92,5 procent."),
    (0.92496, f"92,5{NBSP}%", "Andelen gröna uppdrag är 92,5 procent."),
    (0.8751, f"87,5{NBSP}%", "Andelen gröna uppdrag är 87,5 procent."),
    (0.92551, f"92,6{NBSP}%", "Omkring 95 procent av uppdragen är gröna."),
    (0.89996, f"90,0{NBSP}%", "Knappt 90 procent av uppdragen är gröna."),
    (0.90004, f"90,0{NBSP}%", "Drygt 90 procent av uppdragen är gröna."),
    (0.9, f"90,0{NBSP}%", "Exakt 90 procent av uppdragen är gröna."),
])
def test_the_sentence_rounds_the_green_share_as_the_card_does(share, card, sv):
    """Never "omkring 95" next to 92,5 %, never "exakt 90" for a share just under it."""
    assert fmt.percent(share) == card
    assert said(green(share), "operations.green_share") == sv


# --- the number rule ----------------------------------------------------------------------

RULE_CASES = [
    ((0, 1), "förbättrats för ett uppdrag och inte", "improved for one assignment and"),
    ((1, 1), "försämrats för ett uppdrag och förbättrats för ett.",
     "worsened for one assignment and improved for one."),
    *[((0, n), f"förbättrats för {n} uppdrag och inte", f"improved for {n} assignments and")
      for n in range(2, 13)],
    ((1, 4), "försämrats för 1 uppdrag och förbättrats för 4.",
     "worsened for 1 assignment and improved for 4."),
    ((4, 1), "försämrats för 4 uppdrag och förbättrats för 1.",
     "worsened for 4 assignments and improved for 1."),
]


@pytest.mark.parametrize(("counts", "sv", "en"), RULE_CASES,
                         ids=[f"{w}-{b}" for (w, b), _, _ in RULE_CASES])
def test_counts_are_digits_except_one_and_alike_in_a_sentence(counts, sv, en):
    """One is a word ("ett" for a neuter noun, "en" otherwise), 2 and up are digits, and a
    sentence that needs digits for one count writes every count in digits."""
    assert sv in said(changes(*counts), "operations.status_changes")
    assert en in said(changes(*counts), "operations.status_changes", "en")
    stated = [n for n in counts if n]
    spell = all(n == 1 for n in stated)
    for lang, one in (("sv", "en"), ("en", "one")):
        say = grammar.speller(lang, *stated)
        assert [say(n) for n in stated] == [one if spell else str(n) for n in stated]
    assert grammar.speller("sv", *stated)(1, "n") == ("ett" if spell else "1")


# --- red assignments and status changes ---------------------------------------------------

def test_red_assignments_named_when_the_changes_list_them_all():
    both = red(2, worse=[item("VP-1", "Förbättra arkivet", "green", "red")],
               new=[item("RU-9", None, None, "red")])
    assert said(both, "operations.red") == ("2 uppdrag är röda: ”Förbättra arkivet” "
                                            "(Analysavdelningen) och ”RU-9” (Analysavdelningen).")
    assert said(both, "operations.red", "en") == \
        "2 assignments are red: “Förbättra arkivet” (Analysavdelningen) and “RU-9” " \
        "(Analysavdelningen)."
    one = red(1, worse=[item("VP-1", "Förbättra arkivet", "yellow", "red")])
    assert said(one, "operations.red") == \
        "Ett uppdrag är rött: ”Förbättra arkivet” (Analysavdelningen)."
    assert said(one, "operations.red", "en") == \
        "One assignment is red: “Förbättra arkivet” (Analysavdelningen)."


def test_a_named_red_assignment_says_its_department_or_else_its_unit():
    unlisted = red(1, worse=[item("VP-1", "Arkivet", "green", "red", department=None)])
    assert said(unlisted, "operations.red") == \
        "Ett uppdrag är rött: ”Arkivet” (Enheten för statistik)."
    nowhere = red(1, new=[item("VP-1", "Arkivet", None, "red", department=None, unit=None)])
    assert said(nowhere, "operations.red", "en") == "One assignment is red: “Arkivet”."


def test_red_assignments_partly_named_or_counted():
    many = red(4, worse=[item(f"VP-{i}", f"Uppdrag {i}", "green", "red") for i in range(4)])
    assert said(many, "operations.red") == \
        "4 uppdrag är röda, bland dem ”Uppdrag 0” (Analysavdelningen), ”Uppdrag 1” " \
        "(Analysavdelningen) och ”Uppdrag 2” (Analysavdelningen)."
    assert said(many, "operations.red", "en") == \
        "4 assignments are red, among them “Uppdrag 0” (Analysavdelningen), “Uppdrag 1” " \
        "(Analysavdelningen) and “Uppdrag 2” (Analysavdelningen)."
    assert said(red(13), "operations.red") == "13 uppdrag är röda."
    assert said(red(1), "operations.red", "en") == "One assignment is red."
    assert said(red(0), "operations.red") is None


def changes(worse: int | None, better: int | None) -> dict:
    return put(blank(), operations__assignments=40, operations__changes__worse__count=worse,
               operations__changes__better__count=better)


@pytest.mark.parametrize(("worse", "better", "sv", "en", "tone"), [
    (10, 27, "Sedan förra uppföljningen har statusen försämrats för 10 uppdrag och förbättrats "
             "för 27.",
     "Since the previous follow-up, the status has worsened for 10 assignments and improved "
     "for 27.", "good"),
    (1, 4, "Sedan förra uppföljningen har statusen försämrats för 1 uppdrag och förbättrats "
           "för 4.",
     "Since the previous follow-up, the status has worsened for 1 assignment and improved "
     "for 4.", "good"),
    (1, 1, "Sedan förra uppföljningen har statusen försämrats för ett uppdrag och förbättrats "
           "för ett.",
     "Since the previous follow-up, the status has worsened for one assignment and improved "
     "for one.", "neutral"),
    (3, 0, "Sedan förra uppföljningen har statusen försämrats för 3 uppdrag och inte "
           "förbättrats för något.",
     "Since the previous follow-up, the status has worsened for 3 assignments and "
     "improved for none.", "attention"),
    (0, 1, "Sedan förra uppföljningen har statusen förbättrats för ett uppdrag och inte "
           "försämrats för något.",
     "Since the previous follow-up, the status has improved for one assignment and worsened "
     "for none.", "good"),
    (0, 0, "Inget uppdrag har fått bättre eller sämre status sedan förra uppföljningen.",
     "No assignment has got a better or worse status since the previous follow-up.",
     "neutral"),
])
def test_status_changes(worse, better, sv, en, tone):
    s = changes(worse, better)
    assert said(s, "operations.status_changes") == sv
    assert said(s, "operations.status_changes", "en") == en
    assert narrative(s)[0].tone == tone


# --- new government assignments and headcount ---------------------------------------------

@pytest.mark.parametrize(("count", "sv", "en"), [
    (0, "Inga nya regeringsuppdrag sedan förra uppföljningen.",
     "No new government assignments since the previous follow-up."),
    (1, "Ett nytt regeringsuppdrag sedan förra uppföljningen.",
     "One new government assignment since the previous follow-up."),
    (2, "2 nya regeringsuppdrag sedan förra uppföljningen.",
     "2 new government assignments since the previous follow-up."),
    (9, "9 nya regeringsuppdrag sedan förra uppföljningen.",
     "9 new government assignments since the previous follow-up."),
    (13, "13 nya regeringsuppdrag sedan förra uppföljningen.",
     "13 new government assignments since the previous follow-up."),
])
def test_new_government_assignments(count, sv, en):
    s = put(blank(), operations__assignments=80, operations__new_government_assignments=count)
    assert said(s, "operations.new_government") == sv
    assert said(s, "operations.new_government", "en") == en


@pytest.mark.parametrize(("change", "sv", "en"), [
    ((11, 0, 11), "11 fler medarbetare än vid förra uppföljningen, samtliga tidsbegränsat "
                  "anställda.",
     "11 more employees than at the previous follow-up, all of them temporary."),
    ((-3, -3, 0), "3 färre medarbetare än vid förra uppföljningen, samtliga "
                  "tillsvidareanställda.",
     "3 fewer employees than at the previous follow-up, all of them permanent."),
    ((11, 4, 7), "11 fler medarbetare än vid förra uppföljningen, varav 4 "
                 "tillsvidareanställda och 7 tidsbegränsat anställda.",
     "11 more employees than at the previous follow-up: 4 permanent and 7 "
     "temporary."),
    ((13, 4, 9), "13 fler medarbetare än vid förra uppföljningen, varav 4 tillsvidareanställda "
                 "och 9 tidsbegränsat anställda.",
     "13 more employees than at the previous follow-up: 4 permanent and 9 temporary."),
    ((2, 1, 1), "2 fler medarbetare än vid förra uppföljningen, varav 1 tillsvidareanställd "
                "och 1 tidsbegränsat anställd.",
     "2 more employees than at the previous follow-up: 1 permanent and 1 temporary."),
    ((1, 0, 1), "En medarbetare fler än vid förra uppföljningen, tidsbegränsat anställd.",
     "One more employee than at the previous follow-up, a temporary one."),
    ((-1, -1, 0), "En medarbetare färre än vid förra uppföljningen, tillsvidareanställd.",
     "One fewer employee than at the previous follow-up, a permanent one."),
    ((2, 3, -1), "2 fler medarbetare än vid förra uppföljningen: 3 fler "
                 "tillsvidareanställda och 1 tidsbegränsat anställd färre.",
     "2 more employees than at the previous follow-up: 3 more permanent and 1 "
     "fewer temporary."),
    ((1, 3, -2), "1 medarbetare fler än vid förra uppföljningen: 3 fler "
                 "tillsvidareanställda och 2 färre tidsbegränsat anställda.",
     "1 more employee than at the previous follow-up: 3 more permanent and 2 fewer "
     "temporary."),
    ((0, 0, 0), "Antalet medarbetare är oförändrat sedan förra uppföljningen.",
     "The number of employees is unchanged since the previous follow-up."),
    ((0, 3, -3), "Antalet medarbetare är oförändrat sedan förra uppföljningen: 3 fler "
                 "tillsvidareanställda och 3 färre tidsbegränsat anställda.",
     "The number of employees is unchanged since the previous follow-up: 3 more "
     "permanent and 3 fewer temporary."),
    ((5, None, 5), "5 fler medarbetare än vid förra uppföljningen.",
     "5 more employees than at the previous follow-up."),
    # a split that is not stated does not decide words or digits
    ((1, None, 5), "En medarbetare fler än vid förra uppföljningen.",
     "One more employee than at the previous follow-up."),
    ((1, 3, 3), "En medarbetare fler än vid förra uppföljningen.",
     "One more employee than at the previous follow-up."),
])
def test_headcount_change_split_by_employment_type(change, sv, en):
    s = staff(*change)
    assert said(s, "staff.headcount_change") == sv
    assert said(s, "staff.headcount_change", "en") == en


# --- finance and processes ----------------------------------------------------------------

def test_forecast_deviation_with_its_status():
    under = put(blank(), finance__budget=1000.0, finance__forecast_deviation=-0.031,
                finance__status="yellow")
    sentence = [x for x in narrative(under) if x.key == "finance.forecast_deviation"][0]
    assert sentence.text == "Prognosen ligger 3,1 procent under budget och ekonomins status är gul."
    assert sentence.tone == "attention"
    assert said(under, "finance.forecast_deviation", "en") == \
        "The forecast is 3.1 percent under budget and the finance status is yellow."
    level = put(under, finance__forecast_deviation=0.0004, finance__status="green")
    assert said(level, "finance.forecast_deviation") == \
        "Prognosen ligger i nivå med budget och ekonomins status är grön."


@pytest.mark.parametrize(("year_share", "months"), [(1 / 12, "1"), (1 / 3, "4"), (1.0, "12")])
def test_consumption_against_the_months_gone(year_share, months):
    s = put(blank(), finance__budget=1000.0, finance__consumption=0.3345,
            finance__year_share=year_share)
    assert said(s, "finance.consumption") == \
        f"Förbrukningen är 33,5 procent av budgeten efter {months} av 12 månader."


def test_key_figures_off_target_named():
    rows = [kpi("Andel digitala ansökningar", 81.0, 80.0, "green"),
            kpi("Andel beslut inom 90 dagar", 87.1, 95.0, "red")]
    s = put(blank(), processes=rows)
    assert said(s, "processes.off_target") == \
        f"Andel beslut inom 90 dagar ligger under målet (87,1{NBSP}% mot 95{NBSP}%)."
    assert said(s, "processes.off_target", "en") == \
        f"Andel beslut inom 90 dagar is below the target (87.1{NBSP}% against 95{NBSP}%)."
    time = kpi("Handläggningstid", 32.0, 30.0, "yellow", "dagar", unit="Ansökningsenheten")
    assert said(put(blank(), processes=[time]), "processes.off_target") == (
        "Handläggningstid vid Ansökningsenheten ligger över målet men inom toleransen "
        f"(32{NBSP}dagar mot 30{NBSP}dagar).")
    assert said(put(blank(), processes=rows[:1]), "processes.off_target") is None


def test_many_key_figures_off_target_red_first():
    rows = [kpi(f"Gul {i}", 90.0, 95.0, "yellow") for i in range(3)] + \
        [kpi("Röd", 50.0, 95.0, "red")]
    s = put(blank(), processes=rows)
    assert said(s, "processes.off_target") == (
        f"4 nyckeltal ligger utanför målet, bland dem röd (50{NBSP}% mot 95{NBSP}%), "
        f"gul 0 (90{NBSP}% mot 95{NBSP}%) och gul 1 (90{NBSP}% mot 95{NBSP}%).")
    assert said(s, "processes.off_target", "en").startswith(
        "4 key figures are off target, among them röd")
    assert set(narrative(s)[0].figures) >= {"processes.3.kpi", "processes.0.value"}


def test_a_key_figures_name_is_lower_case_inside_a_sentence_and_capitalised_first():
    rows = [kpi("Andel beslut inom 90 dagar", 87.1, 95.0, "red"),
            kpi("Handläggningstid", 32.0, 30.0, "yellow", "dagar"),
            kpi("NKI", 60.0, 70.0, "red")]
    assert said(put(blank(), processes=rows), "processes.off_target") == (
        f"Andel beslut inom 90 dagar ligger under målet (87,1{NBSP}% mot 95{NBSP}%), "
        f"NKI ligger under målet (60{NBSP}% mot 70{NBSP}%) och handläggningstid ligger över "
        f"målet men inom toleransen (32{NBSP}dagar mot 30{NBSP}dagar).")
    assert said(put(blank(), processes=rows[1:2]), "processes.off_target", "en").startswith(
        "Handläggningstid is above the target")


@pytest.mark.parametrize(("off", "sv", "en"), [
    (0, None, None),
    (1, f"Andel 0 ligger under målet (50{NBSP}% mot 95{NBSP}%).",
     f"Andel 0 is below the target (50{NBSP}% against 95{NBSP}%)."),
    (4, f"4 nyckeltal ligger utanför målet, bland dem andel 0 (50{NBSP}% mot 95{NBSP}%), "
        f"andel 1 (50{NBSP}% mot 95{NBSP}%) och andel 2 (50{NBSP}% mot 95{NBSP}%).",
     f"4 key figures are off target, among them andel 0 (50{NBSP}% against 95{NBSP}%), "
     f"andel 1 (50{NBSP}% against 95{NBSP}%) and andel 2 (50{NBSP}% against 95{NBSP}%)."),
])
def test_key_figures_off_target_counted_none_one_and_many(off, sv, en):
    rows = [kpi(f"Andel {i}", 50.0, 95.0, "red") for i in range(off)] + \
        [kpi("Andel i mål", 99.0, 95.0, "green")]
    s = put(blank(), processes=rows)
    assert said(s, "processes.off_target") == sv
    assert said(s, "processes.off_target", "en") == en


@pytest.mark.parametrize(("count", "sv", "en"), [
    (0, None, None),
    (1, "Ett uppdrag är rött.", "One assignment is red."),
    (2, "2 uppdrag är röda.", "2 assignments are red."),
    (40, "40 uppdrag är röda.", "40 assignments are red."),
])
def test_red_assignments_counted_none_one_and_many(count, sv, en):
    assert said(red(count), "operations.red") == sv
    assert said(red(count), "operations.red", "en") == en


@pytest.mark.parametrize(("figures", "sv", "en"), [
    (("green", "green", "green"), None, None),
    ((None, None, None), None, None),
    (("red", "green", "red"),
     f"Medarbetarnas status är röd: personalomsättningen är 11,2{NBSP}% (mål högst 8{NBSP}%).",
     "The staff status is red: staff turnover is 11.2% (target at most 8%)."),
    (("yellow", "yellow", "yellow"),
     f"Medarbetarnas status är gul: sjukfrånvaron är 5,2{NBSP}% (mål högst 4,5{NBSP}%) och "
     f"personalomsättningen är 11,2{NBSP}% (mål högst 8{NBSP}%).",
     "The staff status is yellow: sick leave is 5.2% (target at most 4.5%) and staff "
     "turnover is 11.2% (target at most 8%)."),
], ids=["green", "no-targets", "one-red", "both-yellow"])
def test_a_red_or_yellow_staff_status_names_the_rate_that_makes_it(figures, sv, en):
    s = rates(*figures)
    assert said(s, "staff.rates") == sv
    assert said(s, "staff.rates", "en") == en


def test_the_staff_reason_states_the_rates_it_names():
    [sentence] = [x for x in narrative(rates("red", "green", "red")) if x.key == "staff.rates"]
    assert sentence.tone == "attention"
    assert sentence.figures == {
        "staff.status": "red", "staff.turnover": 0.1124, "staff.turnover_target": 0.08,
        "staff.turnover_direction": "lower", "staff.turnover_status": "red"}


def test_a_quoted_name_is_not_quoted_twice():
    named = red(1, worse=[item("VP-1", "”Förbättra arkivet”", "green", "red")])
    assert said(named, "operations.red") == \
        "Ett uppdrag är rött: ”Förbättra arkivet” (Analysavdelningen)."


# --- the narrative as a whole -------------------------------------------------------------

FULL = put(blank(), operations__assignments=100, operations__status_share__green=0.95,
           operations__status="green", operations__status_counts__red=1,
           operations__changes__worse__count=1, operations__changes__better__count=2,
           operations__new_government_assignments=1, operations__government_assignments=3,
           operations__government_reports={
               "due_before_next": 2, "overdue": 1, "due_items": [], "due_until": "2018-12-31",
               "overdue_items": [{"id": "RU-1", "name": "R", "unit": STATISTICS,
                                  "department": "Analysavdelningen", "date": "2018-06-01",
                                  "kind": "final"}]},
           finance__budget=1000.0,
           finance__forecast_deviation=0.01, finance__status="green",
           finance__consumption=0.7, staff__headcount=10, staff__headcount_change=-1,
           staff__permanent_change=-1, staff__temporary_change=0, staff__status="yellow",
           staff__sick_leave=0.05, staff__sick_leave_target=0.045,
           staff__sick_leave_direction="lower", staff__sick_leave_status="yellow",
           processes=[kpi("Andel", 1.0, 2.0, "red")])
HAND_MADE = [FULL, blank(unit=STATISTICS), green(0.899), staff(0, 3, -3),
             rates("red", "green", "red"),
             red(2, worse=[item("VP-1", "A", "green", "red")]), changes(0, 0)]


def test_every_rule_speaks_both_languages():
    for s in HAND_MADE:
        sv, en = narrative(s, "sv"), narrative(s, "en")
        assert [x.key for x in sv] == [x.key for x in en]
        assert [(x.figures, x.tone) for x in sv] == [(x.figures, x.tone) for x in en]
        assert [x.text for x in sv] != [x.text for x in en]
    covered = {x.key for s in HAND_MADE for x in narrative(s, "en")}
    assert covered == {key for key, _ in RULES}
    for key, entry in i18n.TEXTS.items():
        if key.startswith("narrative."):
            assert entry["sv"] and entry["en"], key


def test_empty_selection_and_full_summary():
    assert texts(blank(department="IT-avdelningen")) == [
        "Det finns inga uppgifter för IT-avdelningen under tertialen 2018-T2."]
    assert texts(blank(), "en") == ["There is no data for the agency in the tertial 2018-T2."]
    keys = [x.key for x in narrative(FULL)]
    assert keys == [key for key, _ in RULES if key != "selection.no_data"]


def test_plain_text_deterministic_and_summary_untouched(agency):
    before = copy.deepcopy(agency)
    first = narrative(agency, "en")
    assert narrative(copy.deepcopy(agency), "en") == first
    assert agency == before
    for s in [agency, *HAND_MADE]:
        for lang in ("sv", "en"):
            for sentence in narrative(s, lang):
                assert isinstance(sentence, Sentence)
                assert sentence.tone in ("good", "neutral", "attention")
                assert not set(sentence.text) & set("<>*_#`[]")
                assert sentence.text[0].isupper() or sentence.text[0].isdigit()
                assert sentence.text.endswith(".")
                assert " %" not in sentence.text  # always a non-breaking space before %
    assert narrative_text(FULL, "en") == " ".join(x.text for x in narrative(FULL, "en"))


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        narrative(FULL, "de")
