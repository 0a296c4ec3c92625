"""What the Uppföljning page offers and says (``dashboard/views/followup.py``): the same
rules the store checks, so no one is offered what the server would refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.views.followup import (
    as_of,
    controls,
    days_left_text,
    progress_rows,
    round_line,
    version_differences,
)
from loaders.followup.records import Adoption, Round
from loaders.followup.rules import Assessment, progress

AT = dt.datetime(2018, 10, 2, 7, 12, tzinfo=dt.UTC)
LAST = dt.date(2018, 9, 21)


def made(state: str, correction: str | None = None) -> Round:
    return Round("2018-T2", state, LAST, "eva", AT, "eva", AT, correction)


ADOPTION = Adoption(1, "2018-T2", 1, "gd", "Greta Generaldirektör", AT, None, (), 5, 10, {})


@pytest.mark.parametrize(("role", "own", "chosen", "state", "offered"), [
    ("finance", None, None, None, {"manage_round"}),
    ("finance", None, "IT", "open", {"manage_round", "follow"}),
    ("director", None, None, "open", {"follow", "adopt"}),
    ("director", None, None, "adopted", {"follow", "correct"}),
    ("admin", None, "IT", "closed", {"manage_round", "follow", "adopt"}),
    ("head", "IT", "IT", "open", {"assess", "ready"}),
    ("head", "it", "IT", "open", {"assess", "ready"}),  # names match as the data does
    ("head", "IT", "Analys", "open", set()),
    ("head", "IT", "IT", "closed", set()),
    ("reporter", "IT", "IT", "open", {"assess"}),
    ("viewer", "IT", "IT", "open", set()),
    ("leadership", None, "IT", "open", {"follow"}),
])
def test_each_role_is_offered_what_the_store_allows(role, own, chosen, state, offered):
    found = made(state) if state else None
    given = controls(role, own, chosen, found)
    assert {name for name, value in vars(given).items() if value} == offered


def test_the_round_says_its_state_and_days_left_in_both_languages():
    assert round_line("2018-T2", None, None, LAST, "sv") == [
        "Ingen uppföljningsomgång är öppnad för 2018-T2. Siffrorna och bedömningarna är de "
        "uppladdade filernas."]
    assert round_line("2018-T2", made("open"), None, dt.date(2018, 9, 18), "en") == [
        "The round is open. The departments' last day: 2018-09-21 (3 days left)."]
    assert round_line("2018-T2", made("adopted"), ADOPTION, LAST, "sv") == [
        "Fastställd 2018-10-02 09:12 av Greta Generaldirektör (version 1)."]
    corrected = round_line("2018-T2", made("open", "Fel status"), ADOPTION, LAST, "sv")
    assert corrected[1] == ("Öppnad för rättelse: Fel status. Version 1 gäller tills nästa "
                            "fastställelse.")
    assert days_left_text(0, "sv") == "sista dagen i dag"
    assert days_left_text(-2, "en") == "passed 2 days ago"


def test_progress_rows_in_swedish_order_with_what_is_missing():
    seen = progress({"Översikt": {"Ö-1": Assessment("green")},
                     "Analys": {"A-1": Assessment("red")}, "Ekonomi": {}},
                    ["Översikt"], LAST, dt.date(2018, 9, 22))
    rows = progress_rows(seen, "sv")
    assert [(r["department"], r["ready"], r["missing"], r["late"]) for r in rows] == [
        ("Analys", "Inte klar", "A-1", "Passerad, inte klar"),
        ("Ekonomi", "Inte klar", "–", "Passerad, inte klar"),
        ("Översikt", "Klar", "–", "–")]


def test_actions_count_as_overdue_from_the_last_day_but_never_from_the_future():
    assert as_of("2018-T2", made("open"), dt.date(2018, 9, 1)) == dt.date(2018, 9, 1)
    assert as_of("2018-T2", made("open"), dt.date(2026, 1, 1)) == LAST
    assert as_of("2018-T2", None, dt.date(2026, 1, 1)) == dt.date(2018, 8, 31)


def test_a_corrections_differences_against_version_one():
    from tests.loaders.followup.agency import book

    first = book("2018-T2")
    later = {**first, "assignments": first["assignments"].copy()}
    table = later["assignments"]
    table.loc[table["id"] == "A-2", "status"] = "red"
    table.loc[table["id"] == "I-2", "comment"] = "Ny budget"
    assert version_differences(first, later, "2018-T2", "sv") == [
        "A-2: ▲ Gul → ■ Röd", "I-2: ny motivering"]
    assert version_differences(first, first, "2018-T2", "en") == []
