"""What an import would change, in the terms leadership reads (pure: no ``dash``).

The upload page shows this before finance confirms an import. :func:`frames_after` works out
the frames the store will hold after the import, with the store's own rule (each
(dataset, period) slice in the file replaces the stored one; Enheter and Nyckeltal, which
have no period, are replaced whole). :func:`preview` compares them with the stored frames:
row counts per slice (the plan), assignments whose status changes, new government
assignments, and the headline figures of the overview cards before and after.

:func:`describe` is the callable ``app.py`` hands to :class:`loaders.imports.staging.Staging`
(loaders never import the dashboard).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from dashboard.kpis import Selection, operations, summary
from dashboard.kpis.operations import GOVERNMENT, RANK
from dashboard.kpis.organisation import keys_of
from dashboard.kpis.periods import as_tertial, has_period, label_if_present
from dashboard.kpis.rows import period_rows
from dashboard.kpis.status import DEFAULT_THRESHOLDS, Thresholds, thresholds_from
from dashboard.views.headline import OPERATIONS, HeadlineFigure
from loaders.followup.overlay import overlay
from loaders.followup.rules import ASSESSMENTS_FRAME
from loaders.settings import Settings
from loaders.specs import DATASETS, DTYPES, Dataset
from loaders.store.diff import ImportPlan, split_slices

Frames = Mapping[str, pd.DataFrame]
LIST_CAP = 200  # items kept per list; the total is always counted
CHANGE_KINDS: tuple[str, ...] = ("changed", "new", "gone")
# The overview's figures before and after: the operations headline table
# (``dashboard.views.headline``) between the operations status and the red count, then the
# finance and staff cards' figures. Each figure's key names it in ``headline()``'s dict.
PREVIEW_FIGURES: tuple[HeadlineFigure, ...] = (
    HeadlineFigure("operations_status", "operations", ("status",),
                   "preview.headline_operations_status", "status"),
    *OPERATIONS,
    HeadlineFigure("red", "operations", ("status_counts", "red"), "preview.headline_red",
                   "number"),
    HeadlineFigure("finance_status", "finance", ("status",), "preview.headline_finance_status",
                   "status"),
    HeadlineFigure("consumption", "finance", ("consumption",), "preview.headline_consumption",
                   "percent"),
    HeadlineFigure("forecast_deviation", "finance", ("forecast_deviation",),
                   "preview.headline_forecast_deviation", "deviation"),
    HeadlineFigure("headcount", "staff", ("headcount",), "preview.headline_headcount", "number"),
    HeadlineFigure("headcount_change", "staff", ("headcount_change",),
                   "preview.headline_headcount_change", "change"),
    HeadlineFigure("temporary_change", "staff", ("temporary_change",),
                   "preview.headline_temporary_change", "change"),
)
# headline name -> (perspective in the summary, path inside it)
HEADLINES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {f.key: (f.perspective, *f.path) for f in PREVIEW_FIGURES})
PROCESS_FIELDS: tuple[str, ...] = ("kpi", "value", "unit_of_measure", "status")


# --- the frames after the import ------------------------------------------------------------

def _empty(ds: Dataset) -> pd.DataFrame:
    return pd.DataFrame({c.field: pd.Series(dtype=DTYPES[c.kind]) for c in ds.columns})


def frames_after(current: Frames, new: Frames) -> dict[str, pd.DataFrame]:
    """The frames the store holds after importing ``new`` on top of ``current``, in the
    store's order (by period, then the rows' order in their file)."""
    slices = split_slices(dict(new))
    out: dict[str, pd.DataFrame] = {}
    for ds in DATASETS:
        now = current.get(ds.name)
        now = _empty(ds) if now is None else now
        parts = {period: part for (name, period), part in slices.items() if name == ds.name}
        if not parts:
            out[ds.name] = now
        elif not ds.periodic:
            out[ds.name] = next(iter(parts.values())).reset_index(drop=True)
        else:
            kept = now.loc[~now["period"].isin(list(parts)).fillna(False), ds.fields]
            joined = pd.concat([kept, *parts.values()], ignore_index=True)
            out[ds.name] = joined.sort_values("period", kind="stable").reset_index(drop=True)
    return out


# --- what changes -------------------------------------------------------------------------

def _capped(items: list, **extra: object) -> dict:
    return {**extra, "count": len(items), "items": items[:LIST_CAP]}


def _direction(before: object, after: object) -> str | None:
    """"worse" or "better" on the green-yellow-red scale, None otherwise."""
    if before not in RANK or after not in RANK or before == after:
        return None
    return "worse" if RANK[after] > RANK[before] else "better"


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _item(row, before: object, after: object, change: str) -> dict:
    before, after = _text(before), _text(after)
    return {"id": _text(row.id), "name": _text(row.name), "unit": _text(row.unit),
            "from": before, "to": after, "change": change,
            "direction": _direction(before, after)}


def _status_items(now: pd.DataFrame, base: pd.DataFrame) -> list[dict]:
    """Assignments whose status differs between ``base`` and ``now`` (matched by id without
    case), new ones and gone ones: now's order first, then the gone ones in base's order."""
    before = now["key"].map(base.set_index("key")["code"]).astype("string")
    is_new = ~now["key"].isin(base["key"])
    shown = is_new | (~is_new & now["code"].ne(before).fillna(True))
    items = [_item(row, None if new else old, row.code, "new" if new else "changed")
             for row, old, new in zip(now[shown].itertuples(index=False), before[shown],
                                      is_new[shown], strict=True)]
    gone = base[~base["key"].isin(now["key"])]
    return items + [_item(row, row.code, None, "gone") for row in gone.itertuples(index=False)]


def status_changes(current: Frames, after: Frames, period: str) -> dict:
    """The period's assignments whose status the import changes: against the stored slice
    of the period, or (nothing stored for it) against the previous tertial, when there is
    one. ``compared_with`` is the label compared with, ``basis`` "stored" or "previous"."""
    tertial = as_tertial(period)
    now = period_rows(after, "assignments", tertial)
    base, basis, label = period_rows(current, "assignments", tertial), "stored", tertial.label
    if base.empty:
        label = label_if_present(after, tertial.previous, ["assignments"])
        basis = None if label is None else "previous"
        base = period_rows(after, "assignments", tertial.previous) if label else None
    items = [] if base is None else _status_items(now, base)
    counts = {kind: sum(i["change"] == kind for i in items) for kind in CHANGE_KINDS}
    return _capped(items, period=tertial.label, compared_with=label, basis=basis,
                   counts=counts if base is not None else None)


def new_government(after: Frames, period: str, thresholds: Thresholds) -> dict:
    """Government assignments of the period whose id was in no assignment of the previous
    tertial (the dashboard's rule): count (None without a previous tertial) and ids."""
    tertial = as_tertial(period)
    figures = operations(after, Selection(tertial.label), thresholds)
    ids: list[str] = []
    if figures["previous_period"] is not None:
        now = period_rows(after, "assignments", tertial)
        before = period_rows(after, "assignments", tertial.previous)
        government = keys_of(now, "type").eq(GOVERNMENT).fillna(False).astype(bool)
        fresh = government & ~now["key"].isin(before["key"])
        ids = [str(i) for i in now.loc[fresh, "id"]]
    return {"period": tertial.label, "previous_period": figures["previous_period"],
            "count": figures["new_government_assignments"], "ids": ids[:LIST_CAP],
            "ids_count": len(ids)}


# --- headline figures ---------------------------------------------------------------------

def headline(frames: Frames, period: str, thresholds: Thresholds) -> dict:
    """The figures of the overview cards for the whole agency in the period."""
    result = summary(frames, Selection(as_tertial(period).label), thresholds)
    figures = {f.key: f.value_in(result) for f in PREVIEW_FIGURES}
    figures["processes"] = [{k: p.get(k) for k in PROCESS_FIELDS} for p in result["processes"]]
    return figures


def headlines(current: Frames, after: Frames, period: str, thresholds: Thresholds) -> dict:
    """The overview's figures before and after, and which differ. Before is the period as
    stored (``basis`` "stored"); for a tertial not stored yet, the previous tertial as stored
    (``basis`` "previous", ``compared_with`` its label), so a new tertial's preview reads
    as the step from the last one; None when neither is stored."""
    tertial = as_tertial(period)
    basis, compared = "stored", tertial.label
    if not has_period(current, tertial.label):
        compared = tertial.previous.label
        basis = "previous" if has_period(current, compared) else None
    before = headline(current, compared, thresholds) if basis else None
    then = headline(after, period, thresholds)
    changed = [k for k in then if before is None or before.get(k) != then[k]]
    return {"period": tertial.label, "before": before, "after": then, "changed": changed,
            "basis": basis, "compared_with": compared if basis else None}


# --- the whole preview ----------------------------------------------------------------------

def _assignment_periods(new: Frames) -> list[str]:
    frame = new.get("assignments")
    if frame is None or frame.empty:
        return []
    return sorted({as_tertial(p).label for p in frame["period"].dropna().unique()})


def preview(current: Frames, new: Frames, plan: ImportPlan,
            thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """JSON-ready: periods, slices (the plan's counts), status_changes and new_government
    (per period of the file's assignments) and headlines (per period of the file)."""
    assessed = current.get(ASSESSMENTS_FRAME)
    after = frames_after(current, new)
    if assessed is not None and "assignments" in after:  # the app's assessments stay on top
        after["assignments"] = overlay(after["assignments"], assessed)
    assignment_periods = _assignment_periods(new)
    return {
        "periods": plan.periods,
        "slices": plan.to_dict()["slices"],
        "disagreements": disagreements(new, assessed),
        "status_changes": [status_changes(current, after, p) for p in assignment_periods],
        "new_government": [new_government(after, p, thresholds) for p in assignment_periods],
        "headlines": [headlines(current, after, p, thresholds) for p in plan.periods],
    }


def disagreements(new: Frames, assessed: pd.DataFrame | None) -> dict:
    """The file's assignments whose status or comment differs from the assessment saved in
    the app: kept as the app's unless finance chooses the file's at the confirm. JSON-ready:
    {"count", "items": [{period, id, name, file_status, file_comment, app_status,
    app_motivation}, ...]} (the first :data:`LIST_CAP`)."""
    rows = new.get("assignments")
    if rows is None or assessed is None or assessed.empty or rows.empty:
        return {"count": 0, "items": []}
    saved = {(p, i): (s, m) for p, i, s, m in zip(assessed["period"], assessed["id"],
                                                  assessed["status"],
                                                  assessed["motivation"].fillna(""),
                                                  strict=True)}
    items = []
    for period, aid, name, status, comment in zip(rows["period"], rows["id"], rows["name"],
                                                  rows["status"], rows["comment"],
                                                  strict=True):
        theirs = saved.get((str(period), str(aid)))
        mine = (str(status), "" if pd.isna(comment) else str(comment))
        if theirs is not None and (theirs[0], theirs[1]) != mine:
            items.append({"period": str(period), "id": str(aid), "name": str(name),
                          "file_status": mine[0], "file_comment": mine[1],
                          "app_status": theirs[0], "app_motivation": theirs[1]})
    return {"count": len(items), "items": items[:LIST_CAP]}


def describe(current: Frames, new: Frames, plan: ImportPlan, settings: Settings) -> dict:
    """:func:`preview` with the thresholds the settings give: what ``app.py`` passes to
    :class:`loaders.imports.staging.Staging` as ``describe``."""
    return preview(current, new, plan, thresholds_from(settings))
