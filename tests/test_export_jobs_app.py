"""The page's export as a background job, through HTTP: the shell's callback starts it for the
view as the reader may see it, follows it, and the file comes from ``/export/jobs/<id>.xlsx``
to its owner only. ``/export.xlsx`` refuses views above ``TERTIAL_EXPORT_INLINE_MAX_ROWS``.

The app runs in the ``header`` mode with departments held, so each request says who it is
with the proxy's headers (``tests.dashboard.web.test_access``); callbacks are sent as a
script would.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import openpyxl
import pytest

from dashboard import ids
from dashboard.kpis.organisation import units_by_department
from dashboard.text.formatting import number
from dashboard.text.i18n import t
from tests.apps import build_app
from tests.dashboard.web.test_access import OWN, ROLE_MAP, call, who

OTHER = "Analysavdelningen"
INLINE_MAX = 200  # the demo's 2018-T2: the agency has 576 rows, IT-avdelningen 105
WAIT_S = 120  # the longest a demo job may take on a busy machine (a bound, not a measure)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "export-jobs", TERTIAL_AUTH_MODE="header",
                         TERTIAL_GROUP_ROLES=ROLE_MAP, TERTIAL_RESTRICT_DEPARTMENTS="true",
                         TERTIAL_EXPORT_INLINE_MAX_ROWS=str(INLINE_MAX))


def answer(response) -> dict[str, dict]:
    """The callback's outputs: component id -> {property: value}."""
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["response"]


def export(app: dict, role: str, search: str, lang: str = "sv") -> dict[str, dict]:
    """Click the export button with the address ``search``; the callback's outputs."""
    return answer(call(app, role, "export_job", ids.EXPORT_BUTTON, {
        f"{ids.URL}.search": search, f"{ids.LANGUAGE}.value": lang}))


def poll(app: dict, role: str, job_id: str, lang: str = "sv") -> dict[str, dict]:
    return answer(call(app, role, "export_job", ids.EXPORT_POLL, {
        f"{ids.EXPORT_JOB}.data": job_id, f"{ids.LANGUAGE}.value": lang}))


def followed(app: dict, role: str, search: str) -> tuple[str, dict[str, dict]]:
    """Start an export and poll it, as the page does, until it no longer runs."""
    outputs = export(app, role, search)
    job_id = outputs[ids.EXPORT_JOB]["data"]
    deadline = time.monotonic() + WAIT_S
    while not outputs[ids.EXPORT_POLL]["disabled"] and time.monotonic() < deadline:
        time.sleep(0.1)
        outputs = poll(app, role, job_id)
    return job_id, outputs


def fetch(app: dict, role: str, job_id: str):
    return app["server"].test_client().get(f"/export/jobs/{job_id}.xlsx", headers=who(role))


def units_in(data: bytes, sheet: str) -> set[str]:
    rows = list(openpyxl.load_workbook(io.BytesIO(data))[sheet].values)
    column = rows[0].index("Enhet")
    return {row[column] for row in rows[1:] if row[column] is not None}


def test_the_export_button_makes_the_file_and_the_browser_is_sent_to_it(app):
    job_id, outputs = followed(app, "leadership", "?period=2018-T2")
    assert outputs[ids.EXPORT_STATUS]["children"] == t("export.job_done", "sv",
                                                       total=number(576))
    assert outputs[ids.EXPORT_READY]["data"] == f"/export/jobs/{job_id}.xlsx"
    assert outputs[ids.EXPORT_BUTTON]["disabled"] is False
    response = fetch(app, "leadership", job_id)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=tertial_2018-T2_Hela-myndigheten.xlsx")
    assert "no-store" in response.headers["Cache-Control"]
    assert units_in(response.data, "Enheter") >= set(units_by_department(
        app["store"].frames())[OTHER])


@pytest.mark.parametrize("search", [f"?period=2018-T2&avdelning={OTHER}", "?period=2018-T2"])
def test_a_held_heads_job_holds_only_their_department(app, search):
    job_id, _outputs = followed(app, "head", search)
    response = fetch(app, "head", job_id)
    assert response.status_code == 200
    own = set(units_by_department(app["store"].frames())[OWN])
    for sheet in ("Enheter", "Uppdrag", "Ekonomi", "Medarbetare"):
        assert units_in(response.data, sheet) and units_in(response.data, sheet) <= own, sheet
    jobs = app["server"].extensions["tertial"].exports.jobs
    assert jobs.get(job_id, "head-person").params["avdelning"] == OWN


def test_someone_elses_job_is_no_job_at_all(app):
    job_id, _outputs = followed(app, "head", f"?period=2018-T2&avdelning={OWN}")
    response = fetch(app, "leadership", job_id)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert t("export.job_unknown", "sv") in body and t("export.job_unknown", "en") in body
    assert not response.data.startswith(b"PK")
    assert poll(app, "leadership", job_id)[ids.EXPORT_STATUS]["children"] == t(
        "export.job_gone", "sv")
    assert fetch(app, "head", job_id).status_code == 200  # still there for its owner


def test_the_words_follow_the_language_switch(app):
    job_id, _outputs = followed(app, "leadership", f"?period=2018-T2&avdelning={OWN}")
    switched = answer(call(app, "leadership", "export_job", ids.LANGUAGE, {
        f"{ids.EXPORT_JOB}.data": job_id, f"{ids.LANGUAGE}.value": "en"}))
    assert switched[ids.EXPORT_STATUS]["children"] == t("export.job_done", "en", total="105")
    assert ids.EXPORT_READY not in switched  # not downloaded a second time


def test_a_view_without_data_says_so(app):
    outputs = answer(call(app, "head", "export_job", ids.EXPORT_BUTTON, {
        f"{ids.URL}.search": "?period=2018-T2", f"{ids.LANGUAGE}.value": "en"},
        department="Avvecklade avdelningen"))
    assert outputs[ids.EXPORT_STATUS]["children"] == t("export.no_data", "en")
    assert outputs[ids.EXPORT_JOB]["data"] is None


def test_the_direct_export_refuses_a_view_above_the_limit_and_points_to_the_button(app):
    response = app["server"].test_client().get("/export.xlsx?period=2018-T2",
                                               headers=who("leadership"))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    for lang in ("sv", "en"):
        assert t("export.too_many_rows", lang, rows=number(576, lang=lang),
                 limit=number(INLINE_MAX, lang=lang)) in body
    assert t("shell.export_link", "sv") in body and t("shell.export_link", "en") in body
    small = app["server"].test_client().get(f"/export.xlsx?period=2018-T2&avdelning={OWN}",
                                            headers=who("leadership"))
    assert small.status_code == 200 and small.data.startswith(b"PK")


def test_nobody_the_proxy_does_not_vouch_for_gets_a_jobs_file(app):
    job_id, _outputs = followed(app, "viewer", f"?period=2018-T2&avdelning={OWN}")
    response = app["server"].test_client().get(f"/export/jobs/{job_id}.xlsx")
    assert response.status_code in (401, 403)
    assert not response.data.startswith(b"PK")
