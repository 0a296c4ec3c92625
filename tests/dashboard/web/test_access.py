"""Who may do what, enforced on the server: every role against every action, through HTTP.

The app runs in the ``header`` mode (as behind single sign-on), so each request says who it
is with the proxy's headers; the test client's address, 127.0.0.1, is the trusted proxy.
Data-changing callbacks are called as a script would forge them (``tests.forge``), not
through the page: a refusal must come from the server, whatever the browser shows.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from dashboard import ids
from dashboard.kpis.organisation import departments, units_by_department
from dashboard.text.i18n import t
from tests.apps import PROXY_SECRET, PROXY_SECRET_HEADER, build_app
from tests.builders import UNITS, xlsx_bytes
from tests.forge import PATH, callback_body

GROUPS = {"admin": "tertial-admin", "director": "gd", "finance": "ekonomi",
          "leadership": "ledningsgrupp", "head": "chefer", "reporter": "rapportorer",
          "viewer": "alla"}
ROLE_MAP = ",".join(f"{group}={role}" for role, group in GROUPS.items())
ALLOWED = {  # the policy as the issue states it, written out again on purpose
    "upload": {"admin", "finance"},
    "rollback": {"admin", "finance"},
    "history": {"admin", "director", "finance", "leadership"},
    "audit": {"admin"},
}
OWN = "IT-avdelningen"  # the head's department in the demo


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "access", TERTIAL_AUTH_MODE="header",
                         TERTIAL_GROUP_ROLES=ROLE_MAP)


def audit(app: dict):
    return app["server"].extensions["tertial"].audit


def who(role: str, department: str | None = OWN) -> dict[str, str]:
    headers = {"X-Forwarded-User": f"{role}-person", "X-Forwarded-Groups": f"x,{GROUPS[role]}"}
    if department:
        headers["X-Forwarded-Department"] = department
    return headers


def call(app: dict, role: str, name: str, trigger: str, values: dict | None = None,
         department: str | None = OWN):
    body = callback_body(app["app"], name, trigger, values)
    return app["server"].test_client().post(PATH, json=body, headers=who(role, department))


def shown(response) -> str:
    """The answer as text, non-ASCII letters as they are (Dash's JSON escapes them)."""
    return json.dumps(response.get_json(), ensure_ascii=False)


def stored(app: dict) -> tuple[int, list[tuple[int, str]]]:
    store = app["store"]
    return store.data_version(), [(r.id, r.status) for r in store.history()]


def refused(response) -> bool:
    """403 with the refusal in both languages: JSON for callbacks and posts, plain text for
    a download's address (dashboard/web/answers.py)."""
    messages = [t("auth.refused", "sv"), t("auth.refused", "en")]
    if response.mimetype == "text/plain":
        return response.status_code == 403 and response.get_data(as_text=True).splitlines() \
            == messages
    answer = response.get_json() or {}
    return (response.status_code == 403
            and answer.get("error") == dict(zip(("sv", "en"), messages, strict=True)))


def upload(app: dict, role: str) -> object:
    data = xlsx_bytes({"Enheter": [list(r) for r in UNITS]})
    return app["server"].test_client().post(
        "/ladda-upp/fil", data={"file": (io.BytesIO(data), "Enheter.xlsx")},
        content_type="multipart/form-data", headers=who(role))


def ready_token(app: dict) -> str:
    """An upload staged and checked (by finance), ready to be confirmed."""
    response = upload(app, "finance")
    token = response.get_json()["token"]
    deadline = time.monotonic() + 60
    while app["staging"].status(token)["state"] == "checking" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert app["staging"].status(token)["state"] == "ready", app["staging"].status(token)
    return token


ROLES = list(GROUPS)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_dashboard(app, role):
    client = app["server"].test_client()
    assert client.get("/", headers=who(role), follow_redirects=True).status_code == 200
    response = call(app, role, "update", "_pages_location",
                    {"_pages_location.pathname": "/verksamhet", "_pages_location.search": ""})
    assert response.status_code == 200
    assert "Verksamhet" in shown(response)


def test_a_head_opening_the_dashboard_is_sent_to_the_own_department(app):
    opened = app["server"].test_client().get("/ekonomi", headers=who("head"))
    assert opened.status_code == 302
    assert "avdelning=IT-avdelningen" in opened.headers["Location"]
    asked = app["server"].test_client().get("/ekonomi?avdelning=Rymdavdelningen",
                                            headers=who("head"))
    assert asked.status_code == 200  # not hers: served as asked, and the page says so


@pytest.mark.parametrize("role", ROLES)
def test_the_upload_route_takes_files_only_from_finance_and_admin(app, role):
    staged = sorted(app["staging"].folder.iterdir())
    response = upload(app, role)
    if role in ALLOWED["upload"]:
        assert response.status_code == 200 and response.get_json()["token"]
        app["staging"].cancel(response.get_json()["token"])
    else:
        assert refused(response)
        assert sorted(app["staging"].folder.iterdir()) == staged  # nothing staged


@pytest.mark.parametrize("role", ["leadership", "head", "viewer"])
def test_a_forged_confirm_without_the_role_is_refused_and_imports_nothing(app, role):
    token = ready_token(app)
    before = stored(app)
    response = call(app, role, "confirm", ids.UPLOAD_CONFIRM,
                    {f"{ids.UPLOAD_TOKEN}.data": token})
    assert refused(response)
    assert stored(app) == before
    assert app["staging"].status(token)["state"] == "ready"  # still waiting for finance
    app["staging"].cancel(token)


def test_finance_confirms_and_the_import_is_audited(app):
    token = ready_token(app)
    version, history = stored(app)
    # the file's four units replace the demo's thirty: a large removal, said yes to
    yes = [{"id": {"type": ids.UPLOAD_REMOVAL_YES, "index": "yes"}, "property": "checked",
            "value": True}]
    response = call(app, "finance", "confirm", ids.UPLOAD_CONFIRM,
                    {f"{ids.UPLOAD_TOKEN}.data": token, f"{ids.UPLOAD_REMOVAL_YES}.checked": yes})
    assert response.status_code == 200
    assert app["store"].data_version() == version + 1
    latest = app["store"].history()[0]
    assert latest.id not in {i for i, _ in history} and latest.user == "finance-person"
    event = audit(app).events(1)[0]
    assert (event.user, event.action) == ("finance-person", "import")
    assert f"import {latest.id}" in event.detail


@pytest.mark.parametrize("role", ["leadership", "head", "viewer"])
@pytest.mark.parametrize("trigger", [ids.HISTORY_ROLLBACK, ids.HISTORY_CONFIRM])
def test_a_forged_rollback_without_the_role_is_refused_and_changes_nothing(app, role, trigger):
    before = stored(app)
    latest = app["store"].history()[0].id
    response = call(app, role, "history_action", trigger,
                    {f"{ids.HISTORY_CHOICE}.value": str(latest),
                     f"{ids.HISTORY_PENDING}.data": latest})
    assert response.status_code == 403
    assert stored(app) == before


def test_finance_rolls_back_and_it_is_audited(app):
    latest = app["store"].history()[0]
    response = call(app, "finance", "history_action", ids.HISTORY_CONFIRM,
                    {f"{ids.HISTORY_PENDING}.data": latest.id})
    assert response.status_code == 200
    assert app["store"].history()[0].status == "rolled_back"
    event = audit(app).events(1)[0]
    assert (event.user, event.action) == ("finance-person", "rollback")


@pytest.mark.parametrize("role", ROLES)
def test_original_files_are_for_the_roles_that_see_the_history(app, role):
    response = app["server"].test_client().get("/historik/1/fil", headers=who(role))
    assert (response.status_code == 200) == (role in ALLOWED["history"])
    if role not in ALLOWED["history"]:
        assert refused(response) and not response.data.startswith(b"PK")


@pytest.mark.parametrize("role", ROLES)
def test_the_navigation_offers_only_the_pages_the_role_may_use(app, role):
    response = call(app, role, "translate_shell", ids.URL,
                    {f"{ids.URL}.pathname": "/", f"{ids.URL}.search": ""})
    nav = json.dumps(response.get_json()["response"][ids.NAV]["children"], ensure_ascii=False)
    assert ("/ladda-upp" in nav) == (role in ALLOWED["upload"])
    assert ("/historik" in nav) == (role in ALLOWED["history"])
    assert "/verksamhet" in nav


@pytest.mark.parametrize("role", ["head", "viewer"])
def test_a_page_the_role_may_not_use_says_so_and_shows_nothing_of_it(app, role):
    response = call(app, role, "update", "_pages_location",
                    {"_pages_location.pathname": "/historik", "_pages_location.search": ""})
    text = shown(response)
    assert t("auth.refused_title") in text
    assert ".xlsx" not in text  # no import's file name


def test_refusals_are_written_to_the_audit_log(app):
    # an address of its own: the log keeps so many refusals per address a minute, and the
    # matrix above sends many from the proxy's
    data = xlsx_bytes({"Enheter": [list(r) for r in UNITS]})
    app["server"].test_client().post(
        "/ladda-upp/fil", data={"file": (io.BytesIO(data), "Enheter.xlsx")},
        content_type="multipart/form-data",
        headers={**who("viewer"), "X-Forwarded-For": "198.51.100.17"})
    event = audit(app).events(1)[0]
    assert (event.user, event.action, event.address) == ("viewer-person", "refused",
                                                         "198.51.100.17")
    assert "upload" in event.detail


# --- the header mode's own rules -----------------------------------------------------------

def answer_of(response) -> dict:
    return (response.get_json() or {}).get("error") or {}


def test_headers_from_an_untrusted_address_are_not_believed(app):
    client = app["server"].test_client()
    response = client.post(PATH, json={}, headers=who("admin"),
                           environ_base={"REMOTE_ADDR": "10.20.30.40"})
    assert response.status_code == 403
    assert answer_of(response)["en"] == t("auth.untrusted_proxy", "en")
    page = client.get("/", headers=who("admin"), environ_base={"REMOTE_ADDR": "10.20.30.40"})
    assert page.status_code == 403 and t("auth.untrusted_proxy") in page.get_data(as_text=True)


@pytest.mark.parametrize("secret", [None, "", "wrong-secret-0123456789", PROXY_SECRET[:-1],
                                    PROXY_SECRET + "x", PROXY_SECRET.upper()])
def test_identity_headers_from_the_proxy_address_without_its_secret_are_refused(app, secret):
    """Any process on the proxy's machine can send from its address; only the proxy knows
    the secret it adds (issue 20, item 4: an administrator by two forged headers). From ::1,
    a trusted address of its own here: the log keeps so many refusals per address."""
    headers = {**who("admin"), "X-Forwarded-For": "203.0.113.5"}
    if secret is not None:
        headers[PROXY_SECRET_HEADER] = secret
    client = FlaskClient(app["server"], app["server"].response_class)  # no proxy in between
    local = {"REMOTE_ADDR": "::1"}
    response = client.get("/historik/1/fil", headers=headers, environ_base=local)
    assert response.status_code == 403
    assert t("auth.no_proxy_secret", "sv") in response.get_data(as_text=True)
    callback = client.post(PATH, json={}, headers=headers, environ_base=local)
    assert callback.status_code == 403
    assert answer_of(callback)["en"] == t("auth.no_proxy_secret", "en")
    event = audit(app).events(1)[0]  # logged, at the address it came from: without the
    assert (event.action, event.address) == ("refused", "::1")  # secret, X-Forwarded-For
    assert "auth.no_proxy_secret" in event.detail  # is not believed either
    through = client.get("/historik/1/fil", headers={**who("admin"),
                                                     PROXY_SECRET_HEADER: PROXY_SECRET},
                         environ_base=local)
    assert through.status_code == 200  # the proxy's own request


@pytest.mark.parametrize(("headers", "key"), [
    ({"X-Forwarded-Groups": GROUPS["admin"]}, "auth.no_user_header"),
    ({"X-Forwarded-User": "anna", "X-Forwarded-Groups": "okänd-grupp"}, "auth.no_role"),
    ({"X-Forwarded-User": "anna"}, "auth.no_role"),
])
def test_a_request_without_a_user_or_a_role_is_refused(app, headers, key):
    response = app["server"].test_client().post(PATH, json={}, headers=headers)
    assert response.status_code == 403
    assert answer_of(response) == {"sv": t(key, "sv"), "en": t(key, "en")}


def test_the_strongest_mapped_group_decides_the_role(app):
    headers = {"X-Forwarded-User": "eva",
               "X-Forwarded-Groups": f"{GROUPS['viewer']}, {GROUPS['finance']}"}
    data = xlsx_bytes({"Enheter": [list(r) for r in UNITS]})
    response = app["server"].test_client().post(
        "/ladda-upp/fil", data={"file": (io.BytesIO(data), "Enheter.xlsx")},
        content_type="multipart/form-data", headers=headers)
    assert response.status_code == 200
    app["staging"].cancel(response.get_json()["token"])


# --- a head's filters open on their department ----------------------------------------------

def sync(app: dict, role: str, search: str, department: str | None = OWN) -> list:
    response = call(app, role, "sync_filters", ids.URL, {f"{ids.URL}.search": search},
                    department=department)
    assert response.status_code == 200
    return response.get_json()["response"]


def test_a_head_opens_on_their_own_department_and_may_leave_it(app):
    opened = sync(app, "head", "")
    assert opened[ids.URL]["search"].startswith("?period=") and "avdelning=IT" in \
        opened[ids.URL]["search"]
    agency = sync(app, "head", "?period=2018-T2")  # cleared by the reader: the whole agency
    # no department: the filter (empty in the request) is left as it is
    assert agency[ids.DEPARTMENT].get("value") is None
    assert len(agency[ids.DEPARTMENT]["data"]) > 1
    assert sync(app, "viewer", "")[ids.DEPARTMENT].get("value") is None  # only heads


@pytest.fixture(scope="module")
def restricted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "restricted", TERTIAL_AUTH_MODE="header",
                         TERTIAL_GROUP_ROLES=ROLE_MAP, TERTIAL_RESTRICT_DEPARTMENTS="true")


