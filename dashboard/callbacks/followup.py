"""The Uppföljning page's changes: the round, the readiness, the adoption, one assessment.

Thin: who asks (the session's user, as an Actor), what the address's view is, one call to
``loaders.followup.cycle.FollowUp``, and the page made again. The store checks the role,
the department and the round's state of every change and logs refusals; a refusal is shown
in the reader's language, and nothing is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict

from dash import ALL, Input, Output, State, callback, ctx, html, no_update

from dashboard import ids
from dashboard.components.followup import message
from dashboard.components.followup_page import body, cycle
from dashboard.kpis.status import thresholds_from
from dashboard.state.address import parse
from dashboard.text.i18n import t
from dashboard.views.followup import history_lines
from dashboard.web.answers import note_refusal
from dashboard.web.auth import actor, current_user, reach, require
from dashboard.web.context import current
from dashboard.web.roles import opening_department
from loaders.followup.messages import CycleError
from loaders.followup.rules import Assessment
from loaders.text import one_key

BODY = Output(ids.FOLLOWUP_BODY, "children", allow_duplicate=True)
MESSAGE = Output(ids.FOLLOWUP_MESSAGE, "children", allow_duplicate=True)


def _state(search: str | None):
    return parse(search, current().frames.current().frames, reach())


def _change(search: str | None, do: Callable[..., str]) -> tuple:
    """Run one change for the view of ``search``; the page again, and what happened. Only
    for a click: the page made again inserts its buttons anew, which Dash reports as a
    change of their (empty) ``n_clicks``."""
    require("read")
    state = _state(search)
    if state.period is None or not clicked():
        return no_update, no_update
    try:
        text, ok = do(state), True
    except CycleError as error:
        text, ok = error.message(state.lang), False
    return body(_state(search)), message(text, state.lang, ok)


def clicked() -> bool:
    """Whether a button was pressed (not merely put on the page again)."""
    return any(bool(item.get("value")) for item in ctx.triggered)


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


@callback(BODY, MESSAGE,
          Input(ids.FOLLOWUP_OPEN, "n_clicks"), Input(ids.FOLLOWUP_SET_DAY, "n_clicks"),
          Input(ids.FOLLOWUP_CLOSE, "n_clicks"), Input(ids.FOLLOWUP_REOPEN, "n_clicks"),
          State(ids.FOLLOWUP_LAST_DAY, "value"), State(ids.URL, "search"),
          prevent_initial_call=True)
def round_change(_open, _day_clicks, _close, _reopen, last_day, search):
    def do(state) -> str:
        followup, who, lang = cycle(), actor(), state.lang
        if ctx.triggered_id in (ids.FOLLOWUP_OPEN, ids.FOLLOWUP_SET_DAY):
            day = _day(last_day)
            if day is None:
                raise CycleError("no_day", t("followup.no_day", "sv"), t("followup.no_day", "en"))
            if ctx.triggered_id == ids.FOLLOWUP_OPEN:
                followup.open_round(state.period, day, who)
                return t("followup.opened", lang, period=state.period)
            followup.set_last_day(state.period, day, who)
            return t("followup.last_day_changed", lang, day=day.isoformat())
        if ctx.triggered_id == ids.FOLLOWUP_CLOSE:
            followup.close_round(state.period, who)
            return t("followup.closed", lang)
        followup.reopen_round(state.period, who)
        return t("followup.reopened", lang)
    return _change(search, do)


@callback(BODY, MESSAGE,
          Input(ids.FOLLOWUP_READY, "n_clicks"), Input(ids.FOLLOWUP_UNREADY, "n_clicks"),
          State(ids.URL, "search"), prevent_initial_call=True)
def readiness_change(_ready, _unready, search):
    def do(state) -> str:
        ready = ctx.triggered_id == ids.FOLLOWUP_READY
        department = (state.department or reach().only
                      or opening_department(current_user()) or "")
        cycle().set_ready(state.period, department, ready, actor())
        key = "followup.marked_ready" if ready else "followup.marked_unready"
        return t(key, state.lang, department=department)
    return _change(search, do)


@callback(BODY, MESSAGE,
          Input(ids.FOLLOWUP_ADOPT, "n_clicks"), Input(ids.FOLLOWUP_CORRECT, "n_clicks"),
          State(ids.FOLLOWUP_OVERRIDE, "value"), State(ids.FOLLOWUP_REASON, "value"),
          State(ids.URL, "search"), prevent_initial_call=True)
def adoption_change(_adopt, _correct, override, reason, search):
    def do(state) -> str:
        followup = cycle()
        if ctx.triggered_id == ids.FOLLOWUP_CORRECT:
            followup.open_correction(state.period, reason if isinstance(reason, str) else "",
                                     actor())
            return t("followup.corrected", state.lang)
        named = [d for d in override or [] if isinstance(d, str)]
        adopted = followup.adopt(state.period, actor(), not_ready=named,
                                 thresholds=asdict(thresholds_from(current().settings)))
        return t("followup.adopted", state.lang, version=adopted.version)
    return _change(search, do)


# --- the dialog that assesses one assignment -------------------------------------------------

EDIT_OUTPUTS = (
    Output(ids.FOLLOWUP_MODAL, "opened", allow_duplicate=True),
    Output(ids.FOLLOWUP_MODAL, "title", allow_duplicate=True),
    Output(ids.FOLLOWUP_EDITING, "data", allow_duplicate=True),
    Output(ids.FOLLOWUP_STATUS, "value", allow_duplicate=True),
    Output(ids.FOLLOWUP_MOTIVATION, "value", allow_duplicate=True),
    Output(ids.FOLLOWUP_ACTION, "value", allow_duplicate=True),
    Output(ids.FOLLOWUP_OWNER, "value", allow_duplicate=True),
    Output(ids.FOLLOWUP_DUE, "value", allow_duplicate=True),
    Output(ids.FOLLOWUP_PRIOR_DONE, "checked", allow_duplicate=True),
    Output(ids.FOLLOWUP_HISTORY, "children", allow_duplicate=True),
    Output(ids.FOLLOWUP_EDIT_MESSAGE, "children", allow_duplicate=True),
)


def _fields(period: str, assignment_id: str, lang: str, note=None) -> tuple:
    """The dialog filled with the assignment's assessment as it is now (and its history).
    Nothing for an assignment outside the department the reader is held to: a forged id
    never shows another department's assessment (the attempt is logged)."""
    followup = cycle()
    rows = followup.department_assessments(period)
    department = next((d for d, r in rows.items() if assignment_id in r), None)
    only = reach().only
    if department is None:
        return tuple(no_update for _ in EDIT_OUTPUTS)
    if only is not None and one_key(department) != one_key(only):
        note_refusal(f"followup.other_department {period} {assignment_id}")
        return tuple(no_update for _ in EDIT_OUTPUTS)
    found = rows[department][assignment_id]
    assessment, revision = found
    history = history_lines(followup.history(period, assignment_id), lang)
    return (True, t("followup.edit_heading", lang, id=assignment_id),
            {"id": assignment_id, "revision": revision}, assessment.status,
            assessment.motivation, assessment.action, assessment.action_owner,
            assessment.action_due.isoformat() if assessment.action_due else "",
            assessment.prior_action_done,
            [html.Li(line) for line in history] or [html.Li(t("followup.history_empty", lang))],
            note)


