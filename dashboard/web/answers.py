"""The web edge's answers: a refusal as JSON for callbacks and routes or as a plain page for a
browser, and the server-rendered pages' templates (Jinja, autoescaped, no script).

Every refusal is noted for the audit log, once per request, by :func:`note_refusal`: the
gate's and the cross-site check's (:func:`refusal`: no login, no trusted proxy, no user or
role in the headers, no department), every :class:`Refused` of 401 or 403 (``require``
notes its own first, with the action), and the others a door notes itself (a refused page,
another user's export job). ``dashboard.web.refusals`` writes the note when the answer is
made, at most so many per client address (``loaders.records.audit.AuditLog.refusal``).
"""

from __future__ import annotations

import flask
from jinja2 import Environment, PackageLoader, select_autoescape
from werkzeug.exceptions import HTTPException

from dashboard.text.i18n import LANGUAGES, t
from dashboard.web.context import current
from dashboard.web.paths import LOGIN_PATH

REFUSED = "tertial_refused"  # flask.g: (reason, user) of the request's refusal, for the log
LOGGED_CODES = frozenset({401, 403})  # a Refused of these is a refusal (404, 503 are answers)
TEMPLATES = Environment(loader=PackageLoader("dashboard", "templates"),
                        autoescape=select_autoescape(default=True, default_for_string=True))


class Refused(HTTPException):
    """403 (or 401) with a message in both languages, as JSON, for callbacks and routes."""

    def __init__(self, key: str, code: int = 403, **fields: object):
        super().__init__()
        self.code, self.key, self.fields = code, key, fields

    def get_response(self, environ=None, scope=None) -> flask.Response:
        if self.code in LOGGED_CODES:
            note_refusal(self.key)
        message = {lang: t(self.key, lang, **self.fields) for lang in LANGUAGES}
        return flask.make_response(flask.jsonify(error=message), self.code)


def message_page(key: str, code: int) -> flask.Response:
    """A refusal as a page: the message in Swedish, then English."""
    login = current().settings.auth_mode == "password"
    html = TEMPLATES.get_template("message.html").render(
        messages=[(lang, t(key, lang)) for lang in LANGUAGES],
        login_href=LOGIN_PATH if login else "", login_text=t("auth.login_title"))
    return flask.make_response(html, code)


def refusal(key: str, code: int) -> flask.Response:
    """A page for a page request, JSON for everything else (callbacks, routes); logged."""
    note_refusal(key)
    request = flask.request
    if request.method == "GET" and not request.path.startswith("/_"):
        return message_page(key, code)
    return Refused(key, code).get_response()



def note_refusal(reason: str, user: str | None = None) -> None:
    """Say why this request is refused, for the audit log: ``dashboard.web.refusals`` writes
    it once the answer is made, by ``user`` or the request's user. The first reason noted in a
    request is the one kept: one row per request, whichever door refused it."""
    if flask.has_request_context():
        flask.g.setdefault(REFUSED, (reason, user))
