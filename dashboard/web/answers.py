"""The web edge's answers: a refusal as JSON for callbacks and routes or as a plain page for a
browser, and the server-rendered pages' templates (Jinja, autoescaped, no script)."""

from __future__ import annotations

import flask
from jinja2 import Environment, PackageLoader, select_autoescape
from werkzeug.exceptions import HTTPException

from dashboard.text.i18n import LANGUAGES, t
from dashboard.web.context import current
from dashboard.web.paths import LOGIN_PATH

TEMPLATES = Environment(loader=PackageLoader("dashboard", "templates"),
                        autoescape=select_autoescape(default=True, default_for_string=True))


class Refused(HTTPException):
    """403 (or 401) with a message in both languages, as JSON, for callbacks and routes."""

    def __init__(self, key: str, code: int = 403, **fields: object):
        super().__init__()
        self.code, self.key, self.fields = code, key, fields

    def get_response(self, environ=None, scope=None) -> flask.Response:
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
    """A page for a page request, JSON for everything else (callbacks, routes)."""
    request = flask.request
    if request.method == "GET" and not request.path.startswith("/_"):
        return message_page(key, code)
    return Refused(key, code).get_response()
