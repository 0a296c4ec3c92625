"""One chart component for every page: a plotly graph with one tool, "download as PNG".

The rest of plotly's toolbar stays off: its zoom, pan and select tools need a mouse, and the
table under every chart holds its figures. The download button is one Tab stop, named in the
page's language (``assets/plotly_locale.js`` registers the Swedish words with plotly), and
saves the chart as drawn: its title, and numbers in the language's format (the figure's
``separators``), at twice the screen's resolution, under a file name made from the title.

A chart is as wide as its column (358 px on a 390 px phone), and plotly never breaks a title:
:func:`fit_title` breaks a long one into lines that fit the narrowest column, and makes room
for them above the plot. The figure itself keeps its title whole (its accessible name, its
table's caption and its image's file name read it).
"""

from __future__ import annotations

import re

from dash import dcc

from dashboard.figures import figure_title
from dashboard.figures.style import LINE_BREAK, wrap
from dashboard.text.i18n import language

UNSAFE_IN_NAME = re.compile(r"[^\w\-]+")
IMAGE_SCALE = 2  # sharp in a document or a slide
# characters per line of a drawn title: 17 px text in a phone's 358 px chart, beside the
# download button at the top right
TITLE_WRAP = 34
TITLE_LINE = 22  # px per line of a title


def image_name(title: str) -> str:
    """``Andel-gröna-uppdrag-2018-T2`` from a chart's title: letters (å, ä, ö too), digits and
    dashes only; ``diagram`` when the title gives none."""
    return UNSAFE_IN_NAME.sub("-", title).strip("-_")[:80] or "diagram"


def graph_config(figure: dict, lang: str) -> dict:
    image = {"format": "png", "filename": image_name(figure_title(figure)),
             "scale": IMAGE_SCALE}
    drawn_for_image = ((figure.get("layout") or {}).get("meta") or {}).get("image")
    if drawn_for_image:  # a chart the page titles itself: its image has room for the title
        image["height"] = drawn_for_image["height"]  # (assets/image_title.js draws it)
    return {
        "displaylogo": False, "responsive": True, "displayModeBar": True,
        "modeBarButtons": [["toImage"]], "locale": language(lang),
        "toImageButtonOptions": image,
    }


def fit_title(figure: dict) -> dict:
    """The figure as drawn: a title longer than :data:`TITLE_WRAP` characters broken into
    lines, the top margin and the height grown by the lines added (the figure is not
    changed: a copy of the parts that change)."""
    layout = figure.get("layout") or {}
    title = layout.get("title") or {}
    text = title.get("text")
    if not isinstance(text, str) or len(text) <= TITLE_WRAP or "<br>" in text:
        return figure
    wrapped = wrap(text, TITLE_WRAP)
    extra = TITLE_LINE * wrapped.count(LINE_BREAK)
    fitted = {**layout, "title": {**title, "text": wrapped}}
    margin = layout.get("margin") or {}
    fitted["margin"] = {**margin, "t": margin.get("t", 64) + extra}
    if isinstance(layout.get("height"), int | float):
        fitted["height"] = layout["height"] + extra
    return {**figure, "layout": fitted}


def drawn_height(figure: dict) -> int | float | None:
    """The height the chart is drawn at (its title's lines included); None when unset."""
    return (fit_title(figure).get("layout") or {}).get("height")


def graph(figure: dict, lang: str, **props: object) -> dcc.Graph:
    """The chart with its download button (``props`` go to ``dcc.Graph``, e.g. ``style``),
    its title fitted to a phone's width (:func:`fit_title`)."""
    return dcc.Graph(figure=fit_title(figure), config=graph_config(figure, lang), **props)
