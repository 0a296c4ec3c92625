"""Builders of the Importhistorik page: the grid of imports, the chooser with its two actions
(download the original file, roll the import back) and the confirmation dialog.

The grid holds text cells only (``dashboard.views.history`` writes them) and is one stop in
the Tab order like the assignments grid, so its per-row download links serve the mouse; the
chooser below it reaches every action from the keyboard.
"""

from __future__ import annotations

from collections.abc import Sequence

import dash_ag_grid as dag
import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import ids
from dashboard.components.operations import GRID_LOCALE, KEYBOARD
from dashboard.text.i18n import t
from dashboard.views.history import choice_label, download_path, history_row
from loaders.store.history import ImportRecord

DANGER = "red.9"  # Mantine's darkest red: 4.5:1 as text on white and under white text
CELL_STYLE = {"lineHeight": "1.35rem", "paddingTop": "0.35rem", "paddingBottom": "0.35rem"}
# (field, header key, width, extra column options); every width fixed (see the operations grid)
COLUMNS: tuple[tuple[str, str, int, dict], ...] = (
    ("id", "history.col_id", 100, {}),
    ("time", "history.col_time", 150, {}),
    ("user", "history.col_user", 130, {"tooltipField": "user"}),
    ("file", "history.col_file", 240, {"wrapText": True, "tooltipField": "file"}),
    ("checksum", "history.col_checksum", 150, {"tooltipField": "sha256"}),
    ("periods", "history.col_periods", 120, {"wrapText": True}),
    ("rows", "history.col_rows", 320, {"wrapText": True}),
    ("status", "history.col_status", 150, {"tooltipField": "status_detail"}),
    ("supersedes", "history.col_supersedes", 120, {}),
    ("superseded_by", "history.col_superseded_by", 120, {}),
    ("download", "history.col_download", 130, {"cellRenderer": "markdown"}),
)


def column_defs(lang: str) -> list[dict]:
    return [{"field": field, "colId": field, "headerName": t(key, lang), "width": width,
             "autoHeight": bool(extra.get("wrapText")), **extra}
            for field, key, width, extra in COLUMNS]


def rows(records: Sequence[ImportRecord], lang: str) -> list[dict[str, str]]:
    return [history_row(record, lang) for record in records]


def grid(records: Sequence[ImportRecord], lang: str) -> html.Section:
    """Every import, newest first: the history is small, so its rows go to the browser."""
    return html.Section([
        html.H2(t("history.grid_heading", lang), id=ids.HISTORY_GRID_HEADING),
        dag.AgGrid(
            id=ids.HISTORY_GRID,
            rowData=rows(records, lang),
            columnDefs=column_defs(lang),
            getRowId="params.data.id",
            defaultColDef={"sortable": False, "resizable": True, "cellStyle": CELL_STYLE},
            dashGridOptions={
                "domLayout": "autoHeight", "tooltipShowDelay": 300,
                "suppressColumnVirtualisation": True, "enableCellTextSelection": True,
                "ensureDomOrder": True,
                "localeText": {key: t(text_key, lang) for key, text_key in GRID_LOCALE.items()},
                **KEYBOARD,
            },
            style={"width": "100%"},
        ),
    ], className="history-grid", **{"aria-labelledby": ids.HISTORY_GRID_HEADING})


def choice_options(records: Sequence[ImportRecord], lang: str) -> list[dict[str, str]]:
    return [{"value": str(r.id), "label": choice_label(r, lang)} for r in records]


def actions(records: Sequence[ImportRecord], lang: str) -> html.Section:
    """Choose an import; download its original file or roll it back (after a confirmation)."""
    first = records[0]
    return html.Section([
        html.H2(t("history.actions_heading", lang), id=ids.HISTORY_ACTIONS_HEADING),
        html.P(t("history.actions_help", lang), className="help"),
        dmc.Select(id=ids.HISTORY_CHOICE, label=t("history.choose", lang),
                   data=choice_options(records, lang), value=str(first.id),
                   allowDeselect=False, searchable=True, maw=560,
                   comboboxProps={"withinPortal": True}),
        dmc.Group([
            html.A(t("history.download_chosen", lang), id=ids.HISTORY_DOWNLOAD,
                   href=download_path(first.id)),
            dmc.Button(t("history.rollback_button", lang), id=ids.HISTORY_ROLLBACK,
                       color=DANGER, variant="outline",
                       disabled=first.status == "rolled_back"),
        ], gap="lg", mt="sm"),
        html.Div(id=ids.HISTORY_RESULT, role="status", className="history-result"),
        dcc.Store(id=ids.HISTORY_PENDING),
        confirm_dialog(lang),
    ], className="history-actions", **{"aria-labelledby": ids.HISTORY_ACTIONS_HEADING})


def confirm_dialog(lang: str) -> dmc.Modal:
    """Closed until the reader asks for a rollback; the page fills in what it will do."""
    return dmc.Modal(
        id=ids.HISTORY_MODAL, opened=False, centered=True, size="lg",
        title=t("history.confirm_heading", lang),
        closeButtonProps={"aria-label": t("history.close", lang)},
        children=[
            html.Div(id=ids.HISTORY_CONFIRM_TEXT),
            dmc.Group([
                dmc.Button(t("history.cancel", lang), id=ids.HISTORY_CANCEL, variant="default"),
                dmc.Button(t("history.confirm", lang), id=ids.HISTORY_CONFIRM, color=DANGER),
            ], justify="flex-end", mt="md"),
        ])


def result(message: str, lang: str, ok: bool) -> dmc.Alert:
    """What the rollback did, or why it could not be done."""
    title = t("history.done_title" if ok else "history.failed_title", lang)
    status = "green" if ok else "red"  # the title in base.css's status colours (4.5:1 here)
    return dmc.Alert(message, title=title, color=status, variant="light",
                     styles={"title": {"color": f"var(--tertial-status-{status})"}})
