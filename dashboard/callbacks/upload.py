"""The upload page's steps after the file has arrived: follow the check, show the report and
the preview, import on confirmation, cancel, check again with a chosen tertial.

The file itself arrives through ``dashboard.web.upload`` (the page's script stores the
route's answer in ``UPLOAD_RESPONSE``); from there on everything goes through the staging
area (``loaders.imports.staging``), which any worker can read, so the steps may land on different
gunicorn workers. Nothing here writes data except :func:`confirm`, which imports through the
store in one transaction.
"""

from __future__ import annotations

import contextlib

import dash
from dash import ALL, Input, Output, State, callback, html, no_update

from dashboard import ids
from dashboard.components.preview import preview_view
from dashboard.components.upload import issues_table, removal_section
from dashboard.reports.check_report import report_workbook
from dashboard.state.address import language_of
from dashboard.text.i18n import t
from dashboard.web.auth import actor, client_address, require
from dashboard.web.context import current
from loaders.errors import TertialError
from loaders.followup.rules import Assessment
from loaders.language import language, pick

FINAL = frozenset({"ready", "refused", "identical", "failed", "imported"})


def _file(status: dict) -> str:
    return status.get("file_name") or ""


def _issues(result: dict) -> list[dict]:
    return (result.get("report") or {}).get("issues") or []


def _counts(result: dict, lang: str) -> str:
    counts = (result.get("report") or {}).get("counts") or {}
    return t("upload.counts", lang, errors=counts.get("error", 0),
             warnings=counts.get("warning", 0), notices=counts.get("notice", 0))


def _message(found: object, lang: str) -> str | None:
    """The text of a {code, message_sv, message_en} dict in the language."""
    if not isinstance(found, dict):
        return None
    return found.get(f"message_{language(lang)}")


def _report(result: dict, lang: str) -> list:
    """The refusal's reason, or the counts and the table of issues (errors first)."""
    parts: list = []
    reason = _message(result.get("refusal"), lang)
    if reason:
        parts.append(html.P(reason, className="refusal"))
    issues, report = _issues(result), result.get("report") or {}
    if issues:
        parts += [html.H2(t("upload.report_heading", lang)), html.P(_counts(result, lang))]
        if report.get("capped"):
            total = sum((report.get("counts") or {}).values())
            parts.append(html.P(t("upload.capped", lang, shown=len(issues), total=total)))
        parts.append(issues_table(issues, lang))
    return parts


def _needs_period(result: dict) -> bool:
    return any(i.get("code") == "period_missing" for i in _issues(result))


def view(status: dict | None, lang: str) -> tuple[str, list, bool, bool, bool, bool]:
    """(status line, result parts, keep polling, show actions, show period box, show the
    report download) for a staged upload's status."""
    if not status or status.get("state") == "unknown":
        return t("upload.gone", lang), [], False, False, False, False
    state, name = status.get("state"), _file(status)
    result = status.get("result") or {}
    if status.get("stalled"):  # its worker went away mid-check: nothing will come
        return t("upload.stalled", lang, file=name), [], False, False, False, False
    if state not in FINAL:
        queued = (status.get("steps") or [{}])[-1].get("step") == "queued"
        return t("upload.queued" if queued else "upload.checking", lang, file=name), [], True, \
            False, False, False
    has_issues = bool(_issues(result))
    if state == "ready":
        removal = removal_section(result, lang)  # first: the numbers and the second yes
        parts = [*([removal] if removal else []), *_report(result, lang),
                 *preview_view(result.get("preview"), lang)]
        return t("upload.ready", lang, file=name), parts, False, True, False, has_issues
    if state == "identical" and result.get("unchanged"):
        return t("upload.unchanged", lang, file=name), [], False, False, False, False
    if state == "identical":
        return (t("upload.identical", lang, file=name, id=result.get("identical_to")),
                [], False, False, False, False)
    if state == "refused":
        return (t("upload.refused", lang, file=name), _report(result, lang), False, False,
                _needs_period(result), has_issues)
    if state == "imported":
        return t("upload.imported", lang, id=status.get("import_id")), [], False, False, False, \
            False
    reason = _message(result.get("message"), lang) or t("upload.failed", lang, file=name)
    return reason, [], False, False, False, False


