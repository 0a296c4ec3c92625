"""The frames of one data version, with a bounded memory of what was derived from them.

Every figure is a pure function of the frames and the selection, and the frames of a data
version never change (``dashboard.data.FrameCache`` replaces the whole snapshot when an
import or a rollback changes the version). So what one request derives — the rows of a
tertial with their name keys, a resolved selection, a department's rows, a page's figures —
can be kept for the next request of the same data. :class:`PreparedFrames` holds that memory
on the snapshot itself: it dies with the snapshot (nothing of an old data version outlives
it in a module-level cache) and is bounded (the least recently used entries go first).

The store's frames come with the own keys each import stored for its slices
(:meth:`PreparedFrames.slice_keys`), so the keyed rows of a tertial are not made again.

The figure functions accept any mapping of frames; with a plain ``dict`` (the tests, the
CLI's one-off summary) :func:`memoized` simply computes. Values handed out by the memory are
shared between requests and threads: callers treat them as read-only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping
from typing import TypeVar

import pandas as pd

T = TypeVar("T")
# Entries kept per data version. A page view uses about ten (rows of two tertials, scoped
# rows, the resolved selection, the page's figures); 256 keeps the views of every department
# and a few dozen units, which at 100,000 assignments is a few hundred MB at the very most.
CAPACITY = 256


class PreparedFrames(Mapping[str, pd.DataFrame]):
    """A read-only mapping of dataset name to frame, with :meth:`remember`."""

    def __init__(self, frames: Mapping[str, pd.DataFrame], capacity: int = CAPACITY,
                 slice_keys: Mapping[tuple[str, Hashable], Callable[[], object]] | None = None):
        self._frames = dict(frames)
        self._slice_keys = dict(slice_keys or {})
        self._capacity = capacity
        self._memory: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept under ``key``, computed (outside the lock) when absent.

        Two threads asking for the same new key at once may both compute it; the values are
        equal (pure functions of the same frames), and the first one stored is kept.
        """
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            value = self._memory.setdefault(key, value)  # type: ignore[assignment]
            self._memory.move_to_end(key)
            while len(self._memory) > self._capacity:
                self._memory.popitem(last=False)
        return value

    def kept(self, key: Hashable) -> object | None:
        """The value kept under ``key``, or None when none is (nothing is computed)."""
        with self._lock:
            if key not in self._memory:
                return None
            self._memory.move_to_end(key)  # in use: kept as long as what it serves
            return self._memory[key]

    def slice_keys(self, name: str, period: Hashable) -> object | None:
        """What the store kept of the keys of dataset ``name``'s rows of ``period`` (a
        tertial): (first row, row after the last, the rows' own keys, ``loaders.keys``), or
        None when they must be made from the rows (``dashboard.kpis.rows.period_rows``)."""
        found = self._slice_keys.get((name, period))
        return None if found is None else found()

    def remembered(self) -> int:
        """How many entries the memory holds (for tests and benchmarks)."""
        with self._lock:
            return len(self._memory)

    def keep_only(self, kinds: Collection[str]) -> None:
        """Drop every entry whose key does not start with one of ``kinds``. The benchmark
        keeps the per-version work (keyed rows of a tertial, the organisation) to time the
        first request of a selection on an already prepared data version."""
        with self._lock:
            for key in [k for k in self._memory
                        if not (isinstance(k, tuple) and k[:1] and k[0] in kinds)]:
                del self._memory[key]


def memoized(frames: Mapping[str, pd.DataFrame], key: Hashable,
             compute: Callable[[], T]) -> T:
    """``compute()``, kept in the frames' memory when they have one (see the module)."""
    remember = getattr(frames, "remember", None)
    return compute() if remember is None else remember(key, compute)


def kept(frames: Mapping[str, pd.DataFrame], key: Hashable) -> object | None:
    """What the frames' memory holds under ``key``, or None (nothing kept, or no memory): for
    a figure that can be made cheaply from a larger one when that one is already made."""
    found = getattr(frames, "kept", None)
    return None if found is None else found(key)
