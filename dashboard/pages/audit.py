"""Händelselogg: who logged in (or failed to), imported, rolled back, changed users, changed
the follow-up cycle, or was refused, newest first. For admins only: the page, and nothing of
the log is sent to others.

The log is written by the store (imports, rollbacks), the follow-up cycle, the web edge's
logins and refusals and the CLI (``loaders.records.audit``). The page shows the latest
:data:`SHOWN` events of the kind the address names (``?typ=data``; all kinds without it),
chosen on the server: the browser gets only those rows, then sorts and filters them.
"""

from __future__ import annotations

import dash
import dash_ag_grid as dag
import dash_mantine_components as dmc
from dash import Input, Output, State, callback, html, no_update

from dashboard import ids
from dashboard.components.history import CELL_STYLE
from dashboard.components.operations import GRID_LOCALE, KEYBOARD
from dashboard.components.page import guarded
from dashboard.state.address import params_of, with_page
from dashboard.text.formatting import local_time
from dashboard.text.i18n import language, t
from dashboard.web.context import current
from dashboard.web.titles import page_title
from loaders.records.audit import KINDS, Event

dash.register_page(__name__, path="/logg", name=t("audit.title"),
                   title=page_title("audit.title"),
                   title_key="audit.title", order=8, access="audit")

SHOWN = 2000
KIND_PARAM = "typ"  # the address's kind (a PAGE_PARAM): its Swedish word -> audit.KINDS
KIND_WORDS = {"inloggning": "sessions", "data": "data", "anvandare": "users",
              "nekat": "refusals", "uppfoljning": "followup"}
ALL_KINDS = ""  # the choice that shows every kind (no ``typ`` in the address)
assert set(KIND_WORDS.values()) == set(KINDS)
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


def kind_word(value: object) -> str:
    """The address's kind, if it is one (a word of :data:`KIND_WORDS`); else every kind."""
    return value if isinstance(value, str) and value in KIND_WORDS else ALL_KINDS


def _kind_choice(word: str, lang: str) -> dmc.Select:
    options = [{"value": ALL_KINDS, "label": t("audit.kind.all", lang)}]
    options += [{"value": w, "label": t(f"audit.kind.{kind}", lang)}
                for w, kind in KIND_WORDS.items()]
    return dmc.Select(id=ids.AUDIT_KIND, label=t("audit.kind_label", lang), value=word,
                      data=options, allowDeselect=False, w=280,
                      comboboxProps={"withinPortal": True})


def _layout(**params: str) -> html.Div:
    lang = language(params.get("lang") or "sv")
    word = kind_word(params.get(KIND_PARAM))
    events = current().audit.events(SHOWN, KIND_WORDS.get(word))
    empty = t("audit.empty_kind" if word else "audit.empty", lang)
    body = (html.Section([html.H2(t("audit.grid_heading", lang), id=ids.AUDIT_GRID_HEADING),
                          _grid(events, lang)], **{"aria-labelledby": ids.AUDIT_GRID_HEADING})
            if events else html.P(empty))
    return html.Div([html.H1(t("audit.title", lang)),
                     html.P(t("audit.intro", lang, shown=SHOWN)), _kind_choice(word, lang),
                     body], lang=lang, className="page audit")


layout = guarded("audit", _layout)


@callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.AUDIT_KIND, "value"),
          State(ids.URL, "search"), prevent_initial_call=True)
def choose_kind(value, search):
    """The chosen kind, written to the address: the page is drawn again from it (on the
    server). A choice that says what the page already shows leaves the address alone."""
    word = kind_word(value)
    if word == kind_word(params_of(search).get(KIND_PARAM)):
        return no_update
    return with_page(search, KIND_PARAM, word)
