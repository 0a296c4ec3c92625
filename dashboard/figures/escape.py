"""Text from a workbook in a plotly figure, drawn as the characters typed, never as markup.

Plotly draws every text of a figure (title, axis titles, tick labels, legend, hover label,
text on bars) through its own small markup language: ``<b>``, ``<i>``, ``<br>``, ``<sup>``,
``<span style=...>`` and ``<a href=...>`` become bold, line breaks, styles and links, HTML
entities are decoded, and titles, trace names and hover templates replace ``%{...}`` with
values. A unit named ``<b>Kundcenter</b>`` would be drawn bold, one named ``%{x}`` would
lose its name. So every workbook text (unit, department, result area, goal, cost category,
key figure, unit of measure) enters a figure through :func:`plotly_text`: ``&``, ``<``,
``>`` and the ``%`` of ``%{`` become entities, which plotly draws as those characters (a
plain "12 %" stays as it is). :func:`page_text` turns them back for the page's own HTML
(the chart's table, its accessible name), which Dash escapes by itself;
``page_text(plotly_text(s)) == s`` for every text ``s``.
"""

from __future__ import annotations

import html

# Every "&" becomes "&amp;", so the only entities in an escaped text are the ones made here,
# and unescaping gives the text back exactly.
PLOTLY_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
TEMPLATE_START = "%{"  # plotly's templates: %{x}, %{y:.1f}, %{meta[0]}
ESCAPED_TEMPLATE_START = "&#37;{"


def plotly_text(value: object) -> object:
    """A workbook text as plotly draws it literally; anything not a text as it is."""
    if not isinstance(value, str):
        return value
    return value.translate(PLOTLY_ENTITIES).replace(TEMPLATE_START, ESCAPED_TEMPLATE_START)


def page_text(value: object) -> object:
    """A figure's text (escaped by :func:`plotly_text`) back as the text itself."""
    return html.unescape(value) if isinstance(value, str) else value
