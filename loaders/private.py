"""What the app writes is its owner's alone: folders 0700, files 0600.

The data folder holds the agency's figures (the SQLite database and its ``-wal`` and ``-shm``
files), the uploads being checked (``uploads/``) and the key that signs the session cookies.
Every entry point sets the process umask to 0o077 before it writes anything
(:func:`owner_only`: ``app.py`` for ``python app.py`` and for gunicorn's ``app:server``,
``cli.main`` for ``tertial``), and the places that create those folders and files also give
their modes themselves (:func:`private_folder`, :func:`private_file`), so a caller that never
set the umask gets the same. SQLite gives ``-wal`` and ``-shm`` the database file's own mode,
which is why the database file is made (0600) before SQLite opens it.

What exists already is never changed: the data folder may be the packager's (made by the
package, or by systemd's ``StateDirectory=``, which applies its own mode at every start), and
a service that chmods it would fight the packaging, or undo a group the operator gave it on
purpose. :func:`too_open` names what other users can reach, for one warning at start-up.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

OWNER_ONLY_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600
OTHERS = stat.S_IRWXO  # what users outside the owner and its group may do


def owner_only() -> int:
    """Set the process umask so that new files are 0600 and new folders 0700; the umask it
    replaced."""
    return os.umask(OWNER_ONLY_UMASK)


def private_folder(path: str | os.PathLike[str]) -> Path:
    """``path`` made (0700, with any missing parents) unless it exists; an existing folder
    keeps its mode."""
    folder = Path(path)
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return folder


def private_file(path: str | os.PathLike[str]) -> Path:
    """``path`` made empty (0600) unless it exists; an existing file is left as it is."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    return Path(path)


def too_open(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, int]]:
    """(path, permission bits) of those of ``paths`` that exist and that other users (not
    the owner, not its group) may read, write or enter."""
    found = []
    for path in map(Path, paths):
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            continue
        if mode & OTHERS:
            found.append((path, mode))
    return found


def warnings(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """One message (Swedish, then English) per path in ``paths`` that others can reach."""
    return [
        f"Andra användare på datorn kommer åt {path} (läge {mode:04o}). Ge den läget "
        f"{_wanted(path):04o} (chmod), se README, Production. / Other users on this computer "
        f"can reach {path} (mode {mode:04o}). Give it mode {_wanted(path):04o} (chmod), see "
        "the README, Production."
        for path, mode in too_open(paths)]


def _wanted(path: Path) -> int:
    return FOLDER_MODE if path.is_dir() else FILE_MODE
