"""``tertial user``: the password mode's users as an administrator manages them from the shell.

Each test runs :func:`cli.main` in-process on its own data folder, with the password on
standard input (``--password-stdin``) or typed at the prompt (``getpass``, replaced here), and
reads the result back from the very database the app would use: the accounts, a login with
the password, and the audit log's rows naming who ran the command.
"""

from __future__ import annotations

import getpass
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import cli
from loaders.records.accounts import Accounts
from loaders.records.audit import AuditLog
from loaders.settings import load_settings
from loaders.store.store import Store

PASSWORD = "ett långt lösenord"
OPERATOR = "ingrid"  # the login name of whoever runs the command


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(autouse=True)
def operator(monkeypatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: OPERATOR)


@pytest.fixture
def tertial(capsys, monkeypatch, data_dir):
    """``tertial(*argv, stdin=...)``: run ``tertial --data-dir DATA ARGV``; (exit code, text)."""

    def run(*argv: str, stdin: str = PASSWORD + "\n") -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli.main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, (out + err).strip()

    return run


@pytest.fixture
def stored(data_dir) -> Iterator[tuple[Accounts, AuditLog]]:
    """The users and the audit log of the CLI's database (read after the commands ran)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(load_settings({"data_dir": data_dir}).resolved_database_url)
    yield Accounts(store), AuditLog(store)
    store.close()


def audit_rows(audit: AuditLog) -> list[tuple[str, str, str]]:
    return [(e.user, e.action, e.detail) for e in reversed(audit.events())]


def add(tertial, name: str = "anna", role: str = "head", *extra: str) -> None:
    code, _ = tertial("user", "add", name, "--role", role, *extra, "--password-stdin")
    assert code == 0


# --- adding ----------------------------------------------------------------------------------

def test_add_with_the_password_on_stdin(tertial, stored):
    code, text = tertial("user", "add", "Anna", "--role", "head", "--department",
                         "IT-avdelningen", "--display-name", "Anna Berg", "--password-stdin")
    assert code == 0 and text == "Användaren anna är tillagd."
    accounts, audit = stored
    account = accounts.get("anna")
    assert (account.name, account.display_name, account.role, account.department) == (
        "anna", "Anna Berg", "head", "IT-avdelningen")
    assert accounts.authenticate("ANNA", PASSWORD).outcome == "ok"
    assert audit_rows(audit) == [(f"cli:{OPERATOR}", "user_add", "anna head IT-avdelningen")]


def test_add_in_english(tertial):
    code, text = tertial("--lang", "en", "user", "add", "bo", "--role", "admin",
                         "--password-stdin")
    assert code == 0 and text == "The user bo is added."


def test_add_asks_twice_at_the_prompt_and_refuses_two_different_passwords(
        tertial, stored, monkeypatch):
    typed = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(typed))
    code, text = tertial("user", "add", "cecilia", "--role", "viewer")
    assert code == 1 and text == "Lösenorden var olika. Ingenting har ändrats."
    typed = iter([PASSWORD, PASSWORD])
    assert tertial("user", "add", "cecilia", "--role", "viewer")[0] == 0
    assert stored[0].authenticate("cecilia", PASSWORD).outcome == "ok"


SHORT_SV = "Lösenordet måste ha minst 12 tecken (högst 1024)."
SHORT_EN = "The password must have at least 12 characters (at most 1024)."


@pytest.mark.parametrize(("lang", "password", "expected"), [
    ("sv", "elva tecken", SHORT_SV), ("en", "elva tecken", SHORT_EN), ("sv", "", SHORT_SV),
    ("en", "x" * 1025, SHORT_EN)])
def test_a_weak_password_is_refused_and_nothing_is_stored(tertial, stored, lang, password,
                                                          expected):
    code, text = tertial("--lang", lang, "user", "add", "david", "--role", "admin",
                         "--password-stdin", stdin=password + "\n")
    assert code == 1 and text == expected
    assert stored[0].list() == [] and audit_rows(stored[1]) == []


def test_twelve_characters_are_enough(tertial, stored):
    add(tertial, "erik", "viewer")
    code, _ = tertial("user", "add", "frida", "--role", "viewer", "--password-stdin",
                      stdin="tolv tecken!\n")
    assert code == 0 and stored[0].authenticate("frida", "tolv tecken!").outcome == "ok"


def test_a_taken_name_is_refused_whatever_its_case(tertial, stored):
    add(tertial, "anna", "head", "--department", "IT-avdelningen")
    code, text = tertial("user", "add", "ANNA", "--role", "admin", "--password-stdin",
                         stdin="ett annat lösenord\n")
    assert code == 1 and text == "Användaren anna finns redan."
    code, text = tertial("--lang", "en", "user", "add", "Anna", "--role", "admin",
                         "--password-stdin")
    assert code == 1 and text == "The user anna already exists."
    assert stored[0].get("anna").role == "head"
    assert stored[0].authenticate("anna", "ett annat lösenord").outcome == "wrong"


@pytest.mark.parametrize("name", ["anna berg", ""])
def test_a_name_with_a_space_or_none_is_refused(tertial, stored, name):
    code, text = tertial("user", "add", name, "--role", "admin", "--password-stdin")
    assert code == 1 and text == "Användarnamnet måste vara 1–100 tecken utan mellanslag."
    assert stored[0].list() == []


# --- listing ---------------------------------------------------------------------------------

def test_list_shows_name_role_department_and_shown_name(tertial):
    empty = "Inga användare ännu (tertial user add NAMN --role ROLL)."
    assert tertial("user", "list") == (0, empty)
    add(tertial, "anna", "head", "--department", "IT-avdelningen", "--display-name", "Anna Berg")
    add(tertial, "bo", "finance")
    code, text = tertial("user", "list")
    assert code == 0
    assert text.splitlines() == ["anna\tavdelningschef\tIT-avdelningen\tAnna Berg",
                                 "bo\tekonomi\t-\tbo"]
    code, text = tertial("--lang", "en", "user", "list")
    assert text.splitlines()[0] == "anna\thead of department\tIT-avdelningen\tAnna Berg"


def test_list_shows_a_locked_account(tertial, stored):
    add(tertial, "gustav", "viewer")
    for _ in range(stored[0].attempts):
        stored[0].authenticate("gustav", "inte lösenordet")
    line = tertial("user", "list")[1]
    assert line.startswith("gustav\tläsare\t-\tgustav\tlåst till ")


# --- changing --------------------------------------------------------------------------------

def test_role_changes_the_role_and_department_and_ends_the_sessions(tertial, stored):
    add(tertial, "anna", "viewer")
    token = stored[0].get("anna").session_token
    code, text = tertial("user", "role", "Anna", "--role", "head", "--department", "HR")
    assert code == 0 and text == "Användaren anna har en ny roll; hens sessioner är avslutade."
    account = stored[0].get("anna")
    assert (account.role, account.department) == ("head", "HR")
    assert account.session_token != token
    assert audit_rows(stored[1])[-1] == (f"cli:{OPERATOR}", "user_role", "anna head HR")


def test_passwd_sets_a_new_password_and_unlocks(tertial, stored):
    add(tertial, "anna", "admin")
    accounts = stored[0]
    for _ in range(accounts.attempts):
        accounts.authenticate("anna", "inte lösenordet")
    assert accounts.authenticate("anna", PASSWORD).outcome == "locked"
    code, text = tertial("user", "passwd", "anna", "--password-stdin",
                         stdin="ett nytt långt lösenord\n")
    assert code == 0
    assert text == "Användaren anna har ett nytt lösenord; hens sessioner är avslutade."
    assert accounts.authenticate("anna", PASSWORD).outcome == "wrong"
    assert accounts.authenticate("anna", "ett nytt långt lösenord").outcome == "ok"
    assert audit_rows(stored[1])[-1] == (f"cli:{OPERATOR}", "user_passwd", "anna")


def test_passwd_refuses_a_weak_password_and_keeps_the_old_one(tertial, stored):
    add(tertial, "anna", "admin")
    code, text = tertial("--lang", "en", "user", "passwd", "anna", "--password-stdin",
                         stdin="kort\n")
    assert code == 1 and text.startswith("The password must have at least 12 characters")
    assert stored[0].authenticate("anna", PASSWORD).outcome == "ok"


def test_remove_takes_the_user_away(tertial, stored):
    add(tertial, "anna", "admin")
    add(tertial, "bo", "viewer")
    code, text = tertial("user", "remove", "anna")
    assert code == 0 and text == "Användaren anna är borttagen."
    assert [a.name for a in stored[0].list()] == ["bo"]
    assert stored[0].authenticate("anna", PASSWORD).outcome == "wrong"
    assert audit_rows(stored[1])[-1] == (f"cli:{OPERATOR}", "user_remove", "anna")


def test_an_unknown_user_is_refused_in_both_languages(tertial, stored):
    add(tertial, "anna", "admin")
    assert tertial("user", "remove", "okänd") == (1, "Användaren okänd finns inte.")
    assert tertial("--lang", "en", "user", "passwd", "okänd", "--password-stdin") == (
        1, "The user okänd does not exist.")
    assert tertial("user", "role", "okänd", "--role", "viewer")[0] == 1
    assert [row[1] for row in audit_rows(stored[1])] == ["user_add"]
    assert [a.name for a in stored[0].list()] == ["anna"]


def test_an_unknown_role_is_a_usage_error(tertial, capsys):
    with pytest.raises(SystemExit) as stop:
        tertial("user", "add", "anna", "--role", "kung", "--password-stdin")
    assert stop.value.code == 2
    assert "invalid choice: 'kung'" in capsys.readouterr().err


def test_the_audit_row_says_cli_when_the_login_name_is_unknown(tertial, stored, monkeypatch):
    def no_login_name() -> str:
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_login_name)
    add(tertial, "anna", "admin")
    assert audit_rows(stored[1]) == [("cli", "user_add", "anna admin")]
