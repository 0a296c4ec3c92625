"""Operations (verksamhet): assignments, their statuses and what changed since last tertial.

Assignment ids are compared without case and surrounding spaces (``"RU-1"`` and
``"ru-1 "`` are the same assignment). Changes are matched against the previous tertial's
assignments anywhere in the agency: an assignment that moved between units is neither new
nor gone, and its status change is reported where it is now.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kpis.periods import label_if_present
from dashboard.kpis.status import DEFAULT_THRESHOLDS, STATUSES, Thresholds, operations_status

from .government import GOVERNMENT, government_figures
from .numbers import difference, plain, ratio
from .organisation import Frames, keys_of
from .rows import DEPARTMENT, blank_comments, period_rows, scoped_rows
from .scope import Scope, Selection, resolve

STATUS_CODES: tuple[str, ...] = (*STATUSES, "completed", "cancelled")
ACTIVE: tuple[str, ...] = STATUSES  # completed and cancelled are outside the shares
NEEDS_COMMENT: tuple[str, ...] = ("yellow", "red")
# How bad an active status is; a move up this scale is "worse", down is "better".
RANK: dict[str, int] = {code: rank for rank, code in enumerate(STATUSES)}
# The order the changes are told in, everywhere (the Verksamhet page, the report, the
# narrative): what got worse first, then what got better, then what is new and what is gone.
CHANGE_KINDS: tuple[str, ...] = ("worse", "better", "new", "gone")


def assignment_counts(now: pd.DataFrame) -> dict:
    """Counts, shares and government figures of the assignments in the selection."""
    empty = now.empty
    counts = now["code"].value_counts()
    status_counts = {c: None if empty else int(counts.get(c, 0)) for c in STATUS_CODES}
    active = None if empty else sum(status_counts[c] for c in ACTIVE)
    shares = {c: ratio(status_counts[c], active) for c in ACTIVE}
    government = keys_of(now, "type").eq(GOVERNMENT).fillna(False)
    return {
        "assignments": None if empty else len(now),
        "status_counts": status_counts,
        "active": active,
        "status_share": shares,
        "government_assignments": None if empty else int(government.sum()),
    }


def _new_government(now: pd.DataFrame, previous: pd.DataFrame | None) -> int | None:
    """Government assignments whose id was in no assignment of the previous tertial."""
    if previous is None or now.empty:
        return None
    government = keys_of(now, "type").eq(GOVERNMENT).fillna(False)
    return int((government & ~now["key"].isin(previous["key"])).sum())


def _items(rows: pd.DataFrame, before: pd.Series | None, after: pd.Series | None) -> list:
    """[{id, name, unit, department, from, to}] of the rows, in data order."""
    none = pd.Series(None, index=rows.index, dtype="string")
    department = rows[DEPARTMENT] if DEPARTMENT in rows.columns else none
    table = pd.DataFrame({
        "id": rows["id"], "name": rows["name"], "unit": rows["unit"],
        "department": department.astype("string"),
        "from": none if before is None else before, "to": none if after is None else after,
    })
    return plain(table)


def _changes(now: pd.DataFrame, now_all: pd.DataFrame, previous: pd.DataFrame | None,
             previous_in_scope: pd.DataFrame | None) -> dict:
    """Worse, better, new and gone assignments: {kind: {"count": n, "items": [...]}}."""
    if previous is None:
        return {kind: {"count": None, "items": []} for kind in CHANGE_KINDS}
    old = now["key"].map(previous.set_index("key")["code"]).astype("string")
    old_rank = pd.to_numeric(old.map(RANK), errors="coerce")
    new_rank = pd.to_numeric(now["code"].map(RANK), errors="coerce")
    is_new = ~now["key"].isin(previous["key"])
    gone = previous_in_scope[~previous_in_scope["key"].isin(now_all["key"])]
    worse = now[(new_rank > old_rank).fillna(False)]
    better = now[(new_rank < old_rank).fillna(False)]
    lists = {
        "worse": _items(worse, old[worse.index], worse["code"]),
        "better": _items(better, old[better.index], better["code"]),
        "new": _items(now[is_new], None, now.loc[is_new, "code"]),
        "gone": _items(gone, gone["code"], None),
    }
    return {kind: {"count": len(lists[kind]), "items": lists[kind]} for kind in CHANGE_KINDS}


def _missing_comments(now: pd.DataFrame) -> list[str]:
    """Ids of yellow and red assignments without a comment."""
    needs = now["code"].isin(NEEDS_COMMENT).fillna(False).to_numpy(dtype=bool)
    return [str(i) for i in now["id"][needs & blank_comments(now).to_numpy(dtype=bool)]]


def operations_figures(frames: Frames, scope: Scope,
                       thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """Operations figures of an already resolved scope (see :func:`operations`)."""
    now_all = period_rows(frames, "assignments", scope.period)
    now = scoped_rows(frames, "assignments", scope)
    previous_label = label_if_present(frames, scope.period.previous, ["assignments"])
    previous = previous_in_scope = None
    if previous_label is not None:
        previous = period_rows(frames, "assignments", scope.period.previous)
        previous_in_scope = scoped_rows(frames, "assignments", scope, scope.period.previous)
    figures = assignment_counts(now)
    green_share = figures["status_share"]["green"]
    before = (None if previous_in_scope is None
              else assignment_counts(previous_in_scope)["status_share"]["green"])
    return {
        "period": scope.period.label,
        "previous_period": previous_label,
        **figures,
        "green_share_change": difference(green_share, before),
        "new_government_assignments": _new_government(now, previous),
        "changes": _changes(now, now_all, previous, previous_in_scope),
        "missing_comments": _missing_comments(now),
        "government_reports": government_figures(frames, scope),
        "status": operations_status(green_share, thresholds),
    }


def operations(frames: Frames, selection: Selection,
               thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """The operations perspective for a selection.

    Keys: period, previous_period (label, or None when the assignments have no previous
    tertial), assignments (all of the period, closed included), status_counts (all five
    codes), active, status_share {green, yellow, red} over the active ones,
    government_assignments, green_share_change (the green share minus the previous
    tertial's, of the same scope: 0.046 is 4.6 percentage points; None without a previous
    tertial or a share), new_government_assignments (None without a previous tertial),
    changes {worse, better, new, gone: {count, items: [{id, name, unit, department, from,
    to}]}} (counts
    None without a previous tertial), missing_comments (ids of yellow/red without a comment)
    and status. An empty selection gives None counts.
    """
    return operations_figures(frames, resolve(frames, selection), thresholds)