def _status(token: str | None) -> dict | None:
    if not token:
        return None
    try:
        return current().staging.status(token)
    except TertialError:
        return None


@callback(
    Output(ids.UPLOAD_TOKEN, "data", allow_duplicate=True),
    Output(ids.UPLOAD_POLL, "disabled", allow_duplicate=True),
    Output(ids.UPLOAD_STATUS, "children", allow_duplicate=True),
    Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
    Output(ids.UPLOAD_OUTCOME, "children", allow_duplicate=True),
    Output(ids.UPLOAD_ACTIONS, "hidden", allow_duplicate=True),
    Input(ids.UPLOAD_RESPONSE, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def received(response, search):
    """The route's answer: a token to follow, or why the file was not taken."""
    require("upload")
    lang = language_of(search)
    response = response if isinstance(response, dict) else {}
    token = response.get("token")
    if isinstance(token, str) and token:
        name = str(response.get("file_name") or "")
        return token, False, t("upload.checking", lang, file=name), [], None, True
    error = response.get("error")
    message = error.get(language(lang)) if isinstance(error, dict) else None
    return None, True, message or t("upload.send_failed", lang), [], None, True


@callback(
    Output(ids.UPLOAD_STATUS, "children", allow_duplicate=True),
    Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
    Output(ids.UPLOAD_POLL, "disabled", allow_duplicate=True),
    Output(ids.UPLOAD_ACTIONS, "hidden", allow_duplicate=True),
    Output(ids.UPLOAD_PERIOD_BOX, "hidden"),
    Output(f"{ids.UPLOAD_REPORT_BUTTON}-box", "hidden"),
    Output(ids.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
    Input(ids.UPLOAD_POLL, "n_intervals"),
    Input(ids.UPLOAD_TOKEN, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def follow(_n, token, search):
    """The check's progress; when it is done, the report, the preview and the buttons
    (Importera disabled while a large removal waits for its yes)."""
    require("upload")
    if not token:
        return no_update, no_update, True, True, True, True, no_update
    status = _status(token)
    line, parts, polling, show_actions, show_period, show_report = view(
        status, language_of(search))
    waits = bool(((status or {}).get("result") or {}).get("removals"))
    return (line, parts, not polling, not show_actions, not show_period, not show_report,
            waits)


@callback(
    Output(ids.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
    Input({"type": ids.UPLOAD_REMOVAL_YES, "index": ALL}, "checked"),
    prevent_initial_call=True,
)
def removal_yes(checked):
    """Importera once the large removal is said yes to (the server checks it again)."""
    return bool(checked) and not all(checked)


@callback(
    Output(ids.UPLOAD_OUTCOME, "children", allow_duplicate=True),
    Output(ids.UPLOAD_ACTIONS, "hidden", allow_duplicate=True),
    Output(ids.UPLOAD_POLL, "disabled", allow_duplicate=True),
    Output(ids.UPLOAD_STATUS, "children", allow_duplicate=True),
    Input(ids.UPLOAD_CONFIRM, "n_clicks"),
    State(ids.UPLOAD_TOKEN, "data"),
    State(ids.URL, "search"),
    State({"type": ids.UPLOAD_FILE_CHOICE, "index": ALL}, "checked"),
    State({"type": ids.UPLOAD_FILE_CHOICE, "index": ALL}, "id"),
    State({"type": ids.UPLOAD_FILE_ALL, "index": ALL}, "checked"),
    State({"type": ids.UPLOAD_REMOVAL_YES, "index": ALL}, "checked"),
    prevent_initial_call=True,
)
def confirm(_clicks, token, search, ticked, ticked_ids, take_all, said_yes=None):
    """Import the checked file: all sheets in one transaction, or nothing; then, where
    finance ticked it, the file's assessment over the app's (``_take_from_file``), once: by
    the confirm that imported, not by one that came second (a double click, another tab)."""
    user = require("upload")
    lang = language_of(search)
    if not token:
        return t("upload.gone", lang), True, True, no_update
    status = _status(token) or {}
    name = _file(status)
    chosen = _chosen(status, ticked, ticked_ids, any(take_all or []))
    try:  # the import logs itself, in its transaction (only the confirm that imports)
        done = current().staging.confirm(token, user=user.name, address=client_address(),
                                         allow_removal=any(said_yes or []))
    except TertialError as exc:
        if exc.code == "stale":  # checked again by the staging area: follow that check
            return exc.message(lang), True, False, t("upload.checking", lang, file=name)
        if exc.code == "removal_not_confirmed":  # the buttons stay: say yes, or cancel
            return exc.message(lang), False, True, no_update
        return exc.message(lang), True, True, no_update
    link = html.A(t("upload.to_overview", lang), href=pick(lang, "/", "/?lang=en"))
    taken = _take_from_file(chosen, lang) if done.get("import_id") and done.get("fresh") else []
    return ([html.P(t("upload.imported", lang, id=done.get("import_id"))), *taken, link],
            True, True, no_update)


def _chosen(status: dict, ticked: object, ticked_ids: object, take_all: bool) -> list[dict]:
    """The disagreements finance chose the file's assessment for: taken from the check's
    own list on the server (the browser only says which), every one when "all" is ticked."""
    preview = ((status.get("result") or {}).get("preview") or {})
    items = (preview.get("disagreements") or {}).get("items") or []
    if take_all:
        return list(items)
    names = {i.get("index") for i, on in zip(ticked_ids or [], ticked or [], strict=False)
             if on and isinstance(i, dict)}
    return [item for item in items if f"{item['period']}|{item['id']}" in names]


def _take_from_file(chosen: list[dict], lang: str) -> list:
    """After the import: the file's assessments where finance chose them, all or none."""
    if not chosen:
        return []
    picked = [(item["period"], item["id"],
               Assessment(item["file_status"], item["file_comment"])) for item in chosen]
    try:
        current().frames.followup.take_from_file(picked, actor())
    except TertialError as exc:
        return [html.P(t("upload.file_assessments_refused", lang, error=exc.message(lang)),
                       className="problem")]
    return [html.P(t("upload.file_assessments", lang, count=len(picked)))]


@callback(
    Output(ids.UPLOAD_OUTCOME, "children", allow_duplicate=True),
    Output(ids.UPLOAD_ACTIONS, "hidden", allow_duplicate=True),
    Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
    Output(ids.UPLOAD_TOKEN, "data", allow_duplicate=True),
    Input(ids.UPLOAD_CANCEL, "n_clicks"),
    State(ids.UPLOAD_TOKEN, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def cancel(_clicks, token, search):
    """Throw the staged file away; nothing was stored and nothing is."""
    require("upload")
    if token:
        with contextlib.suppress(TertialError):  # already gone: the outcome is the same
            current().staging.cancel(token)
    return t("upload.cancelled", language_of(search)), True, [], None


@callback(
    Output(ids.UPLOAD_TOKEN, "data", allow_duplicate=True),
    Output(ids.UPLOAD_POLL, "disabled", allow_duplicate=True),
    Output(ids.UPLOAD_STATUS, "children", allow_duplicate=True),
    Input(ids.UPLOAD_RECHECK, "n_clicks"),
    State(ids.UPLOAD_TOKEN, "data"),
    State(ids.UPLOAD_PERIOD, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def recheck(_clicks, token, period, search):
    """Stage the same file again with the chosen tertial and check it."""
    user = require("upload")
    lang = language_of(search)
    staging = current().staging
    status = _status(token)
    if status is None or not period:
        return no_update, True, t("upload.gone" if status is None else "upload.period_missing",
                                  lang)
    try:
        new = staging.stage(staging.load_bytes(token), _file(status), user=user.name,
                            period=period)
    except TertialError as exc:
        return no_update, True, exc.message(lang)
    staging.cancel(token)
    staging.start(new)
    return new, False, t("upload.checking", lang, file=_file(status))


@callback(
    Output(ids.UPLOAD_REPORT_DOWNLOAD, "data"),
    Input(ids.UPLOAD_REPORT_BUTTON, "n_clicks"),
    State(ids.UPLOAD_TOKEN, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def download_report(_clicks, token, search):
    """The report as a workbook: one row per issue, the offending cells named."""
    require("upload")
    status = _status(token)
    if status is None:
        return no_update
    lang = language_of(search)
    content = report_workbook(_issues(status.get("result") or {}), lang)
    stem = _file(status).rsplit(".", 1)[0] or "fil"
    return dash.dcc.send_bytes(content, f"kontroll_{stem}.xlsx")
