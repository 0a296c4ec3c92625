"""Importhistorik in ``app.py`` itself: the download route, and the rollback asked for, confirmed
and refused again, through the page's callback exactly as the browser asks for it (a POST to
``/_dash-update-component``); after the rollback the overview shows the restored data.

The app is built once for this module (``tests.apps.build_app``) on a fresh data folder with
the demo's five imports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import dash
import flask
import pytest

from dashboard import ids
from dashboard.kpis import Selection, summary
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.web import auth, context
from loaders.settings import load_settings
from loaders.store.store import Store
from tests.apps import build_app
from tests.component_texts import texts as _texts
from tests.servers import LOCAL

INPUTS = (ids.HISTORY_CHOICE, "value"), (ids.HISTORY_ROLLBACK, "n_clicks"), \
    (ids.HISTORY_CANCEL, "n_clicks"), (ids.HISTORY_CONFIRM, "n_clicks")
OUTPUTS = ((ids.HISTORY_MODAL, "opened"), (ids.HISTORY_CONFIRM_TEXT, "children"),
           (ids.HISTORY_PENDING, "data"), (ids.HISTORY_RESULT, "children"),
           (ids.HISTORY_GRID, "rowData"), (ids.HISTORY_CHOICE, "data"),
           (ids.HISTORY_DOWNLOAD, "href"), (ids.HISTORY_ROLLBACK, "disabled"))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "history")


def _action(app: dict, trigger: str, *, choice: str | None = "5", pending: int | None = None,
            search: str = "?lang=sv") -> dict:
    """The page's callback as the browser calls it when ``trigger`` changed; its answer."""
    values = {ids.HISTORY_CHOICE: choice}
    body = {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in OUTPUTS) + "..",
        "outputs": [{"id": i, "property": p} for i, p in OUTPUTS],
        "inputs": [{"id": i, "property": p, "value": values.get(i, 1 if i == trigger else None)}
                   for i, p in INPUTS],
        "state": [{"id": ids.HISTORY_PENDING, "property": "data", "value": pending},
                  {"id": ids.URL, "property": "search", "value": search}],
        "changedPropIds": [f"{trigger}.{dict(INPUTS)[trigger]}"],
    }
    response = app["server"].test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["response"]


def _overview_text(app: dict) -> str:
    """What Översikt shows now, as the page's layout function renders it for a request."""
    page = next(p for p in dash.page_registry.values() if p["path"] == "/")
    with app["server"].test_request_context("/", environ_base=LOCAL):
        return json.dumps(page["layout"](lang="sv").to_plotly_json(),
                          default=lambda c: c.to_plotly_json(), ensure_ascii=False)


def _headcount(app: dict, period: str) -> str:
    return fmt.number(summary(app["store"].frames(), Selection(period))["staff"]["headcount"])


def test_the_app_serves_the_original_file_beside_the_dash_pages(app):
    client = app["server"].test_client()
    name, data = app["store"].original_file(5)
    response = client.get("/historik/5/fil")
    assert (response.status_code, response.data) == (200, data)
    assert name in response.headers["Content-Disposition"]
    assert client.get("/historik/99/fil").status_code == 404
    # the page itself is Dash's
    assert client.get("/historik", follow_redirects=True).status_code == 200


def test_the_page_is_in_the_navigation_under_its_name():
    page = next(p for p in dash.page_registry.values() if p["path"] == "/historik")
    assert (page["name"], page["title_key"]) == ("Importhistorik", "history.title")
    assert t(page["title_key"], "en") == "Import history"


def test_choosing_an_import_points_the_download_at_its_file(app):
    answer = _action(app, ids.HISTORY_CHOICE, choice="2")
    assert answer[ids.HISTORY_DOWNLOAD]["href"] == "/historik/2/fil"
    assert answer[ids.HISTORY_ROLLBACK]["disabled"] is False


def test_cancel_closes_the_dialog_and_changes_nothing(app):
    version = app["store"].data_version()
    answer = _action(app, ids.HISTORY_CANCEL, pending=5)
    assert answer[ids.HISTORY_MODAL]["opened"] is False
    assert app["store"].data_version() == version


