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
from .style import AXIS_LINE, PERCENT_AXIS, axis, base_layout

OURS = "#0072B2"  # Okabe-Ito blue, 5.2:1 on white
RANGE = "#9aa5b1"
MEDIAN = "#3d4a57"
ROW_HEIGHT = 46
BASE_HEIGHT = 150
WRAP = 38  # characters per line of a question's label


def value_text(value: object, scale: str, lang: str) -> str:
    """A survey value as the page writes it: a share in whole percent, a mean with one
    decimal; ``–`` when missing."""
    if value is None or pd.isna(value):
        return fmt.MISSING
    if scale == SHARE:
        return fmt.percent(float(value), 0, lang)
    return fmt.number(float(value), 1, lang)


def _label(question: str) -> str:
    """The question for the axis, escaped, broken into lines of about :data:`WRAP`."""
    lines, line = [], ""
    for word in question.split():
        if line and len(line) + len(word) + 1 > WRAP:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(str(plotly_text(part)) for part in lines)


def area_figure(rows: pd.DataFrame, area: str, lang: str = "sv") -> dict:
    """The chart of one area's questions (all on one scale)."""
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
    return {"data": traces, "layout": _layout(area, scale, labels, lang)}


def _hover(name: str, scale: str) -> str:
    number = ".0%" if scale == SHARE else ".1f"
    return f"{name}: %{{x:{number}}}<extra></extra>"


def _layout(area: str, scale: str, labels: list[str], lang: str) -> dict:
    parsed = parse_scale(scale)
    low, high = (parsed[1], parsed[2]) if parsed else (0.0, 1.0)
    pad = (high - low) * 0.03
    if scale == SHARE:
        x_axis = axis(t("survey.axis_share", lang), tickformat=PERCENT_AXIS,
                      range=[low - pad, high + pad])
    else:
        x_axis = axis(t("survey.axis_scale", lang, scale=scale), range=[low - pad, high + pad],
                      dtick=1)
    title = t("survey.area_figure", lang, area=plotly_text(area))
    return base_layout(
        title, lang, t("survey.col_question", lang),
        xaxis=x_axis,
        yaxis=axis(None, type="category", categoryorder="array",
                   categoryarray=list(reversed(labels)), linecolor=AXIS_LINE),
        height=BASE_HEIGHT + ROW_HEIGHT * len(labels), showlegend=True,
        hovermode="closest",
    )
