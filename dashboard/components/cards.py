"""A perspective's card: title, status (word, symbol and colour) and its headline figures
(the overview's with their changes, reason and link: ``dashboard.views.cards``); the
overview's line on the data shown (which import, when in Stockholm time, by whom)."""

from __future__ import annotations

from dash import dcc, html

from dashboard.kpis.status import status_label
from dashboard.text.formatting import local_time
from dashboard.text.i18n import t
from dashboard.views.cards import CardFigure, OverviewCard

__all__ = ["CARD_FIGURES", "card", "freshness", "overview_card", "status_label"]

# A card shows at most this many figures; a longer list (the processes card of a department
# with many units can hold hundreds of key figures) ends in a link to the page that shows
# them all. A card is read at a glance, and every component the page holds costs the
# browser on each filter change (Dash's renderer checks each one per store update).
CARD_FIGURES = 8


def card(title: str, status: str | None, figures: list[tuple[str, str]],
         lang: str, extra: object = None) -> html.Section:
    """A ``section.perspective`` with its figures as a description list, and ``extra``
    (the survey's headline, on the perspective it belongs to) under them."""
    rows = []
    for label, value in figures:
        rows.append(html.Div([html.Dt(label), html.Dd(value)], className="figure"))
    return html.Section([
        html.H2(title),
        html.P(status_label(status, lang), className=f"status {status or 'none'}"),
        html.Dl(rows),
        *([extra] if extra is not None else []),
    ], className="perspective")


def _value(figure: CardFigure) -> html.Dd:
    """The figure and, where there is one, its change (``↑ +4,6 p.e.``) titled in full."""
    if not figure.change:
        return html.Dd(figure.value)
    return html.Dd([figure.value, " ", html.Span(figure.change, className="change",
                                                 title=figure.change_title)])


def overview_card(data: OverviewCard, lang: str, extra: object = None) -> html.Section:
    """An overview card (``dashboard.views.cards``): its title a link to the page that
    explains it, the status, the figures with their changes, the reason it is red or
    yellow, and ``extra`` (the survey's headline) under them."""
    title = dcc.Link(data.title, href=data.href) if data.href else data.title
    shown = data.figures[:CARD_FIGURES] if data.href else data.figures
    rows = [html.Div([html.Dt(f.label), _value(f)], className="figure") for f in shown]
    more = ([html.P(dcc.Link(t("fold.more_figures", lang, count=len(data.figures)),
                             href=data.href), className="more-figures")]
            if len(shown) < len(data.figures) else [])
    return html.Section([
        html.H2(title),
        html.P(status_label(data.status, lang), className=f"status {data.status or 'none'}"),
        html.Dl(rows),
        *more,
        *([html.P(data.reason, className="reason")] if data.reason else []),
        *([extra] if extra is not None else []),
    ], className=f"perspective {data.perspective}")


def freshness(snapshot, lang: str) -> html.P:
    """``p.freshness``: the latest import of the data shown (its time in Stockholm time, as
    every time shown), or the data version when nothing was imported."""
    record = snapshot.latest_import
    if record is None:
        return html.P(t("overview.version", lang, version=snapshot.version), className="freshness")
    return html.P(t("overview.freshness", lang, id=record.id, file=record.file_name,
                    when=local_time(record.created_at), user=record.user), className="freshness")
