"""Who is asking, and the refusal of everyone who may not: the three authentication modes.

* ``local`` (the default): no login; every request from this computer (a loopback address)
  is the one local admin, any other is refused (and any that a proxy passed on,
  :data:`PROXY_HEADERS`), and ``python app.py`` will not listen on a non-loopback address in
  this mode (:func:`check_listen`); the host names it answers to are the loopback ones
  (``dashboard/web/hosts.py``).
* ``password``: users in the database (``loaders.records.accounts``), a login page
  (``dashboard/web/login.py``), the session in Flask's signed cookie, managed by
  Flask-Login. The cookie names the account's session token: a new password, a logout or a
  removal makes a new token and ends every session of the account.
* ``header``: behind the agency's single sign-on proxy. The user, groups and department come
  from configured request headers, believed only when the request comes from a trusted proxy
  address and carries the secret the proxy adds (``TERTIAL_PROXY_SECRET``: an address alone
  is any process on that machine); groups map to roles by ``TERTIAL_GROUP_ROLES``.

:func:`install` puts a gate before every request: only the login and logout routes and
static files are open to anyone; a page asked for without a login goes to the login
page, anything else gets 401 or 403 with a message in Swedish and English.
:func:`require` is what every data-changing callback and route calls first; it refuses
(403, audited) a role the policy does not allow, whatever the browser shows or hides.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import secrets
from collections.abc import Mapping
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import quote

import flask
import flask_login
from flask.sessions import SecureCookieSessionInterface

from dashboard.state.address import Reach, ViewState, parse
from dashboard.text.i18n import t
from dashboard.web.answers import Refused, note_refusal, refusal
from dashboard.web.context import current
from dashboard.web.paths import LOGIN_PATH, LOGOUT_PATH
from dashboard.web.roles import User, can, held_to, opening_department, role_from_groups
from loaders.followup.rules import Actor
from loaders.language import pick
from loaders.settings import Settings, group_role_map, trusted_networks

# Open to anyone: static files under these folders, and exactly these paths (the logout too:
# a click on "Logga ut" after the session ended lands on the login page, not on a 401).
# Exact, not by prefix: "/logga-inx" and "/logga-ut/historik" are Dash pages like any other.
OPEN_FOLDERS = ("/assets/", "/_dash-component-suites/")
OPEN_PATHS = frozenset({"/_favicon.ico", LOGIN_PATH, LOGOUT_PATH})
LOCAL_USER = User("lokal", "admin", display_name="Lokal administratör")
REFUSAL = "tertial_refusal"  # flask.g: why a request without a user was refused


def shown_name(user: User, lang: str = "sv") -> str:
    """The user's name as the login line says it, in ``lang``: the local mode's user has no
    name of its own and is named in the page's language (``auth.local_user``); anyone else
    by their name (kept as the records keep it)."""
    if user == LOCAL_USER:
        return t("auth.local_user", lang)
    return user.shown_name


def current_user() -> User | None:
    """The request's user, or None when there is none (not logged in, not trusted)."""
    user = flask_login.current_user
    return user if isinstance(user, User) else None


def require(action: str) -> User:
    """The user, if their role allows ``action``; else 403, written to the audit log."""
    user = current_user()
    if can(user, action):
        return user
    note_refusal(f"auth.refused {action}")  # before Refused notes it without the action
    raise Refused("auth.refused")


def actor() -> Actor:
    """The request's user as the follow-up cycle knows them (it checks their role and
    department itself, and logs what it refuses)."""
    user = current_user()
    if user is None:
        raise Refused("auth.refused")
    return Actor(user.name, user.role, user.department, user.shown_name, client_address())


def department_limit() -> str | None:
    """The one department the request's user may see (None: the whole agency)."""
    return held_to(current_user(), current().settings.restrict_departments)


def reach() -> Reach:
    """What the request's user may see, for reading the address (``dashboard.state.address``)."""
    return Reach(only=department_limit(), opening=opening_department(current_user()))


def state_from_params(params: Mapping[str, object], frames: dict) -> ViewState:
    """The state (with its scope) that an address's parameters ask for (a Dash page's query
    parameters, a route's ``request.args``), checked against the data and what the reader
    may see: :func:`dashboard.state.address.parse` with the request's reach."""
    return parse(params, frames, reach())


