"""The upload page's parts: the guide and drop zone, the check's progress, the report.

The static part works on an empty database (the upload is how data gets in). The file goes
to the server through ``assets/upload.js`` (multipart, with progress); the callbacks in
``dashboard.callbacks.upload`` fill in the status, the validation report, the preview of
what the import changes and the buttons to confirm or cancel.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import ids
from dashboard.components.operations import GRID_LOCALE
from dashboard.text.i18n import t
from dashboard.web.upload import TEMPLATE_PATH
from loaders.language import language, pick
from loaders.template import period_labels

POLL_MS = 500
# what the file input offers (the server reads the type from the bytes, not the name)
ACCEPTED_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".ods", ".csv")
SEVERITIES: tuple[str, ...] = ("error", "warning", "notice")
# the label that opens the file input, drawn as an outlined button (its own colours: the
# text's contrast stays the page's)
CHOOSE_BUTTON = {"display": "inline-block", "cursor": "pointer", "padding": "0.4rem 0.9rem",
                 "border": "1px solid currentColor", "borderRadius": "4px"}
ISSUE_COLUMNS: tuple[str, ...] = ("severity", "sheet", "row", "column", "value", "problem")


def guide(lang: str, limit_mb: str) -> html.Section:
    """What to upload, the limits, the template and where the format is explained."""
    return html.Section([
        html.H1(t("upload.heading", lang)),
        html.P(t("upload.intro", lang)),
        html.Ul([
            html.Li(t("upload.limits", lang, types=", ".join(ACCEPTED_SUFFIXES),
                      limit=limit_mb)),
            html.Li([t("upload.template_lead", lang), " ",
                     html.A(t("upload.template_link", lang), href=TEMPLATE_PATH,
                            download="uppfoljning_mall.xlsx")]),
            html.Li([t("upload.format_help", lang), " ",
                     dcc.Link(t("upload.format_link", lang),
                              href="/format" + pick(lang, "", "?lang=en"))]),
            html.Li(t("upload.safety", lang)),
        ]),
    ], className="upload-guide")


def drop_zone(lang: str) -> html.Div:
    """A zone to drop a file on, and a real file input (reachable by keyboard) with a label.

    Dash has no file input component of its own (``dcc.Upload`` would read the whole file
    into the browser's memory as base64 and send it through a callback), so
    ``assets/upload.js`` puts a plain ``<input type="file">`` into this zone, with the types
    of ``data-accept``, and sends the chosen or dropped file itself. The input is out of sight
    (its button would be the browser's, in the browser's language: "Choose File"); the label,
    drawn as a button in the page's language, opens it, and the input keeps its place in the
    Tab order with the label's focus ring."""
    return html.Div([
        html.P(t("upload.drop_here", lang)),
        html.Label(t("upload.choose_file", lang), htmlFor=ids.UPLOAD_INPUT,
                   className="upload-button", style=CHOOSE_BUTTON),
    ], id=ids.UPLOAD_DROP, className="drop-zone",
        **{"data-accept": ",".join(ACCEPTED_SUFFIXES), "data-input": ids.UPLOAD_INPUT,
           "data-sending": t("upload.sending", lang, file="{file}")})


def period_box(lang: str) -> html.Div:
    """Shown when the file names no period: choose the tertial, check again."""
    return html.Div([
        html.P(t("upload.period_missing", lang)),
        dmc.Select(id=ids.UPLOAD_PERIOD, label=t("shell.filter_period", lang),
                   data=list(reversed(period_labels())), searchable=True, w=220),
        dmc.Button(t("upload.recheck", lang), id=ids.UPLOAD_RECHECK, mt="sm"),
    ], id=ids.UPLOAD_PERIOD_BOX, hidden=True, className="period-box")


def actions(lang: str) -> html.Div:
    return html.Div(dmc.Group([
        dmc.Button(t("upload.confirm", lang), id=ids.UPLOAD_CONFIRM, color="green"),
        dmc.Button(t("upload.cancel", lang), id=ids.UPLOAD_CANCEL, variant="outline"),
    ]), id=ids.UPLOAD_ACTIONS, hidden=True, className="upload-actions")


def layout(lang: str, limit_mb: str) -> list:
    return [
        guide(lang, limit_mb),
        drop_zone(lang),
        dmc.Progress(id=ids.UPLOAD_PROGRESS, value=0, size="lg", mt="sm",
                     **{"aria-label": t("upload.progress", lang)}),
        html.P(id=ids.UPLOAD_STATUS, role="status", className="upload-status",
               **{"aria-live": "polite"}),
        period_box(lang),
        html.Div(id=ids.UPLOAD_RESULT),
        html.Div([
            dmc.Button(t("upload.report_download", lang), id=ids.UPLOAD_REPORT_BUTTON,
                       variant="light"),
            dcc.Download(id=ids.UPLOAD_REPORT_DOWNLOAD),
        ], id=f"{ids.UPLOAD_REPORT_BUTTON}-box", hidden=True),
        actions(lang),
        html.Div(id=ids.UPLOAD_OUTCOME, role="status", **{"aria-live": "polite"}),
        dcc.Store(id=ids.UPLOAD_RESPONSE),
        dcc.Store(id=ids.UPLOAD_TOKEN),
        dcc.Interval(id=ids.UPLOAD_POLL, interval=POLL_MS, disabled=True),
    ]


def issue_rows(issues: list[dict], lang: str) -> list[dict]:
    """The report's issues as the table's text cells, in the report's order."""
    return [{
        "severity": t(f"upload.severity_{issue.get('severity', 'error')}", lang),
        "sheet": issue.get("sheet") or "",
        "row": "" if issue.get("row") is None else str(issue["row"]),
        "column": " ".join(str(p) for p in (issue.get("column"), issue.get("header")) if p),
        "value": "" if issue.get("value") is None else str(issue["value"]),
        "problem": issue.get(f"message_{language(lang)}") or "",
    } for issue in issues]


def issues_table(issues: list[dict], lang: str) -> dag.AgGrid:
    columns = [{"field": c, "headerName": t(f"upload.column_{c}", lang), "sortable": True,
                "filter": "agTextColumnFilter", "wrapText": True, "autoHeight": True,
                "flex": 3 if c == "problem" else 1, "minWidth": 90}
               for c in ISSUE_COLUMNS]
    return dag.AgGrid(
        id=ids.UPLOAD_ISSUES, rowData=issue_rows(issues, lang), columnDefs=columns,
        defaultColDef={"resizable": True},
        dashGridOptions={"localeText": {k: t(v, lang) for k, v in GRID_LOCALE.items()},
                         "enableCellTextSelection": True, "ensureDomOrder": True,
                         "domLayout": "autoHeight" if len(issues) <= 20 else "normal"},
        style={"width": "100%"} if len(issues) <= 20 else {"height": "520px", "width": "100%"},
    )


def _joined(parts: list[str], lang: str) -> str:
    """"a, b och c" / "a, b and c"."""
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {t('upload.and', lang)} {parts[-1]}"


def _noun(removal: dict, lang: str, n: object) -> str:
    return t(f"upload.removal_noun_{removal.get('dataset')}", lang, n=n)


def removal_section(result: dict, lang: str) -> html.Section | None:
    """A large removal at the top of a ready upload: the numbers, and the second yes that
    names them ("Ja, ta bort 315 uppdrag, …"), without which Importera stays disabled and the
    server refuses the confirm (``loaders/imports/removals.py``)."""
    removals = result.get("removals") or []
    if not removals:
        return None
    lines = []
    for removal in removals:
        period = removal.get("period")
        lines.append(t("upload.removal_of", lang, removed=removal.get("removed"),
                       whole=_noun(removal, lang, removal.get("rows_now")),
                       period=t("upload.removal_period", lang, period=period) if period
                       else "", share=f"{float(removal.get('share') or 0) * 100:.0f}"))
    limit = f"{float(result.get('removal_limit') or 0) * 100:.0f}"
    yes = _joined([_noun(r, lang, r.get("removed")) for r in removals], lang)
    return html.Section([
        html.H2(t("upload.removal_heading", lang)),
        html.P(t("upload.removal_body", lang, limit=limit, list=_joined(lines, lang))),
        dmc.Checkbox(id={"type": ids.UPLOAD_REMOVAL_YES, "index": "yes"},
                     label=t("upload.removal_yes", lang, list=yes), color="red"),
    ], className="upload-removal", role="alert")
