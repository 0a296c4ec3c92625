"""Which tertials the data holds, and the tertials a figure is compared with.

Pure pandas, no ``dash``. ``frames`` is the dict of dataset frames keyed by dataset name (see
``loaders.specs``); any dataset may be missing or empty. Period cells are canonical labels
(``2018-T2``) when they come from the loaders; other spellings are read with
:func:`loaders.periods.parse_tertial` all the same, and unreadable cells are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.kpis.prepared import memoized
from loaders.periods import Tertial, parse_tertial
from loaders.specs import BY_NAME

Frames = Mapping[str, pd.DataFrame]

PERIODIC_DATASETS: tuple[str, ...] = tuple(name for name, d in BY_NAME.items() if d.periodic)


def as_tertial(period: Tertial | str) -> Tertial:
    """A :class:`Tertial` from a tertial or any accepted label; ``ValueError`` otherwise."""
    if isinstance(period, Tertial):
        return period
    parsed = parse_tertial(period)
    if parsed is None:
        raise ValueError(f"not a tertial: {period!r}")
    return parsed


def _labels_in(frame: pd.DataFrame | None) -> dict[str, Tertial]:
    """Distinct period cells of a frame mapped to their tertial (unreadable cells left out)."""
    if frame is None or frame.empty or "period" not in frame.columns:
        return {}
    found = {}
    for cell in frame["period"].dropna().unique():
        tertial = parse_tertial(cell)
        if tertial is not None:
            found[cell] = tertial
    return found


def periods(frames: Frames, datasets: Iterable[str] = PERIODIC_DATASETS) -> list[Tertial]:
    """Every tertial with at least one row in the given datasets (all periodic ones by
    default), oldest first."""
    names = tuple(datasets)

    def compute() -> tuple[Tertial, ...]:
        found: set[Tertial] = set()
        for name in names:
            found.update(_labels_in(frames.get(name)).values())
        return tuple(sorted(found))
    return list(memoized(frames, ("periods", names), compute))


def latest_period(frames: Frames, datasets: Iterable[str] = PERIODIC_DATASETS) -> Tertial | None:
    """The newest tertial in the data, ``None`` when the data has no period at all."""
    found = periods(frames, datasets)
    return found[-1] if found else None


def previous_period(period: Tertial | str) -> Tertial:
    """The tertial before, across year ends: 2017-T3 for 2018-T1."""
    return as_tertial(period).previous


def year_before(period: Tertial | str) -> Tertial:
    """The same tertial a year earlier: 2017-T2 for 2018-T2."""
    return as_tertial(period).year_before


def has_period(frames: Frames, period: Tertial | str | None,
               datasets: Iterable[str] = PERIODIC_DATASETS) -> bool:
    """Whether any of the datasets has at least one row for the tertial."""
    if period is None:
        return False
    return as_tertial(period) in periods(frames, datasets)


def label_if_present(frames: Frames, period: Tertial | str | None,
                     datasets: Iterable[str] = PERIODIC_DATASETS) -> str | None:
    """The tertial's label when the data has it, else ``None`` (for JSON and headings)."""
    if period is None or not has_period(frames, period, datasets):
        return None
    return as_tertial(period).label


def rows_of_period(frame: pd.DataFrame, period: Tertial | str) -> pd.DataFrame:
    """The rows of ``frame`` whose period cell means the given tertial."""
    wanted = as_tertial(period)
    cells = [cell for cell, tertial in _labels_in(frame).items() if tertial == wanted]
    if not cells:
        return frame.iloc[:0]
    return frame[frame["period"].isin(cells)]
