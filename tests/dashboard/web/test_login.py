"""The password mode as a person meets it: the login page, the session cookie, the lockout,
logging out, and every way a session ends, through ``app.py`` itself (Flask's test client).

The app runs with ``TERTIAL_AUTH_MODE=password`` on a fresh data folder; each test makes its
own user (through the app's accounts or the ``tertial user`` command), so the tests do not
share a lockout or a session. The test client's address, 127.0.0.1, is the default trusted
proxy. Time is moved by signing the session cookie as if at another moment (itsdangerous'
timestamp), never by sleeping.
"""

from __future__ import annotations

import html
import io
import re
import time
from collections.abc import Iterator

import pytest
from itsdangerous.timed import TimestampSigner

import cli
from dashboard.text.formatting import local_time
from dashboard.text.i18n import t
from tests.apps import build_app
from tests.forge import PATH

PASSWORD = "korrekt häst batteri"
COOKIE = "tertial_session"
ATTEMPTS = 3  # TERTIAL_LOGIN_ATTEMPTS
SESSION_HOURS = 1  # TERTIAL_SESSION_HOURS
MESSAGE = re.compile(r'<p class="login-message[^"]*"[^>]*>(.*?)</p>', re.S)
NAME_FIELD = re.compile(r'<input id="login-name"[^>]*? value="([^"]*)"')


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    # every test here logs in from 127.0.0.1: the throttle per address has its own tests
    # (test_login_concurrency.py)
    yield from build_app(tmp_path_factory, "login", TERTIAL_AUTH_MODE="password",
                         TERTIAL_LOGIN_ATTEMPTS=str(ATTEMPTS),
                         TERTIAL_SESSION_HOURS=str(SESSION_HOURS), TERTIAL_LOGIN_RATE="1000")


def context(app: dict):
    return app["server"].extensions["tertial"]


def add_user(app: dict, name: str, role: str = "viewer", **details: str):
    return context(app).accounts.add(name, PASSWORD, role, **details)


def log_in(client, name: str, password: str = PASSWORD, next_path: str = "/", **options):
    return client.post("/logga-in", data={"name": name, "password": password,
                                          "next": next_path}, **options)


def logged_in(app: dict, name: str):
    client = app["server"].test_client()
    assert log_in(client, name).status_code == 302
    return client


def message(response) -> str:
    found = MESSAGE.search(response.get_data(as_text=True))
    return html.unescape(found[1]) if found else ""


def events(app: dict, user: str) -> list[tuple[str, str]]:
    """(action, detail) of the audit log's rows for ``user``, oldest first."""
    return [(e.action, e.detail) for e in reversed(context(app).audit.events())
            if e.user == user]


def cookie_attributes(response) -> set[str]:
    """The attribute names of the session cookie the response sets, lower-case."""
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(COOKIE))
    return {part.split("=")[0].strip().lower() for part in header.split(";")[1:]}


def opens(client, path: str) -> bool:
    """The page at ``path`` is served (sent on to its full address, never to the login)."""
    response = client.get(path, follow_redirects=True)
    return response.status_code == 200 and response.request.path == path


