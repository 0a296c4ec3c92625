"""The overview's cards in words: changes, reasons and links, from hand-made summaries."""

from __future__ import annotations

import copy

import pytest

from dashboard.state.address import ViewState
from dashboard.text.narrative import narrative
from dashboard.views.cards import (
    finance_card,
    operations_card,
    overview_cards,
    perspective_href,
    sentence_href,
    staff_card,
    staff_reason,
)

NBSP = "\u00a0"
MINUS = "\u2212"

OPS = {"assignments": 40, "status_share": {"green": 0.912, "yellow": 0.08, "red": 0.008},
       "status": "green", "government_assignments": 7, "new_government_assignments": 2,
       "previous_period": "2018-T1", "green_share_change": 0.046}
FIN = {"consumption": 0.719, "year_share": 8 / 12, "consumption_vs_share": 0.719 - 8 / 12,
       "forecast_deviation": 0.076, "status": "red", "forecast_vs_previous": 5979.0,
       "previous": {"period": "2018-T1", "consumption_change": 0.377,
                    "consumption_vs_share": 0.342 - 4 / 12,
                    "consumption_vs_share_change": (0.719 - 8 / 12) - (0.342 - 4 / 12),
                    "forecast_deviation_change": -0.014}}
STAFF = {"headcount": 89, "headcount_change": -1, "temporary_change": -1, "status": "red",
         "sick_leave": 0.041, "sick_leave_target": 0.045, "sick_leave_direction": "lower",
         "sick_leave_status": "green", "turnover": 0.1124, "turnover_target": 0.08,
         "turnover_direction": "lower", "turnover_status": "red"}


def shown(card) -> list[tuple[str, str, str]]:
    return [(f.label, f.value, f.change) for f in card.figures]


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", [("● Andel gröna uppdrag", f"91,2{NBSP}%", f"↑ +4,6{NBSP}p.e."),
            ("Nya regeringsuppdrag", "2", "")]),
    ("en", [("● Share of green assignments", "91.2%", f"↑ +4.6{NBSP}pp"),
            ("New government assignments", "2", "")]),
])
def test_the_operations_card_tells_the_green_share_and_its_change(lang, expected):
    card = operations_card(OPS, lang)
    assert shown(card) == expected
    assert card.figures[0].change_title == {
        "sv": "Förändring sedan 2018-T1: +4,6 procentenheter",
        "en": "Change since 2018-T1: +4.6 percentage points"}[lang]


@pytest.mark.parametrize(("change", "sv"), [
    (-0.0141, f"↓ {MINUS}1,4{NBSP}p.e."),
    (0.0, f"→ 0,0{NBSP}p.e."),
    (None, ""),
])
def test_a_fall_no_change_and_no_comparison(change, sv):
    ops = {**OPS, "green_share_change": change}
    assert operations_card(ops, "sv").figures[0].change == sv


def test_without_a_previous_tertial_no_change_is_told():
    ops = {**OPS, "previous_period": None, "green_share_change": None}
    assert [f.change for f in operations_card(ops, "sv").figures] == ["", ""]


def test_the_finance_card_tells_both_changes_and_the_forecast_against_the_previous():
    card = finance_card(FIN, "sv")
    # consumption is year-to-date: 34,2 % at T1 (pace 33,3 %), 71,9 % at T2 (pace 66,7 %);
    # the card tells how its distance to the pace moved (+0,9 -> +5,2), not the +37,7 p.e.
    # the calendar adds
    assert shown(card) == [
        ("Förbrukningsgrad", f"71,9{NBSP}%", f"↑ +4,4{NBSP}p.e. mot takten"),
        ("Prognosavvikelse", f"+7,6{NBSP}%", f"↓ {MINUS}1,4{NBSP}p.e."),
        ("Prognos mot förra prognosen", f"+5{NBSP}979{NBSP}tkr", ""),
    ]
    assert shown(finance_card(FIN, "en"))[2] == (
        "Forecast against the previous forecast", f"+5,979{NBSP}kSEK", "")
    assert card.figures[0].change_title == (
        f"Förbrukningsgraden mot årets takt (66,7{NBSP}% av året har gått): "
        "+5,2 procentenheter, i 2018-T1 +0,9 procentenheter. "
        "Förändring sedan 2018-T1: +4,4 procentenheter")
    assert shown(finance_card(FIN, "en"))[0] == (
        "Consumption", "71.9%", f"↑ +4.4{NBSP}pp against the pace")


