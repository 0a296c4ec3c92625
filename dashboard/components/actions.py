"""The last follow-up's actions on a tertial's overview and Verksamhet pages: how many are
overdue, and each with its owner, due date and state (``dashboard/kpis/actions.py``)."""

from __future__ import annotations

from dash import html

from dashboard.kpis.actions import overdue_count
from dashboard.text.i18n import t


def actions_section(rows: list[dict], previous: str, lang: str) -> html.Section | None:
    if not rows:
        return None
    headers = [t(f"actions.col_{c}", lang) for c in ("assignment", "action", "owner", "due",
                                                     "state")]
    return html.Section([
        html.H2(t("actions.heading", lang, period=previous), id="actions-heading"),
        html.P(t("actions.summary", lang, overdue=overdue_count(rows), total=len(rows)),
               className="actions-summary"),
        html.Table([
            html.Caption(t("actions.caption", lang, period=previous)),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([html.Tr([
                html.Th([r["id"], html.Br(), html.Span(r["name"], className="muted")],
                        scope="row"),
                html.Td(r["action"]), html.Td(r["owner"]), html.Td(r["due"]),
                html.Td(t(f"followup.action.{r['state']}", lang),
                        className=f"action-{r['state']}")]) for r in rows]),
        ], className="data-table followed-actions"),
    ], className="actions", **{"aria-labelledby": "actions-heading"})
