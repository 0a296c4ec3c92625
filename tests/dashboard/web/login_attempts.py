"""Login attempts made at once, for tests/dashboard/web/test_login_concurrency.py: a hasher
that counts the passwords it checks, and a gate that makes "at once" exact.

The gate holds every password check until each attempt has either reached its check or been
refused without one: so every attempt is counted (or refused) while none of them has been
decided, the worst case of many requests arriving together, without a timed assertion or a
sleep. Works across threads and, with a ``multiprocessing`` condition and counter, across
processes (``attempt_in_process``, importable by a spawned child: no ``dash`` here).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher

GATE_TIMEOUT_S = 120  # only so a broken gate cannot hang the run; never reached when it works
CHEAP = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}  # argon2id, 1 MiB


class Gate:
    """``total`` attempts: a checking one waits until all have arrived, a refused one only
    says it has."""

    def __init__(self, total: int, condition=None, arrived=None):
        self.total = total
        self.condition = condition or threading.Condition()
        self.arrived = arrived  # a multiprocessing Value across processes, else a local count
        self._local = 0

    def _count(self) -> int:
        return self.arrived.value if self.arrived is not None else self._local

    def arrive(self, *, wait: bool) -> None:
        with self.condition:
            if self.arrived is not None:
                self.arrived.value += 1
            else:
                self._local += 1
            self.condition.notify_all()
            if wait and not self.condition.wait_for(lambda: self._count() >= self.total,
                                                    GATE_TIMEOUT_S):
                raise TimeoutError("the gate never filled")

    def wait_for(self, arrived: int) -> None:
        """Until ``arrived`` attempts have arrived (to start the next ones after them)."""
        with self.condition:
            if not self.condition.wait_for(lambda: self._count() >= arrived, GATE_TIMEOUT_S):
                raise TimeoutError("the gate never filled")


class CountingHasher(PasswordHasher):
    """argon2id that records each password it checks, each check held by the gate."""

    def __init__(self, gate: Gate | None = None):
        super().__init__(**CHEAP)
        self.gate = gate
        self.checked: list[str] = []
        self._lock = threading.Lock()
        self._inside = threading.local()

    def verify(self, hash, password):  # noqa: A002 (argon2's own parameter name)
        with self._lock:
            self.checked.append(password if isinstance(password, str) else password.decode())
        self._inside.checked = True
        if self.gate is not None:
            self.gate.arrive(wait=True)
        return super().verify(hash, password)

    def track(self, call, *args, **kwargs):
        """``call(*args, **kwargs)`` from this thread; if it checked no password (it was
        refused), it arrives at the gate without waiting."""
        self._inside.checked = False
        try:
            return call(*args, **kwargs)
        finally:
            if not self._inside.checked and self.gate is not None:
                self.gate.arrive(wait=False)

    def attempt(self, accounts, name: str, password: str, **options):
        """``accounts.authenticate`` from this thread, tracked."""
        return self.track(accounts.authenticate, name, password, **options)


def at_once(hasher: CountingHasher, accounts, name: str, passwords: list[str]) -> list:
    """Each password tried from a thread of its own, all at once: the outcomes, in order."""
    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(lambda pw: hasher.attempt(accounts, name, pw).outcome, passwords))


def attempt_in_process(url: str, name: str, passwords: list[str], total: int, condition,
                       arrived, results) -> None:
    """A second worker process: its own store on the same database, its attempts all at
    once with the other process's; puts (outcomes, passwords checked) on ``results``."""
    from loaders.records.accounts import Accounts
    from loaders.store.store import Store

    store = Store(url)
    try:
        hasher = CountingHasher(Gate(total, condition, arrived))
        accounts = Accounts(store, attempts=5, hasher=hasher)
        results.put((at_once(hasher, accounts, name, passwords), hasher.checked))
    finally:
        store.close()
