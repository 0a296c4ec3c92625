"""What an import would change, as the upload page shows it before anything is stored.

Reads the JSON-ready preview of :func:`dashboard.views.preview.preview` (kept by the staging area):
rows per sheet and tertial, the headline figures before and after, the assignments whose
status changes and the new government assignments. Plain tables, numbers in Swedish style.
"""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard import ids
from dashboard.kpis.status import status_label
from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from dashboard.text.sheets import sheet_label
from dashboard.views.preview import PREVIEW_FIGURES

ITEMS_SHOWN = 50  # status changes listed on the page (the report counts them all)


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> html.Table:
    return html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
        html.Tbody([html.Tr([html.Th(row[0], scope="row")] + [html.Td(c) for c in row[1:]])
                    for row in rows]),
    ], className="data-table")


def slices_table(slices: list[dict], lang: str) -> html.Table:
    """Rows now and after, added, removed and changed, per sheet and tertial."""
    headers = [t(f"preview.column_{c}", lang) for c in
               ("sheet", "period", "rows_now", "rows_after", "added", "removed", "changed")]
    rows = [[sheet_label(s["dataset"], lang), s.get("period") or t("preview.all_periods", lang),
             *(fmt.number(s.get(c), lang=lang) for c in
               ("rows_now", "rows_after", "added", "removed", "changed"))]
            for s in slices]
    return _table(t("preview.slices_caption", lang), headers, rows)


def headlines_table(entry: dict, lang: str) -> html.Table:
    """The overview's figures for the whole agency before and after, changed ones marked."""
    before, after = entry.get("before") or {}, entry.get("after") or {}
    changed = set(entry.get("changed") or [])
    rows = []
    for figure in PREVIEW_FIGURES:  # the headline table's figures, then the others
        name = figure.key
        now = figure.text(before.get(name), lang) if entry.get("before") else fmt.MISSING
        then = figure.text(after.get(name), lang)
        rows.append([figure.label(lang), now, then,
                     t("preview.changed_mark", lang) if name in changed else ""])
    headers = [t(f"preview.column_{c}", lang) for c in ("figure", "before", "after", "change")]
    if entry.get("basis") == "previous":  # a new tertial: the step from the last one
        headers[1] = entry.get("compared_with") or headers[1]
        headers[2] = entry.get("period") or headers[2]
        caption = t("preview.headlines_caption_previous", lang, period=entry.get("period"),
                    compared=entry.get("compared_with"))
    else:
        caption = t("preview.headlines_caption", lang, period=entry.get("period"))
    return _table(caption, headers, rows)


def status_list(entry: dict, lang: str) -> html.Div:
    """The assignments whose status changes, and against what."""
    period, basis = entry.get("period"), entry.get("basis")
    if basis is None:
        return html.P(t("preview.no_comparison", lang, period=period))
    count = entry.get("count") or 0
    heading = t(f"preview.status_heading_{basis}", lang, period=period, count=count,
                compared=entry.get("compared_with"))
    items = []
    for item in (entry.get("items") or [])[:ITEMS_SHOWN]:
        before = status_label(item.get("from"), lang) if item.get("from") else \
            t("preview.new", lang)
        after = status_label(item.get("to"), lang) if item.get("to") else t("preview.gone", lang)
        items.append(html.Li(f"{item.get('id')} {item.get('name') or ''} "
                             f"({item.get('unit') or '–'}): {before} → {after}"))
    more = count - len(items)
    return html.Div([
        html.H3(heading),
        html.Ul(items) if items else html.P(t("preview.no_status_changes", lang)),
        html.P(t("preview.more", lang, n=more)) if more > 0 else None,
    ])


def government_line(entry: dict, lang: str) -> html.P:
    if entry.get("count") is None:
        return html.P(t("preview.government_no_previous", lang, period=entry.get("period")))
    ids = ", ".join(entry.get("ids") or [])
    return html.P(t("preview.government", lang, period=entry.get("period"),
                    count=entry.get("count"), previous=entry.get("previous_period"))
                  + (f" {ids}" if ids else ""))


def disagreements_section(found: dict, lang: str) -> html.Section | None:
    """The assessments saved in the app that the file says otherwise about: the app's are
    kept unless finance ticks the file's, one by one or all."""
    items = found.get("items") or []
    if not items:
        return None
    rows = [html.Tr([
        html.Th([item["id"], html.Br(), html.Span(item["name"], className="muted")],
                scope="row"),
        html.Td(f"{status_label(item['file_status'], lang)} {item['file_comment']}".strip()),
        html.Td(f"{status_label(item['app_status'], lang)} {item['app_motivation']}".strip()),
        html.Td(dmc.Checkbox(id={"type": ids.UPLOAD_FILE_CHOICE,
                                 "index": f"{item['period']}|{item['id']}"},
                             label=t("preview.disagree.take", lang),
                             **{"aria-label": t("preview.disagree.take_for", lang,
                                                id=item["id"])})),
    ]) for item in items]
    headers = [t(f"preview.disagree.{c}", lang) for c in ("assignment", "file", "app", "choice")]
    return html.Section([
        html.H3(t("preview.disagree.heading", lang, count=found.get("count", len(items)))),
        html.P(t("preview.disagree.help", lang)),
        dmc.Checkbox(id={"type": ids.UPLOAD_FILE_ALL, "index": "all"},
                     label=t("preview.disagree.take_all", lang), mb="sm"),
        html.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                    html.Tbody(rows)], className="data-table disagreements"),
    ], className="upload-disagreements")


def preview_view(preview: dict | None, lang: str) -> list:
    """The whole preview as page parts (nothing when there is none)."""
    if not preview:
        return []
    parts: list = [html.H2(t("preview.heading", lang)),
                   slices_table(preview.get("slices") or [], lang)]
    parts += [headlines_table(e, lang) for e in preview.get("headlines") or []]
    parts += [status_list(e, lang) for e in preview.get("status_changes") or []]
    parts += [government_line(e, lang) for e in preview.get("new_government") or []]
    parts.append(disagreements_section(preview.get("disagreements") or {}, lang))
    return [html.Section([p for p in parts if p is not None], className="upload-preview")]
