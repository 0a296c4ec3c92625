"""The assignments grid's status choice and default order through the real callback path.

The app is ``app.py``'s own (the demo loaded), asked through Flask's test client as the
browser asks: a POST to ``/_dash-update-component`` with AG Grid's ``getRowsRequest``. A
callback is a public endpoint, so the status set is posted as any client could post it,
forged values included: only the five status codes filter, anything else is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard import ids
from tests.apps import build_app

SEARCH = "?period=2018-T2&avdelning=Analysavdelningen"
OUTPUTS = [{"id": ids.OPERATIONS_GRID, "property": "getRowsResponse"},
           {"id": ids.OPERATIONS_GRID_COUNT, "property": "children"}]
SEVERITY = ["■ Röd", "▲ Gul", "● Grön", "✓ Avslutad", "✕ Avbruten"]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "grid_head")


def rows(app: dict, filter_model: object = None, sort_model: object = None) -> list[dict]:
    request = {"startRow": 0, "endRow": 500, "sortModel": sort_model or [],
               "filterModel": filter_model or {}}
    body = {
        "output": f"..{ids.OPERATIONS_GRID}.getRowsResponse...{ids.OPERATIONS_GRID_COUNT}"
                  ".children..",
        "outputs": OUTPUTS,
        "inputs": [{"id": ids.OPERATIONS_GRID, "property": "getRowsRequest", "value": request}],
        "state": [{"id": ids.URL, "property": "search", "value": SEARCH},
                  {"id": ids.OPERATIONS_QUICK_FILTER, "property": "value", "value": None}],
        "changedPropIds": [f"{ids.OPERATIONS_GRID}.getRowsRequest"],
    }
    response = app["server"].test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 200
    answer = response.get_json()["response"][ids.OPERATIONS_GRID]["getRowsResponse"]
    assert answer["rowCount"] == len(answer["rowData"])
    return answer["rowData"]


def statuses(found: list[dict]) -> set[str]:
    return {r["status"] for r in found}


def test_the_grid_answers_red_then_yellow_first_ties_by_id(app):
    found = rows(app)
    ranks = [SEVERITY.index(r["status"]) for r in found]
    assert ranks == sorted(ranks) and ranks[0] == 0
    red = [r["id"] for r in found if r["status"] == "■ Röd"]
    assert len(red) == 2 and red == [r["id"] for r in found[:2]]
    assert all(r["department"] == "Analysavdelningen" for r in found)
    by_id = rows(app, sort_model=[{"colId": "id", "sort": "asc"}])
    assert [r["id"] for r in by_id] != [r["id"] for r in found]  # the reader's own sort


def test_the_status_set_filters_on_the_server(app):
    everything = rows(app)
    chosen = rows(app, {"status": {"filterType": "set", "values": ["red", "yellow"]}})
    assert statuses(chosen) == {"■ Röd", "▲ Gul"}
    assert len(chosen) == sum(r["status"] in {"■ Röd", "▲ Gul"} for r in everything)


@pytest.mark.parametrize("values", [
    ["red", "yellow", "'; drop table", "■ Röd", 7, None, {"a": 1}],
    ["red", "yellow", "RED", "green "],
])
def test_forged_status_values_are_dropped(app, values):
    chosen = rows(app, {"status": {"filterType": "set", "values": values}})
    assert statuses(chosen) == {"■ Röd", "▲ Gul"}


@pytest.mark.parametrize("model", [
    {"status": {"filterType": "set", "values": "red"}},
    {"status": {"filterType": "set", "values": ["<script>"]}},
])
def test_a_status_set_of_nothing_known_keeps_nothing_and_does_not_fail(app, model):
    assert rows(app, model) == []
