"""The host names the app answers to, and the origins that may send it a state-changing request.

DNS rebinding: a web page on ``evil.example`` whose name the attacker then points at
127.0.0.1 makes the reader's browser talk to the local app, with ``Host: evil.example:8050``
and, for a POST, ``Origin: http://evil.example:8050``. The two agree with each other, so
comparing ``Origin`` with ``Host`` lets it through; comparing both with the names the app is
meant to be reached by does not.

* The local mode (no login, every request from this computer is the administrator) answers
  only to the loopback names ``127.0.0.1``, ``localhost`` and ``[::1]`` on the port the
  server listens on (``TERTIAL_ALLOWED_HOSTS`` may narrow that, never widen it).
* The password and header modes answer to ``TERTIAL_ALLOWED_HOSTS`` when it is set (an
  entry ``name`` on any port, ``name:port`` on that port), to any host otherwise (their
  login is bound to the host name, so a rebound name gets no session; the README's
  production setup sets the list all the same).
* An ``Origin`` must name an allowed host, with the scheme the request came over (an
  ``https`` page does not post to plain http, nor the other way) and the request's own port;
  without a list, the request's own ``Host``.

Pure functions of the header text, the settings and the listening port, so they are tested
without a server; ``dashboard/web/security.py`` applies them to every request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from loaders.settings import LOOPBACK_NAMES, Settings, allowed_hosts, split_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _entries(settings: Settings) -> tuple[str, ...]:
    listed = allowed_hosts(settings)
    if settings.auth_mode == "local":
        return listed or LOOPBACK_NAMES
    return listed


def _matches(name: str, port: int, entries: tuple[str, ...]) -> bool:
    for entry in entries:
        allowed, allowed_port = split_host(entry)
        if allowed == name and allowed_port in (None, port):
            return True
    return False


def host_allowed(host: str | None, settings: Settings, *, scheme: str,
                 server_port: int | None) -> bool:
    """May a request with this ``Host`` header be answered? ``scheme`` is the one the
    browser used (``https`` behind a TLS proxy), ``server_port`` the port this server
    listens on (``SERVER_PORT``)."""
    name, port = split_host(host or "")
    if name is None:
        return False
    effective = port if port is not None else DEFAULT_PORTS.get(scheme, 80)
    if settings.auth_mode == "local":
        return effective == server_port and _matches(name, effective, _entries(settings))
    entries = _entries(settings)
    return not entries or _matches(name, effective, entries)


def origin_allowed(origin: str, host: str | None, settings: Settings, *, scheme: str,
                   server_port: int | None) -> bool:
    """May a page of ``origin`` send this request (to ``host``, over ``scheme``)?"""
    if not origin or origin == "null":
        return False
    try:
        parts = urlsplit(origin)
        origin_port = parts.port
    except ValueError:
        return False
    if (parts.scheme != scheme or not parts.hostname or parts.path or parts.query
            or parts.fragment or "#" in origin or "@" in parts.netloc):
        return False  # a browser's Origin is scheme://host[:port], nothing more
    netloc = parts.netloc.lower()
    name, port = split_host(netloc)
    request_name, request_port = split_host(host or "")
    if name is None or request_name is None:
        return False
    effective = origin_port if origin_port is not None else DEFAULT_PORTS[scheme]
    request_effective = request_port if request_port is not None else DEFAULT_PORTS[scheme]
    if effective != request_effective:
        return False
    if settings.auth_mode != "local" and not _entries(settings):
        return name == request_name
    return host_allowed(netloc, settings, scheme=scheme, server_port=server_port)
