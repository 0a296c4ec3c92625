"""Assignment status figures: the share of green, yellow and red now, over time and by group.

Shares are over the active assignments (completed and cancelled left out), as fractions
(0-1) shown as percent. Each status is one trace with its colour, fill pattern and a legend
name that carries a symbol and a word (● Grön, ▲ Gul, ■ Röd).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.kpis.status import STATUSES
from dashboard.text.formatting import MISSING, number, percent

from .escape import plotly_text
from .labels import text
from .margins import (
    AXIS_TITLE_LINE,
    CHART_WIDTH,
    END_LABEL_GAP,
    bottom_margin,
    end_label_margin,
    label_margin,
    legend_room,
    text_width,
)
from .style import (
    AXIS_TITLE_WRAP,
    FONT,
    HOVER,
    LABEL_FONT,
    LABEL_LINES,
    LABEL_WRAP,
    PERCENT_AXIS,
    TEXT_ON_BARS,
    axis,
    bar_height,
    base_layout,
    categories,
    category_labels,
    count_axis,
    empty_figure,
    is_blank,
    line_count,
    share_axis,
    status_marker,
    swedish_order,
    values,
    wrap,
)

# The share axis's end tick labels, as wide as plotly draws them in either language
FIRST_SHARE, LAST_SHARE = "0\u00a0%", "100\u00a0%"

# The groupings, and the text shown for a group without a name in each
NAMELESS: dict[str, str] = {"department": "no_department", "unit": "agency_wide",
                            "result_area": "not_given", "goal": "not_given"}


def _cell(count: object, share: object, lang: str) -> str:
    """"333 (91,2 %)": the table cell and hover text of one status in one category."""
    if count is None:
        return MISSING
    return f"{number(count, 0, lang)} ({percent(share, 1, lang)})"


def _status_traces(labels: Sequence[str], table: Mapping[str, tuple[list, list]],
                   lang: str, horizontal: bool, relative: bool = True,
                   texttemplate: str | None = None,
                   names: Sequence[str] | None = None) -> list[dict]:
    """One bar trace per status; ``table[status] = (counts, shares)`` along ``labels``.
    ``relative`` plots shares (counts in the hover), else counts (shares in the hover).
    ``names`` are the categories in full when ``labels`` are broken to fit: the hover and
    the chart's table show them."""
    value_axis, category_axis = ("x", "y") if horizontal else ("y", "x")
    share_ref = f"%{{{value_axis}:{HOVER['percent']}}}" if relative else (
        f"%{{customdata:{HOVER['percent']}}}")
    count_ref = f"%{{customdata:{HOVER['count']}}}" if relative else (
        f"%{{{value_axis}:{HOVER['count']}}}")
    category_ref = f"%{{{category_axis}}}" if names is None else "%{hovertext}"
    traces = []
    for status in STATUSES:
        counts, shares = table[status]
        name = text(status, lang)
        trace = {
            "type": "bar", "name": name, category_axis: list(labels),
            value_axis: shares if relative else counts,
            "customdata": counts if relative else shares,
            "text": [_cell(c, s, lang) for c, s in zip(counts, shares, strict=True)],
            "textposition": "inside", "insidetextanchor": "middle",
            "textfont": {"color": TEXT_ON_BARS},
            "marker": status_marker(status),
            "hovertemplate": (f"<b>{name}</b><br>{category_ref}<br>"
                              f"{text('share', lang)}: {share_ref}<br>"
                              f"{text('count', lang)}: {count_ref}<extra></extra>"),
            "meta": {"status": status, "format": "percent" if relative else "count"},
        }
        if names is not None:
            trace["hovertext"] = list(names)
            trace["meta"].update(categories(names))
        if texttemplate is not None:
            trace["texttemplate"] = texttemplate
        if horizontal:
            trace["orientation"] = "h"
        traces.append(trace)
    return traces


def _source_counts(source: Mapping) -> dict[str, object]:
    """Status counts from a summary(), an operations() dict or a plain {status: count}."""
    if "operations" in source:
        source = source["operations"]
    if "status_counts" in source:
        source = source["status_counts"]
    return {status: source.get(status) for status in STATUSES}


def status_distribution(summary_or_counts: Mapping, lang: str = "sv",
                        title: str | None = None) -> dict:
    """One horizontal 100 % bar of green, yellow and red among the active assignments,
    each part labelled with its count and share ("333 (91,2 %)").

    Takes :func:`~dashboard.kpis.summary`'s dict, :func:`~dashboard.kpis.operations`'
    dict, or a plain ``{"green": n, "yellow": n, "red": n}``.
    """
    counts = _source_counts(summary_or_counts)
    active = sum(int(c) for c in counts.values() if c is not None)
    if not active:
        return empty_figure(text("no_active", lang), lang)
    label = text("active_assignments", lang)
    table = {s: ([None if c is None else int(c)],
                 [None if c is None else int(c) / active]) for s, c in counts.items()}
    layout = base_layout(
        title or text("title.status_distribution", lang), lang, text("status", lang),
        barmode="stack", height=210,
        xaxis=axis(text("share_of_active", lang), dtick=0.25, **share_axis()),
        yaxis=axis(None, visible=False, type="category"),
    )
    # room for the share axis's end labels: drawn once (see figures.margins)
    traces = _status_traces([label], table, lang, horizontal=True)
    _fit_margins(layout, traces, l=end_label_margin(FIRST_SHARE), r=end_label_margin(LAST_SHARE))
    return {"data": traces, "layout": layout}


