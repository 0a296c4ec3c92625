"""The look every figure shares: palette, patterns, font, number separators, base layout.

Figures are plain dicts (``{"data": [...], "layout": {...}}``): Dash's ``dcc.Graph`` takes
them as they are, and they build about five times faster than ``plotly.graph_objects``.
Nothing here depends on the graph's ``config``: the number separators are set on the
layout itself (``layout.separators``), so they also hold for exported images.

Colours come from the Okabe-Ito palette, safe for the common colour-vision deficiencies.
Statuses have their own three colours and, on top, a fill pattern, a marker symbol and a
word with a symbol in the legend, so no status is ever told by colour alone. The other
series (budget, staff types, units) use the palette's remaining colours with patterns or
line dashes of their own.

Contrast (WCAG 2.1 AA, checked by ``tests/dashboard/figures/test_contrast.py``): several Okabe-Ito
fills are lighter than 3:1 against the white background (orange 2.2:1, sky blue 2.3:1), so
every bar has a dark outline (:data:`BAR_OUTLINE`) that gives its shape the 3:1 of
WCAG 1.4.11, and keeps stacked parts apart. A line has no outline: lines use the palette's
hues darkened where needed to reach 3:1 (:data:`LINE_CYCLE`). Text on a bar reaches 4.5:1
against the bar's colour (:func:`text_colour`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.kpis import swedish_key
from loaders.language import language, pick

from .labels import text

FONT: dict = {"family": 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
              "size": 14, "color": "#1d2733"}
TITLE_SIZE = 17
BACKGROUND = "#ffffff"
GRID = "#e3e8ee"  # grid lines only help; the values are in labels, hover and the table
AXIS_LINE = "#4a5866"
BAR_OUTLINE = "#111111"  # 19:1 on white, 3.6:1 or more against every fill

# decimal mark, then thousands separator (U+00A0 so a number never breaks across lines)
SEPARATORS: dict[str, str] = {"sv": ",\u00a0", "en": ".,"}

# d3 formats for hover templates and axes; the layout's separators localise them
HOVER: dict[str, str] = {"percent": ".1%", "count": ",.0f", "money": ",.0f",
                         "number": ",.1f", "change": "+,.0f"}
PERCENT_AXIS = ".0%"

STATUS_STYLE: dict[str, dict[str, str]] = {
    "green": {"color": "#009E73", "pattern": "", "symbol": "circle", "dash": "solid"},
    "yellow": {"color": "#E69F00", "pattern": "/", "symbol": "triangle-up", "dash": "dash"},
    "red": {"color": "#D55E00", "pattern": "x", "symbol": "square", "dash": "dot"},
}
# Non-status series: (colour, pattern) pairs, also from Okabe-Ito
SERIES_STYLE: dict[str, tuple[str, str]] = {
    "budget": ("#0072B2", ""),
    "outcome": ("#56B4E9", "."),
    "forecast": ("#CC79A7", "\\"),
    "permanent": ("#0072B2", ""),
    "temporary": ("#56B4E9", "/"),
    "headcount_change": ("#0072B2", ""),
    "consumption": ("#0072B2", ""),
    "year_share": ("#4a5866", ""),
    "target": ("#4a5866", ""),
}
# Lines for several units: colour, dash and marker symbol change together. Okabe-Ito hues;
# sky blue, orange and yellow darkened (same hue and saturation) to reach 3:1 on white.
LINE_CYCLE: tuple[tuple[str, str, str], ...] = (
    ("#0072B2", "solid", "circle"), ("#CC79A7", "dash", "diamond"),
    ("#1C95D9", "dot", "square"), ("#000000", "dashdot", "triangle-up"),
    ("#009E73", "longdash", "cross"), ("#BB8100", "longdashdot", "star"),
    ("#D55E00", "solid", "x"), ("#978E0C", "dash", "hexagon"),
)
TEXT_ON_BARS = "#111111"
# Bar colours dark enough to need white text (WCAG contrast: white 5.1:1, black 4.1:1)
WHITE_TEXT_ON: frozenset[str] = frozenset({"#0072B2"})


def text_colour(fill: str) -> str:
    """The colour of text drawn on a bar of the given fill."""
    return "#ffffff" if fill in WHITE_TEXT_ON else TEXT_ON_BARS


def pattern(shape: str, background: str) -> dict:
    """A bar fill pattern drawn in white over the bar's colour (readable under black text).

    The background is given explicitly: without it the pattern's background stayed
    transparent inside the Dash page (the bar showed white), though not in plain plotly HTML.
    """
    return {"shape": shape, "fgcolor": "#ffffff", "fgopacity": 0.6, "size": 8, "solidity": 0.3,
            "bgcolor": background}


def status_marker(status: str) -> dict:
    style = STATUS_STYLE[status]
    return {"color": style["color"], "pattern": pattern(style["pattern"], style["color"]),
            "line": {"color": BAR_OUTLINE, "width": 1}}


def series_marker(series: str) -> dict:
    color, shape = SERIES_STYLE[series]
    return {"color": color, "pattern": pattern(shape, color),
            "line": {"color": BAR_OUTLINE, "width": 1}}


def axis(title: str | None = None, **extra: object) -> dict:
    """An axis with the house grid and line; ``extra`` adds or overrides attributes."""
    base = {"title": {"text": title or ""}, "gridcolor": GRID, "linecolor": AXIS_LINE,
            "zerolinecolor": AXIS_LINE, "automargin": True}
    return {**base, **extra}


DEFAULT_HEIGHT = 380  # px; smaller plots squeeze the axis titles into the chart title


def base_layout(title: str, lang: str, category: str | None = None, **extra: object) -> dict:
    """The layout every figure starts from.

    ``title`` is required (screen readers and printouts name the chart by it).
    ``layout.meta`` records the language and the header of the category column for
    :func:`~dashboard.figures.tables.figure_table`.
    """
    layout = {
        "title": {"text": title, "x": 0.01, "xanchor": "left", "xref": "container",
                  "font": {"size": TITLE_SIZE}},
        "separators": SEPARATORS[language(lang)],
        "font": dict(FONT),
        "hoverlabel": {"font": {"family": FONT["family"], "size": 13}},
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        # no zoom or pan by dragging: a mouse-only function (the table has every value)
        "dragmode": False,
        "modebar": {"color": AXIS_LINE, "activecolor": FONT["color"], "bgcolor": BACKGROUND},
        "margin": {"l": 16, "r": 16, "t": 64, "b": 56},  # b: room for the legend below
        "height": DEFAULT_HEIGHT,
        "legend": {"orientation": "h", "x": 0.01, "xref": "container", "xanchor": "left",
                   "y": 0.01, "yref": "container", "yanchor": "bottom",
                   "traceorder": "normal"},
        "uniformtext": {"minsize": 11, "mode": "hide"},
        "meta": {"lang": lang, "category": category or ""},
    }
    return {**layout, **extra}


def empty_figure(message: str | Mapping[str, str] | tuple[str, str] | None = None,
                 lang: str = "sv") -> dict:
    """A figure without data that says why, in the language.

    ``message`` is a text, a ``{"sv": ..., "en": ...}`` mapping, a ``(sv, en)`` pair, or
    None for "There is no data for the selection". The message is also the title.
    """
    if message is None:
        message = text("no_data", lang)
    elif isinstance(message, Mapping):
        message = message[language(lang)]
    elif isinstance(message, tuple):
        message = pick(lang, message[0], message[1])
    hidden = {"visible": False}
    layout = base_layout(message, lang, xaxis=hidden, yaxis=hidden, height=260)
    layout["annotations"] = [{"text": message, "showarrow": False, "xref": "paper",
                              "yref": "paper", "x": 0.5, "y": 0.5,
                              "font": {"size": 16, "color": AXIS_LINE}}]
    return {"data": [], "layout": layout}


def values(series: pd.Series | Iterable) -> list:
    """Plain JSON values of a column (NA and NaN -> None, numpy scalars -> Python)."""
    if isinstance(series, pd.Series):
        return series.to_numpy(dtype=object, na_value=None).tolist()
    return [None if v is None or pd.isna(v) else getattr(v, "item", lambda v=v: v)()
            for v in series]


def is_blank(frame: pd.DataFrame | None, columns: Iterable[str]) -> bool:
    """True when there is no frame, no row, or no value at all in the given columns."""
    if frame is None or frame.empty:
        return True
    return not any(frame[c].notna().any() for c in columns if c in frame.columns)


def swedish_order(*columns: list) -> list[int]:
    """Row positions in Swedish alphabetical order of the columns (lists of names, compared
    left to right); a missing or blank name sorts after every name."""
    def key(name: object) -> tuple:
        if isinstance(name, str) and name.strip():
            return (0, swedish_key(name))
        return (1, ("", ""))
    keys = [tuple(key(column[i]) for column in columns) for i in range(len(columns[0]))]
    return sorted(range(len(keys)), key=keys.__getitem__)


# A horizontal bar chart is never lower than this: with one or two bars (one unit chosen), a
# narrow chart (a phone, or the moment a page is laid out) wraps its legend over several lines,
# and below about 240 px the title, legend and axis title left plotly no room for the bars
# ("Something went wrong with axis scaling", and an empty chart).
MIN_BAR_CHART_HEIGHT = 260
# Room outside the bars: the title, the value axis with its title (two lines beside long
# labels) and the legend, which takes a line per entry in a phone's chart
BAR_CHART_BASE = 200


def bar_height(categories: int, per_bar: int = 30, base: int = BAR_CHART_BASE,
               lines: int = 1) -> int:
    """Height of a horizontal bar chart that keeps every bar readable, and every category
    label of ``lines`` lines (see :func:`wrap`) clear of its neighbours."""
    per_bar = max(per_bar, LINE_HEIGHT * lines + 8)
    return max(base + per_bar * max(categories, 1), MIN_BAR_CHART_HEIGHT)


# --- text that fits ------------------------------------------------------------------------
# A chart is as wide as its column: 358 px on a phone (390 px), about 520 px in the two
# columns at 1440 px, and a figure (a pure function) cannot know which. So long texts are
# broken into lines short enough for the narrowest: category labels of horizontal bars take
# at most half of a phone's chart, the value axis's title fits under the plot area beside them.
LINE_BREAK = " <br>"  # the space keeps the words apart in the drawn text's textContent
LINE_HEIGHT = 17  # px of one line of a label
LABEL_FONT = {"size": 13}  # category labels beside horizontal bars: a little more plot
LABEL_WRAP = 20  # characters per line of a category label (14 px: about 170 px)
LABEL_LINES = 3  # lines of a category label; a longer one ends in "…", in full on hover
AXIS_TITLE_WRAP = 18  # characters per line of a value axis's title beside such labels
ELLIPSIS = "\u2026"


def wrap(text: str, width: int, max_lines: int | None = None) -> str:
    """``text`` broken at its spaces into lines of at most ``width`` characters (a longer
    word keeps a line of its own), joined by plotly's line break after the space, so the
    drawn text reads as typed; past ``max_lines`` lines the last one ends in "…". Give it
    text already escaped for plotly (:func:`plotly_text`): no break falls inside an
    entity, which holds no space."""
    lines: list[str] = []
    for word in text.split(" "):  # not at a no-break space, which keeps "12 %" together
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if max_lines is not None and len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = [*lines[:max_lines - 1],
                 (last if len(last) < width else last[:width - 1].rstrip()) + ELLIPSIS]
    return LINE_BREAK.join(lines)


def line_count(text: object) -> int:
    return str(text).count(LINE_BREAK) + 1 if isinstance(text, str) else 1


def category_labels(names: list[str]) -> list[str]:
    """Category labels of a horizontal chart (escaped names) broken to fit a phone's chart;
    the names themselves go to the hover text and the chart's table (:func:`categories`)."""
    labels = [wrap(name, LABEL_WRAP, LABEL_LINES) for name in names]
    shortened = [label for label in labels if label.endswith(ELLIPSIS)]
    if len(set(shortened)) < len(shortened):  # one axis category would merge two bars
        labels = [wrap(name, LABEL_WRAP) if label.endswith(ELLIPSIS) else label
                  for name, label in zip(names, labels, strict=True)]
    return labels