@callback(*EDIT_OUTPUTS, Input({"type": ids.FOLLOWUP_EDIT, "index": ALL}, "n_clicks"),
          State(ids.URL, "search"), prevent_initial_call=True)
def edit_open(clicks, search):
    require("read")
    if not clicked() or not isinstance(ctx.triggered_id, dict):
        return tuple(no_update for _ in EDIT_OUTPUTS)
    state = _state(search)
    if state.period is None:
        return tuple(no_update for _ in EDIT_OUTPUTS)
    return _fields(state.period, str(ctx.triggered_id.get("index", "")), state.lang)


@callback(Output(ids.FOLLOWUP_MODAL, "opened", allow_duplicate=True),
          Input(ids.FOLLOWUP_CANCEL, "n_clicks"), prevent_initial_call=True)
def edit_cancel(_clicks):
    return False if clicked() else no_update


@callback(*EDIT_OUTPUTS, BODY, MESSAGE, Input(ids.FOLLOWUP_SAVE, "n_clicks"),
          State(ids.FOLLOWUP_EDITING, "data"), State(ids.FOLLOWUP_STATUS, "value"),
          State(ids.FOLLOWUP_MOTIVATION, "value"), State(ids.FOLLOWUP_ACTION, "value"),
          State(ids.FOLLOWUP_OWNER, "value"), State(ids.FOLLOWUP_DUE, "value"),
          State(ids.FOLLOWUP_PRIOR_DONE, "checked"), State(ids.URL, "search"),
          prevent_initial_call=True)
def edit_save(_save, editing, status, motivation, action, owner, due, prior_done, search):
    require("read")
    state = _state(search)
    unchanged = tuple(no_update for _ in EDIT_OUTPUTS)
    if state.period is None or not isinstance(editing, dict) or not clicked():
        return (*unchanged, no_update, no_update)
    lang, aid = state.lang, str(editing.get("id", ""))
    revision = editing.get("revision")
    assessment = Assessment(str(status or ""), _text(motivation), _text(action), _text(owner),
                            _day(due), bool(prior_done))
    try:
        saved = cycle().assess(state.period, aid, assessment, actor(),
                               revision if isinstance(revision, int) else -1)
    except CycleError as error:
        note = message(error.message(lang), lang, ok=False)
        if error.code == "conflict":  # show theirs: the reader decides again from it
            return (*_fields(state.period, aid, lang, note), no_update, no_update)
        return (*unchanged[:-1], note, no_update, no_update)
    done = message(t("followup.saved", lang, id=aid, revision=saved.revision), lang)
    return (False, *unchanged[1:-1], None, body(_state(search)), done)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
