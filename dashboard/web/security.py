"""What every response carries and every state-changing request must pass, whoever asks.

Headers, through flask-talisman (a maintained library for exactly this) and, for the policy,
our own hook: a Content-Security-Policy that Dash works under (scripts only from the app
itself plus the hashes of Dash's own inline scripts, ``Dash.csp_hashes``; inline styles
allowed, as Mantine and plotly set them), no framing by other sites (``frame-ancestors
'none'`` and ``X-Frame-Options: DENY``), ``nosniff`` and ``Referrer-Policy: same-origin``.
HTTPS is the reverse proxy's job (README, Production), so no redirect here; HSTS is sent on
requests that arrived over TLS.

Before anything else runs, a request for a host name the installation does not answer to is
refused with 400 (DNS rebinding, ``dashboard/web/hosts.py``), and a cross-site request with
403: a browser sends ``Origin`` with every POST, and a POST (a Dash callback, an upload)
whose ``Origin`` is not an allowed host over the request's scheme is refused before it
reaches any code, as is one the browser marks ``Sec-Fetch-Site: cross-site``. Requests
without either (scripts, ``curl``) are not a CSRF risk and pass; who may do what is access
control's job.
"""

from __future__ import annotations

import dash
import flask
from flask_talisman import Talisman

from dashboard.web.answers import refusal
from dashboard.web.auth import secure_request
from dashboard.web.context import current
from dashboard.web.hosts import host_allowed, origin_allowed
from loaders.settings import Settings

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def content_security_policy(app: dash.Dash) -> dict[str, object]:
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def _scheme_and_port(request: flask.Request, settings: Settings) -> tuple[str, int | None]:
    """The scheme the browser used (https behind a TLS proxy) and the port we listen on."""
    port = request.environ.get("SERVER_PORT", "")
    return ("https" if secure_request(settings) else "http",
            int(port) if str(port).isdigit() else None)


def unknown_host(request: flask.Request, settings: Settings) -> bool:
    """A request for a host name this installation does not answer to (DNS rebinding)."""
    scheme, port = _scheme_and_port(request, settings)
    return not host_allowed(request.headers.get("Host"), settings, scheme=scheme,
                            server_port=port)


def cross_site(request: flask.Request, settings: Settings) -> bool:
    """A state-changing request that a page of another site made the browser send: marked
    ``Sec-Fetch-Site: cross-site``, or with an ``Origin`` that is not an allowed host over
    the request's scheme (``dashboard/web/hosts.py``). One without either (scripts, ``curl``)
    is no CSRF risk; who may do what is access control's job."""
    if request.method not in STATE_CHANGING:
        return False
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    scheme, port = _scheme_and_port(request, settings)
    return not origin_allowed(origin, request.headers.get("Host"), settings, scheme=scheme,
                              server_port=port)


def _refuse_foreign() -> flask.Response | None:
    settings = current().settings
    if unknown_host(flask.request, settings):
        return refusal("security.unknown_host", 400)
    if not cross_site(flask.request, settings):
        return None
    return refusal("security.cross_site", 403)  # a POST: the JSON answer, and logged


def _policy_text(policy: dict[str, object]) -> str:
    return "; ".join(f"{name} {' '.join(v) if isinstance(v, list) else v}"
                     for name, v in policy.items())


def install(app: dash.Dash) -> None:
    """The headers on every response, the cross-site refusal before every request.

    The policy is written per response: Dash adds inline scripts of its own (the pages'
    clientside callbacks) when it sets itself up on the first request, after this runs, and
    ``Dash.csp_hashes`` hashes whatever there is by then (a few short scripts)."""
    Talisman(app.server, content_security_policy=None, force_https=False,
             frame_options="DENY", referrer_policy="same-origin", session_cookie_secure=False)
    app.server.before_request(_refuse_foreign)

    @app.server.after_request
    def _policy(response: flask.Response) -> flask.Response:
        response.headers["Content-Security-Policy"] = _policy_text(content_security_policy(app))
        return response
