"""The survey figure of one area: per question, the peers' range (lowest to highest) as a
grey bar, their median as a tick and our value as a dot, on the questions' scale.

Pure: a frame of :func:`dashboard.kpis.survey.questions` (one area, one scale) in, a plain
figure dict out. A question whose value is hidden (too few answers) keeps its range and
median but has no dot. The page shows the same figures in a table beside the chart.
"""

from __future__ import annotations

import pandas as pd

from dashboard.text import formatting as fmt
from dashboard.text.i18n import t
from loaders.survey_sheet import SHARE, parse_scale

from .escape import plotly_text
from .style import (
    AXIS_LINE,
    AXIS_TITLE_WRAP,
    END_TICK_MARGIN,
    LABEL_FONT,
    LABEL_WRAP,
    LINE_HEIGHT,
    PERCENT_AXIS,
    axis,
    base_layout,
    line_count,
    wrap,
)

OURS = "#0072B2"  # Okabe-Ito blue, 5.2:1 on white
RANGE = "#9aa5b1"
MEDIAN = "#3d4a57"
ROW_HEIGHT = 46
BASE_HEIGHT = 150
UNTITLED_TOP = 40  # px above the plot of a chart without a drawn title: the download button


def value_text(value: object, scale: str, lang: str) -> str:
    """A survey value as the page writes it: a share in whole percent, a mean with one
    decimal; ``–`` when missing."""
    if value is None or pd.isna(value):
        return fmt.MISSING
    if scale == SHARE:
        return fmt.percent(float(value), 0, lang)
    return fmt.number(float(value), 1, lang)


def _label(question: str) -> str:
    """The question for the axis, escaped, broken into lines that fit beside a phone's
    chart (:data:`~dashboard.figures.style.LABEL_WRAP`), never shortened: the question is
    the point."""
    return wrap(str(plotly_text(question)), LABEL_WRAP)


def area_figure(rows: pd.DataFrame, area: str, lang: str = "sv", titled: bool = True
                ) -> dict:
    """The chart of one area's questions (all on one scale). ``titled=False`` for a page
    that heads the chart with the area's name itself: the chart draws no title of its own
    and keeps it as its name (``layout.meta.title``, read by
    :func:`~dashboard.figures.tables.figure_title`), and as the title of its downloaded
    image: ``layout.meta.image`` holds the title, height and top margin the image is drawn
    with (``assets/image_title.js``)."""
    scale = rows["scale"].iloc[0]
    labels = [_label(q) for q in rows["question"]]
    ranged = rows["peer_min"].notna()
    range_x: list = []
    range_y: list = []
    for label, low, high in zip(labels, rows["peer_min"], rows["peer_max"], strict=True):
        if pd.notna(low):
            range_x += [low, high, None]
            range_y += [label, label, None]
    ours = rows["value"].notna()
    traces = [
        {"type": "scatter", "mode": "lines", "name": t("survey.trace_range", lang),
         "x": range_x, "y": range_y, "line": {"color": RANGE, "width": 12},
         "hoverinfo": "skip"},
        {"type": "scatter", "mode": "markers", "name": t("survey.trace_median", lang),
         "x": rows.loc[ranged, "peer_median"].tolist(),
         "y": [label for label, r in zip(labels, ranged, strict=True) if r],
         "marker": {"symbol": "line-ns-open", "size": 20, "color": MEDIAN,
                    "line": {"width": 3, "color": MEDIAN}},
         "hovertemplate": _hover(t("survey.trace_median", lang), scale)},
        {"type": "scatter", "mode": "markers+text", "name": t("survey.trace_ours", lang),
         "x": rows.loc[ours, "value"].tolist(),
         "y": [label for label, o in zip(labels, ours, strict=True) if o],
         "text": [value_text(v, scale, lang) for v in rows.loc[ours, "value"]],
         "textposition": "top center", "textfont": {"color": OURS}, "cliponaxis": False,
         "marker": {"symbol": "circle", "size": 14, "color": OURS,
                    "line": {"width": 1.5, "color": "#ffffff"}},
         "hovertemplate": _hover(t("survey.trace_ours", lang), scale)},
    ]
    layout = _layout(area, scale, labels, lang)
    if not titled:
        layout["meta"]["title"] = layout["title"]["text"]
        layout["meta"]["image"] = {"title": layout["title"], "height": layout["height"],
                                   "top": layout["margin"]["t"]}
        layout["title"] = {"text": ""}
        layout["height"] -= layout["margin"]["t"] - UNTITLED_TOP
        layout["margin"] = {**layout["margin"], "t": UNTITLED_TOP}
    return {"data": traces, "layout": layout}


def _hover(name: str, scale: str) -> str:
    number = ".0%" if scale == SHARE else ".1f"
    return f"{name}: %{{x:{number}}}<extra></extra>"


def _layout(area: str, scale: str, labels: list[str], lang: str) -> dict:
    parsed = parse_scale(scale)
    low, high = (parsed[1], parsed[2]) if parsed else (0.0, 1.0)
    pad = (high - low) * 0.03
    if scale == SHARE:
        x_axis = axis(wrap(t("survey.axis_share", lang), AXIS_TITLE_WRAP), tickformat=PERCENT_AXIS,
                      range=[low - pad, high + pad])
    else:
        x_axis = axis(wrap(t("survey.axis_scale", lang, scale=scale), AXIS_TITLE_WRAP),
                      range=[low - pad, high + pad],
                      dtick=1)
    title = t("survey.area_figure", lang, area=plotly_text(area))
    layout = base_layout(
        title, lang, t("survey.col_question", lang),
        xaxis=x_axis,
        yaxis=axis(None, type="category", tickfont=dict(LABEL_FONT), categoryorder="array",
                   categoryarray=list(reversed(labels)), linecolor=AXIS_LINE),
        height=BASE_HEIGHT + sum(max(ROW_HEIGHT, LINE_HEIGHT * line_count(label) + 20)
                                 for label in labels), showlegend=True,
        hovermode="closest",
    )
    layout["margin"]["r"] = END_TICK_MARGIN
    return layout
