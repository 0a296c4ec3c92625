"""What every response carries and every state-changing request must pass, whoever asks.

Headers, through flask-talisman (a maintained library for exactly this) and, for the policy,
our own hook: a Content-Security-Policy that Dash works under (scripts only from the app
itself plus the hashes of Dash's own inline scripts, ``Dash.csp_hashes``; inline styles
allowed, as Mantine and plotly set them), no framing by other sites (``frame-ancestors
'none'`` and ``X-Frame-Options: DENY``), ``nosniff`` and ``Referrer-Policy: same-origin``.
HTTPS is the reverse proxy's job (README, Production), so no redirect here; HSTS is sent on
requests that arrived over TLS.

Cross-site requests: a browser sends ``Origin`` with every POST; a POST (a Dash callback, an
upload) whose ``Origin`` is another site is refused with 403 before it reaches any code, as
is one the browser marks ``Sec-Fetch-Site: cross-site``. Requests without either (scripts,
``curl``) are not a CSRF risk and pass; who may do what is access control's job.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import dash
import flask
from flask_talisman import Talisman

from dashboard.text.i18n import LANGUAGES, t

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


def cross_site(request: flask.Request) -> bool:
    """A state-changing request that a page of another site made the browser send."""
    if request.method not in STATE_CHANGING:
        return False
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if not origin:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != request.host.lower()


def _refuse_cross_site() -> flask.Response | None:
    if not cross_site(flask.request):
        return None
    message = {lang: t("security.cross_site", lang) for lang in LANGUAGES}
    return flask.make_response(flask.jsonify(error=message), 403)


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
    app.server.before_request(_refuse_cross_site)

    @app.server.after_request
    def _policy(response: flask.Response) -> flask.Response:
        response.headers["Content-Security-Policy"] = _policy_text(content_security_policy(app))
        return response
