"""The Uppföljning page's parts: the round's controls, the departments' progress, the
adoption, one department's assessments, and the dialog that assesses one assignment.

Every control is always in the page (hidden when the reader may not use it now), so the
page's callbacks always find their inputs; the server checks every change all the same.
"""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import ids
from dashboard.components.history import DANGER
from dashboard.kpis.status import status_label
from dashboard.text.i18n import t
from dashboard.views.followup import Controls
from loaders.followup.rules import (
    ASSESSED_STATUSES,
    MAX_ACTION,
    MAX_MOTIVATION,
    MAX_OWNER,
    MAX_REASON,
)

PRIMARY = "indigo.8"  # Mantine's indigo at shade 8: 4.5:1 and more as text and under white


def message(text: str | None, lang: str, ok: bool = True) -> dmc.Alert | None:
    """What a change did, or why it was refused."""
    if not text:
        return None
    status = "green" if ok else "red"  # the title in base.css's status colours (4.5:1 here)
    return dmc.Alert(text, title=t("followup.done_title" if ok else "followup.failed_title", lang),
                     color=status, variant="light",
                     styles={"title": {"color": f"var(--tertial-status-{status})"}})


def round_section(lang: str, can: Controls, state: str | None, last_day: str) -> html.Section:
    """Finance's controls: open the round with a last day, move the day, close, reopen."""
    return html.Section([
        html.H2(t("followup.round_heading", lang), id="followup-round-heading"),
        dmc.Group([
            _date(ids.FOLLOWUP_LAST_DAY, t("followup.last_day_label", lang), last_day),
            dmc.Button(t("followup.open_button", lang), id=ids.FOLLOWUP_OPEN, color=PRIMARY,
                       style=_shown(state is None)),
            dmc.Button(t("followup.last_day_button", lang), id=ids.FOLLOWUP_SET_DAY, color=PRIMARY,
                       variant="outline", style=_shown(state in ("open", "closed"))),
            dmc.Button(t("followup.close_button", lang), id=ids.FOLLOWUP_CLOSE, color=PRIMARY,
                       variant="outline", style=_shown(state == "open")),
            dmc.Button(t("followup.reopen_button", lang), id=ids.FOLLOWUP_REOPEN, color=PRIMARY,
                       variant="outline", style=_shown(state == "closed")),
        ], align="flex-end", gap="md"),
    ], className="followup-round", hidden=not can.manage_round,
        **{"aria-labelledby": "followup-round-heading"})


def progress_section(lang: str, rows: list[dict[str, str]], ready: int) -> html.Section:
    headers = [t(f"followup.col_{c}", lang)
               for c in ("department", "ready", "assignments", "missing", "late")]
    return html.Section([
        html.H2(t("followup.progress_heading", lang), id="followup-progress-heading"),
        html.Table([
            html.Caption(t("followup.progress_caption", lang, ready=ready, total=len(rows))),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([html.Tr([html.Th(r["department"], scope="row"), html.Td(r["ready"]),
                                 html.Td(r["assignments"]), html.Td(r["missing"]),
                                 html.Td(r["late"])]) for r in rows]),
        ], className="data-table followup-progress"),
    ], **{"aria-labelledby": "followup-progress-heading"})


def adopt_section(lang: str, can: Controls, not_ready: list[str], version: int) -> html.Section:
    """Fastställ (naming the departments not ready), or open an adopted one for correction."""
    text = (t("followup.adopt_not_ready", lang, departments=", ".join(not_ready)) if not_ready
            else t("followup.adopt_all_ready", lang))
    return html.Section([
        html.H2(t("followup.adopt_heading", lang), id="followup-adopt-heading"),
        html.Div([
            html.P(text),
            dmc.CheckboxGroup(dmc.Stack([dmc.Checkbox(label=d, value=d) for d in not_ready]),
                              id=ids.FOLLOWUP_OVERRIDE, value=[],
                              label=t("followup.adopt_override", lang),
                              style=_shown(bool(not_ready))),
            dmc.Button(t("followup.adopt_button", lang), id=ids.FOLLOWUP_ADOPT, color=PRIMARY,
                       mt="sm"),
        ], style=_shown(can.adopt)),
        html.Div([
            html.P(t("followup.correct_help", lang, version=version)),
            dmc.Textarea(id=ids.FOLLOWUP_REASON, label=t("followup.adopt_reason", lang),
                         description=t("followup.reason_help", lang, limit=MAX_REASON),
                         inputProps={"maxLength": MAX_REASON}, autosize=True, minRows=2, maw=640),
            dmc.Button(t("followup.correct_button", lang), id=ids.FOLLOWUP_CORRECT,
                       color=DANGER, variant="outline", mt="sm"),
        ], style=_shown(can.correct)),
    ], className="followup-adopt", hidden=not (can.adopt or can.correct),
        **{"aria-labelledby": "followup-adopt-heading"})