def test_across_a_new_year_finance_tells_no_change_and_no_forecast_without_one():
    # finance is year-to-date: kpis/finance.py gives no previous for 2018-T1 against 2017-T3
    first = {**FIN, "previous": None, "forecast_vs_previous": None}
    assert shown(finance_card(first, "sv")) == [
        ("Förbrukningsgrad", f"71,9{NBSP}%", ""), ("Prognosavvikelse", f"+7,6{NBSP}%", "")]


@pytest.mark.parametrize(("lang", "reason"), [
    ("sv", f"Personalomsättning 11,2{NBSP}% (mål högst 8{NBSP}%)"),
    ("en", "Staff turnover 11.2% (target at most 8%)"),
])
def test_a_red_staff_card_names_the_rate_that_makes_it_red(lang, reason):
    card = staff_card(STAFF, lang)
    assert card.status == "red" and card.reason == reason


def test_the_staff_reason_for_none_one_and_both_rates():
    green = {**STAFF, "turnover": 0.07, "turnover_status": "green"}
    assert staff_reason(green, "sv") == ""
    both = {**STAFF, "sick_leave": 0.048, "sick_leave_status": "yellow",
            "turnover": 0.085, "turnover_status": "yellow"}
    assert staff_reason(both, "sv") == (f"Sjukfrånvaro 4,8{NBSP}% (mål högst 4,5{NBSP}%); "
                                        f"Personalomsättning 8,5{NBSP}% (mål högst 8{NBSP}%)")
    small = {**STAFF, "headcount": 9}  # the small-group rule hides the rates and their status
    assert staff_reason(small, "sv") == "" and staff_card(small, "sv").status is None


def test_cards_link_to_their_perspective_page_with_the_view_kept():
    state = ViewState(period="2018-T2", department="IT-avdelningen", lang="en",
                      page=(("visa", "aktuell"), ("enkat", "Medarbetarenkät")))
    summary = {"operations": OPS, "finance": FIN, "staff": STAFF, "processes": []}
    hrefs = [card.href for card in overview_cards(summary, state)]
    query = "?period=2018-T2&avdelning=IT-avdelningen&visa=aktuell&lang=en"
    assert hrefs == [f"{path}{query}" for path in
                     ("/verksamhet", "/ekonomi", "/medarbetare", "/processer")]


def test_sentences_link_to_the_page_that_explains_them():
    state = ViewState(period="2018-T2", unit="Enheten för statistik")
    assert sentence_href("operations.red", state) == \
        "/verksamhet?period=2018-T2&enhet=Enheten+f%C3%B6r+statistik"
    assert sentence_href("operations.government_reports", state).startswith(
        "/regeringsuppdrag?period=2018-T2")
    assert sentence_href("finance.consumption", state).startswith("/ekonomi?")
    assert sentence_href("staff.rates", state).startswith("/medarbetare?")
    assert sentence_href("processes.off_target", state).startswith("/processer?")
    assert sentence_href("selection.no_data", state) is None
    assert perspective_href("/ekonomi", ViewState(period="2018-T2")) == "/ekonomi?period=2018-T2"


def _summary(share: float) -> dict:
    ops = copy.deepcopy(OPS)
    ops["status_share"]["green"] = share
    return {"schema_version": 1, "period": "2018-T2", "previous_period": "2018-T1",
            "year_before_period": None, "selection": {"department": None, "unit": None},
            "operations": {**ops, "status_counts": {"red": 0}, "changes": {}},
            "finance": {}, "staff": {}, "processes": []}


@pytest.mark.parametrize(("share", "card", "sentence"), [
    (0.912, f"91,2{NBSP}%", "Drygt 90 procent av uppdragen är gröna."),
    (0.925, f"92,5{NBSP}%", "Andelen gröna uppdrag är 92,5 procent."),
    (0.89996, f"90,0{NBSP}%", "Knappt 90 procent av uppdragen är gröna."),
])
def test_a_card_and_its_sentence_round_the_green_share_alike(share, card, sentence):
    summary = _summary(share)
    [operations] = [c for c in overview_cards(summary, ViewState(period="2018-T2"))
                    if c.perspective == "operations"]
    said = {s.key: s.text for s in narrative(summary, "sv")}
    assert operations.figures[0].value == card
    assert said["operations.green_share"] == sentence
