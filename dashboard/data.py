"""Frames for the pages, read once per version and shared by every request.

Each worker process keeps the frames of the versions it last read: the data version (changed
by every import and rollback) and the follow-up version (changed by every change to the
follow-up cycle: an assessment saved in the app lies over the uploaded status, see
``loaders/followup/overlay.py``). A request asks the store for both (one small query) and
reads again only what changed: a new data version reads the frames from the database (from
the columnar snapshots each import stored with its slices, decoded in a few tens of ms at
100k rows, and from the data tables for any slice without one: ``Store.snapshot``,
``loaders/store/frames_file.py``), a new follow-up version only lays the assessments over
the frames already read. So every worker sees a new import or a new assessment on its next
request.

An adopted (fastställd) follow-up never changes, so its frames are kept by the adoption's
id, a few at a time (:meth:`FrameCache.adopted`). A view of an adopted tertial shows what was
adopted, unless the reader asks for today's data (:meth:`FrameCache.for_view`).

What the requests derive from a snapshot's frames is kept on the snapshot
(``dashboard.kpis.prepared``) and goes with it. The keys the import stored with each slice
(``loaders/keys.py``) come with the frames, so a tertial's keyed rows are not made again by
each worker (:func:`_by_tertial`): a tertial is taken from its one current slice (two
spellings of one tertial, or a slice without keys: made from the rows), and an assessed
tertial's status codes and blank comments are made from the assessed rows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial

import pandas as pd

from dashboard.kpis.prepared import PreparedFrames
from loaders.followup.cycle import FollowUp
from loaders.followup.overlay import overlaid
from loaders.followup.records import Adoption
from loaders.periods import Tertial, parse_tertial
from loaders.specs import ALL_DATASETS
from loaders.store.frames_file import SliceKeys
from loaders.store.history import ImportRecord
from loaders.store.store import Store

ADOPTED_KEPT = 4  # adopted follow-ups kept in memory per worker (the latest tertials')


@dataclass(frozen=True)
class Snapshot:
    version: int  # the data version
    frames: PreparedFrames  # with the memory of what requests derived from them
    latest_import: ImportRecord | None = None  # what the freshness line names
    followup_version: int = 0
    adoption: Adoption | None = None  # set when these are an adopted follow-up's frames
    adoptions: Mapping[str, Adoption] = field(default_factory=dict)  # tertial -> its newest


class FrameCache:
    """The latest snapshot of one store, and the adopted ones asked for; safe to share
    between threads."""

    def __init__(self, store: Store):
        self._store = store
        self.followup = FollowUp(store)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._base: tuple[int, dict[str, pd.DataFrame], ImportRecord | None,
                          dict[str, list[SliceKeys]]] | None = None
        self._adopted: OrderedDict[int, Snapshot] = OrderedDict()

    def current(self) -> Snapshot:
        versions = self.followup.versions()
        snapshot = self._snapshot
        if snapshot is not None and (snapshot.version, snapshot.followup_version) == versions:
            return snapshot
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None or (snapshot.version, snapshot.followup_version) != versions:
                self._snapshot = snapshot = self._read(versions)
            return snapshot

    def _read(self, versions: tuple[int, int]) -> Snapshot:
        """The snapshot of ``versions`` (read just before): the frames from the database
        only when the data version moved, the assessments every time."""
        if self._base is None or self._base[0] != versions[0]:
            read_version, frames, keys = self._store.prepared_snapshot(ALL_DATASETS)
            active = [r for r in self._store.history() if r.status != "rolled_back"]
            self._base = (read_version, frames, active[0] if active else None, keys)
        data_version, frames, latest, keys = self._base
        assessed = self.followup.latest_assessments()
        newest: dict[str, Adoption] = {}
        for adoption in self.followup.adoptions():  # newest version of each tertial first
            newest.setdefault(adoption.period, adoption)
        assessed_tertials = {parse_tertial(period) for period, _ in assessed}
        prepared = PreparedFrames(overlaid(frames, assessed),
                                  slice_keys=_by_tertial(keys, assessed_tertials))
        return Snapshot(data_version, prepared, latest, versions[1], adoptions=newest)

    def for_view(self, period: str | None, current: bool = False) -> tuple[Snapshot, Snapshot]:
        """(what a view of ``period`` shows, the current snapshot): the tertial's adopted
        follow-up by default once it is adopted, today's data when ``current`` is asked
        for (or nothing is adopted)."""
        live = self.current()
        adoption = live.adoptions.get(period) if period else None
        if adoption is None or current:
            return live, live
        return self.adopted(adoption), live

    def adopted(self, adoption: Adoption) -> Snapshot:
        """The frames of an adopted follow-up, as they were adopted."""
        with self._lock:
            found = self._adopted.get(adoption.id)
            if found is not None:
                self._adopted.move_to_end(adoption.id)
                return found
        frames = self.followup.adopted_frames(adoption)
        record = next((r for r in self._store.history() if r.id == adoption.latest_import),
                      None)
        snapshot = Snapshot(adoption.data_version, PreparedFrames(frames), record,
                            adoption=adoption)
        with self._lock:
            snapshot = self._adopted.setdefault(adoption.id, snapshot)
            while len(self._adopted) > ADOPTED_KEPT:
                self._adopted.popitem(last=False)
            return snapshot

    def drop(self) -> None:
        """Forget the snapshots: the next request reads the store again (benchmarks)."""
        with self._lock:
            self._snapshot = None
            self._base = None
            self._adopted.clear()



def _by_tertial(keys: Mapping[str, list[SliceKeys]], assessed: set[Tertial | None]
                ) -> dict[tuple[str, Tertial], Callable[[], object]]:
    """(dataset, tertial) -> what reads the stored keys of the tertial's one current slice
    (decoded when first asked for: a tertial never viewed costs nothing)."""
    found: dict[tuple[str, Tertial], list[SliceKeys]] = {}
    for name, slices in keys.items():
        for one in slices:
            tertial = parse_tertial(one.period)
            if tertial is not None:
                found.setdefault((name, tertial), []).append(one)
    return {key: partial(_stored_keys, key[0], slices[0], key[1] in assessed)
            for key, slices in found.items() if len(slices) == 1}


def _stored_keys(name: str, one: SliceKeys, assessed: bool) -> tuple[int, int, object] | None:
    own = one.own(name)
    if own is None:
        return None
    if assessed:  # the assessments changed statuses and comments: made from the rows
        own = replace(own, status=None, blank=None)
    return one.start, one.stop, own
