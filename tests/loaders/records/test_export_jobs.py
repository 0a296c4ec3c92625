"""Export jobs in the database (``loaders/records/export_jobs.py``) on SQLite and PostgreSQL: the
steps of a job, its owner's alone, one at a time per person, a silent job reported as stopped,
old jobs removed."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.records.export_jobs import (
    DONE,
    FAILED,
    QUEUED,
    RUNNING,
    STOPPED,
    ExportBusy,
    ExportJobs,
)
from loaders.store.store import Store
from tests.databases import store_on_each_backend  # noqa: F401  (the fixture `store`)

START = dt.datetime(2018, 10, 1, 8, 0, tzinfo=dt.UTC)
VIEW = {"period": "2018-T2", "avdelning": "IT-avdelningen", "enhet": "", "lang": "sv"}


class Clock:
    """The time the jobs see; a test moves it on."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def jobs(store: Store, clock: Clock) -> ExportJobs:
    return ExportJobs(store, clock=clock)


def test_a_job_goes_from_queued_through_running_to_its_file(jobs: ExportJobs, clock: Clock):
    job_id = jobs.create("eva", VIEW, data_version=7, rows_total=12_000)
    job = jobs.get(job_id, "eva")
    assert (job.status, job.rows_done, job.rows_total) == (QUEUED, 0, 12_000)
    assert job.params == VIEW and job.data_version == 7 and job.created_at == START
    assert jobs.file(job_id, "eva") is None  # nothing to download yet

    assert jobs.claim(job_id)
    assert not jobs.claim(job_id)  # never made twice
    clock.advance(seconds=3)
    jobs.progress(job_id, 5000, 12_000)
    job = jobs.get(job_id, "eva")
    assert (job.status, job.rows_done, job.updated_at) == (RUNNING, 5000, clock.now)

    jobs.finish(job_id, b"PK-workbook", "tertial_2018-T2_IT-avdelningen.xlsx")
    job = jobs.get(job_id, "eva")
    assert (job.status, job.rows_done, job.file_name) == (
        DONE, 12_000, "tertial_2018-T2_IT-avdelningen.xlsx")
    assert jobs.file(job_id, "eva") == ("tertial_2018-T2_IT-avdelningen.xlsx", b"PK-workbook")


def test_a_job_is_its_owners_alone(jobs: ExportJobs):
    job_id = jobs.create("eva", VIEW, data_version=1, rows_total=10)
    jobs.claim(job_id)
    jobs.finish(job_id, b"PK", "fil.xlsx")
    assert jobs.get(job_id, "per") is None
    assert jobs.file(job_id, "per") is None
    assert jobs.get("no-such-job", "eva") is None


def test_a_failed_job_keeps_why(jobs: ExportJobs):
    job_id = jobs.create("eva", VIEW, data_version=1, rows_total=10)
    jobs.claim(job_id)
    jobs.fail(job_id, "SelectionError: " + "x" * 2000)
    job = jobs.get(job_id, "eva")
    assert job.status == FAILED and job.error.startswith("SelectionError")
    assert len(job.error) == 500
    assert jobs.file(job_id, "eva") is None


def test_one_job_at_a_time_per_person(jobs: ExportJobs):
    first = jobs.create("eva", VIEW, data_version=1, rows_total=10)
    with pytest.raises(ExportBusy):
        jobs.create("eva", VIEW, data_version=1, rows_total=10)
    jobs.create("per", VIEW, data_version=1, rows_total=10)  # someone else may
    jobs.claim(first)
    jobs.finish(first, b"PK", "fil.xlsx")
    assert jobs.create("eva", VIEW, data_version=1, rows_total=10) != first


def test_a_job_silent_for_too_long_is_reported_as_stopped(jobs: ExportJobs, clock: Clock):
    """Its worker was killed: the page must not wait forever, and the owner may start again."""
    job_id = jobs.create("eva", VIEW, data_version=1, rows_total=100_000)
    jobs.claim(job_id)
    jobs.progress(job_id, 5000, 100_000)
    clock.advance(seconds=jobs.stale_after.total_seconds() - 1)
    assert jobs.get(job_id, "eva").status == RUNNING
    clock.advance(seconds=2)
    job = jobs.get(job_id, "eva")
    assert (job.status, job.error, job.rows_done) == (FAILED, STOPPED, 5000)
    assert jobs.create("eva", VIEW, data_version=1, rows_total=10) != job_id


def test_a_queued_job_that_never_started_is_stopped_too(jobs: ExportJobs, clock: Clock):
    job_id = jobs.create("eva", VIEW, data_version=1, rows_total=10)
    clock.advance(minutes=10)
    assert jobs.get(job_id, "eva").error == STOPPED


def test_old_jobs_and_their_files_are_removed_when_a_new_one_is_made(jobs: ExportJobs,
                                                                      clock: Clock):
    old = jobs.create("eva", VIEW, data_version=1, rows_total=10)
    jobs.claim(old)
    jobs.finish(old, b"PK", "fil.xlsx")
    clock.advance(minutes=59)
    assert jobs.file(old, "eva") == ("fil.xlsx", b"PK")
    clock.advance(minutes=2)
    assert jobs.file(old, "eva") is None  # past its hour, even before the clean-up
    jobs.create("per", VIEW, data_version=1, rows_total=10)
    assert jobs.get(old, "eva") is None
    with jobs.engine.connect() as conn:
        assert conn.execute(jobs.table.select()).all()[0].owner == "per"


def test_a_finished_job_is_not_changed_by_a_late_step(jobs: ExportJobs):
    job_id = jobs.create("eva", VIEW, data_version=1, rows_total=10)
    jobs.claim(job_id)
    jobs.finish(job_id, b"PK", "fil.xlsx")
    jobs.progress(job_id, 3, 10)
    jobs.fail(job_id, "late")
    job = jobs.get(job_id, "eva")
    assert (job.status, job.rows_done, job.error) == (DONE, 10, None)
