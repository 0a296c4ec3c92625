"""Staff figures: headcount by employment type over time, and the change since last tertial.

Permanent and temporary staff keep one colour and fill pattern each in both figures, so "+11,
all temporary" reads the same way in the trend and in the change per unit.
"""

from __future__ import annotations

import pandas as pd

from dashboard.text.formatting import change, number

from .escape import plotly_text
from .labels import text
from .style import (
    AXIS_LINE,
    AXIS_TITLE_WRAP,
    END_TICK_MARGIN,
    HOVER,
    LABEL_FONT,
    SERIES_STYLE,
    axis,
    bar_height,
    base_layout,
    categories,
    category_labels,
    count_axis,
    empty_figure,
    is_blank,
    line_count,
    series_marker,
    swedish_order,
    text_colour,
    values,
    wrap,
)

TYPES: tuple[str, ...] = ("permanent", "temporary")
TYPE_CHANGES: tuple[str, ...] = ("permanent_change", "temporary_change")

def staff_trend_figure(df: pd.DataFrame | None, lang: str = "sv",
                       title: str | None = None) -> dict:
    """Stacked bars of permanent and temporary staff per tertial with the headcount above
    each bar, from :func:`~dashboard.kpis.trends.staff_trend`."""
    if is_blank(df, list(TYPES)):
        return empty_figure(None, lang)
    periods = values(df["period"])
    traces = []
    for series in TYPES:
        name = text(series, lang)
        counts = values(df[series])
        traces.append({
            "type": "bar", "name": name, "x": periods, "y": counts,
            "text": [number(c, 0, lang) for c in counts], "textposition": "inside",
            "insidetextanchor": "middle",
            "textfont": {"color": text_colour(SERIES_STYLE[series][0])},
            "marker": series_marker(series),
            "hovertemplate": f"{name}: %{{y:{HOVER['count']}}}<extra></extra>",
            "meta": {"format": "count"},
        })
    totals = values(df["headcount"]) if "headcount" in df.columns else [None] * len(periods)
    stacked = [sum(v or 0 for v in row) for row in zip(*(values(df[s]) for s in TYPES),
                                                       strict=True)]
    notes = [{"x": p, "y": t, "text": f"<b>{number(t, 0, lang)}</b>", "showarrow": False,
              "yanchor": "bottom", "yshift": 2}
             for p, t in zip(periods, totals, strict=True) if t is not None]
    layout = base_layout(
        title or text("title.staff_trend", lang), lang, text("period", lang),
        barmode="stack", hovermode="x unified", annotations=notes,
        xaxis=axis(text("period", lang), type="category", categoryorder="array",
                   categoryarray=periods),
        yaxis=axis(text("headcount", lang), **count_axis(0, _most(totals, stacked), pad=0.08)),
    )
    return {"data": traces, "layout": layout}


def _change_labels(table: pd.DataFrame, by: str, lang: str) -> list[str]:
    """Axis labels, as plotly draws them literally (:func:`plotly_text`)."""
    nameless = text("agency_wide" if by == "unit" else "no_department", lang)
    return [plotly_text(n) if isinstance(n, str) and n.strip() else nameless
            for n in values(table[by])]


def _most(*columns: list) -> float:
    """The largest value in the columns (0 without any)."""
    return max((v for column in columns for v in column if v is not None), default=0)


def _change_range(table: pd.DataFrame, columns: list[str]) -> tuple[float, float]:
    """The lowest and highest end of a unit's bars: its negative and positive parts stack."""
    rows = list(zip(*(values(table[c]) for c in columns), strict=True))
    low = min((sum(v for v in row if v is not None and v < 0) for row in rows), default=0)
    high = max((sum(v for v in row if v is not None and v > 0) for row in rows), default=0)
    return low, high


def _change_bar(series: str, column: str, names: list[str], table: pd.DataFrame,
                lang: str) -> dict:
    name = text(series, lang)
    amounts = values(table[column])
    return {
        "type": "bar", "orientation": "h", "name": name, "y": category_labels(names),
        "x": amounts, "hovertext": list(names),
        "text": [change(a, 0, lang) for a in amounts], "textposition": "none",
        "marker": series_marker(series),
        "hovertemplate": (f"<b>%{{hovertext}}</b><br>{name}: %{{x:{HOVER['change']}}}"
                          "<extra></extra>"),
        "meta": {"format": "change", **categories(names)},
    }


def _net_marker(names: list[str], table: pd.DataFrame, lang: str) -> dict:
    name = text("net_change", lang)
    amounts = values(table["headcount_change"])
    return {
        "type": "scatter", "mode": "markers+text", "name": name, "y": category_labels(names),
        "x": amounts, "hovertext": list(names),
        "orientation": "h", "text": [change(a, 0, lang) for a in amounts],
        "textposition": ["middle left" if (a or 0) < 0 else "middle right" for a in amounts],
        "cliponaxis": False,
        "marker": {"symbol": "diamond", "size": 11, "color": "#000000",
                   "line": {"color": "#ffffff", "width": 1}},
        "hovertemplate": (f"<b>%{{hovertext}}</b><br>{name}: %{{x:{HOVER['change']}}}"
                          "<extra></extra>"),
        "meta": {"format": "change", **categories(names)},
    }


def staff_change_figure(table: pd.DataFrame | None, lang: str = "sv", by: str = "unit",
                        title: str | None = None) -> dict:
    """Diverging horizontal bars of the change in headcount since the previous tertial per
    unit (or department, ``by``), in Swedish alphabetical order from the top.

    With :func:`~dashboard.kpis.breakdowns.staff_changes`' columns ``permanent_change`` and
    ``temporary_change`` the bars are split by employment type and a black diamond marks
    the net change; with only ``headcount_change`` (``staff(...)["table"]``) one bar per
    group shows the net change.
    """
    if by not in ("unit", "department"):
        raise ValueError(f"by must be unit or department: {by!r}")
    if table is None or by not in table.columns:
        return empty_figure(None, lang)
    split = all(c in table.columns for c in TYPE_CHANGES)
    columns = list(TYPE_CHANGES) if split else ["headcount_change"]
    if table.empty:
        return empty_figure(None, lang)
    if is_blank(table, columns):
        return empty_figure(text("no_previous", lang), lang)
    table = table.iloc[swedish_order(values(table[by]))]
    labels = _change_labels(table, by, lang)
    if split:
        traces = [_change_bar(s, f"{s}_change", labels, table, lang) for s in TYPES]
        if "headcount_change" in table.columns:
            traces.append(_net_marker(labels, table, lang))
    else:
        traces = [_change_bar("headcount_change", "headcount_change", labels, table, lang)]
    low, high = _change_range(table, columns)
    if split and "headcount_change" in table.columns:  # the net's label is drawn beside it
        net = [v for v in values(table["headcount_change"]) if v is not None]
        low, high = min([low, *net]), max([high, *net])
    layout = base_layout(
        title or text(f"title.staff_change.{by}", lang), lang, text(by, lang),
        barmode="relative",
        height=bar_height(len(labels), lines=max(map(line_count, category_labels(labels)))),
        xaxis=axis(wrap(text("change", lang), AXIS_TITLE_WRAP), zeroline=True,
                   zerolinewidth=2, zerolinecolor=AXIS_LINE,
                   **count_axis(low, high, pad=0.25)),
        yaxis=axis(None, type="category", tickfont=dict(LABEL_FONT), autorange="reversed"),
    )
    layout["margin"]["r"] = END_TICK_MARGIN
    return {"data": traces, "layout": layout}
