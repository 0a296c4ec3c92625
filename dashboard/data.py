"""Frames for the pages, read once per data version and shared by every request.

Each worker process keeps the frames of the data version it last read. A request asks the
store for the current version (one small query) and reads the frames again only when an
import or rollback has changed it, so every worker sees a new import on its next request.
What the requests derive from a snapshot's frames is kept on the snapshot
(``dashboard.kpis.prepared``) and goes with it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from dashboard.kpis.prepared import PreparedFrames
from loaders.specs import ALL_DATASETS
from loaders.store.history import ImportRecord
from loaders.store.store import Store


@dataclass(frozen=True)
class Snapshot:
    version: int
    frames: PreparedFrames  # with the memory of what requests derived from them
    latest_import: ImportRecord | None = None  # what the freshness line names


class FrameCache:
    """The latest snapshot of one store; safe to share between threads."""

    def __init__(self, store: Store):
        self._store = store
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def current(self) -> Snapshot:
        version = self._store.data_version()
        snapshot = self._snapshot
        if snapshot is not None and snapshot.version == version:
            return snapshot
        with self._lock:
            if self._snapshot is None or self._snapshot.version != version:
                read_version, frames = self._store.snapshot(ALL_DATASETS)
                active = [r for r in self._store.history() if r.status != "rolled_back"]
                self._snapshot = Snapshot(read_version, PreparedFrames(frames),
                                          active[0] if active else None)
            return self._snapshot

    def drop(self) -> None:
        """Forget the snapshot: the next request reads the store again (benchmarks)."""
        with self._lock:
            self._snapshot = None
