"""The audit log tells the truth, through HTTP: every import logged once, by the one whose
confirm imported, naming that import's file; every refusal logged once, with its reason, from
whichever door it came; at most a bounded number of refusal rows per client address; and the
Händelselogg page filtered by kind on the server.

The app runs in the ``header`` mode with departments restricted (the test client's address,
127.0.0.1, is the trusted proxy, and ``X-Forwarded-For`` names the client), and one in the
``password`` mode for the anonymous 401. Each refusal comes from an address of its own, so
that its row is found by the address and no other test's refusals count against its limit.
"""

from __future__ import annotations

import io
import itertools
import json
import threading
import time
from collections.abc import Iterator

import pytest

from dashboard import ids
from dashboard.text.i18n import t
from loaders.records.audit import KINDS, REFUSALS_PER_WINDOW
from tests.apps import build_app
from tests.builders import xlsx_bytes
from tests.forge import PATH, callback_body

GROUPS = {"admin": "tertial-admin", "finance": "ekonomi", "viewer": "alla", "head": "chefer"}
ROLE_MAP = ",".join(f"{group}={role}" for role, group in GROUPS.items())
CONFIRMS = 12  # confirms of one upload at once, as the attack sent them
_ADDRESSES = itertools.count(1)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "audit", TERTIAL_AUTH_MODE="header",
                         TERTIAL_GROUP_ROLES=ROLE_MAP, TERTIAL_RESTRICT_DEPARTMENTS="true")


@pytest.fixture(scope="module")
def password_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "audit-password", TERTIAL_AUTH_MODE="password")


def audit(app: dict):
    return app["server"].extensions["tertial"].audit


def new_address() -> str:
    n = next(_ADDRESSES)
    return f"10.77.{n // 250}.{n % 250 + 1}"


def who(name: str, role: str, department: str | None = "IT-avdelningen",
        address: str | None = None) -> dict[str, str]:
    headers = {"X-Forwarded-User": name, "X-Forwarded-Groups": GROUPS[role]}
    if department:
        headers["X-Forwarded-Department"] = department
    if address:
        headers["X-Forwarded-For"] = address
    return headers


def rows_from(app: dict, address: str) -> list:
    return [e for e in audit(app).events() if e.address == address]


def import_rows(app: dict) -> list:
    return [e for e in audit(app).events() if e.action == "import"]


def units_workbook(app: dict, tag: str) -> bytes:
    """An Enheter sheet of today's units with every head renamed: a file that imports."""
    units = app["store"].frames()["units"]
    return xlsx_bytes({"Enheter": [["Enhet", "Avdelning", "Chef"]] + [
        [unit, department, f"Chef {tag}"]
        for unit, department in zip(units["unit"], units["department"], strict=True)]})


