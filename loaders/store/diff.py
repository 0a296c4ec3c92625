"""What an import would change: frames cut into slices, and rows compared by dataset key.

An import replaces each (dataset, period) slice it holds whole. To say what that means for
the reader, the rows of the current slice and the new one are matched by the dataset's key
(:data:`KEYS`; ``Kind.ID`` fields compared without case) and counted as added, removed or
changed. A key that occurs more than once is matched by occurrence, in row order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from loaders.errors import StoreError
from loaders.specs import ALL_BY_NAME, ALL_DATASETS, DTYPES, ROW_KEYS, Dataset, Kind

KEYS = ROW_KEYS  # the same keys that must be unique within a period when a file is read
NO_PERIOD = ""  # the period of a non-periodic dataset's one slice
_NA_KEY = "\x00"  # stands for a blank key part (a blank unit in Processer is the agency)
_SEP = "\x1f"


@dataclass(frozen=True)
class SlicePlan:
    dataset: str
    period: str  # the slice: a tertial, a survey's measurement, or "" (replaced whole)
    rows_now: int
    rows_after: int
    added: int
    removed: int
    changed: int
    supersedes: list[int] = field(default_factory=list)  # the import now current for it

    @property
    def unchanged(self) -> bool:
        return self.added == self.removed == self.changed == 0


@dataclass(frozen=True)
class ImportPlan:
    slices: list[SlicePlan]
    identical_to: int | None = None  # an active import of the same file, still all current

    @property
    def periods(self) -> list[str]:
        return sorted({s.period for s in self.slices if ALL_BY_NAME[s.dataset].periodic})

    @property
    def changes_nothing(self) -> bool:
        return all(s.unchanged for s in self.slices)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["periods"] = self.periods
        out["changes_nothing"] = self.changes_nothing
        return out


def split_slices(frames: dict[str, pd.DataFrame]) -> dict[tuple[str, str], pd.DataFrame]:
    """The frames cut into (dataset, slice) slices, in spec order; empty frames left out.

    The slice is the period of a periodic dataset, the value of a non-periodic dataset's
    ``slice_field`` (a survey's measurement), or ``""`` for a dataset replaced whole.

    Each slice keeps the spec's columns, cast to the spec's dtypes, and its rows' positions
    in the frame as index (the stored row order).
    """
    unknown = sorted(set(frames) - set(ALL_BY_NAME))
    if unknown:
        raise _invalid(f"okända dataset: {unknown}", f"unknown datasets: {unknown}")
    out: dict[tuple[str, str], pd.DataFrame] = {}
    for ds in ALL_DATASETS:
        frame = frames.get(ds.name)
        if frame is None or len(frame) == 0:
            continue
        typed = _typed(frame, ds)
        if ds.slice_field is None:
            out[(ds.name, NO_PERIOD)] = typed
            continue
        for period, part in typed.groupby(ds.slice_field, sort=True):
            out[(ds.name, str(period))] = part
    return out


def _typed(frame: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    missing = [f for f in ds.fields if f not in frame.columns]
    if missing:
        raise _invalid(f"{ds.name} saknar kolumner {missing}",
                       f"{ds.name} lacks columns {missing}")
    try:
        typed = frame[ds.fields].astype({c.field: DTYPES[c.kind] for c in ds.columns})
    except (TypeError, ValueError) as exc:
        raise _invalid(f"{ds.name} har fel datatyp ({exc})",
                       f"{ds.name} has a wrong data type ({exc})") from exc
    typed = typed.reset_index(drop=True)
    if ds.slice_field and typed[ds.slice_field].isna().any():
        raise _invalid(f"{ds.name} har rader utan {ds.column(ds.slice_field).header}",
                       f"{ds.name} has rows without {ds.slice_field}")
    return typed


def _invalid(sv: str, en: str) -> StoreError:
    return StoreError("invalid_frame", f"Data kan inte lagras: {sv}.",
                      f"The data cannot be stored: {en}.")


def diff_counts(ds: Dataset, old: pd.DataFrame, new: pd.DataFrame) -> tuple[int, int, int]:
    """(added, removed, changed) rows from ``old`` to ``new``, matched by the dataset key."""
    if len(old) == 0 or len(new) == 0:  # a new slice, or one emptied: nothing to match
        return len(new), len(old), 0
    merged = _keyed(old, ds).merge(_keyed(new, ds), on=["_key", "_nth"], how="outer",
                                   suffixes=("_old", "_new"), indicator=True)
    added = int((merged["_merge"] == "right_only").sum())
    removed = int((merged["_merge"] == "left_only").sum())
    both = merged[merged["_merge"] == "both"]
    differs = pd.Series(False, index=both.index)
    for name in ds.fields:
        differs |= _differs(both[f"{name}_old"], both[f"{name}_new"])
    return added, removed, int(differs.sum())


def _keyed(frame: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    parts = []
    for name in KEYS[ds.name]:
        part = frame[name].astype("string")
        if ds.column(name).kind is Kind.ID:
            part = part.str.casefold()
        parts.append(part.fillna(_NA_KEY))
    key = parts[0].str.cat(parts[1:], sep=_SEP) if len(parts) > 1 else parts[0]
    out = frame[ds.fields].copy()
    out["_key"] = key.to_numpy(dtype=object)
    out["_nth"] = out.groupby("_key", sort=False).cumcount()
    return out


def _differs(a: pd.Series, b: pd.Series) -> pd.Series:
    both_na = a.isna() & b.isna()
    equal = (a == b).fillna(False).astype(bool)
    return ~(equal | both_na)