def categories(names: list[str]) -> dict:
    """A trace's record of its categories' full names (escaped), read by
    :func:`~dashboard.figures.tables.figure_table` instead of the broken axis labels."""
    return {"categories": list(names)}


def nice_step(span: float, ticks: int = 3) -> int:
    """A whole tick step (1, 2 or 5 times a power of ten) giving about ``ticks`` steps over
    ``span``: a count's axis never reads 2,5 assignments."""
    raw = max(float(span), 1.0) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return max(1, int(round(step)))


def count_axis(low: float, high: float, pad: float = 0.0) -> dict:
    """Axis attributes for counts from ``low`` to ``high`` (zero always shown): whole ticks,
    and ``pad`` (a share of the span) of room on the sides that are not zero, for labels
    drawn beyond the bars."""
    low, high = min(float(low or 0), 0.0), max(float(high or 0), 0.0)
    if low == high:
        high = 1.0
    room = (high - low) * pad
    return {"tickformat": HOVER["count"], "tick0": 0, "dtick": nice_step(high - low),
            "range": [low - room if low < 0 else 0, high + room if high > 0 else 0]}


def share_axis(high: float = 1.0) -> dict:
    """Axis attributes for shares (fractions): from 0 to 100 % (further when a value is)."""
    high = float(high or 0)
    top = 1.0 if high <= 1 else high * 1.05
    return {"tickformat": PERCENT_AXIS, "range": [0, top]}


# The right margin of a horizontal chart: half of its last tick label ("100 %") needs more
# than the house margin, and the value axis's title, centred under a plot area that labels
# push right, reaches further right than the plot
END_TICK_MARGIN = 28
