"""Händelselogg: who logged in (or failed to), uploaded, rolled back, changed users, or was
refused, newest first. For admins only: the page, and nothing of the log is sent to others.

The log is written by ``dashboard.web.auth``, ``dashboard.web.login``, the upload and history
callbacks and the CLI's user commands (``loaders.records.audit``). The page shows the latest
:data:`SHOWN` events; the grid filters and sorts them in the browser.
"""

from __future__ import annotations

import dash
import dash_ag_grid as dag
from dash import html

from dashboard import ids
from dashboard.components.history import CELL_STYLE
from dashboard.components.operations import GRID_LOCALE, KEYBOARD
from dashboard.components.page import guarded
from dashboard.text.formatting import local_time
from dashboard.text.i18n import language, t
from dashboard.web.context import current
from loaders.records.audit import Event

dash.register_page(__name__, path="/logg", name=t("audit.title"),
                   title=f"{t('shell.app_title')} – {t('audit.title')}",
                   title_key="audit.title", order=8, access="audit")

SHOWN = 2000
COLUMNS = (("time", 150), ("user", 170), ("action", 210), ("detail", 360), ("address", 140))


def event_row(event: Event, lang: str) -> dict[str, str]:
    """One event as the grid shows it: Stockholm time, the action in words, plain text."""
    return {"id": str(event.id), "time": local_time(event.at), "user": event.user,
            "action": t(f"audit.action.{event.action}", lang), "detail": event.detail,
            "address": event.address}


def _grid(events: list[Event], lang: str) -> dag.AgGrid:
    return dag.AgGrid(
        id=ids.AUDIT_GRID,
        rowData=[event_row(e, lang) for e in events],
        columnDefs=[{"field": field, "headerName": t(f"audit.col_{field}", lang),
                     "width": width, "tooltipField": field, "filter": True}
                    for field, width in COLUMNS],
        getRowId="params.data.id",
        defaultColDef={"sortable": True, "resizable": True, "cellStyle": CELL_STYLE},
        dashGridOptions={
            "domLayout": "autoHeight", "pagination": True, "paginationPageSize": 50,
            "enableCellTextSelection": True, "ensureDomOrder": True, "tooltipShowDelay": 300,
            "localeText": {key: t(text_key, lang) for key, text_key in GRID_LOCALE.items()},
            **KEYBOARD,
        },
        style={"width": "100%"},
    )


def _layout(**params: str) -> html.Div:
    lang = language(params.get("lang") or "sv")
    events = current().audit.events(SHOWN)
    body = (html.Section([html.H2(t("audit.grid_heading", lang), id=ids.AUDIT_GRID_HEADING),
                          _grid(events, lang)], **{"aria-labelledby": ids.AUDIT_GRID_HEADING})
            if events else html.P(t("audit.empty", lang)))
    return html.Div([html.H1(t("audit.title", lang)),
                     html.P(t("audit.intro", lang, shown=SHOWN)), body],
                    lang=lang, className="page audit")


layout = guarded("audit", _layout)
