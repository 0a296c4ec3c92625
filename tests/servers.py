"""The app served by a real process (``python app.py`` or gunicorn) for a test, then stopped.

For tests that need what only a separate process gives: gunicorn's workers, or a data
folder of their own beside the shared browser-test server.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from loaders.settings import ENVIRONMENT
from tests.databases import database_environment

ROOT = Path(__file__).resolve().parents[1]
START_LIMIT_S = 90  # a bound on the wait for the server, not a timed assertion
LOCAL = {"REMOTE_ADDR": "127.0.0.1"}  # a request context's environ: from this computer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any TERTIAL_* setting, plus ``settings``; with a
    data folder and no database, the data folder's database on the suite's backend."""
    env = {k: v for k, v in os.environ.items() if k not in set(ENVIRONMENT.values())}
    if "TERTIAL_DATA_DIR" in settings and "TERTIAL_DATABASE_URL" not in settings:
        env.update(database_environment(Path(settings["TERTIAL_DATA_DIR"])))
    env.update(settings)
    return env


def wait_until_answering(url: str, process: subprocess.Popen, name: str) -> None:
    deadline = time.monotonic() + START_LIMIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} exited with {process.returncode}:\n{process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    pytest.fail(f"{name} did not answer within {START_LIMIT_S} s")


@contextlib.contextmanager
def serving(command: Sequence[str], port: int, env: Mapping[str, str]) -> Iterator[str]:
    """Run ``command`` (which serves on ``port``) until it answers ``/``; its base URL.
    Stopped (terminated, killed if it must be) when the block ends."""
    process = subprocess.Popen(list(command), cwd=ROOT, env=dict(env),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{url}/", process, Path(command[0]).name)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
