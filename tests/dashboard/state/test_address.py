"""The view's state in the address: parsed against the demo data, and written back."""

from __future__ import annotations

import pytest

import cli
from dashboard.state.address import ViewState, parse, query
from loaders.store.store import Store
from tests.databases import folder_url


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("urlstate")
    assert cli.main(["--data-dir", str(data_dir), "demo"]) == 0
    store = Store(folder_url(data_dir))
    yield store.frames()
    store.close()


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
    ("?period=banan", ("unknown_period", "banan")),
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
