"""Export jobs: a view's workbook made in the background, followed from any worker or server.

A large export (100k rows: about 8 s) is not made in the request. The request that asks for
it writes a job row and hands the work to its own process's runner
(``dashboard/reports/export_runner.py``); the page then polls the row and downloads the file
from it.
The poll and the download may reach another gunicorn worker, or another app server behind
the proxy, so everything lives in the one database, nothing in memory::

    queued -> running -> done | failed

A job is its owner's alone: :meth:`ExportJobs.get` and :meth:`ExportJobs.file` answer None
for anyone else, as for a job that never was. Jobs are kept for :data:`KEEP` (an hour) and
removed when a new one is created. A queued or running job whose row has not changed for
``stale_after`` is reported as failed with :data:`STOPPED`: the worker making it was stopped
(restarted, killed, its machine gone) and nothing will come, so no page waits forever.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, insert, select, update

from loaders.store.schema import reading, utc, writing

if TYPE_CHECKING:
    from loaders.store.store import Store

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)
STOPPED = "stopped"  # the error of a job whose worker went away
KEEP = dt.timedelta(hours=1)  # a job and its file are removed this long after it was asked for
STALE_AFTER = dt.timedelta(minutes=2)  # far beyond the longest pause between two progress steps
MAX_ERROR = 500  # characters of an error kept


@dataclass(frozen=True)
class ExportJob:
    """A job as its owner sees it (without the file)."""

    id: str
    owner: str
    params: Mapping[str, str]
    data_version: int
    status: str
    rows_done: int
    rows_total: int
    error: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    file_name: str | None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


class ExportBusy(Exception):
    """The owner already has a job being made: one at a time per person."""


class ExportJobs:
    """The ``export_jobs`` table of a store. ``clock`` gives the aware current time (tests
    pass their own)."""

    def __init__(self, store: Store, *, stale_after: dt.timedelta = STALE_AFTER,
                 keep: dt.timedelta = KEEP,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)):
        self.engine, self.table = store.engine, store.schema.export_jobs
        self.stale_after, self.keep, self.clock = stale_after, keep, clock

    # --- the steps of a job --------------------------------------------------------------

    def create(self, owner: str, params: Mapping[str, str], *, data_version: int,
               rows_total: int) -> str:
        """A new queued job; its id. Jobs older than ``keep`` are removed first.
        :class:`ExportBusy` when ``owner`` has a job being made already."""
        now, table = self.clock(), self.table
        job_id = secrets.token_urlsafe(24)
        with writing(self.engine) as conn:
            conn.execute(delete(table).where(table.c.created_at < now - self.keep))
            if conn.execute(select(table.c.id).where(
                    table.c.owner == owner, self._active(now)).limit(1)).first():
                raise ExportBusy(owner)
            conn.execute(insert(table).values(
                id=job_id, owner=owner, params=json.dumps(dict(params), ensure_ascii=False),
                data_version=data_version, status=QUEUED, rows_done=0,
                rows_total=rows_total, created_at=now, updated_at=now))
        return job_id

    def claim(self, job_id: str) -> bool:
        """Queued -> running; False when the job is gone or no longer queued (so it is
        never made twice)."""
        return self._set(job_id, (QUEUED,), status=RUNNING)

    def progress(self, job_id: str, done: int, total: int) -> None:
        """``done`` of ``total`` rows written so far (also a sign of life)."""
        self._set(job_id, (RUNNING,), rows_done=done, rows_total=total)

    def finish(self, job_id: str, content: bytes, file_name: str) -> None:
        table = self.table
        self._set(job_id, (RUNNING,), status=DONE, content=content, file_name=file_name,
                  rows_done=table.c.rows_total)

    def fail(self, job_id: str, error: str) -> None:
        self._set(job_id, ACTIVE, status=FAILED, error=error[:MAX_ERROR])

    # --- reading -------------------------------------------------------------------------

    def get(self, job_id: str, owner: str) -> ExportJob | None:
        """The job, if ``owner`` owns it; a job silent for ``stale_after`` reads as failed
        (:data:`STOPPED`)."""
        columns = [c for c in self.table.c if c.name != "content"]
        with reading(self.engine) as conn:
            row = conn.execute(select(*columns).where(
                self.table.c.id == job_id, self.table.c.owner == owner)).first()
        if row is None:
            return None
        job = ExportJob(row.id, row.owner, json.loads(row.params), row.data_version,
                        row.status, row.rows_done, row.rows_total, row.error,
                        utc(row.created_at), utc(row.updated_at), row.file_name)
        if job.active and self.clock() - job.updated_at > self.stale_after:
            return replace(job, status=FAILED, error=STOPPED)
        return job

    def file(self, job_id: str, owner: str) -> tuple[str, bytes] | None:
        """(file name, workbook) of ``owner``'s finished job; None otherwise."""
        table = self.table
        with reading(self.engine) as conn:
            row = conn.execute(select(table.c.file_name, table.c.content).where(
                table.c.id == job_id, table.c.owner == owner, table.c.status == DONE,
                table.c.created_at >= self.clock() - self.keep)).first()
        return None if row is None else (row.file_name, bytes(row.content))

    # --- internals -----------------------------------------------------------------------

    def _active(self, now: dt.datetime):
        """Being made, and not silent for ``stale_after``."""
        return and_(self.table.c.status.in_(ACTIVE),
                    self.table.c.updated_at >= now - self.stale_after)

    def _set(self, job_id: str, states: tuple[str, ...], **values: object) -> bool:
        """Change a job that is in one of ``states``; whether it was."""
        table = self.table
        with writing(self.engine) as conn:
            changed = conn.execute(update(table).where(
                table.c.id == job_id, table.c.status.in_(states))
                .values(updated_at=self.clock(), **values))
        return changed.rowcount == 1
