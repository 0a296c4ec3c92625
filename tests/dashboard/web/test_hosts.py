"""DNS rebinding and the origin check (issue 20, items 1 and 5): the host names the app answers
to, the origins it takes a state-changing request from, and the proxy headers that the local
mode refuses.

The attack: a page on ``evil.example`` whose name is then pointed at 127.0.0.1. The browser
sends ``Host: evil.example:8050`` and ``Origin: http://evil.example:8050``; the two agree, so
the old check (``Origin`` against ``Host``) let the page download the export, the history's
files and the report, and roll back an import.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from dashboard import ids
from dashboard.text.i18n import t
from dashboard.web.auth import PROXY_HEADERS
from dashboard.web.hosts import host_allowed, origin_allowed
from loaders.settings import Settings
from tests.apps import build_app
from tests.forge import PATH, callback_body
from tests.servers import ROOT, clean_environment, free_port, wait_until_answering

LOCAL_MODE = Settings()
LISTED = Settings(auth_mode="password", allowed_hosts="tertial.myndighet.se, intern.se:8443")
OPEN = Settings(auth_mode="password")


@pytest.mark.parametrize(("settings", "host", "scheme", "port", "answered"), [
    (LOCAL_MODE, "127.0.0.1:8050", "http", 8050, True),
    (LOCAL_MODE, "localhost:8050", "http", 8050, True),
    (LOCAL_MODE, "[::1]:8050", "http", 8050, True),
    (LOCAL_MODE, "LOCALHOST", "http", 80, True),  # no port: the scheme's
    (LOCAL_MODE, "evil.example:8050", "http", 8050, False),  # the rebound name
    (LOCAL_MODE, "127.0.0.1.nip.io:8050", "http", 8050, False),
    (LOCAL_MODE, "localhost:9999", "http", 8050, False),  # not the port we listen on
    (LOCAL_MODE, "localhost", "http", 8050, False),
    (LOCAL_MODE, "", "http", 8050, False),
    (LOCAL_MODE, "localhost:8050@evil.example", "http", 8050, False),
    (LOCAL_MODE, "localhost:08050", "http", 8050, False),  # a port no browser writes
    (LISTED, "tertial.myndighet.se", "https", 8000, True),  # behind a TLS proxy
    (LISTED, "Tertial.Myndighet.se:443", "https", 8000, True),
    (LISTED, "intern.se:8443", "https", 8000, True),
    (LISTED, "intern.se", "https", 8000, False),  # listed with another port
    (LISTED, "evil.example", "https", 8000, False),
    (LISTED, "127.0.0.1:8000", "http", 8000, False),  # not listed
    (OPEN, "whatever.example", "https", 8000, True),  # no list: any host
    (OPEN, "bad host", "https", 8000, False),  # but a host
])
def test_the_host_names_answered(settings, host, scheme, port, answered):
    assert host_allowed(host, settings, scheme=scheme, server_port=port) is answered


@pytest.mark.parametrize(("settings", "origin", "host", "scheme", "sent"), [
    (LOCAL_MODE, "http://127.0.0.1:8050", "127.0.0.1:8050", "http", True),
    (LOCAL_MODE, "http://localhost:8050", "127.0.0.1:8050", "http", True),  # an alias
    (LOCAL_MODE, "http://evil.example:8050", "evil.example:8050", "http", False),  # rebinding
    (LOCAL_MODE, "http://localhost:3000", "localhost:8050", "http", False),  # another app
    (LOCAL_MODE, "https://localhost:8050", "localhost:8050", "http", False),  # the scheme
    (LOCAL_MODE, "null", "localhost:8050", "http", False),
    (LOCAL_MODE, "http://localhost:8050/x", "localhost:8050", "http", False),
    (LOCAL_MODE, "http://127.0.0.1:8050#x", "127.0.0.1:8050", "http", False),  # no browser's
    (LOCAL_MODE, "http://127.0.0.1:08050", "127.0.0.1:8050", "http", False),
    (LOCAL_MODE, "http://a@127.0.0.1:8050", "127.0.0.1:8050", "http", False),
    (LISTED, "https://tertial.myndighet.se", "tertial.myndighet.se", "https", True),
    (LISTED, "http://tertial.myndighet.se", "tertial.myndighet.se", "https", False),
    (LISTED, "https://evil.example", "tertial.myndighet.se", "https", False),
    (OPEN, "https://tertial.example", "tertial.example", "https", True),
    (OPEN, "https://evil.example", "tertial.example", "https", False),
    (OPEN, "https://tertial.example", "tertial.example", "http", False),  # https page, http
])
def test_the_origins_a_state_change_is_taken_from(settings, origin, host, scheme, sent):
    port = 8050 if settings is LOCAL_MODE else 8000
    assert origin_allowed(origin, host, settings, scheme=scheme, server_port=port) is sent


# --- the local mode in app.py ------------------------------------------------------------

REBOUND = {"Host": "evil.example", "Origin": "http://evil.example"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "hosts")


@pytest.mark.parametrize("path", ["/export.xlsx?period=2018-T2", "/historik/1/fil",
                                  "/rapport?period=2018-T2", "/", "/assets/base.css"])
def test_a_rebound_name_gets_nothing_from_the_local_mode(app, path):
    client = app["server"].test_client()
    # from this computer, by its own name
    assert client.get(path, follow_redirects=True).status_code == 200
    refused = client.get(path, headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert t("security.unknown_host", "sv") in refused.get_data(as_text=True)


def rollback(app: dict, headers: dict[str, str]):
    body = callback_body(app["app"], "history_action", ids.HISTORY_CONFIRM,
                         {f"{ids.HISTORY_PENDING}.data": 5, f"{ids.URL}.search": "?lang=sv"})
    return app["server"].test_client().post(PATH, json=body, headers=headers)


def test_a_rebound_page_cannot_roll_back_an_import(app):
    before = [(r.id, r.status) for r in app["store"].history()]
    refused = rollback(app, REBOUND)
    assert refused.status_code == 400
    assert [(r.id, r.status) for r in app["store"].history()] == before
    # nor a page of another local app, nor an https page: the origin is not ours
    for origin in ("http://localhost:3000", "https://localhost"):
        answer = rollback(app, {"Origin": origin})
        assert answer.status_code == 403, origin
        assert answer.get_json()["error"]["sv"] == t("security.cross_site", "sv")
    assert [(r.id, r.status) for r in app["store"].history()] == before
    done = rollback(app, {"Origin": "http://localhost"})  # the app's own page: it works
    assert done.status_code == 200
    assert app["store"].history()[0].status == "rolled_back"


# the ones the attacks used (the local administrator to whoever a proxy passed on: the issue's
# four, then the second attack run's), the table, and names of the families refused by prefix
ATTACK = ("Via", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "X-Forwarded-Scheme",
          "X-Forwarded-Ssl", "Front-End-Https", "X-Envoy-External-Address", "X-ARR-ClientIP",
          "X-Azure-ClientIP", "WL-Proxy-Client-IP", "Proxy-Client-IP", "X-Remote-User",
          "X-Forwarded-Anything-New", "X-Original-Anything", "CF-IPCountry", "x-real-whatever")


@pytest.mark.parametrize("header", sorted(set(ATTACK) | set(PROXY_HEADERS)))
def test_local_mode_refuses_every_request_a_proxy_passed_on(app, header):
    answer = app["server"].test_client().get("/historik/1/fil", headers={header: "203.0.113.9"})
    assert answer.status_code == 403
    assert t("auth.local_only", "sv") in answer.get_data(as_text=True)


# --- the debugger ------------------------------------------------------------------------

@pytest.mark.slow
def test_the_debugger_answers_no_other_host(tmp_path):
    """``TERTIAL_DEBUG=true python app.py``: Werkzeug's console (code execution, behind a PIN)
    and every page answer the loopback names only."""
    port = free_port()
    env = {**clean_environment(TERTIAL_DATA_DIR=str(tmp_path / "data")),
           "TERTIAL_DEBUG": "true", "TERTIAL_PORT": str(port)}
    # the debugger's reloader runs the app in a child: its own session, stopped as a group
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                               start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"

    def status(path: str, host: str) -> int:
        request = urllib.request.Request(url + path, headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    try:
        wait_until_answering(f"{url}/", process, "app.py")
        assert status("/console", f"127.0.0.1:{port}") == 200  # the debugger is on
        # Werkzeug's own check trusts every *.localhost name and any port: ours comes first
        for host in (f"evil.example:{port}", f"evil.localhost:{port}", "localhost:80",
                     f"a.localhost:{port}"):
            assert status("/console", host) == 400, host
        assert status("/", f"evil.example:{port}") == 400
        assert status("/", f"localhost:{port}") == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        process.stderr.close()


def test_the_header_mode_without_a_secret_does_not_start_and_says_why(tmp_path):
    env = {**clean_environment(TERTIAL_DATA_DIR=str(tmp_path / "data")),
           "TERTIAL_AUTH_MODE": "header", "TERTIAL_PROXY_SECRET": "kort"}
    done = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0
    assert "TERTIAL_PROXY_SECRET: läget header kräver en hemlighet på minst 16 tecken" in \
        done.stderr
    assert "Traceback" not in done.stderr