# --- addresses ---------------------------------------------------------------------------

def _peer() -> str:
    return flask.request.remote_addr or ""


def is_loopback(address: str) -> bool:
    try:
        return ip_address(address).is_loopback
    except ValueError:
        return False


def _from_proxy_address(settings: Settings) -> bool:
    try:
        peer = ip_address(_peer())
    except ValueError:
        return False
    return any(peer in network for network in trusted_networks(settings))


def _carries_proxy_secret(settings: Settings) -> bool:
    sent = flask.request.headers.get(settings.proxy_secret_header, "")
    return hmac.compare_digest(sent.encode(), settings.proxy_secret.encode())


def from_trusted_proxy(settings: Settings) -> bool:
    """Did the request come through the reverse proxy, so that its ``X-Forwarded-*`` headers
    are believed? From a trusted address, and in the header mode with the proxy's secret:
    any program on the proxy's machine can connect from its address."""
    if not _from_proxy_address(settings):
        return False
    return settings.auth_mode != "header" or _carries_proxy_secret(settings)


def client_address() -> str:
    """The client's address for the audit log: the proxy's ``X-Forwarded-For`` (its last
    entry, the one the proxy wrote) when the request came from a trusted proxy."""
    forwarded = flask.request.headers.get("X-Forwarded-For", "")
    if forwarded and from_trusted_proxy(current().settings):
        return forwarded.split(",")[-1].strip()
    return _peer()


def secure_request(settings: Settings) -> bool:
    """Did the browser reach us over TLS (directly, or through a trusted proxy that says so)?"""
    request = flask.request
    return request.is_secure or (
        request.headers.get("X-Forwarded-Proto", "").lower() == "https"
        and from_trusted_proxy(settings))


# --- the modes ---------------------------------------------------------------------------

def _refuse_later(key: str) -> None:
    flask.g.setdefault(REFUSAL, key)


# Headers that say a proxy passed the request on (for the local mode, which believes only a
# request made on this computer): the standard ones and those of common proxies and CDNs.
PROXY_HEADERS = (
    "Forwarded", "Via",  # RFC 7239, RFC 9110
    "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port",
    "X-Forwarded-Server", "X-Forwarded", "Forwarded-For", "X-Original-Forwarded-For",
    "X-Real-IP", "X-Client-IP", "Client-IP", "X-Cluster-Client-IP",  # nginx, Apache, others
    "True-Client-IP", "CF-Connecting-IP", "Fastly-Client-IP", "Akamai-Origin-Hop",  # CDNs
    "X-ProxyUser-Ip", "X-Original-URL", "X-Rewrite-URL",
    "X-Forwarded-Scheme", "X-Forwarded-Ssl", "Front-End-Https", "X-Forwarded-Prefix",
    "X-Forwarded-Uri", "X-Forwarded-Client-Cert", "X-Original-Host", "X-Original-URI",
    "X-Host", "X-Envoy-External-Address", "X-ARR-ClientIP", "X-Azure-ClientIP",
    "X-Azure-SocketIP", "X-Appengine-User-IP", "CF-Ray", "CF-Visitor", "CDN-Loop",
    "X-Amzn-Trace-Id", "Cdn-Src-Ip", "Ali-Cdn-Real-Ip", "WL-Proxy-Client-IP",
    "Proxy-Client-IP", "X-Remote-User", "Remote-User", "X-Forwarded-User",
)
# and any header of these families, whatever proxy adds it
PROXY_PREFIXES = ("x-forwarded-", "x-original-", "x-real-", "cf-", "x-envoy-", "x-amzn-",
                  "x-azure-", "x-appengine-")


def _local_user(settings: Settings) -> User | None:
    """The local admin, for a request from this computer that no proxy passed on (a reverse
    proxy on the same machine would make every visitor look local)."""
    headers = flask.request.headers
    passed_on = any(name in headers for name in PROXY_HEADERS) or any(
        name.lower().startswith(PROXY_PREFIXES) for name, _value in headers.items())
    if is_loopback(_peer()) and not passed_on:
        return LOCAL_USER
    _refuse_later("auth.local_only")
    return None