def other_names(app: dict) -> list[str]:
    frames = app["store"].frames()
    others = [d for d in departments(frames) if d != OWN]
    return others + [u for d in others for u in units_by_department(frames)[d]]


PAGES = ["/", "/verksamhet", "/ekonomi", "/medarbetare", "/processer"]


@pytest.mark.parametrize("role", ["head", "viewer"])
@pytest.mark.parametrize("page", PAGES)
def test_with_restriction_no_page_sends_another_departments_detail(restricted, role, page):
    texts = []
    for search in ("", "?period=2018-T2", "?period=2018-T2&avdelning=Analysavdelningen"):
        response = call(restricted, role, "update", "_pages_location",
                        {"_pages_location.pathname": page, "_pages_location.search": search})
        assert response.status_code == 200
        texts.append(shown(response))
        shell = sync(restricted, role, search)
        assert [o["value"] for o in shell[ids.DEPARTMENT]["data"]] == [OWN]
        assert shell[ids.DEPARTMENT]["value"] == OWN
    leaked = [name for name in other_names(restricted) if any(name in t_ for t_ in texts)]
    assert leaked == []
    assert OWN in texts[0]


def test_with_restriction_the_grid_sends_only_the_own_departments_rows(restricted):
    response = call(restricted, "viewer", "assignment_rows", ids.OPERATIONS_GRID,
                    {f"{ids.OPERATIONS_GRID}.getRowsRequest": {"startRow": 0, "endRow": 500},
                     f"{ids.URL}.search": "?period=2018-T2&avdelning=Analysavdelningen"})
    rows = response.get_json()["response"][ids.OPERATIONS_GRID]["getRowsResponse"]["rowData"]
    frames = restricted["store"].frames()
    own_units = set(units_by_department(frames)[OWN])
    assert rows and {row["unit"] for row in rows} <= own_units


