"""Settings: one frozen object, built from arguments > environment > defaults.

Every setting is listed in :data:`FIELDS` with its environment variable and default; the README's
settings table is checked against this list by a test.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "data"


DB_FILE_NAME = "tertial.db"


def default_sqlite_url(data_dir: Path) -> str:
    """The database without ``TERTIAL_DATABASE_URL``: a SQLite file in the data folder."""
    return f"sqlite:///{Path(data_dir).resolve() / DB_FILE_NAME}"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str = ""  # empty: SQLite file tertial.db in data_dir
    host: str = "127.0.0.1"
    port: int = 8050
    max_upload_mb: float = 20.0
    parse_memory_mb: int = 3072  # address-space limit of the child process that reads a file
    parse_timeout_s: float = 120.0  # wall-clock limit of that child
    demo_on_empty: bool = True  # python app.py loads the demo data into an empty database
    # headline status limits (fractions): operations = smallest share of green assignments,
    # finance = largest |forecast deviation|; see dashboard.kpis.status.Thresholds
    operations_green: float = 0.90
    operations_yellow: float = 0.75
    finance_green: float = 0.02
    finance_yellow: float = 0.05
    # access control (dashboard/web/auth.py, README "Access control")
    auth_mode: str = "local"  # local | password | header
    secret_key: str = ""  # signs session cookies; empty: kept in <data_dir>/secret_key
    session_hours: float = 10.0  # a login lasts this long
    login_attempts: int = 5  # login attempts on a name within lockout_minutes before a lock
    lockout_minutes: float = 15.0  # how long a lock lasts (and attempts are counted)
    login_rate: int = 20  # login attempts per client address per minute, over all names
    restrict_departments: bool = False  # head and viewer see only their own department
    trusted_proxies: str = "127.0.0.1,::1"  # header mode: addresses (or networks) of the proxy
    user_header: str = "X-Forwarded-User"  # header mode: the user's name
    groups_header: str = "X-Forwarded-Groups"  # header mode: the groups, comma-separated
    department_header: str = "X-Forwarded-Department"  # header mode: a head's department
    group_roles: str = ""  # header mode: "group=role,group=role"
    # header mode: the secret the proxy adds to every request it passes on; a request without
    # it is not believed, even from a trusted address (any local process can reach that)
    proxy_secret: str = ""
    proxy_secret_header: str = "X-Tertial-Proxy-Secret"
    # the host names the app answers to ("tertial.myndighet.se", "name:port"); empty: any in
    # the password and header modes, the loopback names in the local mode (dashboard/web/hosts.py)
    allowed_hosts: str = ""
    debug: bool = False  # Dash's debug tools (local mode only)
    # the survey benchmark (dashboard/kpis/survey.py)
    survey_min_answers: int = 5  # figures resting on fewer answers are not shown
    survey_perspective: str = "processes"  # the overview card that shows the survey's headline
    # GET /export.xlsx makes at most this many rows in the request; larger views are made by
    # the page's background export (dashboard/web/export.py)
    export_inline_max_rows: int = 20_000
    # an import that would remove more than this share of a dataset's rows for a tertial (or
    # of the units) is a warning, and is stored only after an explicit second yes
    removal_warning: float = 0.20
    # the agency: its name on the report's cover and the login page (empty: the data's name
    # where it has one, else "Myndigheten" / "The agency"), and the contact line of the
    # accessibility statement (empty: the agency's registry, "myndighetens registrator")
    agency_name: str = ""
    contact: str = ""

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return default_sqlite_url(self.data_dir)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


# field -> environment variable
ENVIRONMENT: Mapping[str, str] = {
    "data_dir": "TERTIAL_DATA_DIR",
    "database_url": "TERTIAL_DATABASE_URL",
    "host": "TERTIAL_HOST",
    "port": "TERTIAL_PORT",
    "max_upload_mb": "TERTIAL_MAX_UPLOAD_MB",
    "parse_memory_mb": "TERTIAL_PARSE_MEMORY_MB",
    "parse_timeout_s": "TERTIAL_PARSE_TIMEOUT_S",
    "demo_on_empty": "TERTIAL_DEMO_ON_EMPTY",
    "operations_green": "TERTIAL_OPERATIONS_GREEN",
    "operations_yellow": "TERTIAL_OPERATIONS_YELLOW",
    "finance_green": "TERTIAL_FINANCE_GREEN",
    "finance_yellow": "TERTIAL_FINANCE_YELLOW",
    "auth_mode": "TERTIAL_AUTH_MODE",
    "secret_key": "TERTIAL_SECRET_KEY",
    "session_hours": "TERTIAL_SESSION_HOURS",
    "login_attempts": "TERTIAL_LOGIN_ATTEMPTS",
    "lockout_minutes": "TERTIAL_LOCKOUT_MINUTES",
    "login_rate": "TERTIAL_LOGIN_RATE",
    "restrict_departments": "TERTIAL_RESTRICT_DEPARTMENTS",
    "trusted_proxies": "TERTIAL_TRUSTED_PROXIES",
    "user_header": "TERTIAL_USER_HEADER",
    "groups_header": "TERTIAL_GROUPS_HEADER",
    "department_header": "TERTIAL_DEPARTMENT_HEADER",
    "group_roles": "TERTIAL_GROUP_ROLES",
    "proxy_secret": "TERTIAL_PROXY_SECRET",
    "proxy_secret_header": "TERTIAL_PROXY_SECRET_HEADER",
    "allowed_hosts": "TERTIAL_ALLOWED_HOSTS",
    "debug": "TERTIAL_DEBUG",
    "survey_min_answers": "TERTIAL_SURVEY_MIN_ANSWERS",
    "survey_perspective": "TERTIAL_SURVEY_PERSPECTIVE",
    "export_inline_max_rows": "TERTIAL_EXPORT_INLINE_MAX_ROWS",
    "removal_warning": "TERTIAL_REMOVAL_WARNING",
    "agency_name": "TERTIAL_AGENCY_NAME",
    "contact": "TERTIAL_CONTACT",
}

AUTH_MODES = ("local", "password", "header")
# most rights first; "director" is the director-general (generaldirektör), who adopts the
# follow-up; "reporter" assesses a department's assignments for its head (loaders/followup)
ROLES = ("admin", "director", "finance", "leadership", "head", "reporter", "viewer")
PERSPECTIVE_NAMES = ("operations", "finance", "staff", "processes")

# Every number must be finite and > 0; these also have an upper limit (inclusive).
UPPER_LIMITS: Mapping[str, float] = {
    "port": 65535,
    "operations_green": 1.0,
    "operations_yellow": 1.0,
    "finance_green": 1.0,
    "finance_yellow": 1.0,
    "session_hours": 24 * 31,
    "login_attempts": 1000,
    "lockout_minutes": 24 * 60,
    "login_rate": 100_000,
    "survey_min_answers": 1000,
    "removal_warning": 1.0,
}
# (smaller, larger): the first must not exceed the second. Operations limits are smallest
# green shares (green 0.90 above yellow 0.75); finance limits are largest deviations (green
# 0.02 below yellow 0.05).
ORDERED: tuple[tuple[str, str], ...] = (
    ("operations_yellow", "operations_green"),
    ("finance_green", "finance_yellow"),
)

# kind -> (Swedish, English) words for messages
KIND_WORDS: Mapping[str, tuple[str, str]] = {
    "int": ("ett heltal", "a whole number"), "float": ("ett ändligt tal", "a finite number"),
    "Path": ("en sökväg", "a path"), "str": ("en text", "a text"),
}

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nej"}


def _convert(name: str, raw: object) -> object:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if kind == "bool":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise ValueError(f"{ENVIRONMENT[name]}: väntade true eller false, fick {raw!r} / "
                         f"expected true or false, got {raw!r}")
    converters = {"int": int, "float": float, "Path": Path, "str": str}
    try:
        return converters[kind](text)
    except ValueError as exc:
        sv, en = KIND_WORDS[kind]
        raise ValueError(f"{ENVIRONMENT[name]}: väntade {sv}, fick {raw!r} / "
                         f"expected {en}, got {raw!r}") from exc


def load_settings(overrides: Mapping[str, object] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Arguments (``overrides``, None values ignored) > environment > defaults."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for name, variable in ENVIRONMENT.items():
        if variable in environ and environ[variable] != "":
            values[name] = _convert(name, environ[variable])
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _convert(name, value)
    settings = Settings(**values)
    _validate(settings)
    return settings


def _check_number(name: str, kind: str, value: object) -> None:
    """A number setting must be a finite number > 0 (a whole one for an int setting), at
    most its upper limit."""
    variable, upper = ENVIRONMENT[name], UPPER_LIMITS.get(name, math.inf)
    allowed = int if kind == "int" else int | float
    number = value if isinstance(value, allowed) and not isinstance(value, bool) else None
    if number is None or not math.isfinite(number) or not 0 < number <= upper:
        limit = "" if upper == math.inf else f" <= {upper:g}"
        sv, en = KIND_WORDS[kind]
        raise ValueError(f"{variable}: måste vara {sv} > 0{limit.replace('<', 'och <')}, "
                         f"fick {value!r} / must be {en} > 0{limit.replace('<', 'and <')}, "
                         f"got {value!r}")


def _validate(settings: Settings) -> None:
    """Refuse numbers a setting cannot mean (``inf``, ``nan``, 0, negative, a port beyond
    65535) and threshold pairs in the wrong order; the message names the variable."""
    for field in fields(Settings):
        if field.type in ("int", "float"):
            _check_number(field.name, field.type, getattr(settings, field.name))
    _check_access(settings)
    if settings.survey_perspective not in PERSPECTIVE_NAMES:
        names = " | ".join(PERSPECTIVE_NAMES)
        raise ValueError(f"TERTIAL_SURVEY_PERSPECTIVE: väntade {names}, fick "
                         f"{settings.survey_perspective!r} / expected {names}, "
                         f"got {settings.survey_perspective!r}")
    for smaller, larger in ORDERED:
        if getattr(settings, smaller) > getattr(settings, larger):
            raise ValueError(
                f"{ENVIRONMENT[smaller]} får inte vara större än {ENVIRONMENT[larger]} / "
                f"must not be greater than {ENVIRONMENT[larger]}: "
                f"{getattr(settings, smaller)!r} > {getattr(settings, larger)!r}")


def _check_access(settings: Settings) -> None:
    """The mode must be one we know, every trusted proxy an address or network, every group
    mapped to a role we know, and debug tools (which show tracebacks) only in local mode."""
    if settings.auth_mode not in AUTH_MODES:
        raise ValueError(f"TERTIAL_AUTH_MODE: väntade {' | '.join(AUTH_MODES)}, fick "
                         f"{settings.auth_mode!r} / expected {' | '.join(AUTH_MODES)}, "
                         f"got {settings.auth_mode!r}")
    trusted_networks(settings)
    group_role_map(settings)
    if settings.debug and settings.auth_mode != "local":
        raise ValueError("TERTIAL_DEBUG: bara i läget local / only in the local mode")
    if settings.auth_mode == "header" and len(settings.proxy_secret) < MIN_PROXY_SECRET:
        raise ValueError(
            f"TERTIAL_PROXY_SECRET: läget header kräver en hemlighet på minst "
            f"{MIN_PROXY_SECRET} tecken som proxyn lägger till i varje förfrågan (README, "
            f"Produktion) / the header mode needs a secret of at least {MIN_PROXY_SECRET} "
            "characters that the proxy adds to every request (README, Production)")
    for host in allowed_hosts(settings):
        if settings.auth_mode == "local" and host.partition(":")[0] not in LOOPBACK_NAMES:
            raise ValueError(
                f"TERTIAL_ALLOWED_HOSTS: {host!r}: läget local svarar bara på "
                f"{', '.join(LOOPBACK_NAMES)} / the local mode answers only to "
                f"{', '.join(LOOPBACK_NAMES)}")


MIN_PROXY_SECRET = 16
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")  # the local mode's host names


def allowed_hosts(settings: Settings) -> tuple[str, ...]:
    """``TERTIAL_ALLOWED_HOSTS`` as lower-case ``name`` or ``name:port`` entries (an IPv6
    address in brackets); a malformed entry is refused."""
    hosts = []
    for item in _items(settings.allowed_hosts):
        name, port = split_host(item)
        if name is None:
            raise ValueError(f"TERTIAL_ALLOWED_HOSTS: {item!r} är inget värdnamn / is not a "
                             "host name")
        hosts.append(name if port is None else f"{name}:{port}")
    return tuple(hosts)


def split_host(text: str) -> tuple[str | None, int | None]:
    """``("name", port)`` of a ``Host`` header or an allowed host, lower-case, an IPv6
    address in brackets; ``(None, None)`` for anything else (a path, a user, a bad port)."""
    text = text.strip().lower()
    if not text or any(c in text for c in "/?#@\\ \t"):
        return None, None
    name, port = text, None
    if text.startswith("["):
        end = text.find("]")
        if end < 0 or (text[end + 1:] and not text[end + 1:].startswith(":")):
            return None, None
        name, rest = text[:end + 1], text[end + 2:]
        port = rest if text[end + 1:] else None
    elif ":" in text:
        name, port = text.rsplit(":", 1)
        if ":" in name:
            return None, None
    if port is None:
        return name, None
    if not port.isdigit() or port.startswith("0") or not 0 < int(port) <= 65535:
        return None, None  # "08050" is no port a browser writes
    return (name, int(port)) if name else (None, None)


def trusted_networks(settings: Settings) -> tuple[IPv4Network | IPv6Network, ...]:
    """``TERTIAL_TRUSTED_PROXIES`` as networks (a single address is a network of one)."""
    networks = []
    for item in _items(settings.trusted_proxies):
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError as exc:
            raise ValueError(f"TERTIAL_TRUSTED_PROXIES: {item!r} är ingen adress / "
                             f"is not an address") from exc
    return tuple(networks)


def group_role_map(settings: Settings) -> dict[str, str]:
    """``TERTIAL_GROUP_ROLES`` (``grupp=roll,grupp=roll``) as group -> role."""
    mapping = {}
    for item in _items(settings.group_roles):
        group, sep, role = (part.strip() for part in item.rpartition("="))
        if not sep or not group or role not in ROLES:
            raise ValueError(f"TERTIAL_GROUP_ROLES: {item!r}: väntade grupp=roll med en roll "
                             f"bland {', '.join(ROLES)} / expected group=role with a role "
                             f"among {', '.join(ROLES)}")
        mapping[group] = role
    return mapping


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]
