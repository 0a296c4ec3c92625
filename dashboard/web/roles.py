"""Who may do what: the roles, the actions, and the department a user is held to. Pure.

The table :data:`ALLOWED` is the whole policy; the server asks :func:`can` before every
action that shows more than the dashboard or changes data (``dashboard/web/auth.py`` refuses
what it answers no to). Reading the four perspectives is every role's right; what a ``head``
or ``viewer`` reads can be held to their own department (:func:`held_to`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from loaders.settings import ROLES

READERS = frozenset(ROLES)
ALLOWED: Mapping[str, frozenset[str]] = {
    "read": READERS,  # the overview and the four perspectives
    # imports and their original files
    "history": frozenset({"admin", "director", "finance", "leadership"}),
    "upload": frozenset({"admin", "finance"}),  # check, preview, confirm, cancel an upload
    "rollback": frozenset({"admin", "finance"}),
    "audit": frozenset({"admin"}),  # the audit log
}
# held to their department when the setting says
RESTRICTABLE = frozenset({"head", "reporter", "viewer"})
OPENS_ON_DEPARTMENT = frozenset({"head", "reporter"})  # the filters open on their own department


@dataclass(frozen=True)
class User:
    """The person behind a request. ``token`` ties a password-mode session to the account's
    current session token (``loaders.records.accounts``): a new password ends older sessions."""

    name: str
    role: str
    department: str | None = None
    display_name: str = ""
    token: str = ""

    # what Flask-Login asks of a user object
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return f"{self.name}\t{self.token}"

    @property
    def shown_name(self) -> str:
        return self.display_name or self.name


def can(user: User | None, action: str) -> bool:
    """May ``user`` do ``action``? Unknown actions are refused (a typo must not open a door)."""
    return user is not None and user.role in ALLOWED.get(action, frozenset())


def held_to(user: User | None, restrict: bool) -> str | None:
    """The one department ``user`` may see, or None when they may see the whole agency.

    With the restriction on, a ``head`` or ``viewer`` sees only their department; one without
    a department is held to "" (no department: nothing to see), never to the whole agency."""
    if user is None:
        return ""
    if restrict and user.role in RESTRICTABLE:
        return user.department or ""
    return None


def opening_department(user: User | None) -> str | None:
    """The department the filters open on when the address names none (a head's own)."""
    if user is not None and user.role in OPENS_ON_DEPARTMENT:
        return user.department
    return None


def role_from_groups(groups: Iterable[str], mapping: Mapping[str, str]) -> str | None:
    """The strongest role any of ``groups`` maps to (admin before finance before …)."""
    found = {mapping[g] for g in groups if g in mapping}
    return next((role for role in ROLES if role in found), None)
