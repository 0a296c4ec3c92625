"""The tertial figures of the four perspectives: pure pandas, no ``dash``.

``frames`` is a dict of dataset frames keyed by dataset name (``loaders.specs``); any dataset
may be missing or empty, which gives None figures, never an error. One module per
perspective; :func:`summary` gathers them into a stable JSON-ready dict.
"""

from .finance import finance, finance_table
from .operations import operations
from .organisation import departments, swedish_key, units_by_department
from .processes import processes, processes_table
from .scope import Scope, Selection, SelectionError, resolve
from .staff import staff
from .summary import summary

__all__ = [
    "Scope",
    "Selection",
    "SelectionError",
    "departments",
    "finance",
    "finance_table",
    "operations",
    "processes",
    "processes_table",
    "resolve",
    "staff",
    "summary",
    "swedish_key",
    "units_by_department",
]

from .breakdowns import (  # noqa: E402
    GROUPINGS,
    natural_grouping,
    staff_changes,
    status_by_group,
)
from .trends import finance_trend, kpi_trend, staff_trend, status_trend  # noqa: E402

__all__ += [
    "GROUPINGS",
    "finance_trend",
    "kpi_trend",
    "natural_grouping",
    "staff_changes",
    "staff_trend",
    "status_by_group",
    "status_trend",
]

from .assignments import (  # noqa: E402
    assignment_table,
    ends_soon,
    page_assignments,
    page_rows,
    sorted_assignments,
)

__all__ += ["assignment_table", "ends_soon", "page_assignments", "page_rows", "sorted_assignments"]
