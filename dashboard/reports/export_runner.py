"""The export jobs this process makes: a small thread pool writing workbooks in the background.

The state of every job lives in the database (:mod:`loaders.records.export_jobs`), so the page may
poll, and download from, any worker or app server. Only the making happens here, in the
process whose request asked for the job, with the frames of the data version that was
current then (an import meanwhile changes nothing in the file being made).

Fork safety: ``gunicorn --preload`` builds the app in the master and forks the workers. A
thread pool made before the fork would be useless in a worker (its threads stay behind in
the master), so the pool is made on the first job, and made again by a process that finds
one made by another (the process id is kept with it): the recipe ``loaders/store/schema.py``
follows for database connections.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from dashboard.kpis.organisation import Frames
from dashboard.kpis.scope import Selection, resolve
from dashboard.reports.excel import PROGRESS_STEP, ExportInfo, build_workbook, file_name
from loaders.records.export_jobs import ExportJobs

log = logging.getLogger(__name__)

WORKERS = 2  # workbooks made at once per process (each takes a core while it runs)


class ExportRunner:
    """Makes the workbooks of ``jobs`` in up to ``workers`` threads, reporting progress
    every ``step`` rows."""

    def __init__(self, jobs: ExportJobs, *, workers: int = WORKERS, step: int = PROGRESS_STEP):
        self.jobs, self.workers, self.step = jobs, workers, step
        self._lock = threading.Lock()
        self._pool: tuple[int, ThreadPoolExecutor] | None = None  # (process id, pool)

    def submit(self, job_id: str, frames: Frames, selection: Selection,
               info: ExportInfo) -> Future:
        """Make the job's workbook in the background; the future ends when it is stored."""
        return self._executor().submit(self.run, job_id, frames, selection, info)

    def run(self, job_id: str, frames: Frames, selection: Selection, info: ExportInfo) -> None:
        """Claim the job, write the workbook with its progress, store it, or store why not.
        A job already claimed (or gone) is left alone."""
        if not self.jobs.claim(job_id):
            return
        try:
            data = build_workbook(frames, selection, info, step=self.step,
                                  progress=lambda done, total: self.jobs.progress(
                                      job_id, done, total))
            self.jobs.finish(job_id, data, file_name(resolve(frames, selection), info.lang))
        except Exception as exc:  # noqa: BLE001 - kept on the job, logged in full
            log.exception("export job %s failed", job_id)
            try:
                self.jobs.fail(job_id, f"{type(exc).__name__}: {exc}")
            except Exception:  # noqa: BLE001 - the database is gone too: the job goes stale
                log.exception("export job %s: the failure could not be stored", job_id)

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            pid = os.getpid()
            if self._pool is None or self._pool[0] != pid:
                self._pool = (pid, ThreadPoolExecutor(self.workers,
                                                      thread_name_prefix="tertial-export"))
            return self._pool[1]
