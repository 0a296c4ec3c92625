"""A callback that fails shows the reader a notification, never a dead page or a traceback.

The app is ``app.py`` itself, built once for this module on an empty data folder (the demo is
loaded), and asked through Flask's test client exactly as the browser asks: a POST to
``/_dash-update-component`` naming the callback's outputs, inputs and state.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import dashboard.callbacks.operations
import dashboard.callbacks.shell
from dashboard import ids
from dashboard.text.i18n import t
from tests.apps import build_app
from tests.component_texts import texts as _texts

TRACEBACK_MARKS = ("Traceback", 'File "', "AttributeError", "Werkzeug Debugger")
GRID_OUTPUTS = [{"id": ids.OPERATIONS_GRID, "property": "getRowsResponse"},
                {"id": ids.OPERATIONS_GRID_COUNT, "property": "children"}]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "errors")


def _grid_request(app: dict, get_rows_request: object, search: str):
    body = {
        "output": f"..{ids.OPERATIONS_GRID}.getRowsResponse...{ids.OPERATIONS_GRID_COUNT}"
                  ".children..",
        "outputs": GRID_OUTPUTS,
        "inputs": [{"id": ids.OPERATIONS_GRID, "property": "getRowsRequest",
                    "value": get_rows_request}],
        "state": [{"id": ids.URL, "property": "search", "value": search},
                  {"id": ids.OPERATIONS_QUICK_FILTER, "property": "value", "value": None}],
        "changedPropIds": [f"{ids.OPERATIONS_GRID}.getRowsRequest"],
    }
    return app["server"].test_client().post("/_dash-update-component", json=body)


def test_the_app_runs_without_debug_mode(app):
    assert app["server"].debug is False
    assert app["app"]._dev_tools.ui is not True


def test_a_working_grid_request_answers_rows(app):
    response = _grid_request(app, {"startRow": 0, "endRow": 5, "sortModel": [],
                                   "filterModel": {}}, "?lang=sv")
    assert response.status_code == 200
    rows = response.get_json()["response"][ids.OPERATIONS_GRID]["getRowsResponse"]
    assert len(rows["rowData"]) == 5
    assert "sideUpdate" not in response.get_json()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_failing_callback_answers_a_notification_in_the_page_language(app, lang, caplog,
                                                                        monkeypatch):
    """A bug inside the grid callback (simulated: the paging function raises)."""
    def broken(*_args, **_kwargs):
        raise AttributeError("simulated bug in the grid")

    monkeypatch.setattr(dashboard.callbacks.operations, "page_assignments", broken)
    response = _grid_request(app, {"startRow": 0, "endRow": 5, "sortModel": [],
                                   "filterModel": {}}, f"?lang={lang}")
    assert response.status_code == 200
    payload = response.get_json()
    notification = payload["sideUpdate"][ids.NOTIFICATIONS]["children"]
    texts = _texts(notification)
    assert t("shell.error_title", lang) in texts
    assert t("shell.error_body", lang) in texts
    assert payload["response"] == {}  # the grid keeps what it shows
    body = response.get_data(as_text=True)
    assert not [mark for mark in TRACEBACK_MARKS if mark in body]
    assert any(record.exc_info for record in caplog.records), "the failure is logged"


def test_a_failing_shell_callback_also_answers_a_notification(app, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the address could not be read")

    monkeypatch.setattr(dashboard.callbacks.shell, "from_address", broken)
    inputs = [{"id": ids.URL, "property": "search", "value": "?lang=en"}] + [
        {"id": component, "property": "value", "value": None}
        for component in (ids.PERIOD, ids.DEPARTMENT, ids.UNIT, ids.LANGUAGE)]
    outputs = [(ids.URL, "search"), (ids.PERIOD, "data"), (ids.PERIOD, "value"),
               (ids.DEPARTMENT, "data"), (ids.DEPARTMENT, "value"), (ids.UNIT, "data"),
               (ids.UNIT, "value"), (ids.LANGUAGE, "value"), (ids.PROBLEMS, "children")]
    body = {"output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
            "outputs": [{"id": i, "property": p} for i, p in outputs],
            "inputs": inputs, "changedPropIds": [f"{ids.URL}.search"],
            "state": [{"id": component, "property": "data", "value": []}
                      for component in (ids.PERIOD, ids.DEPARTMENT, ids.UNIT)]
            + [{"id": ids.PROBLEMS, "property": "children", "value": None}]}
    response = app["server"].test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 200
    texts = _texts(response.get_json()["sideUpdate"][ids.NOTIFICATIONS]["children"])
    assert t("shell.error_title", "en") in texts
    assert "the address could not be read" not in json.dumps(response.get_json())
