"""A small per-data-version memory for figures that depend only on (data, selection, lang).

The frames of a data version never change (``dashboard.data.FrameCache`` replaces the whole
snapshot when the version changes), so a figure computed from them can be kept and given
again to the next request with the same selection. :class:`DataKey` stands for one snapshot
in an ``functools.lru_cache`` key: equal only for the very same frames object (it holds a
reference, so the id cannot be reused while the entry lives) of the same version. Nothing is
stored on the frames themselves; the caches are bounded (a new version pushes old entries
out) and their values must be treated as read-only by the callers.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


class DataKey:
    """One snapshot's frames as a hashable cache key (identity and version)."""

    __slots__ = ("frames", "version")

    def __init__(self, frames: Mapping[str, pd.DataFrame], version: int):
        self.frames = frames
        self.version = version

    def __hash__(self) -> int:
        return hash((id(self.frames), self.version))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, DataKey) and other.frames is self.frames
                and other.version == self.version)

