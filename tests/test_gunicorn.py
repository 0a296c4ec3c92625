"""``app:server`` under gunicorn with two workers, as in production: it answers, compressed.

gunicorn runs as a real subprocess on a free port, on a fresh data folder (``--preload``:
``app.py`` and the demo load run once, in the master). The server is always terminated.
"""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from loaders.settings import ENVIRONMENT

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_LIMIT_S = 60  # a bound on the wait, not a timed assertion


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, headers: dict[str, str] | None = None):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}),
                                  timeout=10)


def _wait_until_answering(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_LIMIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{process.stderr.read()}")
        try:
            with _get(url):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    pytest.fail(f"gunicorn did not answer within {START_LIMIT_S} s")


def test_gunicorn_serves_the_app_compressed(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in set(ENVIRONMENT.values())}
    env["TERTIAL_DATA_DIR"] = str(tmp_path / "data")
    process = subprocess.Popen(
        [str(GUNICORN), "--preload", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "app:server"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(f"{base}/", process)
        with _get(f"{base}/") as page:
            assert page.status == 200
            assert b"Tertial" in page.read()
        with _get(f"{base}/_dash-layout", {"Accept-Encoding": "gzip"}) as layout:
            assert layout.status == 200
            assert layout.headers["Content-Encoding"] == "gzip"
            assert b"filter-period" in gzip.decompress(layout.read())
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
