"""Figures: pure functions from frames (or the KPI dicts) to plain plotly figure dicts.

No ``dash`` and no ``plotly`` import: every builder returns ``{"data": [...], "layout":
{...}}``, which ``dcc.Graph(figure=...)`` takes as it is (and ``plotly.graph_objects.Figure``
accepts and validates). Every figure has a title, the language's number separators on its
layout, and status traces told apart by pattern, symbol and word as well as colour. A
builder given no data returns :func:`empty_figure` saying so. Workbook text (names of units,
goals, key figures, ...) enters a figure through :func:`plotly_text`, so plotly draws it as
typed and never as its markup; :func:`figure_table` and :func:`figure_title` give it back.

Which data each builder reads (the same frame is the chart's table; :func:`figure_table`
gives that table as text cells in the figure's language, ready for the page):

=========================  ===============================================================
builder                    input
=========================  ===============================================================
status_distribution        ``summary()`` / ``operations()`` dict, or ``{status: count}``
status_trend_figure        ``kpis.trends.status_trend``
status_by_group_figure     ``kpis.breakdowns.status_by_group`` (same ``by``)
finance_figure             ``finance()["table"]`` (``kpis.finance_table``)
finance_trend_figure       ``kpis.trends.finance_trend``
staff_trend_figure         ``kpis.trends.staff_trend``
staff_change_figure        ``kpis.breakdowns.staff_changes`` or ``staff()["table"]``
kpi_figure                 ``kpis.trends.kpi_trend``
=========================  ===============================================================
"""

from .escape import page_text, plotly_text
from .finance import finance_figure, finance_trend_figure
from .kpi import kpi_figure
from .labels import LANGUAGES, text
from .staff import staff_change_figure, staff_trend_figure
from .status import status_by_group_figure, status_distribution, status_trend_figure
from .style import SEPARATORS, STATUS_STYLE, empty_figure
from .tables import figure_table, figure_title

__all__ = [
    "LANGUAGES",
    "SEPARATORS",
    "STATUS_STYLE",
    "empty_figure",
    "figure_table",
    "figure_title",
    "finance_figure",
    "finance_trend_figure",
    "kpi_figure",
    "page_text",
    "plotly_text",
    "staff_change_figure",
    "staff_trend_figure",
    "status_by_group_figure",
    "status_distribution",
    "status_trend_figure",
    "text",
]
