"""The grid's part of the address (``sok``, ``sortera``, ``status``, ``filter``): read back
into the grid's search, sort and filter models, forged parts dropped, the shell's own parts
and other pages' untouched."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from dashboard.kpis.assignments import DEFAULT_SORT
from dashboard.state.address import page_params, with_page
from dashboard.state.grid_address import MAX_TEXT, GridView, grid_view

UNIT = {"filterType": "text", "type": "contains", "filter": "statistik"}
BEFORE = {"filterType": "date", "type": "lessThan", "dateFrom": "2018-07-01 00:00:00"}


def view(search: str) -> GridView:
    return grid_view(page_params(search))


def test_an_address_without_the_grids_parts_opens_red_first():
    assert view("?period=2018-T2&avdelning=Analysavdelningen") == GridView(None, DEFAULT_SORT, {})


def test_search_sort_and_filters_are_read_back():
    filters = json.dumps({"unit": UNIT, "end_date": BEFORE})
    found = view(f"?period=2018-T2&sok=+öppna+data+&sortera=-end_date,id&status=red,yellow"
                 f"&filter={filters}&lang=en")
    assert found.quick == "öppna data"
    assert found.sort == ({"colId": "end_date", "sort": "desc"}, {"colId": "id", "sort": "asc"})
    assert found.filters == {"unit": UNIT, "end_date": BEFORE,
                             "status": {"filterType": "set", "values": ["red", "yellow"]}}


def test_every_box_unticked_is_kept_as_the_empty_set():
    assert view("?status=ingen").filters == {"status": {"filterType": "set", "values": []}}


@pytest.mark.parametrize(("search", "expected"), [
    ("?sortera=password,-status", ({"colId": "status", "sort": "desc"},)),
    ("?sortera=nothing", DEFAULT_SORT),
    ("?sortera=id,id,-id", ({"colId": "id", "sort": "asc"},)),
    ("?sortera=id,name,unit,owner,type", tuple({"colId": c, "sort": "asc"}
                                               for c in ("id", "name", "unit"))),
])
def test_a_forged_sort_is_dropped(search, expected):
    assert view(search).sort == expected


@pytest.mark.parametrize("status", ["purple", "RED", "■ Röd", "<script>"])
def test_a_forged_status_is_no_filter(status):
    assert "status" not in view(f"?status={status}").filters


def test_a_forged_status_beside_a_real_one_is_dropped():
    assert view("?status=purple,red").filters["status"]["values"] == ["red"]


@pytest.mark.parametrize("forged", [
    "not json", "[1, 2]", '"text"',
    json.dumps({"secret": UNIT}),  # no such column
    json.dumps({"status": {"filterType": "text", "type": "contains", "filter": "x"}}),
    json.dumps({"unit": {"filterType": "text", "type": "regex", "filter": ".*"}}),
    json.dumps({"unit": {"filterType": "text", "type": "contains", "filter": ["x"]}}),
    json.dumps({"unit": {"filterType": "text", "type": "contains", "filter": "x" * 201}}),
    json.dumps({"end_date": {"filterType": "text", "type": "contains", "filter": "2018"}}),
    json.dumps({"unit": "contains"}),
])
def test_a_forged_column_filter_is_dropped(forged):
    assert view("?" + urlencode({"filter": forged})).filters == {}


def test_a_long_search_is_cut():
    assert view(f"?sok={'a' * 500}").quick == "a" * MAX_TEXT


def test_the_shell_keeps_the_grids_parts_beside_its_own():
    search = "?period=2018-T2&avdelning=IT-avdelningen&sok=data&sortera=id&lang=en"
    changed = with_page(search, "typ", "import")
    assert changed == "?period=2018-T2&avdelning=IT-avdelningen&typ=import&sok=data&sortera=id" \
                      "&lang=en"
