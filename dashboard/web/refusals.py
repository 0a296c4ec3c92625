"""Every refused request in the audit log, once: what :func:`dashboard.web.answers.note_refusal`
noted during the request, written when its answer is made, with the reason and what was asked
(method, path, a Dash callback's output), by the request's user ("-" for none) and from the
client's address. The log keeps at most so many per address in a window
(``loaders.records.audit.AuditLog.refusal``), so a flood of refused requests cannot fill it.
"""

from __future__ import annotations

import logging

import flask

from dashboard.web.answers import REFUSED
from dashboard.web.auth import client_address, current_user
from dashboard.web.context import current

log = logging.getLogger(__name__)
CALLBACK_PATH = "/_dash-update-component"
MAX_OUTPUT = 120  # characters of a callback's output named in the log


def asked(request: flask.Request) -> str:
    """The request as the log names it: method and path, and a Dash callback's output."""
    text = f"{request.method} {request.path}"
    if request.path.endswith(CALLBACK_PATH) and request.is_json:
        body = request.get_json(silent=True)
        output = body.get("output") if isinstance(body, dict) else None
        if isinstance(output, str):
            text += f" {output[:MAX_OUTPUT]}"
    return text


def _write(response: flask.Response) -> flask.Response:
    noted = flask.g.pop(REFUSED, None)
    if noted is None:
        return response
    reason, user = noted
    if user is None:
        found = current_user()
        user = found.name if found is not None else "-"
    try:
        current().audit.refusal(user, f"{reason} {asked(flask.request)}", client_address())
    except Exception:  # noqa: BLE001 - the refusal stands; say in the server's log why unlogged
        log.exception("a refusal could not be written to the audit log: %s", reason)
    return response


def install(server: flask.Flask) -> None:
    """Write the request's refusal, if any, when its answer is made (after every request)."""
    server.after_request(_write)
