"""One chart component for every page: a plotly graph with one tool, "download as PNG".

The rest of plotly's toolbar stays off: its zoom, pan and select tools need a mouse, and the
table under every chart holds its figures. The download button is one Tab stop, named in the
page's language (``assets/plotly_locale.js`` registers the Swedish words with plotly), and
saves the chart as drawn: its title, and numbers in the language's format (the figure's
``separators``), at twice the screen's resolution, under a file name made from the title.
"""

from __future__ import annotations

import re

from dash import dcc

from dashboard.figures import figure_title
from dashboard.text.i18n import language

UNSAFE_IN_NAME = re.compile(r"[^\w\-]+")
IMAGE_SCALE = 2  # sharp in a document or a slide


def image_name(title: str) -> str:
    """``Andel-gröna-uppdrag-2018-T2`` from a chart's title: letters (å, ä, ö too), digits and
    dashes only; ``diagram`` when the title gives none."""
    return UNSAFE_IN_NAME.sub("-", title).strip("-_")[:80] or "diagram"


def graph_config(figure: dict, lang: str) -> dict:
    return {
        "displaylogo": False, "responsive": True, "displayModeBar": True,
        "modeBarButtons": [["toImage"]], "locale": language(lang),
        "toImageButtonOptions": {"format": "png", "filename": image_name(figure_title(figure)),
                                 "scale": IMAGE_SCALE},
    }


def graph(figure: dict, lang: str, **props: object) -> dcc.Graph:
    """The chart with its download button (``props`` go to ``dcc.Graph``, e.g. ``style``)."""
    return dcc.Graph(figure=figure, config=graph_config(figure, lang), **props)
