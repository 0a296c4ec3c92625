"""What anyone may fetch without a login in the password mode: static files, the login and
logout, the favicon. Matched exactly (issue 20, item 8): by prefix, ``/logga-inx`` and
``/logga-ut/historik`` served the Dash page to anonymous readers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.apps import build_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "open-paths", TERTIAL_AUTH_MODE="password")


@pytest.mark.parametrize("path", ["/logga-inx", "/logga-ut/historik", "/logga-in/historik",
                                  "/assetsx/base.css", "/assets/"])  # a folder is no file
def test_a_path_that_only_begins_like_an_open_one_needs_a_login(app, path):
    response = app["server"].test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logga-in?next=")


def test_a_path_beside_the_favicon_is_refused_like_any_dash_route(app):
    assert app["server"].test_client().get("/_favicon.icox").status_code == 401


@pytest.mark.parametrize("path", ["/logga-in", "/assets/base.css", "/_favicon.ico"])
def test_the_open_paths_are_open(app, path):
    assert app["server"].test_client().get(path).status_code == 200


def test_a_logout_without_a_session_lands_on_the_login_page(app):
    response = app["server"].test_client().post("/logga-ut")
    assert response.status_code == 302 and "/logga-in" in response.headers["Location"]


@pytest.mark.parametrize("path", ["/_dash-component-suites/x/y.js",
                                  "/_dash-component-suites/dash/nope.js"])
def test_a_file_no_library_has_is_not_found_not_a_server_error(app, path):
    """The attack run's 500s: Dash's DependencyException for an unknown library or file."""
    assert app["server"].test_client().get(path).status_code == 404
