"""``python app.py`` and ``app:server`` under gunicorn as real processes on a fresh data folder
(issue 20, items 6 and 8a): everything they write there is their user's alone (folders 0700,
files 0600: the folder, the SQLite database with its -wal and -shm, uploads/ and an uploaded
file, what an export job leaves), and no response names the server's software versions.

Each server is started with the suite's own umask (0o022 here), as a service manager would
start it: the app sets its own. The database is the data folder's SQLite file on either suite
backend.
"""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import ids
from loaders.imports.staging_files import DATA_FILE
from loaders.settings import default_sqlite_url
from tests.builders import full_workbook, write_xlsx
from tests.forge import served_callback_body
from tests.servers import clean_environment, free_port, serving
from tests.test_many_workers import get, post, upload

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_file]  # the SQLite file itself

GUNICORN = Path(sys.executable).with_name("gunicorn")
WAIT_S = 120  # a bound on the wait for the export job, not a timed assertion
VERSION = re.compile(r"\d|python|werkzeug", re.I)  # what the Server header must not tell


def command(kind: str, port: int) -> list[str]:
    if kind == "gunicorn":
        return [str(GUNICORN), "--preload", "--workers", "2", "--bind", f"127.0.0.1:{port}",
                "app:server"]
    return [sys.executable, "app.py"]


@pytest.fixture(scope="module", params=["python", "gunicorn"])
def served(request, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, data folder) of ``python app.py`` or gunicorn on a new data folder with the
    demo loaded; the server runs with the umask 0o022 most systems give a service."""
    data_dir = tmp_path_factory.mktemp(f"served-{request.param}") / "data"
    port = free_port()
    env = clean_environment(TERTIAL_DATA_DIR=str(data_dir), TERTIAL_PORT=str(port),
                            TERTIAL_DATABASE_URL=default_sqlite_url(data_dir),
                            TERTIAL_DEMO_ON_EMPTY="true")
    umask = os.umask(0o022)
    try:
        with serving(command(request.param, port), port, env) as base:
            yield base, data_dir
    finally:
        os.umask(umask)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def export_job(base: str) -> str:
    """An export job made through the page's callback, followed to its end; its file's
    address."""
    dependencies = json.loads(get(f"{base}/_dash-dependencies"))
    output = f"{ids.EXPORT_JOB}.data"

    def call(trigger: str, values: dict) -> dict:
        body = served_callback_body(dependencies, output, trigger, values)
        return post(f"{base}/_dash-update-component", body)["response"]

    job = call(ids.EXPORT_BUTTON, {f"{ids.URL}.search": "?period=2018-T2",
                                   f"{ids.LANGUAGE}.value": "sv"})[ids.EXPORT_JOB]["data"]
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        ready = call(ids.EXPORT_POLL, {f"{ids.EXPORT_JOB}.data": job,
                                       f"{ids.LANGUAGE}.value": "sv"})[ids.EXPORT_READY]["data"]
        if ready:
            return ready
        time.sleep(0.2)
    pytest.fail(f"the export job was not done within {WAIT_S} s")


def test_what_the_app_writes_is_its_users_alone(served, tmp_path):
    base, data_dir = served
    token = upload(base, write_xlsx(tmp_path / "uppfoljning.xlsx", full_workbook()))
    with urllib.request.urlopen(f"{base}{export_job(base)}", timeout=60) as answer:
        assert answer.status == 200 and answer.read()[:2] == b"PK"
    database = data_dir / "tertial.db"
    uploaded = next((data_dir / "uploads").glob(f"*/{DATA_FILE}"))
    assert token
    expected = {data_dir: 0o700, database: 0o600, data_dir / "tertial.db-wal": 0o600,
                data_dir / "tertial.db-shm": 0o600, data_dir / "uploads": 0o700,
                uploaded.parent: 0o700, uploaded: 0o600}
    assert {path: mode(path) for path in expected} == expected
    # and so is everything else under the folder (the demo workbooks, the cookie key, ...)
    written = [data_dir, *data_dir.rglob("*")]
    assert {str(p): oct(mode(p)) for p in written if mode(p) & 0o077} == {}


def server_headers(base: str, path: str) -> list[str]:
    try:
        with urllib.request.urlopen(f"{base}{path}", timeout=30) as answer:
            return answer.headers.get_all("Server") or []
    except urllib.error.HTTPError as error:
        return error.headers.get_all("Server") or []


def raw_answer(base: str, request: bytes) -> bytes:
    """What the server answers to bytes that are no valid HTTP request."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_no_response_names_the_servers_versions(served):
    base, _data_dir = served
    sent = [*server_headers(base, "/"), *server_headers(base, "/finns-inte"),
            *server_headers(base, "/historik/5/fil")]
    assert sent and not [value for value in sent if VERSION.search(value)]
    # refused by the server itself, before the app: a header line over its limit
    too_long = b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n"
    head = raw_answer(base, too_long).split(b"\r\n\r\n")[0].decode("latin-1")
    assert re.match(r"HTTP/1\.[01] 4\d\d ", head), head
    assert not [line for line in head.split("\r\n")[1:]
                if line.lower().startswith("server:") and VERSION.search(line)]
