"""Several app servers on one database, as behind a load balancer: two gunicorn processes
(two workers each) on one SQLite file and on one PostgreSQL database. A change made through
one (a rollback, through the history page's callback as the browser sends it) is what the
other serves on its next request: every worker reads the data version on each request.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from pathlib import Path

import pytest

from dashboard import ids
from tests.databases import BACKENDS, database_url
from tests.forge import served_callback_body
from tests.servers import clean_environment, free_port, serving

pytestmark = pytest.mark.slow

GUNICORN = Path(sys.executable).with_name("gunicorn")
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


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


@pytest.mark.parametrize("backend", BACKENDS)
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
