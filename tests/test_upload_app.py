"""Ladda upp in ``app.py`` itself: every refusal class of FORMAT.md through the page's own
upload route (``POST /ladda-upp/fil``, as the page's script sends the file), oversized
requests, the check's report as the page shows it, and the stored data untouched by all of it.

The app is built once for this module on a fresh data folder with the demo, with an upload
limit of 1 MB so that the oversized cases stay small.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from dashboard.callbacks.upload import view
from dashboard.components.upload import issue_rows
from dashboard.reports.check_report import report_workbook
from loaders.ingest.limits import MB
from tests.apps import build_app
from tests.builders import UNITS, xlsx_bytes
from tests.demo_store import correction, first_with_status
from tests.loaders.ingest import hostile

LIMIT_MB = 1
STORY_FILE = Path(__file__).resolve().parents[1] / "data" / "demo" / "uppfoljning_2018-T2.xlsx"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "upload", TERTIAL_MAX_UPLOAD_MB=str(LIMIT_MB))


def stored(app: dict) -> tuple[int, list[tuple[int, str]]]:
    """The data version and the history: what no refused upload may change."""
    store = app["store"]
    return store.data_version(), [(r.id, r.status) for r in store.history()]


def send(app: dict, data: bytes, name: str) -> tuple[int, dict]:
    """POST the file as the page's script does: (HTTP status, JSON answer)."""
    response = app["server"].test_client().post(
        "/ladda-upp/fil", data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data")
    return response.status_code, response.get_json()


def checked(app: dict, token: str, timeout_s: float = 60) -> dict:
    """The upload's status once its check is done (the page polls the same way)."""
    deadline = time.monotonic() + timeout_s
    while True:
        status = app["staging"].status(token)
        if status["state"] != "checking" or time.monotonic() > deadline:
            return status
        time.sleep(0.1)


def refusal_of(app: dict, data: bytes, name: str) -> dict:
    """The refusal the page shows for the file, wherever it was refused: at the route
    (before staging) or by the check; {code, message_sv, message_en}."""
    before = stored(app)
    code, answer = send(app, data, name)
    if code != 200:
        refusal = {"code": answer.get("code"), "message_sv": answer["error"]["sv"],
                   "message_en": answer["error"]["en"]}
    else:
        status = checked(app, answer["token"])
        assert status["state"] == "refused", status
        refusal = status["result"]["refusal"]
        line, _parts, *_ = view(status, "sv")
        assert "kan inte importeras" in line and "Ingenting har ändrats" in line
    assert stored(app) == before  # nothing stored, nothing changed
    assert refusal["message_sv"].strip() and refusal["message_en"].strip()
    assert refusal["message_sv"] != refusal["message_en"]
    return refusal


def units_workbook() -> bytes:
    return xlsx_bytes({"Enheter": [list(r) for r in UNITS]})


# each refusal class of FORMAT.md ("Files", "Other types", "What a load must never do")
CLASSES = {
    "empty": (lambda tmp: b"", "uppfoljning.xlsx"),
    "wrong_type": (lambda tmp: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n",
                   "uppfoljning.xlsx"),  # a PDF behind an .xlsx name
    "encrypted": (lambda tmp: hostile.encrypted_workbook(), "uppfoljning.xlsx"),
    "xls_format": (lambda tmp: hostile.ole("Root Entry", "Workbook"), "export.xls"),
    "strict_ooxml": (lambda tmp: hostile.rewrite(units_workbook(), **{
        "xl/workbook.xml": hostile.sub(hostile.MAIN_NS, hostile.STRICT_NS)}),
        "uppfoljning.xlsx"),
    "xml_dtd": (lambda tmp: hostile.rewrite(units_workbook(), **{
        hostile.SHEET1: hostile.with_prolog(b'<!DOCTYPE x [<!ENTITY a "b">]>')}),
        "uppfoljning.xlsx"),
    "zip_bomb": (lambda tmp: hostile.zeros_bomb(tmp / "bomb.xlsx",
                                                16 * MB).read_bytes(), "bomb.xlsx"),
    "too_big_sheet": (lambda tmp: hostile.workbook({"Enheter": {  # a cell truly far out
        "A1": "Enhet", "B1": "Avdelning", "A2": "Kundcenter", "B2": "Stab", "XFD3": "x"}}),
        "uppfoljning.xlsx"),
    "csv_sheet_unknown": (lambda tmp: b"Enhet;Avdelning\nA;B\n", "okänt.csv"),
}


@pytest.mark.parametrize("code", sorted(CLASSES))
def test_every_refusal_class_through_the_upload_route_changes_nothing(app, code, tmp_path):
    make, name = CLASSES[code]
    assert refusal_of(app, make(tmp_path), name)["code"] == code


def test_a_file_that_crashes_the_reader_is_refused_and_the_server_goes_on(app):
    data = hostile.workbook({"Uppdrag": {"A1": "Id", "B1": "Namn", "XFD1048576": 1}})
    refusal = refusal_of(app, data, "krasch.xlsx")
    assert refusal["code"] in {"unreadable", "corrupt", "too_big_sheet", "parse_failed"}
    assert send(app, units_workbook(), "Enheter.xlsx")[0] == 200  # still serving


def test_an_oversized_file_gets_a_clear_message_in_both_languages(app):
    before = stored(app)
    code, answer = send(app, b"x" * (LIMIT_MB * 1024 * 1024 + 1), "stor.xlsx")
    assert code == 413
    assert f"{LIMIT_MB} MB" in answer["error"]["sv"] and "Ingenting har ändrats" in \
        answer["error"]["sv"]
    assert f"{LIMIT_MB} MB" in answer["error"]["en"] and "Nothing has changed" in \
        answer["error"]["en"]
    assert stored(app) == before


@pytest.mark.parametrize("path", ["/ladda-upp/fil", "/_dash-update-component"])
def test_a_request_over_the_servers_limit_is_refused_before_it_is_read(app, path):
    """Flask's MAX_CONTENT_LENGTH (the limit plus 1 MB for the form) holds whatever the
    browser did; the answer is the same clear JSON message, not a broken page."""
    body = b"x" * ((LIMIT_MB + 2) * 1024 * 1024)
    kind = "application/json" if path.startswith("/_dash") else "multipart/form-data"
    response = app["server"].test_client().post(path, data=body, content_type=kind)
    assert response.status_code == 413
    assert "MB" in response.get_json()["error"]["sv"]


def test_no_file_in_the_form_is_a_clear_message(app):
    response = app["server"].test_client().post("/ladda-upp/fil", data={},
                                                content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Ingen fil" in response.get_json()["error"]["sv"]


def broken_workbook() -> bytes:
    """Uppdrag with a status word that does not exist and a date that is not one."""
    header = ["Id", "Namn", "Typ", "Enhet", "Period", "Status", "Slutdatum"]
    return xlsx_bytes({"Uppdrag": [header,
                                   ["RU-1", "Ett", "Regeringsuppdrag", "Kundcenter", "2018-T2",
                                    "Lila", "2018-12-31"],
                                   ["RU-2", "Två", "Regeringsuppdrag", "Kundcenter", "2018-T2",
                                    "Grön", "i morgon"]]})


def test_a_broken_workbook_is_reported_with_sheet_row_and_column(app):
    before = stored(app)
    code, answer = send(app, broken_workbook(), "trasig.xlsx")
    assert code == 200
    status = checked(app, answer["token"])
    assert status["state"] == "refused" and stored(app) == before
    rows = issue_rows(status["result"]["report"]["issues"], "sv")
    errors = [r for r in rows if r["severity"] == "Fel"]
    assert {(r["sheet"], r["row"], r["column"].split()[0], r["value"]) for r in errors} >= {
        ("Uppdrag", "2", "F", "Lila"), ("Uppdrag", "3", "G", "i morgon")}
    line, parts, polling, actions, period_box, report = view(status, "en")
    assert (polling, actions, report) == (False, False, True)
    assert "cannot be imported" in line
    # the report to download lists the same cells
    sheet = openpyxl.load_workbook(io.BytesIO(report_workbook(
        status["result"]["report"]["issues"], "sv"))).active
    cells = {(r[1], r[2], r[3]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert {("Uppdrag", 2, "F"), ("Uppdrag", 3, "G")} <= cells
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_a_file_without_a_period_asks_for_the_tertial(app):
    header = ["Id", "Namn", "Typ", "Enhet", "Status"]
    data = xlsx_bytes({"Uppdrag": [header, ["RU-1", "Ett", "Regeringsuppdrag", "Kundcenter",
                                            "Grön"]]})
    status = checked(app, send(app, data, "utan_period.xlsx")[1]["token"])
    line, parts, polling, actions, period_box, report = view(status, "sv")
    assert status["state"] == "refused" and period_box is True


def test_a_correction_is_ready_with_its_preview_and_stores_nothing_until_confirmed(app):
    before = stored(app)
    red = first_with_status(STORY_FILE, "Grön")
    code, answer = send(app, correction(STORY_FILE, red=red), "../korrigering.xlsx")
    assert answer["file_name"] == "korrigering.xlsx"  # the name as kept: no folders
    status = checked(app, answer["token"])
    assert status["state"] == "ready" and stored(app) == before
    line, parts, polling, actions, period_box, report = view(status, "sv")
    assert actions is True and "kan importeras" in line
    text = str(parts)
    assert red in text and "Röda uppdrag" in text
    app["staging"].cancel(answer["token"])
    assert stored(app) == before


def test_a_formula_in_a_reported_value_is_written_as_text():
    issue = {"severity": "error", "sheet": "Uppdrag", "row": 2, "column": "B",
             "header": "Namn", "value": "=HYPERLINK(\"http://x\")", "expected": "text",
             "message_sv": "@fel", "message_en": "@error"}
    sheet = openpyxl.load_workbook(io.BytesIO(report_workbook([issue], "sv"))).active
    values = [c.value for c in sheet[2]]
    assert values[5] == "'=HYPERLINK(\"http://x\")" and values[7] == "'@fel"
    assert all(c.data_type != "f" for c in sheet[2])


def test_an_unknown_or_stalled_upload_says_to_upload_again():
    assert "Ladda upp filen igen" in view({"state": "unknown"}, "sv")[0]
    assert "Ladda upp filen igen" in view(None, "sv")[0]
    line, parts, polling, *_ = view({"state": "checking", "stalled": True,
                                     "file_name": "a.xlsx"}, "en")
    assert "upload the file again" in line and polling is False