def department_section(lang: str, department: str, ready: bool, can: Controls,
                       rows: list[dict[str, str]]) -> html.Section:
    """One department's assessments, red and yellow first; its readiness and the head's
    buttons."""
    headers = [t(f"followup.col_{c}", lang) for c in
               ("assignment", "status", "motivation", "action", "changed")]
    if can.assess:
        headers.append(t("followup.col_edit", lang))
    state = "followup.department_ready" if ready else "followup.department_not_ready"
    return html.Section([
        html.H2(t("followup.department_heading", lang, department=department),
                id="followup-department-heading"),
        html.P(t(state, lang, department=department), className="followup-readiness"),
        readiness_buttons(lang, can.ready, ready),
        html.P(t("followup.read_only", lang), hidden=can.assess, className="help"),
        html.Table([
            html.Caption(t("followup.grid_caption", lang, count=len(rows))),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([_row(r, lang, can.assess) for r in rows]),
        ], className="data-table followup-assessments"),
    ], **{"aria-labelledby": "followup-department-heading"})


def readiness_buttons(lang: str, may: bool, ready: bool) -> dmc.Group:
    """The head's two buttons; both hidden for everyone else."""
    return dmc.Group([
        dmc.Button(t("followup.ready_button", lang), id=ids.FOLLOWUP_READY, color=PRIMARY,
                   style=_shown(may and not ready)),
        dmc.Button(t("followup.unready_button", lang), id=ids.FOLLOWUP_UNREADY, color=PRIMARY,
                   variant="outline", style=_shown(may and ready)),
    ])


def choose_department(lang: str) -> html.Div:
    """No department chosen: say how to choose one (the head's buttons kept, hidden)."""
    return html.Div([html.P(t("followup.choose_department", lang), className="help"),
                     readiness_buttons(lang, False, False)])


def _row(row: dict[str, str], lang: str, editable: bool) -> html.Tr:
    cells = [html.Th([row["id"], html.Br(), html.Span(row["name"], className="muted")],
                     scope="row"),
             html.Td(row["status"]), html.Td(row["motivation"]), html.Td(row["action"]),
             html.Td(row["changed"])]
    if editable:
        cells.append(html.Td(dmc.Button(
            t("followup.col_edit", lang), id={"type": ids.FOLLOWUP_EDIT, "index": row["id"]},
            size="xs", variant="outline", color=PRIMARY,
            **{"aria-label": t("followup.edit_button", lang, id=row["id"])})))
    return html.Tr(cells, className="followup-missing" if row["missing"] else None)


def edit_dialog(lang: str) -> html.Div:
    """The dialog that assesses one assignment (filled in when it opens)."""
    statuses = [{"value": s, "label": status_label(s, lang)} for s in ASSESSED_STATUSES]
    return html.Div([
        dcc.Store(id=ids.FOLLOWUP_EDITING),
        dmc.Modal(id=ids.FOLLOWUP_MODAL, opened=False, centered=True, size="lg",
                  title=t("followup.edit_heading", lang, id=""),
                  closeButtonProps={"aria-label": t("followup.close_label", lang)},
                  children=[
            html.Div(id=ids.FOLLOWUP_EDIT_MESSAGE),  # its Alert is the live region
            dmc.Select(id=ids.FOLLOWUP_STATUS, label=t("followup.status_label", lang),
                       data=statuses, allowDeselect=False,
                       comboboxProps={"withinPortal": False}),
            dmc.Textarea(id=ids.FOLLOWUP_MOTIVATION, label=t("followup.motivation_label", lang),
                         description=t("followup.motivation_help", lang, limit=MAX_MOTIVATION),
                         inputProps={"maxLength": MAX_MOTIVATION}, autosize=True, minRows=3,
                         mt="sm"),
            dmc.TextInput(id=ids.FOLLOWUP_ACTION, label=t("followup.action_label", lang),
                          description=t("followup.action_help", lang, limit=MAX_ACTION),
                          inputProps={"maxLength": MAX_ACTION}, mt="sm"),
            dmc.Group([
                dmc.TextInput(id=ids.FOLLOWUP_OWNER, label=t("followup.owner_label", lang),
                              description=t("followup.owner_help", lang, limit=MAX_OWNER),
                              inputProps={"maxLength": MAX_OWNER}),
                _date(ids.FOLLOWUP_DUE, t("followup.due_label", lang), ""),
            ], grow=True, mt="sm"),
            dmc.Checkbox(id=ids.FOLLOWUP_PRIOR_DONE, mt="sm",
                         label=t("followup.prior_done_label", lang)),
            dmc.Group([
                dmc.Button(t("followup.cancel_button", lang), id=ids.FOLLOWUP_CANCEL,
                           variant="default"),
                dmc.Button(t("followup.save_button", lang), id=ids.FOLLOWUP_SAVE, color=PRIMARY),
            ], justify="flex-end", mt="md"),
            html.H3(t("followup.history_heading", lang), className="followup-history-heading"),
            html.Ul(id=ids.FOLLOWUP_HISTORY, className="followup-history"),
        ]),
    ])


def _date(component_id: str, label: str, value: str) -> html.Div:
    """The browser's own date field (its picker, the keyboard, the locale's order), labelled."""
    return html.Div([html.Label(label, htmlFor=component_id, className="field-label"),
                     dcc.Input(id=component_id, type="date", value=value,
                               className="date-input")], className="date-field")


def _shown(visible: bool) -> dict[str, str]:
    return {} if visible else {"display": "none"}
