"""A chart as a table: the text alternative the page offers next to every figure.

:func:`figure_table` reads any figure of this package: one row per category (period, unit,
department, ...) and one column per trace (status, budget, target, ...), each cell the text
the trace carries for that point, already in the figure's language and number style
("333 (91,2 %)", "1 234", "+2"). Points a trace lacks are "–". The first column's header is
the category's name (``layout.meta.category``). Workbook text comes back as typed (the
figure holds it escaped for plotly, see :mod:`.escape`): Dash escapes the page's own HTML.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.text.formatting import MISSING, number, percent

from .escape import page_text
from .labels import text

# trace.meta.format -> how a bare value becomes a cell, for traces without text
CELL_FORMATS = {
    "percent": lambda v, lang: percent(v, 1, lang),
    "count": lambda v, lang: number(v, 0, lang),
    "money": lambda v, lang: number(v, 0, lang),
    "change": lambda v, lang: number(v, 0, lang, sign=True),
}


def _cells(trace: Mapping, values: list, lang: str) -> list[str]:
    given = trace.get("text")
    if isinstance(given, list) and len(given) == len(values):
        return [MISSING if cell is None else page_text(str(cell)) for cell in given]
    fmt = CELL_FORMATS.get((trace.get("meta") or {}).get("format"),
                           lambda v, lang: number(v, 1, lang))
    return [fmt(v, lang) for v in values]


def figure_table(figure: Mapping) -> list[dict]:
    """The figure's data as rows of ``{header: cell}`` (all cells text); [] without data."""
    layout = figure.get("layout") or {}
    meta = layout.get("meta") or {}
    lang = meta.get("lang", "sv")
    header = meta.get("category") or text("row", lang)
    rows: dict[object, dict] = {}
    names: list[str] = []
    for trace in figure.get("data") or []:
        horizontal = trace.get("orientation") == "h"
        # a chart's axis may show its categories broken or shortened to fit (style.wrap):
        # the trace keeps their full names in meta.categories
        categories = list((trace.get("meta") or {}).get("categories")
                          or trace.get("y" if horizontal else "x") or [])
        amounts = list(trace.get("x" if horizontal else "y") or [])
        name = page_text(str(trace.get("name") or ""))
        names.append(name)
        for category, cell in zip(categories, _cells(trace, amounts, lang), strict=False):
            rows.setdefault(category, {header: page_text(category)})[name] = cell
    return [{header: row[header], **{n: row.get(n, MISSING) for n in names}}
            for row in rows.values()]


def figure_title(figure: Mapping) -> str:
    """The figure's title as text, for its accessible name and its table's caption; a figure
    whose page gives it a heading instead of a drawn title keeps it in ``layout.meta.title``."""
    layout = figure.get("layout") or {}
    title = (layout.get("title") or {}).get("text") or (layout.get("meta") or {}).get("title")
    return page_text(str(title or ""))
