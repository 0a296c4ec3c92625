"""Every response's security headers, and cross-site requests refused before any code runs.

Through ``app.py`` itself (Flask's test client). That Dash works under the
Content-Security-Policy is proven by the browser tests: every one of them fails on any
console error, and a blocked script or style is one.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections.abc import Iterator

import pytest

from tests.apps import build_app
from tests.builders import UNITS, xlsx_bytes

HOST = "localhost"  # Flask's test client sends Host: localhost


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "security")


def policy(response) -> dict[str, list[str]]:
    parts = [p.split() for p in response.headers["Content-Security-Policy"].split(";")]
    return {p[0]: p[1:] for p in parts if p}


@pytest.mark.parametrize("path", ["/", "/verksamhet", "/_dash-layout", "/ladda-upp/mall.xlsx",
                                  "/historik/1/fil", "/assets/base.css"])
def test_every_response_carries_the_headers(app, path):
    response = app["server"].test_client().get(path, follow_redirects=True)
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_redirect_to_a_full_address_carries_the_headers_too(app):
    response = app["server"].test_client().get("/ekonomi")
    assert response.status_code == 302
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def test_every_inline_script_of_the_page_is_allowed_by_its_hash(app):
    """The page's inline scripts (Dash's renderer start, clientside callbacks) run, and no
    other inline script would: each is named in script-src by its sha256."""
    response = app["server"].test_client().get("/", follow_redirects=True)
    allowed = set(policy(response)["script-src"])
    page = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S)  # IE only
    inline = [m["body"] for m in INLINE_SCRIPT.finditer(page)
              if "src=" not in m["attrs"] and "application/json" not in m["attrs"]]
    assert inline
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, body[:80]


def stored(app: dict) -> tuple[int, int]:
    return app["store"].data_version(), len(app["store"].history())


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "null"},  # a sandboxed frame or a file: page
    {"Origin": f"http://{HOST}.evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
])
def test_a_cross_site_upload_is_refused_and_nothing_is_staged(app, headers, tmp_path):
    before = stored(app)
    staged = sorted(app["staging"].folder.iterdir())
    data = xlsx_bytes({"Enheter": [list(r) for r in UNITS]})
    response = app["server"].test_client().post(
        "/ladda-upp/fil", data={"file": (io.BytesIO(data), "Enheter.xlsx")},
        content_type="multipart/form-data", headers=headers)
    assert response.status_code == 403
    assert "annan webbplats" in response.get_json()["error"]["sv"]
    assert sorted(app["staging"].folder.iterdir()) == staged and stored(app) == before


def test_a_cross_site_callback_is_refused(app):
    response = app["server"].test_client().post(
        "/_dash-update-component", json={"output": "x.children", "inputs": []},
        headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def test_the_same_site_passes(app):
    data = xlsx_bytes({"Enheter": [list(r) for r in UNITS]})
    response = app["server"].test_client().post(
        "/ladda-upp/fil", data={"file": (io.BytesIO(data), "Enheter.xlsx")},
        content_type="multipart/form-data",
        headers={"Origin": f"http://{HOST}", "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200 and response.get_json()["token"]
    app["staging"].cancel(response.get_json()["token"])