def ready_upload(app: dict, data: bytes, name: str, user: str = "eva") -> str:
    """Staged through the upload route by finance and checked: ready to be confirmed."""
    response = app["server"].test_client().post(
        "/ladda-upp/fil", data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data", headers=who(user, "finance"))
    token = response.get_json()["token"]
    deadline = time.monotonic() + 120
    while app["staging"].status(token)["state"] == "checking" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert app["staging"].status(token)["state"] == "ready", app["staging"].status(token)
    return token


def confirm(app: dict, token: str, user: str, role: str = "finance", address: str | None = None):
    body = callback_body(app["app"], "confirm", ids.UPLOAD_CONFIRM,
                         {f"{ids.UPLOAD_TOKEN}.data": token, f"{ids.URL}.search": ""})
    return app["server"].test_client().post(PATH, json=body,
                                            headers=who(user, role, address=address))


def at_once(calls: list) -> list:
    """Run the calls in threads released together; their answers."""
    barrier = threading.Barrier(len(calls))
    answers: list = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait(timeout=60)
        answers[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return answers


# --- imports ----------------------------------------------------------------------------------

def test_twelve_confirms_at_once_by_two_users_log_one_import_by_its_importer(app):
    token = ready_upload(app, units_workbook(app, "tolv"), "enheter_tolv.xlsx")
    imports_before, rows_before = len(app["store"].history()), len(import_rows(app))
    users = ["eva", "erik"] * (CONFIRMS // 2)
    answers = at_once([lambda u=u: confirm(app, token, u) for u in users])
    assert [a.status_code for a in answers] == [200] * CONFIRMS
    history = app["store"].history()
    assert len(history) == imports_before + 1  # one import
    record = history[0]
    rows = import_rows(app)
    assert len(rows) == rows_before + 1  # and one line in the log, not one per confirm
    assert (rows[0].user, rows[0].detail) == (record.user,
                                              f"import {record.id}: enheter_tolv.xlsx")
    assert record.user in {"eva", "erik"} and rows[0].address == "127.0.0.1"


def test_two_identical_uploads_confirmed_at_once_log_the_file_imported(app, monkeypatch):
    """The second confirm passes its version check before the first imports, and plans only
    after it has: it finds its file identical to the first's import, and imports nothing."""
    data = units_workbook(app, "tvilling")
    first = ready_upload(app, data, "forsta.xlsx")
    second = ready_upload(app, data, "andra.xlsx")
    store, plan = app["store"], app["store"].plan
    second_planning, first_done = threading.Event(), threading.Event()

    def held_plan(*args, **kwargs):
        if threading.current_thread().name == "second":
            second_planning.set()
            first_done.wait(timeout=120)
        return plan(*args, **kwargs)

    monkeypatch.setattr(store, "plan", held_plan)
    imports_before, rows_before = len(store.history()), len(import_rows(app))

    def confirm_first():
        second_planning.wait(timeout=120)
        try:
            return confirm(app, first, "eva")
        finally:
            first_done.set()

    threads = [threading.Thread(target=lambda: confirm(app, second, "erik"), name="second"),
               threading.Thread(target=confirm_first, name="first")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    history = store.history()
    assert len(history) == imports_before + 1
    record = history[0]
    assert (record.file_name, record.user) == ("forsta.xlsx", "eva")
    rows = import_rows(app)
    assert len(rows) == rows_before + 1
    assert (rows[0].user, rows[0].detail) == ("eva", f"import {record.id}: forsta.xlsx")


# --- refusals ---------------------------------------------------------------------------------

def refused_rows(app: dict, address: str) -> list:
    return [e for e in rows_from(app, address) if e.action == "refused"]


def test_an_anonymous_callback_is_refused_401_and_logged(password_app):
    address = new_address()
    body = callback_body(password_app["app"], "confirm", ids.UPLOAD_CONFIRM)
    response = password_app["server"].test_client().post(
        PATH, json=body, environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 401
    rows = rows_from(password_app, address)
    assert [(e.user, e.action) for e in rows] == [("-", "refused")]
    assert rows[0].detail.startswith("auth.login_needed POST /_dash-update-component ")
    assert ids.UPLOAD_OUTCOME in rows[0].detail  # which callback was asked for


HEADER_REFUSALS = {  # what the request lacks -> (its headers but the address, reason)
    "no department": (who("vera", "viewer", department=None), "auth.no_department"),
    "no user header": ({"X-Forwarded-Groups": GROUPS["admin"]}, "auth.no_user_header"),
    "no role": ({"X-Forwarded-User": "okänd", "X-Forwarded-Groups": "ingen"}, "auth.no_role"),
}


@pytest.mark.parametrize("case", list(HEADER_REFUSALS))
@pytest.mark.parametrize("method", ["POST", "GET"])  # a callback, and the refusal page
def test_a_request_the_gate_refuses_is_logged_once_with_the_reason(app, case, method):
    headers, reason = HEADER_REFUSALS[case]
    address = new_address()
    client = app["server"].test_client()
    response = (client.post(PATH, json={}, headers={**headers, "X-Forwarded-For": address})
                if method == "POST" else
                client.get("/verksamhet", headers={**headers, "X-Forwarded-For": address}))
    assert response.status_code == 403
    rows = rows_from(app, address)
    assert [e.action for e in rows] == ["refused"]
    assert rows[0].detail.startswith(f"{reason} {method} ")
    assert rows[0].user == ("vera" if case == "no department" else "-")


def test_headers_from_an_untrusted_address_are_refused_and_logged(app):
    address = new_address()
    response = app["server"].test_client().post(
        PATH, json={}, headers=who("admin-person", "admin"),
        environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 403
    rows = rows_from(app, address)
    assert [(e.user, e.action) for e in rows] == [("-", "refused")]
    assert rows[0].detail.startswith("auth.untrusted_proxy POST ")


def test_a_role_refused_by_a_callback_is_logged_once_with_the_action(app):
    address = new_address()
    response = confirm(app, "x" * 22, "vera", role="viewer", address=address)
    assert response.status_code == 403
    rows = rows_from(app, address)
    assert [(e.user, e.action) for e in rows] == [("vera", "refused")]
    assert rows[0].detail.startswith("auth.refused upload POST /_dash-update-component")


def test_a_refused_page_is_logged(app):
    address = new_address()
    body = callback_body(app["app"], "update", "_pages_location",
                         {"_pages_location.pathname": "/logg", "_pages_location.search": ""})
    response = app["server"].test_client().post(
        PATH, json=body, headers=who("vera", "viewer", address=address))
    assert response.status_code == 200
    assert t("auth.refused_title") in json.dumps(response.get_json(), ensure_ascii=False)
    rows = rows_from(app, address)
    assert [(e.user, e.action) for e in rows] == [("vera", "refused")]
    assert rows[0].detail.startswith("auth.page_refused audit ")


def test_another_users_export_job_is_not_found_and_the_attempt_is_logged(app):
    jobs = app["server"].extensions["tertial"].exports.jobs
    job = jobs.create("anna-admin", {"period": "2018-T2"}, data_version=1, rows_total=1)
    address = new_address()
    response = app["server"].test_client().get(
        f"/export/jobs/{job}.xlsx", headers=who("eva", "finance", address=address))
    assert response.status_code == 404
    rows = rows_from(app, address)
    assert [(e.user, e.action) for e in rows] == [("eva", "refused")]
    assert rows[0].detail.startswith(f"export.job_unknown {job} GET ")


def test_refusals_from_one_address_are_logged_up_to_the_limit_then_muted(app, monkeypatch):
    log = audit(app)
    moment = log.clock()
    monkeypatch.setattr(log, "clock", lambda: moment)  # one instant: the window never moves
    address, other = new_address(), new_address()
    dropped = log.dropped[address]
    client = app["server"].test_client()
    for _ in range(REFUSALS_PER_WINDOW + 5):
        assert client.post(PATH, json={}, headers={"X-Forwarded-For": address}
                           ).status_code == 403
    rows = rows_from(app, address)
    assert [e.action for e in rows].count("refused") == REFUSALS_PER_WINDOW
    assert [e.action for e in rows].count("refused_muted") == 1
    assert rows[0].action == "refused_muted"  # the last row says so, and until when
    assert log.dropped[address] - dropped == 4
    assert client.post(PATH, json={}, headers={"X-Forwarded-For": other}).status_code == 403
    assert len(rows_from(app, other)) == 1  # another address is logged as before


# --- the page ---------------------------------------------------------------------------------

def page(app: dict, search: str) -> str:
    body = callback_body(app["app"], "update", "_pages_location",
                         {"_pages_location.pathname": "/logg", "_pages_location.search": search})
    response = app["server"].test_client().post(PATH, json=body, headers=who("ada", "admin"))
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def shown_actions(text: str, lang: str = "sv") -> set[str]:
    words = {t(f"audit.action.{a}", lang): a for kind in KINDS.values() for a in kind}
    return {words[w] for w in words if f'"action": "{w}"' in text}


def test_the_audit_page_shows_one_kind_chosen_on_the_server(app):
    confirm(app, "x" * 22, "vera", role="viewer", address=new_address())  # a refusal
    everything = shown_actions(page(app, ""))
    assert {"import", "refused"} <= everything
    assert shown_actions(page(app, "?typ=data")) == {"import", "rollback"} & everything
    assert shown_actions(page(app, "?typ=nekat")) <= set(KINDS["refusals"])
    english = page(app, "?typ=data&lang=en")
    assert shown_actions(english, "en") == {"import", "rollback"} & everything
    assert t("audit.kind.data", "en") in english
    assert shown_actions(page(app, "?typ=okand")) == everything  # unknown: every kind


def test_choosing_a_kind_writes_it_to_the_address(app):
    body = callback_body(app["app"], "choose_kind", ids.AUDIT_KIND,
                         {f"{ids.AUDIT_KIND}.value": "nekat", f"{ids.URL}.search": "?lang=en"})
    response = app["server"].test_client().post(PATH, json=body, headers=who("ada", "admin"))
    assert response.get_json()["response"][ids.URL]["search"] == "?typ=nekat&lang=en"
