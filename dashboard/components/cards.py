"""A perspective's card: title, status (word, symbol and colour) and its headline figures."""

from __future__ import annotations

from dash import html

from dashboard.kpis.status import status_label

__all__ = ["card", "status_label"]


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
