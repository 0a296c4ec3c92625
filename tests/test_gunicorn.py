"""``app:server`` under gunicorn with two workers, as in production: it answers, compressed.

gunicorn runs as a real subprocess on a free port, on a fresh data folder (``--preload``:
``app.py`` and the demo load run once, in the master). The server is always terminated.
"""

from __future__ import annotations

import gzip
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import clean_environment, free_port, serving

pytestmark = pytest.mark.slow

GUNICORN = Path(sys.executable).with_name("gunicorn")


def _get(url: str, headers: dict[str, str] | None = None):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}),
                                  timeout=10)


def test_gunicorn_serves_the_app_compressed(tmp_path):
    port = free_port()
    env = clean_environment(TERTIAL_DATA_DIR=str(tmp_path / "data"))
    command = [str(GUNICORN), "--preload", "--workers", "2", "--bind", f"127.0.0.1:{port}",
               "app:server"]
    with serving(command, port, env) as base:
        with _get(f"{base}/") as page:
            assert page.status == 200
            assert b"Tertial" in page.read()
        with _get(f"{base}/_dash-layout", {"Accept-Encoding": "gzip"}) as layout:
            assert layout.status == 200
            assert layout.headers["Content-Encoding"] == "gzip"
            assert b"filter-period" in gzip.decompress(layout.read())
