"""An export job across app servers: started through one gunicorn server (``--preload``, two
workers), followed and downloaded through another on the same database, as when the load
balancer sends the page's polls elsewhere. On one SQLite file and on one PostgreSQL database.
"""

from __future__ import annotations

import io
import json
import time
import urllib.request
from pathlib import Path

import openpyxl
import pytest

from dashboard import ids
from tests.databases import EACH_BACKEND, database_url
from tests.forge import served_callback_body
from tests.servers import serving
from tests.test_many_workers import get, gunicorn, post

pytestmark = pytest.mark.slow

WAIT_S = 120  # a bound on the wait for the job, not a timed assertion
OUTPUT = f"{ids.EXPORT_JOB}.data"


def export_call(base: str, trigger: str, values: dict) -> dict[str, dict]:
    """The export callback as the page sends it to the server at ``base``; its outputs."""
    dependencies = json.loads(get(f"{base}/_dash-dependencies"))
    body = served_callback_body(dependencies, OUTPUT, trigger, values)
    return post(f"{base}/_dash-update-component", body)["response"]


@pytest.mark.parametrize("backend", EACH_BACKEND)
def test_a_job_started_on_one_server_is_followed_and_fetched_on_the_other(tmp_path: Path,
                                                                          backend: str):
    shared = tmp_path / "shared"
    shared.mkdir()
    with database_url(backend, shared) as database, \
            serving(*gunicorn(tmp_path / "one", database, demo=True)) as one, \
            serving(*gunicorn(tmp_path / "two", database, demo=False)) as two:
        started = export_call(one, ids.EXPORT_BUTTON, {
            f"{ids.URL}.search": "?period=2018-T2&avdelning=IT-avdelningen",
            f"{ids.LANGUAGE}.value": "sv"})
        job_id = started[ids.EXPORT_JOB]["data"]
        deadline = time.monotonic() + WAIT_S
        while True:  # the page's polls, all answered by the other server
            outputs = export_call(two, ids.EXPORT_POLL, {
                f"{ids.EXPORT_JOB}.data": job_id, f"{ids.LANGUAGE}.value": "sv"})
            if outputs[ids.EXPORT_READY]["data"] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        href = outputs[ids.EXPORT_READY]["data"]
        assert href == f"/export/jobs/{job_id}.xlsx"
        with urllib.request.urlopen(f"{two}{href}", timeout=30) as answer:
            disposition = answer.headers["Content-Disposition"]
            data = answer.read()
        assert disposition == "attachment; filename=tertial_2018-T2_IT-avdelningen.xlsx"
        assert "Uppdrag" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames
