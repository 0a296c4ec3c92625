"""The password mode's lockout under concurrency (issue 20, item 3), as an attacker meets it.

Many attempts at once, from threads and from two processes on one database (SQLite and
PostgreSQL): no more than ``TERTIAL_LOGIN_ATTEMPTS`` passwords are ever checked before the
lock, not even the right one after it. The passwords checked are counted by wrapping the
hasher's ``verify``; "at once" is made exact by a gate (``login_attempts.py``) that holds each
check until every attempt has been counted or refused. Then: the throttle per client address
(``TERTIAL_LOGIN_RATE``) at its edge, the same lock for a known and an unknown name, a lock's
end, and ``tertial user unlock``. Time is moved by passing ``now``, never by sleeping.
"""

from __future__ import annotations

import datetime as dt
import html
import multiprocessing
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select

import cli
from dashboard.text.formatting import local_time
from dashboard.text.i18n import t
from loaders.records.accounts import Accounts
from loaders.store.store import Store
from tests.apps import build_app
from tests.dashboard.web.login_attempts import (
    GATE_TIMEOUT_S,
    CountingHasher,
    Gate,
    at_once,
    attempt_in_process,
)
from tests.databases import EACH_BACKEND, database_url

LIMIT = 5  # TERTIAL_LOGIN_ATTEMPTS (the default)
RATE = 4  # TERTIAL_LOGIN_RATE in the app below
LOCKOUT = dt.timedelta(minutes=15)  # TERTIAL_LOCKOUT_MINUTES (the default)
PASSWORD = "korrekt häst batteri"
WRONG = [f"fel lösenord {i:02}" for i in range(40)]
T0 = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)
MESSAGE = re.compile(r'<p class="login-message[^"]*"[^>]*>(.*?)</p>', re.S)
TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


# --- the accounts on a real database ------------------------------------------------------

@pytest.fixture(params=EACH_BACKEND)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as made:
        yield made


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    made = Store(url)
    yield made
    made.close()


def accounts_of(store: Store, gate: Gate | None = None) -> tuple[CountingHasher, Accounts]:
    hasher = CountingHasher(gate)
    return hasher, Accounts(store, attempts=LIMIT, lockout=LOCKOUT, hasher=hasher)


def test_forty_wrong_passwords_at_once_check_exactly_the_limit_and_lock(store):
    hasher, accounts = accounts_of(store, Gate(len(WRONG)))
    accounts.add("anna", PASSWORD, "viewer")
    outcomes = at_once(hasher, accounts, "anna", WRONG)
    assert len(hasher.checked) == LIMIT
    assert Counter(outcomes) == {"wrong": LIMIT - 1, "locked": len(WRONG) - LIMIT + 1}
    assert accounts.get("anna").locked_until is not None
    hasher.gate = None
    assert hasher.attempt(accounts, "anna", PASSWORD).outcome == "locked"
    assert len(hasher.checked) == LIMIT  # not even the right password was checked


@pytest.mark.parametrize("order", ["right first", "right last", "all at once"])
def test_nineteen_wrong_and_the_right_one_at_once(store, order):
    """The right password logs in only if it was among the first LIMIT attempts counted."""
    gate = Gate(20)
    hasher, accounts = accounts_of(store, gate)
    accounts.add("bo", PASSWORD, "viewer")
    with ThreadPoolExecutor(20) as pool:
        def attempt(password: str):
            return pool.submit(hasher.attempt, accounts, "bo", password)

        if order == "right first":
            right = attempt(PASSWORD)
            gate.wait_for(1)  # counted and waiting at its check
            wrong = [attempt(pw) for pw in WRONG[:19]]
        elif order == "right last":
            wrong = [attempt(pw) for pw in WRONG[:19]]
            gate.wait_for(19)  # every wrong one counted (or refused)
            right = attempt(PASSWORD)
        else:
            futures = [attempt(pw) for pw in [*WRONG[:10], PASSWORD, *WRONG[10:19]]]
            right, wrong = futures[10], futures[:10] + futures[11:]
        logged_in = right.result(GATE_TIMEOUT_S).outcome == "ok"
        outcomes = Counter(f.result(GATE_TIMEOUT_S).outcome for f in wrong)
    wrong_checked = sum(pw != PASSWORD for pw in hasher.checked)
    assert len(hasher.checked) == LIMIT
    assert logged_in + wrong_checked <= LIMIT
    assert logged_in == (PASSWORD in hasher.checked)
    assert logged_in == {"right first": True, "right last": False}.get(order, logged_in)
    assert outcomes["wrong"] + outcomes["locked"] == 19 and outcomes["ok"] == 0
    # 20 attempts were counted: the name is locked, even after a success among them, unless
    # the right password was the attempt that took the last one: the lock's window began with
    # it (Accounts._forget_first_try), and it gave its attempt back, as a fifth try that is
    # right does one after four wrong. Which attempt is counted fifth, all at once, is the
    # threads' order.
    account = accounts.get("bo")
    gave_back = order == "all at once" and logged_in and account.failed_logins == LIMIT - 1
    assert (account.locked_until is not None) != gave_back
    assert account.failed_logins == LIMIT - gave_back


def test_two_processes_on_one_database_check_no_more_than_the_limit(store, url):
    """Two worker processes (their own stores, as two gunicorn workers or two servers), 20
    wrong passwords each, all at once."""
    _, accounts = accounts_of(store)
    accounts.add("cecilia", PASSWORD, "viewer")
    context = multiprocessing.get_context("spawn")
    condition, arrived, results = context.Condition(), context.Value("i", 0), context.Queue()
    workers = [context.Process(target=attempt_in_process, args=(
        url, "cecilia", WRONG[i::2], len(WRONG), condition, arrived, results))
        for i in range(2)]
    for worker in workers:
        worker.start()
    got = [results.get(timeout=GATE_TIMEOUT_S) for _ in workers]
    for worker in workers:
        worker.join(GATE_TIMEOUT_S)
    outcomes = Counter(o for outs, _ in got for o in outs)
    checked = [pw for _, pws in got for pw in pws]
    assert len(checked) == LIMIT
    assert outcomes == {"wrong": LIMIT - 1, "locked": len(WRONG) - LIMIT + 1}
    assert accounts.get("cecilia").locked_until is not None


def test_a_right_password_gives_its_attempt_back_only_wrong_ones_lock(store):
    """A login that succeeds counts nothing: one mistyped password, then logins from four
    tabs, leaves the name open (the attack run locked a user so, and the lock had no row in
    the log). Wrong passwords still lock at the limit, right ones in between or not."""
    hasher, accounts = accounts_of(store)
    accounts.add("dan", PASSWORD, "viewer")
    assert {accounts.authenticate("dan", PASSWORD, T0).outcome for _ in range(12)} == {"ok"}
    assert accounts.authenticate("dan", WRONG[0], T0).outcome == "wrong"
    assert [accounts.authenticate("dan", PASSWORD, T0).outcome for _ in range(4)] == ["ok"] * 4
    assert accounts.get("dan").failed_logins == 1  # the wrong one alone is counted
    steps = [accounts.authenticate("dan", pw, T0).outcome for pw in WRONG[1:LIMIT]]
    assert steps == [*["wrong"] * (LIMIT - 2), "locked"]  # the fifth wrong one locks
    checked = len(hasher.checked)
    assert accounts.authenticate("dan", PASSWORD, T0).outcome == "locked"  # not even checked
    assert len(hasher.checked) == checked
    assert accounts.authenticate("dan", PASSWORD, T0 + LOCKOUT).outcome == "ok"


def test_a_lock_ends_after_the_lockout_alike_for_a_known_and_an_unknown_name(store):
    hasher, accounts = accounts_of(store)
    accounts.add("erik", PASSWORD, "viewer")
    seen = {}
    for name in ("erik", "ingen-sadan-person"):
        steps = [accounts.authenticate(name, pw, T0) for pw in WRONG[:LIMIT + 1]]
        checked = len(hasher.checked)
        just_before = T0 + LOCKOUT - dt.timedelta(seconds=1)
        steps.append(accounts.authenticate(name, PASSWORD, just_before))
        assert len(hasher.checked) == checked  # refused without a check (the decoy's either)
        seen[name] = [(a.outcome, a.locked_now, a.locked_until) for a in steps]
    assert seen["erik"] == seen["ingen-sadan-person"] == [
        *[("wrong", False, None)] * (LIMIT - 1), ("locked", True, T0 + LOCKOUT),
        ("locked", False, T0 + LOCKOUT), ("locked", False, T0 + LOCKOUT)]
    assert len(hasher.checked) == 2 * LIMIT
    assert accounts.authenticate("erik", PASSWORD, T0 + LOCKOUT).outcome == "ok"
    assert accounts.authenticate("ingen-sadan-person", PASSWORD, T0 + LOCKOUT).outcome == "wrong"


def test_failures_older_than_the_lockout_are_forgotten_alike_for_known_and_unknown(store):
    _, accounts = accounts_of(store)
    accounts.add("frida", PASSWORD, "viewer")
    for name in ("frida", "ingen-alls"):
        assert [accounts.authenticate(name, pw, T0).outcome
                for pw in WRONG[:LIMIT - 1]] == ["wrong"] * (LIMIT - 1)
        later = [accounts.authenticate(name, pw, T0 + LOCKOUT).outcome for pw in WRONG[:2]]
        assert later == ["wrong", "wrong"], name  # a new window: 2 of LIMIT


def test_the_throttle_per_address_at_its_edge(store):
    hasher = CountingHasher()
    accounts = Accounts(store, attempts=LIMIT, rate=3, hasher=hasher)
    address = "198.51.100.9"
    first = [accounts.authenticate(n, "gissning", T0, address=address).outcome
             for n in ("gun", "hans", "iris")]
    assert first == ["wrong"] * 3  # the edge: 3 a minute are answered
    checked = len(hasher.checked)
    late = accounts.authenticate("jan", "gissning", T0 + dt.timedelta(seconds=59),
                                 address=address)
    assert late.outcome == "throttled" and len(hasher.checked) == checked
    assert late.locked_until == T0 + dt.timedelta(minutes=1)
    other = accounts.authenticate("jan", "gissning", T0, address="198.51.100.10")
    assert other.outcome == "wrong"  # another address has its own minute
    again = accounts.authenticate("jan", "gissning", T0 + dt.timedelta(minutes=1),
                                  address=address)
    assert again.outcome == "wrong"  # a new minute


def _limit_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return len(conn.execute(select(store.schema.login_limits)).all())


def test_ended_windows_are_pruned(store):
    _, accounts = accounts_of(store)
    for i in range(30):  # 30 addresses, 30 unknown names
        accounts.authenticate(f"namn-{i}", "gissning", T0, address=f"203.0.113.{i}")
    assert _limit_rows(store) == 60
    accounts.authenticate("namn-0", "gissning", T0 + LOCKOUT, address="203.0.113.99")
    assert _limit_rows(store) == 2  # only the windows still open


# --- through the login page ---------------------------------------------------------------

@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "login-concurrency", TERTIAL_AUTH_MODE="password",
                         TERTIAL_LOGIN_RATE=str(RATE))


@pytest.fixture
def hasher(app, monkeypatch) -> CountingHasher:
    """The app's hasher, counting (users added after it have its cheap hashes)."""
    counting = CountingHasher()
    monkeypatch.setattr(app["server"].extensions["tertial"].accounts, "hasher", counting)
    return counting


def post(app: dict, name: str, password: str, address: str, lang: str = "sv"):
    return app["server"].test_client().post(
        "/logga-in", data={"name": name, "password": password, "lang": lang},
        environ_base={"REMOTE_ADDR": address})


def message(response) -> str:
    found = MESSAGE.search(response.get_data(as_text=True))
    return html.unescape(found[1]) if found else ""


def events(app: dict, user: str) -> Counter:
    return Counter((e.action, e.detail) for e in app["server"].extensions["tertial"]
                   .audit.events() if e.user == user)


