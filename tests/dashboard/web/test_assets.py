"""The app's own files, as a browser gets them: compressed, kept for a year at the address the
page names (it changes with the file), and answered 304 when a browser asks again.

Through the app as ``app.py`` builds it (Flask's test client, with the ``Accept-Encoding`` a
browser sends); that Chromium then asks for none of them on the next page is
tests/browser/test_assets_kept.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.apps import build_app

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
NAMED = re.compile(r'(?:src|href)="(/assets/[^"]+\?m=[^"]+)"')


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "assets")


@pytest.fixture(scope="module")
def named(app) -> list[str]:
    """The addresses of dashboard/assets that the overview's page names."""
    page = app["server"].test_client().get("/", follow_redirects=True)
    return NAMED.findall(page.get_data(as_text=True))


def test_the_page_names_its_own_files_with_their_fingerprint(named):
    assert any("/assets/vendor/plotly-basic-" in address for address in named)
    assert any(address.startswith("/assets/base.css?m=") for address in named)


def test_every_file_the_page_names_is_kept_for_a_year_without_asking_again(app, named):
    client = app["server"].test_client()
    for address in named:
        response = client.get(address, headers=BROWSER)
        assert response.status_code == 200, address
        cache = response.cache_control
        assert cache.max_age == 365 * 24 * 3600 and cache.immutable and cache.public, address
        assert not cache.no_cache and not cache.no_store, address


def test_the_plotly_bundle_is_sent_compressed(app, named):
    [bundle] = [address for address in named if "plotly-basic" in address]
    response = app["server"].test_client().get(bundle, headers=BROWSER)
    assert response.headers["Content-Encoding"] in ("zstd", "br", "gzip")
    assert len(response.data) < 600_000  # of 1.2 MB


@pytest.mark.parametrize("fingerprinted", [True, False])
def test_asking_again_with_the_etag_the_browser_got_answers_304_without_the_file(
        app, named, fingerprinted):
    """The ETag of a compressed answer names its encoding ("…:zstd"); the browser sends that
    one back, and the answer is 304 without the 1.2 MB bundle, not 200 with all of it."""
    [bundle] = [address for address in named if "plotly-basic" in address]
    address = bundle if fingerprinted else bundle.split("?")[0]
    client = app["server"].test_client()
    first = client.get(address, headers=BROWSER)
    etag = first.headers["ETag"]
    again = client.get(address, headers={**BROWSER, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""


def test_a_file_asked_without_its_fingerprint_is_checked_each_time(app):
    response = app["server"].test_client().get("/assets/base.css", headers=BROWSER)
    assert response.status_code == 200
    assert response.cache_control.no_cache and not response.cache_control.immutable


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/ladda-upp/mall.xlsx"])
def test_pages_and_data_are_not_kept_as_files_are(app, path):
    response = app["server"].test_client().get(path, follow_redirects=True, headers=BROWSER)
    assert response.status_code == 200
    assert not response.cache_control.immutable
    assert response.cache_control.max_age != 365 * 24 * 3600


@pytest.mark.parametrize("fingerprint", ["1", "9999999999.5", ""])
def test_a_file_asked_with_another_fingerprint_than_its_own_is_not_kept(app, fingerprint):
    """An ``m`` the page does not name for this file now (another version's, in a rolling
    update an old worker's page or file; or typed) must not keep this answer for a year:
    a browser or a shared cache would keep the wrong version of the file at that address."""
    response = app["server"].test_client().get(f"/assets/base.css?m={fingerprint}",
                                               headers=BROWSER)
    assert response.status_code == 200
    assert not response.cache_control.immutable
    assert response.cache_control.max_age != 365 * 24 * 3600