def status_trend_figure(df: pd.DataFrame | None, lang: str = "sv",
                        title: str | None = None) -> dict:
    """Stacked bars of the status shares per tertial, from
    :func:`~dashboard.kpis.trends.status_trend` (columns period, green, yellow, red,
    green_share, yellow_share, red_share)."""
    shares = [f"{s}_share" for s in STATUSES]
    if is_blank(df, shares):
        return empty_figure(None, lang)
    periods = values(df["period"])
    table = {s: (values(df[s]), values(df[f"{s}_share"])) for s in STATUSES}
    layout = base_layout(
        title or text("title.status_trend", lang), lang, text("period", lang),
        barmode="stack", hovermode="closest",
        xaxis=axis(text("period", lang), type="category", categoryorder="array",
                   categoryarray=periods),
        yaxis=axis(text("share_of_active", lang), dtick=0.25, **share_axis()),
    )
    traces = _status_traces(periods, table, lang, horizontal=False,
                            texttemplate=f"%{{y:{PERCENT_AXIS}}}")
    # the share axis's tick labels and its title beside them
    _fit_margins(layout, traces, l=math.ceil(text_width(LAST_SHARE, FONT["size"]))
                 + AXIS_TITLE_LINE + END_LABEL_GAP)
    return {"data": traces, "layout": layout}


def _sorted_groups(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Rows in Swedish alphabetical order of ``columns``, nameless groups last."""
    return df.iloc[swedish_order(*(values(df[c]) for c in columns))]


def _group_labels(df: pd.DataFrame, by: str, lang: str) -> tuple[list[str], list[str]]:
    """(names, axis labels), as plotly draws them literally (:func:`plotly_text`); goals
    read "Result area – Goal" when several result areas are shown. The labels are the names
    broken to fit a phone's chart; a goal's label shortens its result area first, so the
    goal itself stays readable (the name in full is on hover and in the table)."""
    nameless = text(NAMELESS[by], lang)
    names = [plotly_text(n) if isinstance(n, str) and n.strip() else nameless
             for n in values(df[by])]
    if by != "goal" or "result_area" not in df.columns:
        return names, category_labels(names)
    areas = [plotly_text(a) if isinstance(a, str) and a.strip() else text("not_given", lang)
             for a in values(df["result_area"])]
    if len(set(areas)) <= 1:
        return names, category_labels(names)
    full = [f"{area} – {name}" for area, name in zip(areas, names, strict=True)]
    labels = [wrap(f"{wrap(area, LABEL_WRAP, 1)} – {name}", LABEL_WRAP, LABEL_LINES)
              for area, name in zip(areas, names, strict=True)]
    if len(set(labels)) < len(labels):  # one axis category would merge two bars
        labels = category_labels(full)
    return full, labels


def status_by_group_figure(df: pd.DataFrame | None, lang: str = "sv", by: str = "department",
                           relative: bool = True, title: str | None = None) -> dict:
    """Horizontal stacked bars of the statuses per group, groups in Swedish alphabetical
    order from the top, from :func:`~dashboard.kpis.breakdowns.status_by_group` (the group
    column ``by``, the status counts and shares). ``relative`` shows shares (100 % bars),
    else counts."""
    if by not in NAMELESS:
        raise ValueError(f"by must be one of {', '.join(NAMELESS)}: {by!r}")
    if is_blank(df, list(STATUSES)) or by not in df.columns:
        return empty_figure(None, lang)
    df = _sorted_groups(df, ["result_area", by] if by == "goal" and "result_area" in df
                        else [by])
    names, labels = _group_labels(df, by, lang)
    table = {s: (values(df[s]), values(df[f"{s}_share"])) for s in STATUSES}
    totals = [sum(int(c or 0) for c in row) for row in zip(*(table[s][0] for s in STATUSES),
                                                         strict=True)]
    # shares to 100 %, three ticks (a phone's plot area is narrow); counts in whole steps
    value_format = {"dtick": 0.5, **share_axis()} if relative else count_axis(0, max(totals))
    axis_title = wrap(text("share_of_active" if relative else "active_assignments", lang),
                      AXIS_TITLE_WRAP)
    layout = base_layout(
        title or text(f"title.status_by.{by}", lang), lang, text(by, lang),
        barmode="stack", height=bar_height(len(labels), lines=max(map(line_count, labels))),
        xaxis=axis(axis_title, **value_format),
        yaxis=axis(None, type="category", tickfont=dict(LABEL_FONT), autorange="reversed"),
    )
    template = f"%{{x:{PERCENT_AXIS}}}" if relative else f"%{{x:{HOVER['count']}}}"
    traces = _status_traces(labels, table, lang, horizontal=True, relative=relative,
                            texttemplate=template, names=names)
    last = LAST_SHARE if relative else f"{max(totals):,}".replace(",", "\u00a0")
    _fit_margins(layout, traces, l=label_margin(labels, LABEL_FONT["size"]),
                 r=end_label_margin(last), axis_title=axis_title)
    return {"data": traces, "layout": layout}


def _fit_margins(layout: dict, traces: list[dict], axis_title: str | None = None,
                 **sides: int) -> None:
    """The margins ``sides`` (l, r: what the labels need), and below the plot the value
    axis with its title and the legend: room plotly's automargin would find, given before
    it draws, so that it draws the chart once (see :mod:`~.margins`)."""
    margin = {**layout["margin"], **sides}
    plot_width = CHART_WIDTH - margin["l"] - margin["r"]
    margin["b"] = bottom_margin(axis_title) + legend_room(
        [trace["name"] for trace in traces], layout["height"], plot_width)
    layout["margin"] = margin