def goes_to_login(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/logga-in")


def cli_passwd(app: dict, monkeypatch, name: str, password: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return cli.main(["--data-dir", str(app["settings"].data_dir), "user", "passwd", name,
                     "--password-stdin"])


@pytest.fixture
def signed_at(monkeypatch):
    """``signed_at(seconds)``: from now on, cookies are signed and checked as if the clock
    showed now + ``seconds``."""
    start = int(time.time())

    def move(seconds: float) -> None:
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _self: start + int(seconds))

    return move


# --- without a login -------------------------------------------------------------------------

def test_a_page_without_a_login_goes_to_the_login_page_and_remembers_where(app):
    client = app["server"].test_client()
    response = client.get("/verksamhet?avdelning=IT-avdelningen")
    assert response.status_code == 302
    assert response.headers["Location"] == (
        "/logga-in?next=%2Fverksamhet%3Favdelning%3DIT-avdelningen")
    form = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<input type="hidden" name="next" value="/verksamhet?avdelning=IT-avdelningen">' in form


def test_an_english_address_opens_the_login_page_in_english(app):
    client = app["server"].test_client()
    response = client.get("/ekonomi?lang=en", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert '<html lang="en">' in page and "<h1>Log in</h1>" in page


@pytest.mark.parametrize("path", [PATH, "/_dash-layout", "/_dash-dependencies"])
def test_the_dashboards_requests_without_a_login_get_401_in_both_languages(app, path):
    client = app["server"].test_client()
    response = client.post(path, json={}) if path == PATH else client.get(path)
    assert response.status_code == 401
    assert response.get_json() == {"error": {lang: t("auth.login_needed", lang)
                                             for lang in ("sv", "en")}}


@pytest.mark.parametrize(("query", "lang", "words"), [
    ("", "sv", ("<h1>Logga in</h1>", "Användarnamn", "Lösenord", ">In English</a>")),
    ("?lang=en", "en", ("<h1>Log in</h1>", "User name", "Password", ">På svenska</a>")),
])
def test_the_login_form_in_swedish_and_english(app, query, lang, words):
    response = app["server"].test_client().get(f"/logga-in{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f'<html lang="{lang}">' in page
    assert all(word in page for word in words)
    assert 'type="password"' in page and 'autocomplete="current-password"' in page
    assert response.headers["Cache-Control"] == "no-store"


# --- logging in ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["wrong-password", "nobody-at-all"])
def test_a_wrong_password_or_name_gets_401_the_message_and_an_audit_row(app, name):
    if name == "wrong-password":
        add_user(app, name)
    for lang in ("sv", "en"):
        response = app["server"].test_client().post(
            "/logga-in", data={"name": name, "password": "inte lösenordet", "lang": lang})
        assert response.status_code == 401
        assert message(response) == t("auth.wrong", lang)
        assert COOKIE not in response.headers.get("Set-Cookie", "")
    assert events(app, name) == [("login_failed", "wrong")] * 2
    assert all(e.address == "127.0.0.1" for e in context(app).audit.events() if e.user == name)


def test_the_right_password_goes_to_next_with_an_httponly_lax_cookie(app):
    add_user(app, "Karin", "leadership")
    client = app["server"].test_client()
    response = log_in(client, "KARIN", next_path="/ekonomi?period=2018-T2")
    assert response.status_code == 302 and response.headers["Location"] == "/ekonomi?period=2018-T2"
    assert cookie_attributes(response) >= {"httponly", "samesite", "path", "expires"}
    assert "secure" not in cookie_attributes(response)  # plain http, no proxy said otherwise
    assert "SameSite=Lax" in response.headers["Set-Cookie"]
    assert opens(client, "/ekonomi")
    assert events(app, "karin") == [("login", "")]


def test_the_cookie_is_secure_when_the_trusted_proxy_says_https(app):
    add_user(app, "proxied")
    https = {"X-Forwarded-Proto": "https"}
    through_proxy = log_in(app["server"].test_client(), "proxied", headers=https)
    assert "secure" in cookie_attributes(through_proxy)
    # the same header from an address that is not the proxy is not believed
    stranger = log_in(app["server"].test_client(), "proxied", headers=https,
                      environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert "secure" not in cookie_attributes(stranger)


@pytest.mark.parametrize("target", [
    "//evil.example", "https://evil.example", "/\\evil.example", "\\\\evil.example",
    "/\t/evil.example", "/\r\n/evil.example", "evil.example", "",
])
def test_next_pointing_off_site_goes_to_the_start_page(app, target):
    if context(app).accounts.get("traveller") is None:
        add_user(app, "traveller")
    client = app["server"].test_client()
    form = client.get("/logga-in", query_string={"next": target}).get_data(as_text=True)
    assert '<input type="hidden" name="next" value="/">' in form
    response = log_in(client, "traveller", next_path=target)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_a_cross_site_login_post_is_refused_before_the_password_is_checked(app):
    add_user(app, "targeted")
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        response = log_in(app["server"].test_client(), "targeted", headers=headers)
        assert response.status_code == 403
        assert COOKIE not in response.headers.get("Set-Cookie", "")
    assert events(app, "targeted") == []


@pytest.mark.parametrize("hostile", ["<script>window.__pwned=1</script>",
                                     '"><img src=x onerror="window.__pwned=2">'])
def test_a_hostile_name_is_echoed_back_as_text(app, hostile):
    response = app["server"].test_client().post(
        "/logga-in", data={"name": hostile, "password": "inte lösenordet"})
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "<script>window" not in page and "<img" not in page
    # the name field holds exactly the text typed: no quote broke out of the attribute
    assert html.unescape(NAME_FIELD.search(page)[1]) == hostile


# --- the lockout -----------------------------------------------------------------------------

def test_repeated_failures_lock_the_account_until_a_new_password(app, monkeypatch):
    add_user(app, "lars")
    client = app["server"].test_client()
    for _ in range(ATTEMPTS - 1):
        assert message(log_in(client, "lars", "inte lösenordet")) == t("auth.wrong")
    locking = log_in(client, "lars", "inte lösenordet")
    until = context(app).accounts.get("lars").locked_until
    assert until is not None
    assert locking.status_code == 401
    assert message(locking) == t("auth.locked", time=local_time(until))
    right = log_in(client, "lars")  # even the right password, while locked
    assert right.status_code == 401 and message(right) == t("auth.locked", time=local_time(until))
    english = client.post("/logga-in", data={"name": "lars", "password": PASSWORD, "lang": "en"})
    assert message(english) == t("auth.locked", "en", time=local_time(until))
    assert events(app, "lars") == [("login_failed", "wrong")] * (ATTEMPTS - 1) + [
        ("locked", "locked"), ("login_failed", "locked"), ("login_failed", "locked")]

    assert cli_passwd(app, monkeypatch, "lars", "ett helt nytt lösenord") == 0
    assert log_in(client, "lars").status_code == 401  # the old password is gone
    assert log_in(client, "lars", "ett helt nytt lösenord").status_code == 302


# --- how a session ends ----------------------------------------------------------------------

def test_logging_out_ends_the_session_and_its_cookie_cannot_be_replayed(app):
    add_user(app, "Maja", "finance")
    client = logged_in(app, "maja")
    assert opens(client, "/")
    old_cookie = client.get_cookie(COOKIE).value
    response = client.post("/logga-ut", data={"lang": "sv"})
    assert response.status_code == 302 and response.headers["Location"] == "/logga-in?ut=1&lang=sv"
    assert message(client.get(response.headers["Location"])) == "Du är utloggad."
    assert goes_to_login(client.get("/"))
    replay = app["server"].test_client()
    replay.set_cookie(COOKIE, old_cookie)
    assert goes_to_login(replay.get("/"))
    assert replay.post(PATH, json={}).status_code == 401
    assert events(app, "maja") == [("login", ""), ("logout", "")]


def test_logging_out_after_the_session_ended_still_lands_on_the_login_page(app):
    response = app["server"].test_client().post("/logga-ut", data={"lang": "en"})
    assert response.status_code == 302 and response.headers["Location"] == "/logga-in?ut=1&lang=en"


def test_a_new_password_ends_every_other_session(app, monkeypatch):
    add_user(app, "nils", "admin")
    office, phone = logged_in(app, "nils"), logged_in(app, "nils")
    assert cli_passwd(app, monkeypatch, "nils", "ett annat långt lösenord") == 0
    assert goes_to_login(office.get("/")) and goes_to_login(phone.get("/"))
    again = app["server"].test_client()
    assert log_in(again, "nils", "ett annat långt lösenord").status_code == 302
    assert opens(again, "/")


def test_a_new_role_ends_the_session_so_the_new_role_applies(app):
    add_user(app, "olle", "admin")
    client = logged_in(app, "olle")
    context(app).accounts.set_role("olle", "viewer")
    assert goes_to_login(client.get("/"))


def test_a_removed_users_cookie_no_longer_works(app):
    add_user(app, "petra", "finance")
    client = logged_in(app, "petra")
    assert opens(client, "/")
    context(app).accounts.remove("petra")
    assert goes_to_login(client.get("/"))
    assert client.post(PATH, json={}).status_code == 401


def test_a_session_older_than_the_setting_is_refused(app, signed_at):
    add_user(app, "rut")
    client = app["server"].test_client()
    signed_at(-(SESSION_HOURS * 3600 + 60))  # logged in an hour and a minute ago
    assert log_in(client, "rut").status_code == 302
    signed_at(0)
    assert goes_to_login(client.get("/"))
    assert client.post(PATH, json={}).status_code == 401


def test_a_session_lasts_from_the_login_however_busy_it_is(app, signed_at):
    """Using the dashboard does not stretch the login: it ends SESSION_HOURS after it began."""
    add_user(app, "sara")
    client = app["server"].test_client()
    signed_at(-(SESSION_HOURS * 3600 - 120))  # logged in 58 minutes ago
    assert log_in(client, "sara").status_code == 302
    signed_at(0)
    assert opens(client, "/")  # still within the hour
    signed_at(180)  # three minutes later: 61 minutes after the login
    assert goes_to_login(client.get("/"))