def test_rollback_is_confirmed_then_done_and_the_overview_shows_the_restored_data(app):
    assert "Tertialuppföljning 2018-T2" in _overview_text(app)
    before = _headcount(app, "2018-T2")

    asked = _action(app, ids.HISTORY_ROLLBACK, choice="5")
    assert asked[ids.HISTORY_MODAL]["opened"] is True
    assert asked[ids.HISTORY_PENDING]["data"] == 5
    said = _texts(asked[ids.HISTORY_CONFIRM_TEXT]["children"])
    assert "Import 5 (uppfoljning_2018-T2.xlsx) återställs." in said
    assert "Det som den ersatte blir aktuellt igen: Enheter, Nyckeltal från import 4." in said
    assert app["store"].history()[0].status == "active"  # asking changes nothing

    done = _action(app, ids.HISTORY_CONFIRM, pending=5)
    assert done[ids.HISTORY_MODAL]["opened"] is False
    assert t("history.done", "sv", id=5, file="uppfoljning_2018-T2.xlsx") in _texts(
        done[ids.HISTORY_RESULT]["children"])
    rows = {row["id"]: row for row in done[ids.HISTORY_GRID]["rowData"]}
    assert (rows["5"]["status"], rows["4"]["status"]) == ("återställd", "aktuell")
    assert done[ids.HISTORY_ROLLBACK]["disabled"] is True
    record = app["store"].history()[0]
    assert (record.status, record.rolled_back_by) == ("rolled_back", "lokal")

    overview = _overview_text(app)  # the next request sees the new data version
    assert "Tertialuppföljning 2018-T1" in overview
    assert "Tertialuppföljning 2018-T2" not in overview
    assert _headcount(app, "2018-T1") in overview and _headcount(app, "2018-T1") != before


def test_a_second_rollback_of_the_same_import_is_refused_in_the_chosen_language(app):
    if app["store"].history()[0].status != "rolled_back":
        app["store"].rollback(5, user="lokal")
    version = app["store"].data_version()
    answer = _action(app, ids.HISTORY_CONFIRM, pending=5, search="?lang=en")
    texts = _texts(answer[ids.HISTORY_RESULT]["children"])
    assert "Import 5 has already been rolled back." in texts
    assert t("history.failed_title", "en") in texts
    assert {row["status"] for row in answer[ids.HISTORY_GRID]["rowData"]} >= {"rolled back"}
    assert app["store"].history()[0].status == "rolled_back"
    assert app["store"].data_version() >= version


# An id no import can have (beyond the database's integer, or not positive), as a forged
# request sends it: refused as a bad request, never an error from the database or its driver
# (PostgreSQL: integer out of range beyond 2**31 - 1; SQLite: OverflowError beyond 64 bits).
BEYOND = (2**31, 2**63, 2**70, -(2**70), 0)


@pytest.mark.parametrize("pending", [*BEYOND, str(2**70), "9" * 5000])
def test_a_rollback_of_an_id_no_import_can_have_answers_the_pages_error_text(app, pending):
    version = app["store"].data_version()
    for lang, message in (("sv", "Ogiltigt import-id"), ("en", "Invalid import id")):
        answer = _action(app, ids.HISTORY_CONFIRM, pending=pending, search=f"?lang={lang}")
        texts = " ".join(_texts(answer[ids.HISTORY_RESULT]["children"]))
        assert message in texts and t("history.failed_title", lang) in texts
    assert app["store"].data_version() == version  # refused before the database


@pytest.mark.parametrize("raw_id", [*map(str, BEYOND), "9" * 5000, "00000000000000000000005",
                                    "fem", "%C2%B2"])
def test_a_download_address_no_import_can_have_is_a_bad_request(app, raw_id):
    response = app["server"].test_client().get(f"/historik/{raw_id}/fil")
    assert (response.status_code, response.mimetype) == (400, "text/plain")
    text = response.get_data(as_text=True)
    assert text.startswith("Ogiltigt import-id") and "Invalid import id" in text


def test_an_empty_database_says_how_to_load_data(tmp_path):
    settings = load_settings(environ={"TERTIAL_DATA_DIR": str(tmp_path)})
    store = Store(settings.resolved_database_url)
    server = flask.Flask("empty")
    context.install(server, context.AppContext.of(settings, store))
    auth.install(server, settings)
    page = next(p for p in dash.page_registry.values() if p["path"] == "/historik")
    try:
        with server.test_request_context("/historik?lang=en", environ_base=LOCAL):
            shown = _texts(page["layout"](lang="en"))
    finally:
        store.close()
    assert t("page.empty_title", "en") in shown
    assert t("page.empty_body", "en") in shown
