"""Uploads waiting for a decision: stage, check (a dry run with a preview), confirm or cancel.

The upload page calls this, and any web worker may serve any step (the upload to one gunicorn
worker, the polling and the confirm to others): everything lives in files under ``folder``
(see :mod:`loaders.imports.staging_files`), nothing in memory. States of an upload::

    checking -> ready | refused | identical | failed      (check, a dry run)
    ready    -> imported                                   (confirm)
    ready    -> checking                                   (confirm found the data changed)

A bad file never costs data: checking never writes to the store, and confirm imports in one
transaction that refuses (StoreError "stale") when the data version is no longer the one the
preview was made against. The preview itself comes from ``describe`` (loaders never import
the dashboard): ``app.py`` passes :func:`dashboard.views.preview.describe`; with None, no preview.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from loaders.errors import StoreError
from loaders.followup.cycle import FollowUp
from loaders.imports.importer import ImportOutcome, import_file, limits_from
from loaders.imports.removals import Removal, removal_text
from loaders.imports.staging_files import (
    DATA_FILE,
    META_FILE,
    STATE_FILE,
    TOKEN_PATTERN,
    clean_file_name,
    created_at,
    from_iso,
    iso,
    read_json,
    token_folder,
    unknown_upload,
    upload_lock,
    write_atomic,
    write_json,
)
from loaders.imports.staging_result import (
    CHECKING,
    FAILED,
    IMPORTED,
    READY,
    UNKNOWN,
    begin,
    check_result,
    failed_result,
    finish,
    message,
    new_state,
    reset,
    step,
)
from loaders.ingest.safety import check_size
from loaders.private import private_folder
from loaders.settings import Settings
from loaders.specs import DATASETS
from loaders.store.diff import ImportPlan
from loaders.store.store import Store

log = logging.getLogger(__name__)

MAX_CONCURRENT_CHECKS = 2
STALL_MARGIN_S = 60  # beyond twice the parse timeout: see Staging._stalled
# Process-wide on purpose (the one exception to "no module-level state"): the limit guards this
# process's CPU and memory, whichever Staging instance starts the check.
_CHECK_SLOTS = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)

Frames = dict[str, pd.DataFrame]
Describe = Callable[[Frames, Frames, ImportPlan, Settings], dict]
META_FIELDS = ("token", "file_name", "size", "sha256", "user", "period", "csv_sheet",
               "created_at")


class Staging:
    """The staging area in ``folder`` for imports into ``store``.

    ``describe(current, new, plan, settings)`` makes the preview of a ready upload;
    ``clock`` gives the time in epoch seconds (tests pass their own).
    """

    def __init__(self, folder: Path, store: Store, settings: Settings, *,
                 max_age_s: int = 3600, describe: Describe | None = None,
                 clock: Callable[[], float] = time.time):
        self.folder = private_folder(folder)  # 0700, as each upload's own folder in it
        self.store, self.settings, self.max_age_s = store, settings, max_age_s
        self.describe, self.clock = describe, clock

    # --- steps ---------------------------------------------------------------------------

    def stage(self, data: bytes, file_name: str, *, user: str, period: str | None = None,
              csv_sheet: str | None = None) -> str:
        """Keep the file for checking; its token. FileRefused for a file over the size
        limit, an empty file or a name that is empty once folders are taken off."""
        self.purge()
        name = clean_file_name(file_name)
        check_size(len(data), name, limits_from(self.settings))
        token = secrets.token_urlsafe(16)
        upload = token_folder(self.folder, token)
        upload.mkdir(mode=0o700)
        now = self.clock()
        write_atomic(upload / DATA_FILE, data)
        write_json(upload / STATE_FILE, new_state(now))
        write_json(upload / META_FILE, {
            "token": token, "file_name": name, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "user": user, "period": period,
            "csv_sheet": csv_sheet, "created_at": iso(now)})
        return token

    def start(self, token: str) -> None:
        """Check the upload in a daemon thread; the caller returns at once and polls
        :meth:`status`."""
        upload, _ = self._existing(token)
        self._update(upload, reset)
        threading.Thread(target=self._check_quietly, args=(token,), daemon=True,
                         name=f"tertial-check-{token[:6]}").start()

    def check(self, token: str) -> None:
        """Dry-run the import of the upload and keep the outcome (at most
        :data:`MAX_CONCURRENT_CHECKS` checks at once in this process; more wait, "queued")."""
        upload, meta = self._existing(token)
        if not _CHECK_SLOTS.acquire(blocking=False):
            self._update(upload, lambda s: s["steps"].append(step("queued", self.clock())))
            _CHECK_SLOTS.acquire()
        try:
            if self._update(upload, lambda s: begin(s, self.clock())) is None:
                return  # cancelled meanwhile, or already imported
            state, result, version = self._dry_run(upload, meta)
            self._update(upload, lambda s: finish(s, state, result, version, self.clock()))
        finally:
            _CHECK_SLOTS.release()

    def confirm(self, token: str, *, user: str, address: str = "",
                allow_removal: bool = False) -> dict:
        """Import a ready upload; {"state", "import_id", "record", "message", "fresh"}.

        Idempotent: a confirmed upload returns the same answer again and is never imported
        twice (the upload's lock serialises confirms between threads and workers); "fresh" is
        True only in the answer of the one confirm that imported (or found it identical), so
        that what follows an import happens once. The import is logged in the audit log by
        ``user`` from ``address``, in its own transaction. When the data changed since the
        check, StoreError "stale": nothing is stored, the upload is checked again at once
        (state "checking") and must be confirmed anew.
        """
        upload, meta = self._existing(token)
        with upload_lock(upload) as held:
            state = read_json(upload / STATE_FILE) if held else None
            if state is None:
                raise unknown_upload(token)
            if state["confirmed"] is not None:
                return {**state["confirmed"], "fresh": False}
            if state["state"] != READY:
                text = message("not_ready", state=state["state"])
                raise StoreError("not_ready", text["message_sv"], text["message_en"],
                                 state=state["state"])
            removals = [Removal(r["dataset"], r["period"], r["removed"], r["rows_now"])
                        for r in (state.get("result") or {}).get("removals") or []]
            if removals and not allow_removal:  # the check's numbers, said yes to or not
                text = message("removal_not_confirmed",
                               removals_sv=removal_text(removals, "sv"),
                               removals_en=removal_text(removals, "en"))
                raise StoreError("removal_not_confirmed", text["message_sv"],
                                 text["message_en"])
            answer = self._import(upload, meta, state, user, address, bool(removals))
        if answer is None:
            self.start(token)
            text = message("stale_rechecking")
            raise StoreError("stale", text["message_sv"], text["message_en"], rechecking=True)
        return answer

    def cancel(self, token: str) -> None:
        """Forget the upload (nothing is stored); its status is then "unknown"."""
        upload = token_folder(self.folder, token)
        with upload_lock(upload) as held:
            if held:
                shutil.rmtree(upload, ignore_errors=True)

    def purge(self) -> None:
        """Remove uploads older than ``max_age_s`` (except one being confirmed right now)."""
        now = self.clock()
        for entry in self.folder.iterdir():
            if (entry.is_symlink() or not entry.is_dir()
                    or not TOKEN_PATTERN.fullmatch(entry.name)):
                continue
            if now - created_at(entry) <= self.max_age_s:
                continue
            with upload_lock(entry, wait=False) as held:
                if held:
                    shutil.rmtree(entry, ignore_errors=True)

    # --- reading -------------------------------------------------------------------------

    def status(self, token: str) -> dict:
        """What the page shows: the file, the state, the steps so far and the result;
        ``stalled`` when a check has shown no sign of life for far longer than a parse may
        take. State "unknown" for an upload that was cancelled, purged or never staged."""
        upload = token_folder(self.folder, token)
        meta, state = read_json(upload / META_FILE), read_json(upload / STATE_FILE)
        if meta is None or state is None:
            return {**dict.fromkeys(META_FIELDS), "token": token, "state": UNKNOWN,
                    "steps": [], "data_version": None, "result": None, "import_id": None,
                    "confirmed": None, "stalled": False}
        return {**{k: meta.get(k) for k in META_FIELDS}, **state,
                "stalled": self._stalled(state)}

    def load_bytes(self, token: str) -> bytes:
        upload = token_folder(self.folder, token)
        try:
            return (upload / DATA_FILE).read_bytes()
        except FileNotFoundError:
            raise unknown_upload(token) from None

    # --- internals -----------------------------------------------------------------------

    def _stalled(self, state: dict) -> bool:
        """Still "checking" long after the last step: the worker doing the check has most
        likely stopped (restarted, killed); staging the file again is the way out."""
        if state["state"] != CHECKING or not state["steps"]:
            return False
        limit = 2 * self.settings.parse_timeout_s + STALL_MARGIN_S
        return self.clock() - from_iso(state["steps"][-1]["at"]) > limit

    def _existing(self, token: str) -> tuple[Path, dict]:
        """The upload's folder and meta; StoreError "unknown_upload" when it is gone."""
        upload = token_folder(self.folder, token)
        meta = read_json(upload / META_FILE)
        if meta is None:
            raise unknown_upload(token)
        return upload, meta

    def _update(self, upload: Path, change: Callable[[dict], object]) -> dict | None:
        """Read, change and write the upload's state under its lock; None (nothing written)
        when the upload is gone or ``change`` returns False."""
        with upload_lock(upload) as held:
            state = read_json(upload / STATE_FILE) if held else None
            if state is None or change(state) is False:
                return None
            write_json(upload / STATE_FILE, state)
            return state

    def _check_quietly(self, token: str) -> None:
        try:
            self.check(token)
        except StoreError as exc:  # cancelled before the thread ran
            log.info("check of upload %s skipped: %s", token, exc.code)
        except Exception:  # noqa: BLE001 - a thread must not die silently
            log.exception("check of upload %s broke", token)

    def _dry_run(self, upload: Path, meta: dict) -> tuple[str, dict, int | None]:
        """(state, result, data version read before the check) of a dry-run import."""
        try:
            version = self.store.data_version()
            outcome = self._run_import(upload, meta, user=meta["user"], dry_run=True)
            state, result = check_result(outcome)
            if state == READY:
                result["preview"] = self._preview(outcome, meta["token"])
            return state, result, version
        except Exception:  # noqa: BLE001 - shown as a generic message, logged in full
            log.exception("check of upload %s failed", meta["token"])
            return FAILED, failed_result(), None

    def _preview(self, outcome: ImportOutcome, token: str) -> dict | None:
        if self.describe is None:
            return None
        try:
            # what the pages show now: the app's assessments over the uploaded ones
            current = FollowUp(self.store).snapshot(DATASETS)[2]
            return self.describe(current, outcome.result.frames, outcome.plan, self.settings)
        except Exception:  # noqa: BLE001 - the upload can still be imported without it
            log.exception("preview of upload %s failed", token)
            return None

    def _run_import(self, upload: Path, meta: dict, *, user: str, dry_run: bool,
                    expected_version: int | None = None, address: str = "",
                    allow_removal: bool = False) -> ImportOutcome:
        return import_file(self.store, (upload / DATA_FILE).read_bytes(), meta["file_name"],
                           self.settings, period=meta["period"], csv_sheet=meta["csv_sheet"],
                           user=user, dry_run=dry_run, expected_version=expected_version,
                           address=address, allow_removal=allow_removal)

    def _import(self, upload: Path, meta: dict, state: dict, user: str,
                address: str, allow_removal: bool = False) -> dict | None:
        """Import under the upload's lock; the answer, or None when the data is stale."""
        version = state["data_version"]
        self._log_step(upload, state, "importing")
        if self.store.data_version() != version:
            return self._log_step(upload, state, "stale")
        try:
            outcome = self._run_import(upload, meta, user=user, dry_run=False,
                                       expected_version=version, address=address,
                                       allow_removal=allow_removal)
        except StoreError as exc:
            if exc.code != "stale":
                raise
            return self._log_step(upload, state, "stale")
        except Exception:  # noqa: BLE001 - the transaction rolled back; say so plainly
            log.exception("import of upload %s failed", meta["token"])
            self._log_step(upload, state, "import_failed")
            text = message("import_failed")
            raise StoreError("import_failed", text["message_sv"], text["message_en"]) from None
        return self._record_import(upload, state, outcome)

    def _log_step(self, upload: Path, state: dict, name: str) -> None:
        """Add a step to a state read under the lock the caller holds, and write it."""
        state["steps"].append(step(name, self.clock()))
        write_json(upload / STATE_FILE, state)

    def _record_import(self, upload: Path, state: dict, outcome: ImportOutcome) -> dict:
        """Keep what the confirm did in the state (under the lock) and return the answer:
        imported, identical (both final) or refused (the file no longer passes)."""
        kind, result = check_result(outcome)
        record = outcome.record
        if record is not None:
            kind = IMPORTED
        import_id = record.id if record is not None else outcome.identical_to
        answer = {"state": kind, "import_id": import_id,
                  "record": record.to_dict() if record is not None else None,
                  "message": result["message"] or result["refusal"]}
        state.update(state=kind, import_id=import_id)
        if import_id is not None:
            state["confirmed"] = answer
        else:
            state["result"] = result
        self._log_step(upload, state, kind)
        return {**answer, "fresh": True}
