"""Builders of the Regeringsuppdrag page: the headline, the calendar link and the register
as an accessible table (caption, column and row headers) that scrolls in its own box.

They take the plain values of :mod:`dashboard.views.government` and return Dash components.
A status is its word and symbol (coloured as everywhere, never by colour alone); an overdue
report says so in words with a symbol ("⚠ Försenad").
"""

from __future__ import annotations

from dash import html

from dashboard import ids
from dashboard.text.i18n import t
from dashboard.views.government import OVERDUE_FLAG, RegisterRow, Sentence

# the table's column headers, as keys of the texts (Status and Kommentar as on Verksamhet)
COLUMNS = ("government.col_assignment", "government.col_register",
           "government.col_responsible",
           "government.col_next_deadline", "government.col_days_left", "government.col_reports",
           "operations.col_status", "operations.col_comment")


def _sentence(sentence: Sentence) -> html.Li:
    named = [html.Li([html.Span(assignment, className="assignment-id"), " ", text])
             for assignment, text in sentence.named]
    return html.Li([sentence.text, *([html.Ul(named)] if named else [])])


def headline(sentences: list[Sentence], as_of: str, lang: str) -> html.Section:
    """The three sentences leadership asks for, and how the days left are counted."""
    return html.Section([
        html.H2(t("government.headline", lang)),
        html.Ul([_sentence(s) for s in sentences], id=ids.GOVERNMENT_HEADLINE,
                className="government-sentences"),
        html.P(t("government.days_note", lang, date=as_of), className="help"),
    ], className="government-headline")


def calendar_link(href: str, lang: str) -> html.P:
    return html.P(html.A(t("government.calendar_link", lang), href=href, download="",
                         id=ids.GOVERNMENT_CALENDAR, className="take-away-link"),
                  className="government-calendar")


def _deadline(row: RegisterRow, lang: str) -> list:
    parts: list = [html.Span(row.next_deadline, className="date")]
    if row.next_kind:
        parts += [html.Br(), html.Span(row.next_kind, className="kind")]
    if row.overdue:
        parts += [html.Br(), html.Strong(f"{OVERDUE_FLAG} {t('government.overdue', lang)}",
                                         className="overdue-flag")]
    return parts


def _lines(texts: tuple[str, ...] | list[str]) -> list:
    parts: list = []
    for text in texts:
        parts += [html.Br(), text] if parts else [text]
    return parts or ["–"]


def _row(row: RegisterRow, lang: str) -> html.Tr:
    status = html.Span(row.status_text, className=f"status {row.status or 'none'}")
    return html.Tr([
        html.Th([html.Span(row.id, className="assignment-id"), html.Br(), row.name],
                scope="row"),
        html.Td([html.Span(row.register_number, className="nowrap"), html.Br(),
                 html.Span(row.ministry, className="ministry")]),
        html.Td([row.department, html.Br(), html.Span(row.unit, className="unit")]),
        html.Td(_deadline(row, lang), className="nowrap"),
        html.Td(row.days_left, className="number"),
        html.Td(_lines(row.reports), className="reports"),
        html.Td(status, className="nowrap"),
        html.Td(row.comment, className="comment"),
    ], className="overdue" if row.overdue else None)


def register(rows: list[RegisterRow], caption: str, lang: str) -> html.Section:
    """The register, overdue first and then by the next deadline."""
    if not rows:
        body = html.P(t("government.none_in_view", lang))
    else:
        table = html.Table([
            html.Caption(html.Span(caption)),
            html.Thead(html.Tr([html.Th(t(key, lang), scope="col")
                                for key in COLUMNS])),
            html.Tbody([_row(r, lang) for r in rows]),
        ], id=ids.GOVERNMENT_TABLE, className="register-table")
        body = html.Div(table, className="register-scroll", tabIndex="0", role="region",
                        **{"aria-label": t("government.register_region", lang)})
    return html.Section([html.H2(t("government.register_heading", lang)), body],
                        className="government-register")
