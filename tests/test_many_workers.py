"""Several app servers on one database, as behind a load balancer: two gunicorn processes
(two workers each) on one SQLite file and on one PostgreSQL database. A change made through
one (an upload checked and imported, or a rollback, through the upload route and the pages'
callbacks as the browser sends them) is what the other serves on its next request: every
worker reads the data version on each request.
"""

from __future__ import annotations

import json
import re
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from dashboard import ids
from loaders.demo.agency import write_demo_workbooks
from tests.databases import EACH_BACKEND, database_url
from tests.forge import served_callback_body
from tests.servers import clean_environment, free_port, serving

pytestmark = pytest.mark.slow

GUNICORN = Path(sys.executable).with_name("gunicorn")
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
CHECK_LIMIT_S = 120  # a bound on the wait for the upload's check, not a timed assertion


def gunicorn(data_dir: Path, database: str, demo: bool) -> tuple[list[str], int, dict]:
    port = free_port()
    command = [str(GUNICORN), "--preload", "--workers", "2", "--threads", "2",
               "--bind", f"127.0.0.1:{port}", "app:server"]
    env = clean_environment(TERTIAL_DATA_DIR=str(data_dir), TERTIAL_DATABASE_URL=database,
                            TERTIAL_DEMO_ON_EMPTY="true" if demo else "false")
    return command, port, env


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read().decode()


def post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def report_heading(base: str) -> str:
    """The heading of the meeting report of the latest tertial, as a server shows it."""
    return " ".join(HEADING.search(get(f"{base}/rapport")).group(1).split())


@pytest.mark.parametrize("backend", EACH_BACKEND)
def test_a_rollback_through_one_server_is_served_by_the_other(tmp_path: Path, backend: str):
    shared = tmp_path / "shared"
    shared.mkdir()
    with database_url(backend, shared) as database, \
            serving(*gunicorn(tmp_path / "one", database, demo=True)) as one, \
            serving(*gunicorn(tmp_path / "two", database, demo=False)) as two:
        assert report_heading(one) == report_heading(two)
        assert "2018-T2" in report_heading(two)
        dependencies = json.loads(get(f"{one}/_dash-dependencies"))
        body = served_callback_body(
            dependencies, f"{ids.HISTORY_RESULT}.children", ids.HISTORY_CONFIRM,
            {f"{ids.HISTORY_PENDING}.data": 5, f"{ids.URL}.search": ""})
        answer = post(f"{one}/_dash-update-component", body)
        assert "uppfoljning_2018-T2.xlsx) är återställd" in json.dumps(answer,
                                                                     ensure_ascii=False)
        # the other server's next request: the import of 2018-T2 is gone there too
        assert "2018-T1" in report_heading(two)
        assert report_heading(one) == report_heading(two)


def upload(base: str, path: Path) -> str:
    """POST the workbook to the upload route as the page's form does; the staging token."""
    boundary = uuid.uuid4().hex
    body = b"".join([
        f"--{boundary}\r\n".encode(),
        f'Content-Disposition: form-data; name="file"; filename="{path.name}"\r\n'.encode(),
        b"Content-Type: application/octet-stream\r\n\r\n", path.read_bytes(),
        f"\r\n--{boundary}--\r\n".encode()])
    request = urllib.request.Request(
        f"{base}/ladda-upp/fil", data=body, method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())["token"]


def upload_callback(base: str, dependencies: list, trigger: str, token: str) -> str:
    """The answer of the upload page's callback fired by ``trigger``, as text."""
    body = served_callback_body(dependencies, f"{ids.UPLOAD_STATUS}.children", trigger,
                                {f"{ids.UPLOAD_TOKEN}.data": token, f"{ids.URL}.search": ""})
    return json.dumps(post(f"{base}/_dash-update-component", body), ensure_ascii=False)


def shows_the_story(base: str) -> bool:
    """The meeting report of the latest tertial is the demo's 2018-T2 (an empty database's
    report has no tertial)."""
    return "2018-T2" in get(f"{base}/rapport")


@pytest.mark.parametrize("backend", EACH_BACKEND)
def test_an_upload_imported_through_one_server_is_served_by_the_other(tmp_path: Path,
                                                                      backend: str):
    workbook = next(p for p in write_demo_workbooks(tmp_path / "demo") if "2018-T2" in p.name)
    shared = tmp_path / "shared"
    shared.mkdir()
    with database_url(backend, shared) as database, \
            serving(*gunicorn(tmp_path / "one", database, demo=False)) as one, \
            serving(*gunicorn(tmp_path / "two", database, demo=False)) as two:
        assert not shows_the_story(one) and not shows_the_story(two)
        dependencies = json.loads(get(f"{one}/_dash-dependencies"))
        token = upload(one, workbook)
        deadline = time.monotonic() + CHECK_LIMIT_S
        while "uppfoljning_2018-T2.xlsx är kontrollerad och kan importeras" not in (
                status := upload_callback(one, dependencies, ids.UPLOAD_POLL, token)):
            assert time.monotonic() < deadline, status
            time.sleep(0.5)
        imported = upload_callback(one, dependencies, ids.UPLOAD_CONFIRM, token)
        assert "Importerat som import 1." in imported, imported
        # the other server's next request shows the imported tertial
        assert "2018-T2" in report_heading(two)
        assert report_heading(one) == report_heading(two)