def test_forty_wrong_passwords_at_once_from_forty_addresses(app, hasher):
    """A botnet: one attempt per address, so no throttle; the account's lock holds."""
    app["server"].extensions["tertial"].accounts.add("kajsa", PASSWORD, "viewer")
    hasher.gate = Gate(len(WRONG))
    accounts = app["server"].extensions["tertial"].accounts

    with ThreadPoolExecutor(len(WRONG)) as pool:
        responses = list(pool.map(lambda i: hasher.track(
            post, app, "kajsa", WRONG[i], f"192.0.2.{i + 1}"), range(len(WRONG))))
    until = local_time(accounts.get("kajsa").locked_until)
    assert len(hasher.checked) == LIMIT
    assert {r.status_code for r in responses} == {401}
    assert Counter(message(r) for r in responses) == {
        t("auth.wrong"): LIMIT - 1, t("auth.locked", time=until): len(WRONG) - LIMIT + 1}
    assert events(app, "kajsa") == {("login_failed", "wrong"): LIMIT - 1,
                                    ("locked", "locked"): 1,
                                    ("login_failed", "locked"): len(WRONG) - LIMIT}


def test_an_address_spraying_many_names_is_throttled_without_a_password_check(app, hasher):
    address = "192.0.2.200"
    for i in range(RATE):  # the edge: RATE attempts a minute are answered
        response = post(app, f"spray-{i}", "Sommar2026!", address)
        assert response.status_code == 401 and message(response) == t("auth.wrong")
    checked = len(hasher.checked)
    store = app["store"]
    with store.engine.connect() as conn:
        ends = conn.execute(select(store.schema.login_limits.c.ends_at).where(
            store.schema.login_limits.c.key == f"address {address}")).scalar_one()
    shown = local_time(ends.replace(tzinfo=dt.UTC) + dt.timedelta(seconds=59))
    for lang in ("sv", "en"):
        refused = post(app, "spray-last", "Sommar2026!", address, lang)
        assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
        assert message(refused) == t("auth.throttled", lang, time=shown)
    assert message(post(app, "spray-last", "Sommar2026!", address)).startswith(
        "För många inloggningsförsök från din adress.")
    assert len(hasher.checked) == checked  # no password was checked
    assert events(app, "spray-last") == {("login_failed", "throttled"): 3}
    assert post(app, "spray-last", "Sommar2026!", "192.0.2.201").status_code == 401


def test_a_locked_known_and_unknown_name_get_the_same_answer(app, hasher):
    app["server"].extensions["tertial"].accounts.add("lena", PASSWORD, "viewer")
    answers = {}
    for name in ("lena", "ingen-lena"):
        replies = [post(app, name, pw, f"198.18.{len(answers)}.{i}")
                   for i, pw in enumerate(WRONG[:LIMIT + 2])]
        answers[name] = [(r.status_code, TIME.sub("TID", message(r))) for r in replies]
    assert answers["lena"] == answers["ingen-lena"]
    locked = TIME.sub("TID", t("auth.locked", time="2026-01-01 00:00"))
    assert answers["lena"] == [(401, t("auth.wrong"))] * (LIMIT - 1) + [(401, locked)] * 3
    assert events(app, "ingen-lena") == events(app, "lena")


def test_an_administrator_unlocks_a_locked_account_from_the_command_line(app, hasher,
                                                                         capsys):
    app["server"].extensions["tertial"].accounts.add("maria", PASSWORD, "admin")
    for i, pw in enumerate(WRONG[:LIMIT]):
        post(app, "maria", pw, f"198.19.0.{i}")
    assert post(app, "maria", PASSWORD, "198.19.1.1").status_code == 401  # locked
    data_dir = str(app["settings"].data_dir)
    assert cli.main(["--data-dir", data_dir, "user", "list"]) == 0
    assert "\tlåst till " in next(line for line in capsys.readouterr().out.splitlines()
                                  if line.startswith("maria\t"))
    assert cli.main(["--data-dir", data_dir, "user", "unlock", "maria"]) == 0
    assert capsys.readouterr().out.strip() == "Användaren maria är upplåst; hen kan logga in igen."
    assert post(app, "maria", PASSWORD, "198.19.1.2").status_code == 302
    audit = app["server"].extensions["tertial"].audit.events()
    assert [(e.action, e.detail) for e in audit if e.action == "user_unlock"] == [
        ("user_unlock", "maria")]
    assert cli.main(["--data-dir", data_dir, "--lang", "en", "user", "unlock", "nobody"]) != 0
    assert "The user nobody does not exist." in capsys.readouterr().err
