"""The password mode's login and logout pages and routes.

Server-rendered HTML (Jinja with autoescaping, no script), so the login works before any of
the dashboard's scripts are allowed to load. ``GET /logga-in`` shows the form (``?lang=en``
in English); ``POST /logga-in`` checks the password (``loaders.records.accounts``: argon2id,
each attempt counted before its password is checked, a lock after repeated failures, a
throttle per client address answered with 429) and starts the session; ``POST /logga-ut``
ends it. Every outcome is written to the audit log. After a login the browser goes back to
the page it asked for (``next``), but only to a path on this site.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import flask
import flask_login

from dashboard.text.formatting import local_time
from dashboard.text.i18n import language, t
from dashboard.views.agency import agency_name
from dashboard.web.answers import TEMPLATES
from dashboard.web.auth import client_address, current_user, user_of
from dashboard.web.context import current
from dashboard.web.paths import LOGIN_PATH, LOGOUT_PATH
from loaders.language import pick

blueprint = flask.Blueprint("login", __name__)
TEXT_KEYS = ("title", "intro", "name", "password", "submit", "other_language")
RETRY_AFTER_S = 60  # a throttled address's window is a minute (TERTIAL_LOGIN_RATE)


def safe_next(target: str | None) -> str:
    """``target`` if it is a path on this site, else the start page (no open redirect).

    No control character either: browsers drop tabs and line breaks from an address, so
    ``/<tab>/evil.example`` would become ``//evil.example``, another site."""
    if (not target or not target.startswith("/") or target.startswith("//")
            or "\\" in target or not target.isprintable()):
        return "/"
    return target


def _form(lang: str, *, message: str = "", tone: str = "info", name: str = "",
          next_path: str = "/", status: int = 200) -> flask.Response:
    other = pick(lang, "en", "sv")
    switch = urlencode({"lang": other, "next": next_path})
    html = TEMPLATES.get_template("login.html").render(
        lang=lang, text={k: t(f"auth.login_{k}", lang) for k in TEXT_KEYS},
        agency=agency_name(current().settings.agency_name, lang),
        message=message, tone=tone, name=name, next=next_path, action=LOGIN_PATH,
        other_lang=other, other_href=f"{LOGIN_PATH}?{switch}")
    response = flask.make_response(html, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get(LOGIN_PATH)
def login_form() -> flask.Response:
    lang = language(flask.request.args.get("lang", "sv"))
    if current().settings.auth_mode != "password":
        return flask.redirect("/")
    notice = t("auth.logged_out", lang) if flask.request.args.get("ut") else ""
    return _form(lang, message=notice, next_path=safe_next(flask.request.args.get("next")))


@blueprint.post(LOGIN_PATH)
def login() -> flask.Response:
    app, form = current(), flask.request.form
    lang = language(form.get("lang", "sv"))
    name, next_path = form.get("name", "").strip()[:100], safe_next(form.get("next"))
    if app.settings.auth_mode != "password":
        return flask.redirect("/")
    address = client_address()
    attempt = app.accounts.authenticate(name, form.get("password", ""), address=address)
    if attempt.outcome == "ok":
        flask.session.permanent = True
        flask_login.login_user(user_of(attempt.account))
        app.audit.record(attempt.account.name, "login", "", address)
        return flask.redirect(next_path)
    app.audit.record(name or "-", "locked" if attempt.locked_now else "login_failed",
                     attempt.outcome, address)
    if attempt.outcome == "wrong":
        message = t("auth.wrong", lang)
    elif attempt.outcome == "locked":  # the same words for a known and an unknown name
        message = t("auth.locked", lang, time=local_time(attempt.locked_until))
    else:  # the address's minute ends within the minute shown
        ends = attempt.locked_until + dt.timedelta(seconds=59)
        message = t("auth.throttled", lang, time=local_time(ends))
    response = _form(lang, message=message, tone="error", name=name, next_path=next_path,
                     status=429 if attempt.outcome == "throttled" else 401)
    if attempt.outcome == "throttled":
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


@blueprint.post(LOGOUT_PATH)
def logout() -> flask.Response:
    app, user = current(), current_user()
    lang = language(flask.request.form.get("lang", "sv"))
    if user is not None and app.settings.auth_mode == "password":
        app.accounts.end_sessions(user.name)  # the cookie can no longer be replayed
        app.audit.record(user.name, "logout", "", client_address())
    flask_login.logout_user()
    flask.session.clear()
    return flask.redirect(f"{LOGIN_PATH}?ut=1&lang={lang}")


def install(server: flask.Flask) -> None:
    server.register_blueprint(blueprint)
