"""A parse in a child process: whatever it does, the parent gets a result or a refusal."""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import time

import pandas as pd
import pytest

from loaders.errors import FileRefused, ImportRefused, Issue, Report
from loaders.ingest import safety
from loaders.ingest.isolation import run_isolated
from loaders.ingest.limits import GIB, Limits
from loaders.ingest.safety import check_container
from tests.loaders.ingest import hostile

QUICK = Limits(child_timeout_s=30)


def frames(rows: int) -> dict:
    """What the reader will return: frames of ~100k rows and a report."""
    report = Report()
    report.add(Issue("notice", "total_row_dropped", "Summaraden togs bort.",
                     "The total row was dropped.", sheet="Uppdrag", row=rows + 2))
    uppdrag = pd.DataFrame({"id": [f"U-{i}" for i in range(rows)],
                            "namn": ["Tillsyn av något långt namn"] * rows,
                            "utfall": pd.Series(range(rows), dtype="float64") * 1.5})
    return {"frames": {"Uppdrag": uppdrag}, "report": report}


def refuse_like_a_reader():
    raise FileRefused("no_known_sheet", "Inget känt blad.", "No known sheet.",
                      found=["Blad1"], expected=["Uppdrag"])


def refuse_with_a_report():
    report = Report()
    report.add(Issue("error", "required_blank", "Tom cell.", "Blank cell.", sheet="Uppdrag",
                     row=7, column="B"))
    raise ImportRefused(report)


def fail_with_a_bug():
    raise ValueError("bad value in /srv/secret/path at line 12")


def hog_memory():
    return len(bytearray(10 * GIB))


def sleep_long():
    time.sleep(60)


def exit_quietly():
    os._exit(3)


def test_a_normal_result_comes_back_whole_even_when_large():
    result = run_isolated(frames, 100_000, limits=QUICK)
    expected = frames(100_000)
    pd.testing.assert_frame_equal(result["frames"]["Uppdrag"], expected["frames"]["Uppdrag"])
    assert result["report"].notices()[0].row == 100_002


def test_a_refusal_in_the_child_is_raised_again_as_itself():
    with pytest.raises(FileRefused) as caught:
        run_isolated(refuse_like_a_reader, limits=QUICK)
    error = caught.value
    assert (error.code, error.message_sv, error.message_en) == (
        "no_known_sheet", "Inget känt blad.", "No known sheet.")
    assert error.details == {"found": ["Blad1"], "expected": ["Uppdrag"]}


def test_an_import_refusal_keeps_its_report():
    with pytest.raises(ImportRefused) as caught:
        run_isolated(refuse_with_a_report, limits=QUICK)
    assert caught.value.report.errors()[0].location() == "Uppdrag!B7"
    assert caught.value.code == "invalid_data"


def test_any_other_exception_is_unreadable_without_a_traceback():
    with pytest.raises(FileRefused) as caught:
        run_isolated(fail_with_a_bug, limits=QUICK)
    error = caught.value
    assert error.code == "unreadable" and error.details["error_class"] == "ValueError"
    for message in (error.message_sv, error.message_en):
        assert "Traceback" not in message and "secret" not in message
    assert "save it again" in error.message_en


@pytest.mark.parametrize("func, reason", [
    (os.abort, "signal"),  # what a Rust abort looks like from outside
    (hog_memory, "memory"),  # 10 GB asked for under a 3 GiB address-space limit
    (exit_quietly, "exit"),
])
def test_a_child_that_dies_is_an_unreadable_crash(func, reason):
    with pytest.raises(FileRefused) as caught:
        run_isolated(func, limits=QUICK)
    assert (caught.value.code, caught.value.details["reason"]) == ("unreadable_crash", reason)
    assert run_isolated(sum, [1, 2, 3], limits=QUICK) == 6  # the parent carries on


def test_a_child_that_takes_too_long_is_killed():
    with pytest.raises(FileRefused) as caught:
        run_isolated(sleep_long, limits=Limits(child_timeout_s=0.5))
    assert caught.value.code == "too_slow" and "0,5 sekunder" in caught.value.message_sv
    assert multiprocessing.active_children() == []


def test_calamine_aborting_on_a_lying_dimension_does_not_take_the_parent_down():
    """The hazard of TESTING.md: one cell at XFD1048576, the dimension claiming A1:A1. It
    passes the container checks (they trust a declared dimension); calamine then aborts."""
    data = hostile.workbook({"Uppdrag": {"A1": "Id", "XFD1048576": 1}})
    lie = hostile.sub(rb'<dimension ref="[^"]*" />', b'<dimension ref="A1:A1"/>')
    data = hostile.rewrite(data, **{hostile.SHEET1: lie})
    check_container(data, "xlsx")

    def parse(blob: bytes):
        return pd.read_excel(io.BytesIO(blob), engine="calamine").shape

    with pytest.raises(FileRefused) as caught:
        run_isolated(parse, data, limits=QUICK)
    assert caught.value.code == "unreadable_crash"


def test_spawn_works_where_fork_is_missing():
    assert safety.run_isolated(sum, [1, 2], limits=QUICK, start_method="spawn") == 3


class _Left:
    """Garbage the parent has not collected yet: a cycle whose finaliser notes the process
    that ran it (as a lost database connection's would end its session)."""

    def __init__(self, note: str):
        self.note, self.me = note, self

    def __del__(self):
        with open(self.note, "a") as out:
            out.write(f"{os.getpid()}\n")


def collect_and_say_who():
    gc.collect()
    return os.getpid()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_the_parents_garbage_is_never_finalised_in_the_child(tmp_path):
    note = tmp_path / "finalised"
    gc.disable()
    try:
        _Left(str(note))  # unreachable at once, collected only by a full pass
        child = run_isolated(collect_and_say_who, limits=QUICK)
        assert not note.exists() or str(child) not in note.read_text().split()
    finally:
        gc.enable()
    gc.collect()
    assert note.read_text().split() == [str(os.getpid())]  # the parent's to finalise, once
