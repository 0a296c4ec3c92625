"""The files of the upload staging area: tokens, safe names, atomic writes, a per-upload lock.

Every staged upload lives in ``<folder>/<token>/``. Any web worker may serve any step, so the
files are the only shared state: each is written whole to a temporary file and moved into
place with :func:`os.replace` (a reader sees the old or the new file, never half of one), and
steps that must not overlap (a confirm, a cancel, a state update) hold an exclusive
``fcntl.flock`` on the upload's lock file, which works between threads and processes alike.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PureWindowsPath

from loaders.errors import FileRefused, StoreError

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_NAME_CHARS = 200
DATA_FILE = "upload.bin"
META_FILE = "meta.json"
STATE_FILE = "state.json"
LOCK_FILE = "lock"


def token_folder(folder: Path, token: object) -> Path:
    """The upload's folder; StoreError "bad_token" for anything but a well-formed token, so a
    forged token (``../x``, ``""``, a path) can never name a place outside ``folder``."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        raise StoreError("bad_token",
                         "Uppladdningen känns inte igen. Ladda upp filen igen.",
                         "The upload is not recognised. Upload the file again.")
    return folder / token


def unknown_upload(token: str) -> StoreError:
    return StoreError("unknown_upload",
                      "Uppladdningen finns inte längre (avbruten eller för gammal). "
                      "Ladda upp filen igen.",
                      "The upload no longer exists (cancelled or too old). "
                      "Upload the file again.", token=token)


def clean_file_name(name: object) -> str:
    """The base name of an uploaded file's name (no folders of either kind, no control
    characters, at most :data:`MAX_NAME_CHARS`); FileRefused when nothing is left."""
    text = name if isinstance(name, str) else ""
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    base = PureWindowsPath(text.replace("/", "\\")).name.strip()
    if base in ("", ".", ".."):
        raise FileRefused("bad_file_name",
                          "Filen saknar ett giltigt namn. Döp filen (till exempel "
                          "uppfoljning_2018-T2.xlsx) och ladda upp den igen.",
                          "The file has no valid name. Name it (for example "
                          "uppfoljning_2018-T2.xlsx) and upload it again.")
    if len(base) > MAX_NAME_CHARS:
        stem, dot, ext = base.rpartition(".")
        base = (stem[:MAX_NAME_CHARS - len(ext) - 1] + dot + ext) if dot else base[
            :MAX_NAME_CHARS]
    return base


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (temp file in the same folder, then
    :func:`os.replace`)."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_json(path: Path, value: dict) -> None:
    write_atomic(path, json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"))


def read_json(path: Path) -> dict | None:
    """The JSON object in ``path``; None when the file is missing."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


@contextmanager
def upload_lock(upload: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the upload's exclusive lock; yields False (without waiting) when ``wait`` is False
    and someone else holds it, or when the upload's folder is gone."""
    try:
        handle = os.open(upload / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    except FileNotFoundError:
        yield False
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(handle)


def iso(seconds: float) -> str:
    """An epoch time as an ISO 8601 UTC text."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> float:
    return dt.datetime.fromisoformat(text).timestamp()


def created_at(upload: Path) -> float:
    """When the upload was staged (its meta file), else when its folder last changed; 0 when
    neither can be read (an upload that broke half way is old)."""
    try:
        meta = read_json(upload / META_FILE)
        if meta is not None:
            return from_iso(meta["created_at"])
        return upload.stat().st_mtime
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0
