"""The dashboard's figures for one selection as a stable, JSON-ready dict.

Only plain Python values appear (dict, list, str, int, float, bool, None); NaN and pd.NA
become None. ``previous_period`` and ``year_before_period`` are the labels of those tertials
when some dataset has rows for them, else None (each perspective also says which tertial it
compared with, as its own data allows). ``selection.department`` is the department of the
selected unit when only a unit was chosen.
"""

from __future__ import annotations

from dashboard.kpis.periods import label_if_present
from dashboard.kpis.status import DEFAULT_THRESHOLDS, Thresholds

from .finance import finance_figures
from .numbers import plain
from .operations import operations_figures
from .organisation import Frames, departments, units_by_department
from .processes import processes_figures
from .scope import Selection, resolve
from .staff import staff_figures

SCHEMA_VERSION = 1


def summary(frames: Frames, selection: Selection,
            thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """Every headline figure of the four perspectives for the selection.

    Raises :class:`~dashboard.kpis.scope.SelectionError` (a ``ValueError``) with a code
    (``invalid_period``, ``unknown_period``, ``unknown_department``, ``unknown_unit``,
    ``unit_not_in_department``) and a Swedish and English message when the selection
    cannot be met.
    """
    scope = resolve(frames, selection)
    finance = finance_figures(frames, scope, thresholds, with_table=False)
    staff = staff_figures(frames, scope, with_table=False, thresholds=thresholds)
    figures = plain({
        "schema_version": SCHEMA_VERSION,
        "period": scope.period.label,
        "previous_period": label_if_present(frames, scope.period.previous),
        "year_before_period": label_if_present(frames, scope.period.year_before),
        "selection": {"department": scope.department, "unit": scope.unit},
        "departments": departments(frames),
        "units": units_by_department(frames),
        "operations": operations_figures(frames, scope, thresholds),
        "finance": {k: v for k, v in finance.items() if k != "table"},
        "staff": {k: v for k, v in staff.items() if k != "table"},
    })
    # plain already (a row per key figure: at 100k rows, hundreds of dicts not walked again)
    figures["processes"] = processes_figures(frames, scope, thresholds)
    return figures
