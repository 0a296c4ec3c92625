"""The users of the ``password`` mode: who they are, their role, their password, their lockout.

Passwords are hashed with argon2id (``argon2-cffi``, the reference implementation's binding;
its defaults follow RFC 9106). Every login attempt is counted in the database *before* its
password is checked, in one short write transaction (``loaders/records/login_limits.py``), so
every worker and server sees the same count and no more than ``attempts`` passwords are ever
checked per window: ``attempts`` attempts within ``lockout``, right or wrong, lock the name
for ``lockout`` (a login right at the first attempt of its window counts nothing;
``tertial user unlock`` or a new password ends a lock). An unknown name is counted the same
way (in ``login_limits``), so a lock tells no one which names exist; and a client address
may try ``rate`` logins a minute, over all names. Every user has a session token: a new
password or a removal makes a new one, which ends the user's sessions everywhere (the
session cookie names the token it was made with).

Names are compared case-insensitively (kept case-folded). Nothing here knows about HTTP.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from loaders.errors import TertialError
from loaders.records import login_limits as limits
from loaders.settings import ROLES
from loaders.store.schema import reading, utc, writing

if TYPE_CHECKING:
    from loaders.store.store import Store

MIN_PASSWORD = 12  # characters
MAX_PASSWORD = 1024  # hashing a megabyte-long "password" is a denial of service
MAX_NAME = 100
RATE_PERIOD = dt.timedelta(minutes=1)  # the client address's window
TRIES = 5  # a counting transaction run again when another changed its row meanwhile


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
    """The outcome of a login: ``ok`` (with the account), ``wrong``, ``locked`` (the name) or
    ``throttled`` (the client address); ``locked_until`` says until when."""

    outcome: Literal["ok", "wrong", "locked", "throttled"]
    account: Account | None = None
    locked_until: dt.datetime | None = None
    locked_now: bool = False  # this failure locked the name


@dataclass(frozen=True)
class _Reserved:
    """What the counting transaction found: the attempt may go on to the password (``hash``
    is None for an unknown name), or it was refused."""

    refused: Literal["", "locked", "throttled"]
    count: int = 0
    until: dt.datetime | None = None
    hash: str | None = None


@functools.cache
def _decoy(time_cost: int, memory_cost: int, parallelism: int, hash_len: int, salt_len: int,
           kind: Type) -> str:
    """A hash of a random password that nobody knows, with these parameters: checking a
    password against it costs what checking one against a user's hash does. Made once per
    process and parameters (half a second at argon2's defaults), not once per store."""
    return PasswordHasher(time_cost, memory_cost, parallelism, hash_len, salt_len,
                          type=kind).hash(secrets.token_hex(16))


def normalise_name(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip()).casefold()


class Accounts:
    """The users table of a store."""

    def __init__(self, store: Store, *, attempts: int = 5,
                 lockout: dt.timedelta = dt.timedelta(minutes=15), rate: int = 20,
                 hasher: PasswordHasher | None = None):
        self.engine, self.table = store.engine, store.schema.users
        self.limits = store.schema.login_limits
        self.attempts, self.lockout = attempts, lockout
        self.name_rule = limits.Rule(attempts, lockout, lock=True)
        self.rate_rule = limits.Rule(rate, RATE_PERIOD)
        self.hasher = hasher or PasswordHasher()
        # verified when the name is unknown, so a wrong name takes as long as a wrong password
        self._decoy = _decoy(self.hasher.time_cost, self.hasher.memory_cost,
                             self.hasher.parallelism, self.hasher.hash_len,
                             self.hasher.salt_len, self.hasher.type)

    # --- reading ------------------------------------------------------------------------

    def get(self, name: str) -> Account | None:
        with reading(self.engine) as conn:
            row = conn.execute(select(self.table)
                               .where(self.table.c.name == normalise_name(name))).first()
        return self._account(row) if row is not None else None

    def list(self) -> list[Account]:
        with reading(self.engine) as conn:
            rows = conn.execute(select(self.table).order_by(self.table.c.name)).all()
        return [self._account(row) for row in rows]

    def _account(self, row) -> Account:
        """The row as an account; ``locked_until`` only when the count is a lock."""
        locked = row.failed_logins >= self.attempts
        return Account(row.name, row.display_name, row.role, row.department, row.session_token,
                       row.failed_logins, utc(row.locked_until) if locked else None)

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

    def unlock(self, name: str) -> Account:
        """End a lock (and the count of failed logins) at once; the sessions go on."""
        return self._update(name, failed_logins=0, locked_until=None)

    def end_sessions(self, name: str) -> Account:
        """A new session token: every session of the account ends (logout)."""
        return self._update(name, session_token=secrets.token_hex(16))

    def remove(self, name: str) -> Account:
        account = self._existing(normalise_name(name))
        with writing(self.engine) as conn:
            conn.execute(delete(self.table).where(self.table.c.name == account.name))
        return account

    # --- logging in ---------------------------------------------------------------------

    def authenticate(self, name: str, password: str, now: dt.datetime | None = None, *,
                     address: str = "") -> Attempt:
        """Check a login from ``address`` (the client; "" counts no address). The attempt is
        counted first; a throttled address or a locked name is refused without looking at the
        password, whether the name is known or not."""
        now = now or _now()
        key = normalise_name(name)[:MAX_NAME]
        taken = self._reserve(key, address, now)
        if taken.refused:
            return Attempt(taken.refused, None, taken.until)
        if not self._verify(taken.hash or self._decoy, password) or taken.hash is None:
            if taken.count >= self.attempts:  # this attempt took the last one: a lock
                return Attempt("locked", None, taken.until, locked_now=True)
            return Attempt("wrong")
        self._forget_first_try(key, taken)
        if self.hasher.check_needs_rehash(taken.hash):
            self._update(key, password_hash=self.hasher.hash(password))
        return Attempt("ok", self._existing(key))

    def _forget_first_try(self, key: str, taken: _Reserved) -> None:
        """A login that succeeds gives its own attempt back, so that only wrong passwords
        count toward the lock: a user who mistyped once and then logs in from four tabs is
        not locked out (nor locked without a word in the log, by a right password). Only in
        its own window (``locked_until`` unchanged). The invariant holds under any burst:
        every attempt given back was a right password, so no more than ``attempts`` wrong
        passwords are ever checked in a window. The first attempt given back ends the window."""
        users = self.table
        with writing(self.engine) as conn:
            same_window = (users.c.name == key) & (users.c.failed_logins > 0) & (
                users.c.locked_until == literal(taken.until, users.c.locked_until.type))
            conn.execute(update(users).where(same_window, users.c.failed_logins == 1)
                         .values(failed_logins=0, locked_until=None))
            conn.execute(update(users).where(same_window, users.c.failed_logins > 1)
                         .values(failed_logins=users.c.failed_logins - 1))

    def _reserve(self, key: str, address: str, now: dt.datetime) -> _Reserved:
        """Count the attempt (address, then name) in one write transaction, run again if
        another transaction changed a counter between its statements."""
        for _ in range(TRIES - 1):
            try:
                return self._count(key, address, now)
            except (limits.Retry, IntegrityError):
                continue
        return self._count(key, address, now)

    def _count(self, key: str, address: str, now: dt.datetime) -> _Reserved:
        """The counting transaction. Rows are taken in one order, the address's then the
        name's, and pruning comes last and waits for no row: no deadlock on PostgreSQL."""
        with writing(self.engine) as conn:
            reserved = self._take(conn, key, address, now)
            limits.prune(conn, self.limits, now)
        return reserved

    def _take(self, conn, key: str, address: str, now: dt.datetime) -> _Reserved:
        users = self.table
        if address:
            client = limits.take_key(conn, self.limits, limits.ADDRESS_KEY + address,
                                     self.rate_rule, now)
            if not client.ok:
                return _Reserved("throttled", client.count, client.ends_at)
        row = limits.take(conn, users, users.c.name == key, "failed_logins", "locked_until",
                          self.name_rule, now, (users.c.password_hash,))
        if row is not None:
            return _Reserved("", row.failed_logins, utc(row.locked_until), row.password_hash)
        known = conn.execute(select(users.c.failed_logins, users.c.locked_until)
                             .where(users.c.name == key)).first()
        if known is not None:
            if not limits.refused(known.failed_logins, utc(known.locked_until),
                                  self.name_rule, now):
                raise limits.Retry(key)  # changed by another transaction meanwhile
            return _Reserved("locked", known.failed_logins, utc(known.locked_until))
        unknown = limits.take_key(conn, self.limits, limits.NAME_KEY + key, self.name_rule, now)
        return _Reserved("" if unknown.ok else "locked", unknown.count, unknown.ends_at)

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
