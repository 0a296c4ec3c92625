"""The default ``local`` mode: no login, one local admin, and only this computer answered.

``python app.py`` refuses to listen on anything but a loopback address in this mode, and a
request that reaches the app from another address anyway (a gunicorn bound wide, a port
forwarded) is refused with a message before any page or callback runs.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from dashboard.text.i18n import t
from dashboard.web.auth import check_listen
from loaders.settings import load_settings
from tests.apps import build_app
from tests.forge import PATH
from tests.servers import ROOT, clean_environment


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "local")


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "::1"])
def test_this_computer_is_the_local_admin(app, address):
    client = app["server"].test_client()
    assert client.get("/", environ_base={"REMOTE_ADDR": address},
                      follow_redirects=True).status_code == 200
    history = client.get("/historik/1/fil", environ_base={"REMOTE_ADDR": address})
    assert history.status_code == 200  # an admin's right


@pytest.mark.parametrize("address", ["10.0.0.7", "192.168.1.20", "2001:db8::5", ""])
def test_another_computer_is_refused_everything_but_static_files(app, address):
    client = app["server"].test_client()
    environ = {"REMOTE_ADDR": address}
    page = client.get("/", environ_base=environ)
    assert page.status_code == 403
    assert t("auth.local_only", "sv") in page.get_data(as_text=True)
    assert t("auth.local_only", "en") in page.get_data(as_text=True)
    callback = client.post(PATH, json={}, environ_base=environ)
    assert callback.status_code == 403
    assert callback.get_json()["error"]["en"] == t("auth.local_only", "en")
    assert client.get("/historik/1/fil", environ_base=environ).status_code == 403
    assert client.get("/assets/base.css", environ_base=environ).status_code == 200


@pytest.mark.parametrize("header", ["X-Forwarded-For", "Forwarded", "X-Real-IP"])
def test_a_request_passed_on_by_a_proxy_on_this_computer_is_not_local(app, header):
    """A reverse proxy on the same machine connects from 127.0.0.1 for every visitor."""
    client = app["server"].test_client()
    response = client.get("/", headers={header: "203.0.113.9"})
    assert response.status_code == 403
    assert t("auth.local_only", "en") in response.get_data(as_text=True)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.1.1"])
def test_the_local_mode_listens_on_loopback(host):
    check_listen(load_settings({"host": host}, environ={}))


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "tertial.example.se"])
def test_the_local_mode_refuses_any_other_address(host):
    with pytest.raises(SystemExit) as refused:
        check_listen(load_settings({"host": host}, environ={}))
    assert "TERTIAL_AUTH_MODE=password" in str(refused.value)
    check_listen(load_settings({"host": host, "auth_mode": "password"}, environ={}))


def test_python_app_py_will_not_listen_on_all_addresses_without_login(tmp_path):
    env = clean_environment(TERTIAL_DATA_DIR=str(tmp_path), TERTIAL_HOST="0.0.0.0",
                            TERTIAL_DEMO_ON_EMPTY="false")
    done = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0
    assert "läget local" in done.stderr and "the local mode" in done.stderr
    assert "Traceback" not in done.stderr
