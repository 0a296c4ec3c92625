"""Finance figures: budget, outcome and forecast side by side, and consumption over time.

Money is in tkr (thousands of SEK, "kSEK" in English); consumption and the share of the year
gone are fractions shown as percent. The outcome is year-to-date while budget and forecast
are full-year figures: the legend says so.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpis import swedish_key
from dashboard.text.formatting import number, percent

from .escape import plotly_text
from .labels import text
from .style import (
    END_TICK_MARGIN,
    HOVER,
    LABEL_FONT,
    SERIES_STYLE,
    axis,
    bar_height,
    base_layout,
    categories,
    category_labels,
    empty_figure,
    is_blank,
    line_count,
    series_marker,
    share_axis,
    values,
)

MONEY: tuple[str, ...] = ("budget", "outcome", "forecast")
BY: tuple[str, ...] = ("unit", "department", "category")


def _labels(table: pd.DataFrame, by: str, lang: str) -> list[str]:
    """The category label of each row: agency-level rows (blank unit) are "Agency-wide",
    a unit outside every department "(no department)", a blank category "(not given)"."""
    names = values(table[by])
    units = values(table["unit"]) if "unit" in table.columns else names
    if by == "category":
        fallbacks = [text("not_given", lang)] * len(names)
    else:
        fallbacks = [text("no_department" if isinstance(u, str) and u.strip() else
                          "agency_wide", lang) for u in units]
    return [n.strip() if isinstance(n, str) and n.strip() else f
            for n, f in zip(names, fallbacks, strict=True)]


def _sums(labels: list[str], table: pd.DataFrame) -> dict[str, list]:
    """Budget, outcome and forecast summed per label (None when no row has a value)."""
    columns = {m: values(table[m]) for m in MONEY}
    sums: dict[str, list] = {}
    for i, label in enumerate(labels):
        row = sums.setdefault(label, [None] * len(MONEY))
        for j, money in enumerate(MONEY):
            amount = columns[money][i]
            if amount is not None:
                row[j] = amount if row[j] is None else row[j] + amount
    return sums


def _ordered(labels: list[str], lang: str) -> list[str]:
    """Swedish alphabetical order, the placeholder labels last."""
    placeholders = {text(k, lang) for k in ("agency_wide", "no_department", "not_given")}
    return sorted(labels, key=lambda n: (n in placeholders, swedish_key(n)))


def _money_trace(series: str, names: list[str], amounts: list, lang: str) -> dict:
    """A series' bars along the (escaped) ``names``, drawn as labels broken to fit."""
    name = text(series, lang)
    return {
        "type": "bar", "orientation": "h", "name": name, "y": category_labels(names),
        "x": amounts, "hovertext": list(names),
        "text": [number(a, 0, lang) for a in amounts], "textposition": "none",
        "marker": series_marker(series),
        "hovertemplate": (f"<b>%{{hovertext}}</b><br>{name}: %{{x:{HOVER['money']}}} "
                          f"{text('money', lang)}<extra></extra>"),
        "meta": {"format": "money", **categories(names)},
    }


def finance_figure(table: pd.DataFrame | None, lang: str = "sv", by: str = "unit",
                   title: str | None = None) -> dict:
    """Grouped horizontal bars of budget, outcome and forecast (tkr) per unit, department or
    cost category (``by``), in Swedish alphabetical order from the top.

    Takes the finance table (``finance(...)["table"]``: unit, department, category, budget,
    outcome, forecast) and sums it per ``by``.
    """
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}: {by!r}")
    if is_blank(table, MONEY) or by not in table.columns:
        return empty_figure(None, lang)
    sums = _sums(_labels(table, by, lang), table)
    order = _ordered(list(sums), lang)
    shown = [plotly_text(label) for label in order]
    traces = [_money_trace(money, shown, [sums[label][j] for label in order], lang)
              for j, money in enumerate(MONEY)]
    layout = base_layout(
        title or text(f"title.finance.{by}", lang), lang, text(by, lang),
        barmode="group", bargap=0.25,
        height=bar_height(len(order), per_bar=54,
                          lines=max(map(line_count, category_labels(shown)))),
        xaxis=axis(text("money", lang), tickformat=HOVER["money"], rangemode="tozero"),
        yaxis=axis(None, type="category", tickfont=dict(LABEL_FONT), autorange="reversed"),
    )
    layout["margin"]["r"] = END_TICK_MARGIN
    return {"data": traces, "layout": layout}


def _share_line(series: str, periods: list, shares: list, lang: str, dash: str,
                symbol: str) -> dict:
    name = text(series, lang)
    color = SERIES_STYLE[series][0]
    return {
        "type": "scatter", "mode": "lines+markers", "name": name, "x": periods, "y": shares,
        "text": [percent(s, 1, lang) for s in shares],
        "line": {"color": color, "dash": dash, "width": 3 if dash == "solid" else 2},
        "marker": {"color": color, "symbol": symbol, "size": 10},
        "hovertemplate": f"{name}: %{{y:{HOVER['percent']}}}<extra></extra>",
        "meta": {"format": "percent"},
    }


def finance_trend_figure(df: pd.DataFrame | None, lang: str = "sv",
                         title: str | None = None) -> dict:
    """Consumption (outcome / budget, year-to-date) per tertial as a solid line, against
    the share of the year gone (4/12, 8/12, 12/12) as a dashed reference line, from
    :func:`~dashboard.kpis.trends.finance_trend`."""
    if is_blank(df, ["consumption"]):
        return empty_figure(None, lang)
    periods = values(df["period"])
    traces = [
        _share_line("consumption", periods, values(df["consumption"]), lang, "solid", "circle"),
        _share_line("year_share", periods, values(df["year_share"]), lang, "dash",
                    "diamond-open"),
    ]
    layout = base_layout(
        title or text("title.finance_trend", lang), lang, text("period", lang),
        hovermode="x unified",
        xaxis=axis(text("period", lang), type="category", categoryorder="array",
                   categoryarray=periods),
        yaxis=axis(text("share", lang),
                   **share_axis(max((v for v in values(df["consumption"]) if v is not None),
                                    default=0))),
    )
    return {"data": traces, "layout": layout}