def _header_user(settings: Settings) -> User | None:
    headers = flask.request.headers
    if not _from_proxy_address(settings):
        _refuse_later("auth.untrusted_proxy")
        return None
    if not _carries_proxy_secret(settings):
        # from the proxy's address, but not from the proxy: any process on that machine
        _refuse_later("auth.no_proxy_secret")
        return None
    name = headers.get(settings.user_header, "").strip()
    if not name:
        _refuse_later("auth.no_user_header")
        return None
    groups = [g.strip() for g in headers.get(settings.groups_header, "").split(",")]
    role = role_from_groups(groups, group_role_map(settings))
    if role is None:
        _refuse_later("auth.no_role")
        return None
    department = headers.get(settings.department_header, "").strip() or None
    return User(name, role, department)


def _session_user(user_id: str) -> User | None:
    """The password mode's user of a session, if the account still has that session token."""
    name, _, token = user_id.partition("\t")
    account = current().accounts.get(name)
    if account is None or not token or account.session_token != token:
        return None
    return user_of(account)


def user_of(account) -> User:
    return User(account.name, account.role, account.department, account.display_name,
                account.session_token)


# --- the gate ----------------------------------------------------------------------------

def _gate() -> flask.Response | None:
    request = flask.request
    if request.path in OPEN_PATHS or (request.path.startswith(OPEN_FOLDERS)
                                      and not request.path.endswith("/")):  # a file in one
        return None
    user = current_user()
    if user is not None:
        if department_limit() == "":
            return refusal("auth.no_department", 403)
        return None
    reason = flask.g.get(REFUSAL)
    if reason is not None:
        return refusal(reason, 403)
    if request.method == "GET" and not request.path.startswith("/_"):
        target = request.full_path if request.query_string else request.path
        english = pick(request.args.get("lang"), "", "&lang=en")
        return flask.redirect(f"{LOGIN_PATH}?next={quote(target, safe='')}{english}")
    return refusal("auth.login_needed", 401)


class _SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with ``Secure`` whenever the browser came over TLS."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def get_cookie_secure(self, app: flask.Flask) -> bool:
        return secure_request(self.settings)


SECRET_FILE = "secret_key"


def secret_key(settings: Settings) -> str:
    """``TERTIAL_SECRET_KEY``, or one made once and kept in the data folder (mode 0600), so
    every worker on the data folder signs and reads the same cookies."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / SECRET_FILE
    if not path.exists():  # written whole, then linked in: a reader never sees half a key
        draft = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:  # another worker was first; use theirs
            pass
        finally:
            draft.unlink()
    return path.read_text("ascii").strip()


def install(server: flask.Flask, settings: Settings) -> None:
    """Sessions, Flask-Login for the mode, and the gate before every request."""
    server.secret_key = secret_key(settings)
    server.config.update(
        SESSION_COOKIE_NAME="tertial_session", SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # a login lasts session_hours from the login, not from the last request: the
        # cookie is signed once, at the login, and not again on every request
        SESSION_REFRESH_EACH_REQUEST=False,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_hours))
    server.session_interface = _SessionInterface(settings)
    manager = flask_login.LoginManager()
    manager.init_app(server)
    if settings.auth_mode == "password":
        manager.user_loader(_session_user)
    else:
        who = _local_user if settings.auth_mode == "local" else _header_user
        manager.request_loader(lambda _request: who(settings))
    server.before_request(_gate)


def check_listen(settings: Settings) -> None:
    """``python app.py`` in the local mode listens on loopback only (no login protects it)."""
    if settings.auth_mode == "local" and not (settings.host == "localhost"
                                              or is_loopback(settings.host)):
        raise SystemExit(
            f"TERTIAL_HOST={settings.host}: läget local (ingen inloggning) lyssnar bara på "
            "127.0.0.1 eller ::1. Välj TERTIAL_AUTH_MODE=password eller header för att nå "
            f"appen från andra datorer.\nTERTIAL_HOST={settings.host}: the local mode (no "
            "login) listens on 127.0.0.1 or ::1 only. Choose TERTIAL_AUTH_MODE=password or "
            "header to reach the app from other computers.")
