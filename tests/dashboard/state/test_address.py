"""The view's state in the address: parsed against the demo data, and written back; read by
the same rules as a selection (``dashboard.kpis.scope``)."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlencode

import pytest

from dashboard.kpis.scope import PROBLEMS, Selection, SelectionError, resolve
from dashboard.state.address import (
    ADDRESS_PROBLEMS,
    Reach,
    ViewState,
    params_of,
    parse,
    problem_texts,
    query,
)
from tests.demo_store import demo_frames


@pytest.fixture(scope="module")
def frames() -> dict:
    return demo_frames()


def test_empty_address_means_the_latest_tertial_for_the_whole_agency(frames):
    assert parse("", frames) == ViewState("2018-T2", None, None, "sv")


def test_a_bookmarked_department_view_is_read_back(frames):
    state = parse("?period=2018T1&avdelning=it-avdelningen&lang=en", frames)
    assert state == ViewState("2018-T1", "IT-avdelningen", None, "en")
    assert not state.problems


def test_a_unit_brings_its_department(frames):
    state = parse("?enhet=Enheten%20f%C3%B6r%20statistik", frames)
    assert (state.department, state.unit) == ("Analysavdelningen", "Enheten för statistik")


@pytest.mark.parametrize(("search", "problem"), [
    ("?period=2031-T1", ("unknown_period", "2031-T1")),
    ("?period=banan", ("invalid_period", "banan")),
    ("?avdelning=Okänd", ("unknown_department", "Okänd")),
    ("?enhet=Ingenstans", ("unknown_unit", "Ingenstans")),
    ("?avdelning=IT-avdelningen&enhet=Enheten%20f%C3%B6r%20statistik",
     ("unit_not_in_department", "Enheten för statistik")),
    ("?lang=fi", ("unknown_lang", "fi")),
])
def test_unknown_values_fall_back_and_are_named(frames, search, problem):
    state = parse(search, frames)
    assert state.problems == (problem,)
    assert state.period == "2018-T2"


def test_query_round_trips_through_parse(frames):
    state = ViewState("2018-T1", "Rättsavdelningen", "Enheten för dataskydd", "en")
    text = query(state)
    assert text.startswith("?period=2018-T1&avdelning=R%C3%A4ttsavdelningen&enhet=")
    assert parse(text, frames) == state
    assert query(ViewState("2018-T2")) == "?period=2018-T2"


# --- one rule with the selection (dashboard.kpis.scope) ------------------------------------

NOW = "2018-T2"
RATTS = "Rättsavdelningen"
NFD_RATTS = unicodedata.normalize("NFD", RATTS)  # "a" and a combining diaeresis
STATISTICS = "Enheten för statistik"
NFD_PROTECTION = unicodedata.normalize("NFD", "Enheten för dataskydd")


def test_the_other_spellings_really_differ():
    assert NFD_RATTS != RATTS and unicodedata.normalize("NFC", NFD_RATTS) == RATTS
    assert NFD_PROTECTION != "Enheten för dataskydd"


@pytest.mark.parametrize(("typed", "department"), [
    (" it-avdelningen ", "IT-avdelningen"),
    ("IT-AVDELNINGEN", "IT-avdelningen"),
    ("IT-avdelningen\u00a0", "IT-avdelningen"),  # a no-break space pasted from a page
    ("IT-\u200bavdelningen", "IT-avdelningen"),  # a zero-width space no reader sees
    (NFD_RATTS, RATTS),
    (" rättsavdelningen", RATTS),
])
def test_a_department_typed_otherwise_is_found_in_the_address_as_in_the_selection(
        frames, typed, department):
    state = parse("?" + urlencode({"avdelning": typed}), frames)
    assert (state.department, state.problems) == (department, ())
    scope = resolve(frames, Selection(NOW, typed))
    assert scope.department == department
    assert state.scope_in(frames) == scope


@pytest.mark.parametrize(("typed", "department", "unit"), [
    ("enheten  för STATISTIK ", "Analysavdelningen", STATISTICS),
    (NFD_PROTECTION, RATTS, "Enheten för dataskydd"),
])
def test_a_unit_typed_otherwise_is_found_in_the_address_as_in_the_selection(
        frames, typed, department, unit):
    state = parse("?" + urlencode({"enhet": typed}), frames)
    assert (state.department, state.unit, state.problems) == (department, unit, ())
    scope = resolve(frames, Selection(NOW, unit=typed))
    assert (scope.department, scope.unit) == (department, unit)
    assert state.scope_in(frames) == scope
    inside = parse("?" + urlencode({"avdelning": department.upper(), "enhet": typed}), frames)
    assert (inside.department, inside.unit, inside.problems) == (department, unit, ())


@pytest.mark.parametrize(("params", "code"), [
    ({"period": "2031-T1"}, "unknown_period"),
    ({"period": "banan"}, "invalid_period"),
    ({"avdelning": "Okänd"}, "unknown_department"),
    ({"enhet": "Ingenstans"}, "unknown_unit"),
    ({"avdelning": "IT-avdelningen", "enhet": STATISTICS}, "unit_not_in_department"),
])
def test_the_address_and_the_selection_name_a_problem_by_the_same_code(frames, params, code):
    assert [found for found, _ in parse(params, frames).problems] == [code]
    with pytest.raises(SelectionError) as refused:
        resolve(frames, Selection(params.get("period", NOW), params.get("avdelning"),
                                  params.get("enhet")))
    assert refused.value.code == code and code in PROBLEMS


@pytest.mark.parametrize(("lang", "instead"), [("sv", "Visar hela myndigheten."),
                                               ("en", "Showing the whole agency.")])
def test_a_problem_says_what_a_refusal_says_and_what_is_shown_instead(frames, lang, instead):
    state = parse(f"?avdelning=Rymden&lang={lang}", frames)
    with pytest.raises(SelectionError) as refused:
        resolve(frames, Selection(NOW, "Rymden"))
    assert problem_texts(state) == [f"{refused.value.message(lang)} {instead}"]


def test_a_unit_of_another_department_names_both(frames):
    state = parse({"avdelning": "it-avdelningen", "enhet": STATISTICS}, frames)
    assert (state.department, state.unit) == ("IT-avdelningen", None)
    assert problem_texts(state) == [
        "Enheten ”Enheten för statistik” hör inte till avdelningen ”IT-avdelningen”. "
        "Enheten har hoppats över."]


def test_every_problem_of_an_address_has_its_words(frames):
    held = Reach(only="Avdelningen som inte finns")
    asked = parse("?lang=fi&avdelning=IT-avdelningen", frames, held)
    codes = [code for code, _ in asked.problems]
    assert codes == ["unknown_lang", "department_not_allowed", "own_department_missing"]
    assert tuple(codes) == ADDRESS_PROBLEMS
    assert problem_texts(asked) == [
        "Språket ”fi” finns inte. Visar svenska.",
        "Du får bara se din egen avdelning; visar den i stället för ”IT-avdelningen”.",
        "Din avdelning ”Avdelningen som inte finns” finns inte i datat, så det finns inget "
        "att visa."]


def test_a_unit_found_only_in_other_sheets_is_no_choice_in_the_address_nor_the_selection(
        frames):
    """The one rule for a unit no units sheet lists (a unit removed from a later Enheter
    sheet; data loaded before any): not a unit one can choose, anywhere."""
    data = dict(frames)
    assignments = data["assignments"].copy()
    assignments.loc[assignments.index[0], "unit"] = "Gamla enheten"
    data["assignments"] = assignments
    state = parse("?enhet=Gamla%20enheten", data)
    assert (state.department, state.unit) == (None, None)
    assert state.problems == (("unknown_unit", "Gamla enheten"),)
    with pytest.raises(SelectionError) as refused:
        resolve(data, Selection(NOW, unit="Gamla enheten"))
    assert refused.value.code == "unknown_unit"


def test_an_address_reads_the_same_as_a_query_string_or_as_its_parameters(frames):
    text = ("?period=2018T1&avdelning=+it-avdelningen+&avdelning=R%C3%A4ttsavdelningen"
            "&enhet=&lang=en&typ=data")
    given = {"period": "2018T1", "avdelning": [" it-avdelningen ", RATTS], "enhet": "",
             "lang": "en", "typ": "data"}  # as Dash hands a page a repeated parameter
    expected = {"period": "2018T1", "avdelning": "it-avdelningen", "lang": "en",
                "typ": "data"}
    assert params_of(text) == params_of(given) == params_of(text.lstrip("?")) == expected
    state = parse(text, frames)
    assert state == parse(given, frames) == ViewState(
        "2018-T1", "IT-avdelningen", None, "en", page=(("typ", "data"),))
    assert params_of(None) == params_of(42) == {}


def test_the_state_is_scoped_in_the_frames_the_page_shows(frames):
    state = parse("?avdelning=IT-avdelningen", frames)
    assert state.selection == Selection(NOW, "IT-avdelningen")
    scope = state.scope_in(frames)
    assert (scope.period.label, scope.department) == (NOW, "IT-avdelningen")
    assert scope == resolve(frames, state.selection) and scope.unit_keys
    # frames without that department (an adopted follow-up older than today's units sheet)
    older = {**frames, "units": frames["units"][frames["units"]["department"]
                                                .ne("IT-avdelningen")]}
    with pytest.raises(SelectionError):
        state.scope_in(older)
    assert parse("", {}).scope_in({}) is None and parse("", {}).selection is None  # no data


def test_a_head_held_to_their_department_finds_it_however_it_is_spelled(frames):
    held = Reach(only=RATTS, opening=RATTS)
    state = parse("?" + urlencode({"avdelning": NFD_RATTS}), frames, held)
    assert (state.department, state.problems) == (RATTS, ())
    other = parse("?avdelning=IT-avdelningen", frames, held)
    assert other.department == RATTS
    assert other.problems == (("department_not_allowed", "IT-avdelningen"),)
    spelled = parse("", frames, Reach(only=" rättsAVDELNINGEN", opening=None))
    assert (spelled.department, spelled.problems) == (RATTS, ())


def test_a_fresh_visit_opens_on_the_heads_department_whatever_else_the_address_holds(frames):
    head = Reach(opening="IT-avdelningen")
    assert parse("?lang=en&utm_source=mail", frames, head).department == "IT-avdelningen"
    assert parse("?period=2018-T1", frames, head).department is None  # the reader's choice
    assert parse("?typ=data", frames, head).department is None
