"""The background export (``dashboard/reports/export_runner.py``) on the demo agency: a real
workbook stored on the job, progress that only grows and ends at the total, a failure kept on
the job and said in words, a stopped worker's job reported as such, and a forked worker that
makes its jobs on threads of its own."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterator

import openpyxl
import pytest

from dashboard.components.export import job_view
from dashboard.data import FrameCache, Snapshot
from dashboard.kpis import Selection, resolve, summary
from dashboard.reports.excel import ExportInfo, export_rows, export_size
from dashboard.reports.export_runner import ExportRunner
from dashboard.text.i18n import t
from loaders.demo.load import load_demo
from loaders.records.export_jobs import DONE, FAILED, ExportJob, ExportJobs
from loaders.settings import Settings
from loaders.store.store import Store
from tests.component_texts import texts
from tests.databases import folder_url
from tests.demo_store import STORY

IT = "IT-avdelningen"
WAIT_S = 120  # the longest a job may take on a busy machine (a bound, not a measure)


class Recording(ExportJobs):
    """The real job table, remembering every progress step it was told."""

    def __init__(self, store: Store, **options):
        super().__init__(store, **options)
        self.steps: list[tuple[int, int]] = []

    def progress(self, job_id: str, done: int, total: int) -> None:
        self.steps.append((done, total))
        super().progress(job_id, done, total)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("export-jobs")
    made = Store(folder_url(folder))
    load_demo(made, Settings(data_dir=folder))
    yield made
    made.close()


@pytest.fixture
def snapshot(store: Store) -> Snapshot:
    return FrameCache(store).current()


def start(jobs: ExportJobs, snapshot: Snapshot, selection: Selection, owner: str = "eva"
          ) -> str:
    total = export_size(snapshot.frames, selection) if selection.period == STORY else 1
    return jobs.create(owner, {"period": selection.period}, data_version=snapshot.version,
                       rows_total=total)


def make(runner: ExportRunner, job_id: str, snapshot: Snapshot, selection: Selection) -> None:
    info = ExportInfo(snapshot.version, snapshot.latest_import, "sv", exported_by="Eva Ek")
    runner.submit(job_id, snapshot.frames, selection, info).result(timeout=WAIT_S)


def test_the_job_stores_the_views_workbook(store, snapshot):
    jobs = ExportJobs(store)
    selection = Selection(STORY, IT)
    job_id = start(jobs, snapshot, selection)
    make(ExportRunner(jobs), job_id, snapshot, selection)

    job = jobs.get(job_id, "eva")
    assert job.status == DONE and job.file_name == f"tertial_{STORY}_{IT}.xlsx"
    name, data = jobs.file(job_id, "eva")
    book = openpyxl.load_workbook(io.BytesIO(data))
    expected = export_rows(snapshot.frames, resolve(snapshot.frames, selection))
    assert len(list(book["Uppdrag"].values)) - 1 == len(expected["assignments"]) > 0
    ekonomi = list(book["Ekonomi"].values)
    budget = sum(row[ekonomi[0].index("Budget")] or 0 for row in ekonomi[1:])
    assert budget == pytest.approx(summary(snapshot.frames, selection)["finance"]["budget"])
    assert job.rows_done == job.rows_total == sum(len(rows) for rows in expected.values())


def test_progress_grows_every_few_rows_and_ends_at_the_total(store, snapshot):
    jobs = Recording(store)
    selection = Selection(STORY)
    job_id = start(jobs, snapshot, selection)
    make(ExportRunner(jobs, step=50), job_id, snapshot, selection)

    total = export_size(snapshot.frames, selection)
    done = [d for d, _total in jobs.steps]
    assert {t for _d, t in jobs.steps} == {total}
    assert done[0] == 0 and done[-1] == total
    assert done == sorted(done) and len(done) > total // 50  # many steps, never back
    assert len(done) < total // 10  # not one per row
    assert jobs.get(job_id, "eva").rows_done == total


def test_a_failing_job_is_kept_as_failed_and_said_in_words(store, snapshot):
    jobs = ExportJobs(store)
    selection = Selection("1999-T1")  # not in the data: the workbook cannot be made
    job_id = start(jobs, snapshot, selection, owner="per")
    make(ExportRunner(jobs), job_id, snapshot, selection)

    job = jobs.get(job_id, "per")
    assert job.status == FAILED and "1999-T1" in job.error
    view = job_view(job, "sv")
    assert view.text == t("export.job_failed", "sv") and not view.running
    assert view.ready is None and jobs.file(job_id, "per") is None


def test_a_stopped_workers_job_is_said_to_have_stopped(store, snapshot):
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    jobs = ExportJobs(store)
    job_id = start(jobs, snapshot, Selection(STORY), owner="stina")
    jobs.claim(job_id)  # ... and its worker is killed here
    seen_later = ExportJobs(store, clock=lambda: later).get(job_id, "stina")
    assert job_view(seen_later, "en").text == t("export.job_stopped", "en")


def test_the_words_and_bar_while_a_job_runs():
    now = dt.datetime.now(dt.UTC)
    job = ExportJob("abc", "eva", {}, 1, "running", 45_000, 100_000, None, now, now, None)
    view = job_view(job, "sv")
    assert view.text == "Exporterar … 45\u00a0000 av 100\u00a0000 rader" and view.running
    bar = view.detail[0]
    assert (bar.value, bar.max) == ("45000", "100000")
    assert job_view(job, "en").text == "Exporting … 45,000 of 100,000 rows"
    done = job_view(ExportJob("abc", "eva", {}, 1, "done", 10, 10, None, now, now, "f.xlsx"),
                    "sv")
    assert done.ready == "/export/jobs/abc.xlsx" and not done.running
    assert t("export.job_download", "sv", file="f.xlsx") in texts(done.detail)
    assert job_view(None, "sv").text == t("export.job_gone", "sv")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_makes_its_jobs_on_threads_of_its_own(store, snapshot):
    """As under ``gunicorn --preload``: the pool the parent made is not the child's (its
    threads stayed behind); a job submitted in the child is made all the same."""
    jobs = ExportJobs(store)
    runner = ExportRunner(jobs)
    selection = Selection(STORY, IT)
    first = start(jobs, snapshot, selection, owner="förälder")
    make(runner, first, snapshot, selection)  # the parent's pool exists now
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports by its exit code
        code = 1
        try:
            job_id = start(jobs, snapshot, selection, owner="barn")
            make(runner, job_id, snapshot, selection)
            code = 0 if jobs.get(job_id, "barn").status == DONE else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0

