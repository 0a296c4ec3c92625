"""The web edge's answers: every refusal and every expected error becomes one answer here.

One request, one form, chosen by :func:`form_of` from the request alone:
- **JSON** ``{"error": {"sv": …, "en": …}}`` (and the error's ``code``) for Dash's callbacks
  and every other address under ``/_``, for a request that is not a GET (the upload's fetch,
  a form) and for a client that asks for JSON first;
- **plain text**, Swedish then English, for a download's address (a route marked
  :func:`download`: the Excel export and its jobs, an import's original file, the calendar,
  the report's PDFs), which a browser shows as it is and a script can read;
- **a page** (``message.html``) for every other GET: the reader clicked a link.

:func:`answer` makes one from a key of the table of texts, :func:`error_answer` from a typed
error (:class:`loaders.errors.TertialError` and its kinds, registered as Flask's error handler
by :func:`install`, so a route may simply raise it), and :class:`Refused` is the exception a
route or a callback raises to stop with an answer. The same mapping as datasette's
``handle_exception``: the doors decide *what* to say, this module decides *how*.

Every refusal is noted for the audit log, once per request, by :func:`note_refusal`: the
gate's and the cross-site check's (:func:`refusal`: no login, no trusted proxy, no user or
role in the headers, no department), every :class:`Refused` of 401 or 403 (``require``
notes its own first, with the action), and the others a door notes itself (a refused page,
another user's export job). ``dashboard.web.refusals`` writes the note when the answer is
made, at most so many per client address (``loaders.records.audit.AuditLog.refusal``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal, TypeVar

import flask
from jinja2 import Environment, PackageLoader, select_autoescape
from werkzeug.exceptions import HTTPException

from dashboard.text.formatting import number
from dashboard.text.i18n import LANGUAGES, t
from dashboard.web.context import current
from dashboard.web.paths import LOGIN_PATH
from loaders.errors import TertialError

REFUSED = "tertial_refused"  # flask.g: (reason, user) of the request's refusal, for the log
LOGGED_CODES = frozenset({401, 403})  # a Refused of these is a refusal (404, 503 are answers)
TEMPLATES = Environment(loader=PackageLoader("dashboard", "templates"),
                        autoescape=select_autoescape(default=True, default_for_string=True))


DOWNLOAD = "tertial_download"  # the attribute that marks a view function as a download
ERROR_STATUS = 400  # a typed error's status: the request asked for something that cannot be
Form = Literal["json", "text", "page"]
View = TypeVar("View", bound=Callable[..., object])


def download(view: View) -> View:
    """Mark a route as a download's address: its answers other than the file are plain text."""
    setattr(view, DOWNLOAD, True)
    return view


def form_of(request: flask.Request) -> Form:
    """How this request is answered (see the module's docstring)."""
    if (request.path.startswith("/_") or request.method not in ("GET", "HEAD")
            or request.accept_mimetypes.best == "application/json"):
        return "json"
    view = flask.current_app.view_functions.get(request.endpoint or "")
    return "text" if getattr(view, DOWNLOAD, False) else "page"


def respond(status: int, messages: Mapping[str, str], code: str | None = None) -> flask.Response:
    """``messages`` (one per language) as the answer this request takes, with ``status``."""
    form = form_of(flask.request)
    if form == "json":
        body = {"error": dict(messages), **({"code": code} if code else {})}
        return flask.make_response(flask.jsonify(body), status)
    if form == "text":
        text = "\n".join(messages[lang] for lang in LANGUAGES) + "\n"
        response = flask.Response(text, status=status, mimetype="text/plain")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
    login = status in LOGGED_CODES and current().settings.auth_mode == "password"
    html = TEMPLATES.get_template("message.html").render(
        messages=[(lang, messages[lang]) for lang in LANGUAGES],
        login_href=LOGIN_PATH if login else "", login_text=t("auth.login_title"))
    return flask.make_response(html, status)


def answer(status: int, key: str, counts: Mapping[str, int] | None = None,
           **fields: object) -> flask.Response:
    """The text ``key`` of the table of texts as this request's answer; ``counts`` are
    written as each language writes numbers (``1 234`` in Swedish, ``1,234`` in English)."""
    return respond(status, {
        lang: t(key, lang, **fields,
                **{name: number(value, lang=lang) for name, value in (counts or {}).items()})
        for lang in LANGUAGES})


def error_answer(error: TertialError) -> flask.Response:
    """A typed error raised by a route as its answer: 400 with its messages and code."""
    return respond(ERROR_STATUS, {lang: error.message(lang) for lang in LANGUAGES},
                   code=error.code)


class Refused(HTTPException):
    """A route or callback stops with the answer ``key`` (403 unless ``code`` says else);
    401 and 403 are refusals, noted for the audit log."""

    def __init__(self, key: str, code: int = 403, **fields: object):
        super().__init__()
        self.code, self.key, self.fields = code, key, fields

    def get_response(self, environ=None, scope=None) -> flask.Response:
        if self.code in LOGGED_CODES:
            note_refusal(self.key)
        return answer(self.code, self.key, **self.fields)


def refusal(key: str, code: int) -> flask.Response:
    """The gate's refusal ``key`` as this request's answer; noted for the audit log."""
    note_refusal(key)
    return answer(code, key)



def note_refusal(reason: str, user: str | None = None) -> None:
    """Say why this request is refused, for the audit log: ``dashboard.web.refusals`` writes
    it once the answer is made, by ``user`` or the request's user. The first reason noted in a
    request is the one kept: one row per request, whichever door refused it."""
    if flask.has_request_context():
        flask.g.setdefault(REFUSED, (reason, user))


def install(server: flask.Flask) -> None:
    """Every typed error a route raises answered here (:func:`error_answer`)."""
    server.register_error_handler(TertialError, error_answer)
