"""One mapping from refusals and typed errors to answers (dashboard/web/answers.py).

A small Flask server with the app's context and the mapping installed, and doors that stop
the way the real ones do: a download's address, a page's, a callback's and a post, each
raising :class:`Refused` or a typed error. What comes back is what a reader's browser, a
script or Dash's renderer gets: the form, the status, both languages, the error's code.
"""

from __future__ import annotations

import flask
import pytest

from dashboard.kpis.scope import selection_error
from dashboard.text.i18n import t
from dashboard.web import answers, context
from dashboard.web.answers import REFUSED, Refused, answer, download
from loaders.errors import TertialError
from loaders.settings import load_settings
from loaders.store.store import Store

NO_DATA = "export.no_data"
TYPED = TertialError("bad_thing", "Det här går inte.", "This cannot be done.")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    settings = load_settings(environ={"TERTIAL_DATA_DIR": str(tmp_path_factory.mktemp("a")),
                                      "TERTIAL_AUTH_MODE": "password"})
    store = Store(settings.resolved_database_url)
    server = flask.Flask(__name__)
    context.install(server, context.AppContext.of(settings, store))
    answers.install(server)
    noted: list[object] = []

    @server.get("/file.xlsx")
    @download
    def a_download():
        raise Refused(NO_DATA, 404)

    @server.route("/page", methods=["GET", "POST"])
    def a_page():
        raise Refused(NO_DATA, 404)

    @server.get("/_dash-update-component")
    def a_callback():
        raise Refused("auth.refused")

    @server.get("/typed")
    def typed():
        raise TYPED

    @server.get("/selection")
    @download
    def selection():
        raise selection_error("unknown_department", "Okänd avdelning")

    @server.get("/counts.xlsx")
    @download
    def counts():
        return answer(422, "export.too_many_rows", counts={"rows": 123456, "limit": 20000})

    @server.get("/refused")
    def refused():
        response = Refused("auth.refused").get_response()
        noted.append(flask.g.get(REFUSED))
        return response

    yield server.test_client(), noted
    store.close()


def both(key: str, **fields: object) -> list[str]:
    return [t(key, "sv", **fields), t(key, "en", **fields)]


def test_a_download_is_answered_in_plain_text_swedish_first(client):
    response = client[0].get("/file.xlsx")
    assert (response.status_code, response.mimetype) == (404, "text/plain")
    assert response.get_data(as_text=True).splitlines() == both(NO_DATA)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_clicked_page_is_answered_with_a_page_in_both_languages(client):
    response = client[0].get("/page")
    assert (response.status_code, response.mimetype) == (404, "text/html")
    html = response.get_data(as_text=True)
    assert '<p class="login-message error" lang="sv">' in html
    assert all(message in html for message in both(NO_DATA))
    assert "/logga-in" not in html  # a 404 is no refusal: no way to the login offered


def test_a_refused_page_in_the_password_mode_offers_the_login(client):
    response = client[0].get("/refused")
    assert response.status_code == 403
    assert 'href="/logga-in"' in response.get_data(as_text=True)


@pytest.mark.parametrize("how", [
    {"method": "POST", "path": "/page"},
    {"method": "GET", "path": "/_dash-update-component"},
    {"method": "GET", "path": "/file.xlsx", "headers": {"Accept": "application/json"}},
])
def test_callbacks_posts_and_clients_asking_for_json_get_json(client, how):
    response = client[0].open(how["path"], method=how["method"], headers=how.get("headers"))
    assert response.mimetype == "application/json"
    key = "auth.refused" if how["path"].startswith("/_") else NO_DATA
    assert response.get_json() == {"error": dict(zip(("sv", "en"), both(key), strict=True))}


def test_a_typed_error_a_route_raises_is_a_400_with_its_messages_and_code(client):
    page = client[0].get("/typed")
    assert page.status_code == 400 and "Det här går inte." in page.get_data(as_text=True)
    as_json = client[0].get("/typed", headers={"Accept": "application/json"})
    assert as_json.status_code == 400
    assert as_json.get_json() == {"error": {"sv": "Det här går inte.",
                                            "en": "This cannot be done."},
                                  "code": "bad_thing"}
    download_answer = client[0].get("/selection")
    assert (download_answer.status_code, download_answer.mimetype) == (400, "text/plain")
    assert download_answer.get_data(as_text=True).splitlines() == both(
        "choice.unknown_department", value="Okänd avdelning")


def test_counts_are_written_as_each_language_writes_numbers(client):
    sv, en = client[0].get("/counts.xlsx").get_data(as_text=True).splitlines()
    assert "123\u00a0456" in sv and "20\u00a0000" in sv
    assert "123,456" in en and "20,000" in en


def test_a_refusal_is_noted_for_the_audit_log_once(client):
    test_client, noted = client
    noted.clear()
    test_client.get("/refused")
    assert noted == [("auth.refused", None)]
