"""The department matrix on the overview: an accessible table (caption, column and row
headers) whose every cell is a link to that department's perspective page.

It takes the words of :mod:`dashboard.views.matrix`. A status is its symbol and word,
coloured as everywhere (never by colour alone); the change is an arrow and a value, and
the same in a sentence in the cell's title.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.views.matrix import Matrix, MatrixCell


def _cell(cell: MatrixCell) -> html.Td:
    change = ([html.Span([html.Span(cell.arrow, className="arrow", **{"aria-hidden": "true"}),
                          " ", cell.change], className="change")] if cell.change else [])
    link = dcc.Link([
        html.Span(cell.status_text, className=f"status {cell.status}"),
        *([html.Span(cell.figure, className="figure-name")] if cell.figure else []),
        html.Span(cell.value, className="value"),
        *change,
    ], href=cell.href, title=cell.change_title, className="matrix-link")
    return html.Td(link, className=f"matrix-cell {cell.perspective} {cell.status}")


def matrix_section(matrix: Matrix, heading: str) -> html.Section:
    """The section with its heading, a sentence on how to read it, and the table in a box
    that scrolls on its own on a narrow screen."""
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in matrix.headers]))
    body = html.Tbody([
        html.Tr([html.Th(row.department, scope="row"), *(_cell(c) for c in row.cells)])
        for row in matrix.rows])
    return html.Section([
        html.H2(heading),
        html.P(matrix.intro, className="help"),
        html.Div(html.Table([html.Caption(matrix.caption), head, body],
                            id=ids.DEPARTMENT_MATRIX, className="matrix"),
                 className="matrix-scroll", tabIndex=0, role="region",
                 **{"aria-label": matrix.caption}),
    ], className="department-matrix")
