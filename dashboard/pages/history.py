"""Importhistorik: every import with who, when, which file and what it superseded; the original
file to download; an import rolled back after a confirmation that says what will change.

The page reads the store's history on every render (it is small). A rollback marks the import
in the store, which changes the data version: every page, in every worker, shows the restored
data on its next request (``dashboard.data.FrameCache``). The one callback lives here, with
the page, so every app built with this pages folder registers it.
"""

from __future__ import annotations

from collections.abc import Callable

import dash
from dash import Input, Output, State, callback, ctx, html, no_update

from dashboard import ids
from dashboard.components import history as view
from dashboard.components.page import guarded
from dashboard.state.address import language_of
from dashboard.text.i18n import language, t
from dashboard.views.history import confirmation, download_path
from dashboard.web.auth import client_address, require
from dashboard.web.context import current
from dashboard.web.titles import page_title
from loaders.errors import StoreError
from loaders.store.store import MAX_IMPORT_ID

dash.register_page(__name__, path="/historik", name=t("history.title"),
                   title=page_title("history.title"),
                   title_key="history.title", order=6, access="history")

# The callback's outputs by name; a handler answers the ones it changes.
OUTPUTS = (
    ("opened", ids.HISTORY_MODAL, "opened"),
    ("text", ids.HISTORY_CONFIRM_TEXT, "children"),
    ("pending", ids.HISTORY_PENDING, "data"),
    ("result", ids.HISTORY_RESULT, "children"),
    ("rows", ids.HISTORY_GRID, "rowData"),
    ("options", ids.HISTORY_CHOICE, "data"),
    ("href", ids.HISTORY_DOWNLOAD, "href"),
    ("disabled", ids.HISTORY_ROLLBACK, "disabled"),
)
Handler = Callable[[int | None, str], dict]


def _layout(**params: str) -> html.Div:
    """The history in the address's language (``?lang=en``), Swedish otherwise."""
    lang = language(params.get("lang") or "sv")
    records = current().store.history()
    if not records:
        children = [html.H1(t("page.empty_title", lang)), html.P(t("page.empty_body", lang))]
    else:
        children = [html.H1(t("history.title", lang)), html.P(t("history.intro", lang)),
                    view.grid(records, lang), view.actions(records, lang)]
    return html.Div(children, lang=lang, className="page history")


layout = guarded("history", _layout)


def _import_id(value: object) -> int | None:
    """The import id sent (an int, or ASCII digits); None for anything else. One out of
    range reaches :meth:`Store.rollback`, which refuses it with its message; digits longer
    than any id stand for the first number out of range (no int() of a forged megabyte)."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value) if len(value) <= len(str(MAX_IMPORT_ID)) else MAX_IMPORT_ID + 1
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _find(import_id: int | None):
    records = current().store.history()
    return records, next((r for r in records if r.id == import_id), None)


def choose(import_id: int | None, _lang: str) -> dict:
    _records, record = _find(import_id)
    if record is None:
        return {"disabled": True}
    return {"href": download_path(record.id), "disabled": record.status == "rolled_back"}


def ask(import_id: int | None, lang: str) -> dict:
    """Open the dialog with exactly what the rollback will change."""
    require("rollback")
    records, record = _find(import_id)
    if record is None:
        return {}
    return {"opened": True, "pending": record.id,
            "text": [html.P(line) for line in confirmation(records, record.id, lang)]}


def cancel(_import_id: int | None, _lang: str) -> dict:
    return {"opened": False, "pending": None}


def roll_back(import_id: int | None, lang: str) -> dict:
    """Roll the import the dialog named back; the store's refusal is shown as it words it."""
    user = require("rollback")
    if import_id is None:
        return {"opened": False}
    try:
        # logged by the store, in the rollback's transaction
        record = current().store.rollback(import_id, user=user.name, address=client_address())
        message = view.result(t("history.done", lang, id=record.id, file=record.file_name),
                              lang, ok=True)
    except StoreError as error:
        message = view.result(error.message(lang), lang, ok=False)
    records = current().store.history()
    return {"opened": False, "pending": None, "result": message,
            "rows": view.rows(records, lang), "options": view.choice_options(records, lang),
            "disabled": True}


HANDLERS: dict[str, tuple[str, Handler]] = {  # trigger -> (where the import id comes from, ...)
    ids.HISTORY_CHOICE: ("choice", choose),
    ids.HISTORY_ROLLBACK: ("choice", ask),
    ids.HISTORY_CANCEL: ("pending", cancel),
    ids.HISTORY_CONFIRM: ("pending", roll_back),
}


@callback(
    *(Output(component, prop) for _name, component, prop in OUTPUTS),
    Input(ids.HISTORY_CHOICE, "value"), Input(ids.HISTORY_ROLLBACK, "n_clicks"),
    Input(ids.HISTORY_CANCEL, "n_clicks"), Input(ids.HISTORY_CONFIRM, "n_clicks"),
    State(ids.HISTORY_PENDING, "data"), State(ids.URL, "search"),
    prevent_initial_call=True,
)
def history_action(choice, _ask, _cancel, _confirm, pending, search):
    require("history")
    source, handler = HANDLERS.get(ctx.triggered_id, ("choice", None))
    if handler is None:
        return tuple(no_update for _ in OUTPUTS)
    chosen = _import_id(choice if source == "choice" else pending)
    updates = handler(chosen, language_of(search))
    return tuple(updates.get(name, no_update) for name, _component, _prop in OUTPUTS)
