"""Two people, two workers, two servers at once: one right result, on SQLite and PostgreSQL.

Each side has a store of its own (its own connections); threads start together at a
barrier, processes when the test writes their start line."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from loaders.followup.cycle import FollowUp
from loaders.followup.messages import CycleError
from loaders.followup.rules import Assessment
from loaders.store.store import Store
from tests.databases import EACH_BACKEND, database_url
from tests.loaders.followup.agency import (
    ADMIN,
    DIRECTOR,
    FINANCE,
    HEAD_ANALYS,
    LAST_DAY,
    REPORTER_ANALYS,
    T2,
    load,
)
from tests.loaders.followup.test_cycle import THRESHOLDS, ready_everywhere
from tests.servers import ROOT

WAIT_S = 120  # a bound on a hung process, not a timed assertion


@pytest.fixture(params=EACH_BACKEND)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as made:
        store = Store(made)
        load(store)
        FollowUp(store).open_round(T2, LAST_DAY, FINANCE)
        store.close()
        yield made


def at_once(url: str, *calls: Callable[[FollowUp], object]) -> list[object]:
    """Run each call in a thread of its own, with a store of its own, started together:
    what each returned, or the CycleError it raised."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[FollowUp], object]) -> None:
        store = Store(url)
        try:
            start.wait()
            results[index] = call(FollowUp(store))
        except CycleError as exc:
            results[index] = exc
        except BaseException as exc:  # reported by the main thread  # noqa: BLE001
            results[index] = exc
        finally:
            store.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_S)
    return results


def codes(results: list[object]) -> list[str]:
    return sorted(r.code if isinstance(r, CycleError) else type(r).__name__ for r in results)


def test_two_saves_of_one_assignment_at_once_keep_one_and_refuse_the_other(url: str):
    results = at_once(
        url,
        lambda c: c.assess(T2, "A-2", Assessment("red", "Värre."), HEAD_ANALYS, 0),
        lambda c: c.assess(T2, "A-2", Assessment("green", "Bättre."), REPORTER_ANALYS, 0))
    assert codes(results) == ["StoredAssessment", "conflict"]
    store = Store(url)
    history = FollowUp(store).history(T2, "A-2")
    store.close()
    saved = next(r for r in results if not isinstance(r, CycleError))
    assert [h.assessment for h in history] == [saved.assessment]  # type: ignore[union-attr]


def test_two_adoptions_at_once_make_one_version(url: str):
    store = Store(url)
    ready_everywhere(FollowUp(store))
    store.close()
    results = at_once(url, lambda c: c.adopt(T2, DIRECTOR, thresholds=THRESHOLDS),
                      lambda c: c.adopt(T2, ADMIN, thresholds=THRESHOLDS))
    assert codes(results) == ["Adoption", "wrong_state"]
    store = Store(url)
    assert [a.version for a in FollowUp(store).adoptions(T2)] == [1]
    store.close()


# Another worker or app server saving an assessment: it waits for its start line.
OTHER = """
import sys
from loaders.followup.cycle import FollowUp
from loaders.followup.messages import CycleError
from loaders.followup.rules import Actor, Assessment
from loaders.store.store import Store
store = Store(sys.argv[1])
cycle = FollowUp(store)
actor = Actor(sys.argv[2], "head", "Analysavdelningen", sys.argv[2])
sys.stdin.readline()
try:
    saved = cycle.assess("2018-T2", "A-1", Assessment("red", "Av " + sys.argv[2]), actor, 0)
    print("saved", saved.revision)
except CycleError as exc:
    print(exc.code)
"""


def test_two_processes_saving_one_assignment_store_one_revision(url: str):
    others = [subprocess.Popen([sys.executable, "-c", OTHER, url, name], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
              for name in ("server-ett", "server-tva")]
    for other in others:  # both started, then both let go
        other.stdin.write("go\n")  # type: ignore[union-attr]
        other.stdin.flush()  # type: ignore[union-attr]
    outputs = []
    for other in others:
        out, err = other.communicate(timeout=WAIT_S)
        assert other.returncode == 0, err
        outputs.append(out.strip())
    assert sorted(outputs) == ["conflict", "saved 1"]
    store = Store(url)
    history = FollowUp(store).history(T2, "A-1")
    store.close()
    winner = ("server-ett", "server-tva")[outputs.index("saved 1")]
    assert [(h.revision, h.author, h.assessment.motivation) for h in history] == [
        (1, winner, f"Av {winner}")]

