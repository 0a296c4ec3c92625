"""Margins that fit at a chart's first draw: room for its labels, value axis and legend,
reckoned from their text before plotly draws (issue 16).

Plotly's automargin measures the labels it drew and, when they need more room than the
layout's margins give, draws the whole chart again with the margins grown: most charts were
drawn twice on every filter change (half of a chart's drawing time). So a figure sets its
margins to what its labels need, reckoned from their text (:func:`text_width`); automargin
stays on, and grows a margin (one more draw) only when a label is wider than reckoned.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .escape import page_text
from .style import FONT, line_count

# Advance widths in em of DejaVu Sans, the widest face FONT's family falls back to (Linux's
# system-ui); Segoe UI, Roboto, Helvetica and Arial draw narrower: their labels get a few
# pixels to spare, never too few.
EM_WIDTHS: dict[str, float] = {
    **dict.fromkeys("ijlIJ'|", 0.30), **dict.fromkeys(" ,.:;/", 0.34),
    **dict.fromkeys("frt()-!\u00a0", 0.42), **dict.fromkeys("\"", 0.46),
    **dict.fromkeys("–", 0.50), **dict.fromkeys("csz?", 0.56),
    **dict.fromkeys("FLPTYSE", 0.64), **dict.fromkeys("ABCKRVXZÅÄÉ&", 0.70),
    **dict.fromkeys("DGHNOQUÖÜ", 0.79), **dict.fromkeys("w", 0.82),
    **dict.fromkeys("mMW…%", 1.00),
}
EM_DEFAULT = 0.64  # other letters and digits (a, e, o, n, 0-9: 0.61-0.64)
PLOT_EDGE = 16  # the house margin outside a label (base_layout's l and r)
LABEL_GAP = 18  # between a category label and the plot area (plotly's tick padding)
END_LABEL_GAP = 12  # past half of an axis's end tick label, centred on the plot's edge
AXIS_TITLE_LINE = 21  # px per line of an axis title
TICKS_AND_GAPS = 35  # below the plot: the tick labels and the gaps around the axis title


def text_width(text: str, size: float) -> float:
    """The width in px of the widest line of a text plotly draws (its ``<br>`` breaks,
    entities as their characters) in FONT's family at ``size`` px."""
    lines = str(page_text(text)).split("<br>")
    return max(sum(EM_WIDTHS.get(c, EM_DEFAULT) for c in line.strip()) for line in lines) * size


def label_margin(labels: Iterable[object], size: float) -> int:
    """The left margin of a horizontal bar chart whose category labels are ``labels`` drawn
    at ``size`` px: the widest of them, the gap to the bars and the house margin."""
    widest = max((text_width(str(label), size) for label in labels), default=0.0)
    return PLOT_EDGE + math.ceil(widest) + LABEL_GAP


def end_label_margin(label: str, size: float = FONT["size"]) -> int:
    """A side margin that holds half of the tick label at the plot area's edge ("100 %")."""
    return max(PLOT_EDGE, math.ceil(text_width(label, size) / 2) + END_LABEL_GAP)


def bottom_margin(axis_title: str | None, base: int = 56) -> int:
    """The bottom margin under a value axis: its tick labels and its title's lines (the
    legend below takes room of its own), at least ``base``."""
    lines = line_count(axis_title) if axis_title else 0
    return max(base, TICKS_AND_GAPS + AXIS_TITLE_LINE * lines)


# The legend below a chart (base_layout: anchored at the bottom of the figure) takes room of
# its own, which plotly reserves under the bottom margin unless the margin already holds it
# (another draw otherwise). How many lines it takes depends on the plot area's width, which
# a figure does not know: its room is reckoned for a chart in the page's two columns at
# 1440 px; in a narrower chart plotly adds what a longer legend needs (one more draw).
CHART_WIDTH = 516  # px: a chart in one of the two columns at 1440 px
LEGEND_ENTRY = 44  # px of an entry beside its text: the symbol and the gaps
LEGEND_LINE = 21  # px per line of the legend
LEGEND_PAD = 12  # px of the legend's own padding, and the one pixel plotly may round to


def legend_room(names: Iterable[str], height: float, plot_width: float) -> int:
    """The room below the bottom margin of a legend of ``names`` (horizontal, at the
    figure's bottom) in a plot area ``plot_width`` px wide, of a figure ``height`` px high."""
    lines, used = 1, 0.0
    for name in names:
        entry = LEGEND_ENTRY + text_width(name, FONT["size"])
        if used and used + entry > plot_width:
            lines, used = lines + 1, 0.0
        used += entry
    return math.ceil(0.01 * height) + LEGEND_PAD + LEGEND_LINE * lines