def test_with_restriction_leadership_still_sees_the_whole_agency(restricted):
    shell = sync(restricted, "leadership", "?period=2018-T2&avdelning=Analysavdelningen")
    assert shell[ids.DEPARTMENT]["value"] == "Analysavdelningen"
    assert len(shell[ids.DEPARTMENT]["data"]) > 1


def test_with_restriction_a_viewer_without_a_department_sees_nothing(restricted):
    response = call(restricted, "viewer", "update", "_pages_location",
                    {"_pages_location.pathname": "/", "_pages_location.search": ""},
                    department=None)
    assert response.status_code == 403
    assert answer_of(response)["en"] == t("auth.no_department", "en")


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_read_the_audit_log(app, role):
    upload(app, "viewer")  # at least one event: a refusal
    response = call(app, role, "update", "_pages_location",
                    {"_pages_location.pathname": "/logg", "_pages_location.search": ""})
    text = shown(response)
    if role in ALLOWED["audit"]:
        assert ids.AUDIT_GRID in text and "viewer-person" in text
        assert t("audit.action.refused") in text
    else:
        assert t("auth.refused_title") in text
        assert ids.AUDIT_GRID not in text and "viewer-person" not in text


def test_the_index_page_carries_no_layout_built_for_another_reader(restricted):
    """Dash's validation layout would be every page as the first reader saw it (tests in
    test_access run after other requests, so an admin's or the agency's view would show)."""
    client = restricted["server"].test_client()
    client.get("/", headers=who("admin"))
    page = client.get("/", headers=who("head")).get_data(as_text=True)
    assert "validation_layout" not in page
    assert [name for name in other_names(restricted) if name in page] == []
