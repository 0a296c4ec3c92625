"""The users of the ``password`` mode: who they are, their role, their password, their lockout.

Passwords are hashed with argon2id (``argon2-cffi``, the reference implementation's binding;
its defaults follow RFC 9106). A user who fails ``attempts`` logins in a row is locked for
``lockout``; the lock and the count live in the database, so every worker sees them. Every
user has a session token: a new password or a removal makes a new one, which ends the user's
sessions everywhere (the session cookie names the token it was made with).

Names are compared case-insensitively (kept case-folded). Nothing here knows about HTTP.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from loaders.errors import TertialError
from loaders.settings import ROLES
from loaders.store.schema import reading, utc, writing

if TYPE_CHECKING:
    from loaders.store.store import Store

MIN_PASSWORD = 12  # characters
MAX_PASSWORD = 1024  # hashing a megabyte-long "password" is a denial of service
MAX_NAME = 100


class AccountError(TertialError):
    """A user command that cannot be done: unknown user, taken name, weak password."""


@dataclass(frozen=True)
class Account:
    name: str
    display_name: str
    role: str
    department: str | None
    session_token: str
    failed_logins: int = 0
    locked_until: dt.datetime | None = None


@dataclass(frozen=True)
class Attempt:
    """The outcome of a login: ``ok`` (with the account), ``wrong`` or ``locked``."""

    outcome: Literal["ok", "wrong", "locked"]
    account: Account | None = None
    locked_until: dt.datetime | None = None
    locked_now: bool = False  # this failure locked the account


def normalise_name(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip()).casefold()


class Accounts:
    """The users table of a store."""

    def __init__(self, store: Store, *, attempts: int = 5,
                 lockout: dt.timedelta = dt.timedelta(minutes=15),
                 hasher: PasswordHasher | None = None):
        self.engine, self.table = store.engine, store.schema.users
        self.attempts, self.lockout = attempts, lockout
        self.hasher = hasher or PasswordHasher()
        # verified when the name is unknown, so a wrong name takes as long as a wrong password
        self._decoy = self.hasher.hash(secrets.token_hex(16))

    # --- reading ------------------------------------------------------------------------

    def get(self, name: str) -> Account | None:
        with reading(self.engine) as conn:
            row = conn.execute(select(self.table)
                               .where(self.table.c.name == normalise_name(name))).first()
        return _account(row) if row is not None else None

    def list(self) -> list[Account]:
        with reading(self.engine) as conn:
            rows = conn.execute(select(self.table).order_by(self.table.c.name)).all()
        return [_account(row) for row in rows]

    # --- changing -----------------------------------------------------------------------

    def add(self, name: str, password: str, role: str, *, department: str | None = None,
            display_name: str | None = None) -> Account:
        key = _checked_name(name)
        _check_role(role)
        _check_password(password)
        now = _now()
        with writing(self.engine) as conn:
            if conn.execute(select(self.table.c.name).where(self.table.c.name == key)).first():
                raise AccountError("user_exists", f"Användaren {key} finns redan.",
                                   f"The user {key} already exists.", name=key)
            conn.execute(insert(self.table).values(
                name=key, display_name=(display_name or name).strip(), role=role,
                department=(department or "").strip() or None,
                password_hash=self.hasher.hash(password), failed_logins=0, locked_until=None,
                session_token=secrets.token_hex(16), created_at=now, changed_at=now))
        return self._existing(key)

    def set_password(self, name: str, password: str) -> Account:
        """A new password; unlocks the account and ends its sessions."""
        _check_password(password)
        return self._update(name, password_hash=self.hasher.hash(password), failed_logins=0,
                            locked_until=None, session_token=secrets.token_hex(16))

    def set_role(self, name: str, role: str, department: str | None = None) -> Account:
        _check_role(role)
        return self._update(name, role=role, department=(department or "").strip() or None,
                            session_token=secrets.token_hex(16))

    def end_sessions(self, name: str) -> Account:
        """A new session token: every session of the account ends (logout)."""
        return self._update(name, session_token=secrets.token_hex(16))

    def remove(self, name: str) -> Account:
        account = self._existing(normalise_name(name))
        with writing(self.engine) as conn:
            conn.execute(delete(self.table).where(self.table.c.name == account.name))
        return account

    # --- logging in ---------------------------------------------------------------------

    def authenticate(self, name: str, password: str, now: dt.datetime | None = None) -> Attempt:
        """Check a login. A locked account is refused without looking at the password."""
        now = now or _now()
        key = normalise_name(name)[:MAX_NAME]
        account = self.get(key) if key else None
        if account is None:
            self._verify(self._decoy, password)
            return Attempt("wrong")
        if account.locked_until is not None and account.locked_until > now:
            return Attempt("locked", account, account.locked_until)
        if self._verify_account(account, password):
            with writing(self.engine) as conn:
                conn.execute(update(self.table).where(self.table.c.name == key)
                             .values(failed_logins=0, locked_until=None))
            return Attempt("ok", self._existing(key))
        return self._failed(key, now)

    def _failed(self, key: str, now: dt.datetime) -> Attempt:
        table = self.table
        with writing(self.engine) as conn:
            conn.execute(update(table).where(table.c.name == key)
                         .values(failed_logins=table.c.failed_logins + 1))
            failures = conn.execute(select(table.c.failed_logins)
                                    .where(table.c.name == key)).scalar_one()
            if failures < self.attempts:
                return Attempt("wrong")
            until = now + self.lockout
            conn.execute(update(table).where(table.c.name == key)
                         .values(failed_logins=0, locked_until=until))
        return Attempt("locked", self._existing(key), until, locked_now=True)

    def _verify_account(self, account: Account, password: str) -> bool:
        with reading(self.engine) as conn:
            stored = conn.execute(select(self.table.c.password_hash)
                                  .where(self.table.c.name == account.name)).scalar_one()
        ok = self._verify(stored, password)
        if ok and self.hasher.check_needs_rehash(stored):
            self._update(account.name, password_hash=self.hasher.hash(password))
        return ok

    def _verify(self, stored: str, password: str) -> bool:
        if len(password) > MAX_PASSWORD:
            return False
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def _update(self, name: str, **values: object) -> Account:
        key = self._existing(normalise_name(name)).name
        with writing(self.engine) as conn:
            conn.execute(update(self.table).where(self.table.c.name == key)
                         .values(changed_at=_now(), **values))
        return self._existing(key)

    def _existing(self, key: str) -> Account:
        account = self.get(key)
        if account is None:
            raise AccountError("unknown_user", f"Användaren {key} finns inte.",
                               f"The user {key} does not exist.", name=key)
        return account


def _account(row) -> Account:
    return Account(row.name, row.display_name, row.role, row.department, row.session_token,
                   row.failed_logins, utc(row.locked_until))


def _checked_name(name: str) -> str:
    key = normalise_name(name)
    if not key or len(key) > MAX_NAME or any(not ch.isprintable() or ch.isspace()
                                             for ch in key):
        raise AccountError(
            "bad_name",
            f"Användarnamnet måste vara 1–{MAX_NAME} tecken utan mellanslag.",
            f"The user name must be 1–{MAX_NAME} characters without spaces.", name=name)
    return key


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError("bad_role", f"Okänd roll {role!r}; välj bland {', '.join(ROLES)}.",
                           f"Unknown role {role!r}; choose among {', '.join(ROLES)}.")


def _check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(
            "weak_password",
            f"Lösenordet måste ha minst {MIN_PASSWORD} tecken (högst {MAX_PASSWORD}).",
            f"The password must have at least {MIN_PASSWORD} characters "
            f"(at most {MAX_PASSWORD}).")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
