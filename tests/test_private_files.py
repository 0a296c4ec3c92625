"""What the app and the ``tertial`` command write on disk is their user's alone (issue 20,
item 6): folders 0700, files 0600 (``loaders/private.py``), whatever umask started them; what
exists already keeps its mode and is warned about when other users can reach it. The
servers themselves are in ``tests/test_real_servers.py``.

Every test runs under the umask most systems give a process (0o022), so what it checks is the
app's doing, not the suite's.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import cli
from loaders.imports.staging import Staging
from loaders.settings import Settings, default_sqlite_url
from loaders.store.store import Store
from tests.builders import full_workbook, write_xlsx
from tests.cli.test_cli import _command
from tests.databases import folder_url
from tests.servers import ROOT, clean_environment

pytestmark = pytest.mark.sqlite_file  # about the SQLite file and its -wal and -shm


@pytest.fixture(autouse=True)
def common_umask() -> Iterator[None]:
    umask = os.umask(0o022)
    yield
    os.umask(umask)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_database_and_its_wal_and_shm_are_the_owners_alone(tmp_path):
    data_dir = tmp_path / "new" / "data"
    store = Store(default_sqlite_url(data_dir))  # makes its tables, writes the data version
    try:
        names = ("tertial.db", "tertial.db-wal", "tertial.db-shm")
        assert {n: mode(data_dir / n) for n in names} == dict.fromkeys(names, 0o600)
        assert mode(data_dir) == 0o700
    finally:
        store.close()


def test_the_uploads_folder_and_an_upload_in_it_are_the_owners_alone(tmp_path):
    store = Store(folder_url(tmp_path))
    try:
        staging = Staging(tmp_path / "uploads", store, Settings(data_dir=tmp_path))
        staging.stage(b"PK\x03\x04 a workbook", "uppfoljning.xlsx", user="eva")
        written = [tmp_path / "uploads", *(tmp_path / "uploads").rglob("*")]
        assert len(written) > 2  # the folder, the upload's folder, its files
        assert {str(p): oct(mode(p)) for p in written if mode(p) & 0o077} == {}
    finally:
        store.close()


def test_tertial_makes_a_new_database_its_users_alone(tmp_path):
    data_dir = tmp_path / "data"
    env = clean_environment(TERTIAL_DATA_DIR=str(data_dir))
    done = subprocess.run([*_command(), "--data-dir", str(data_dir), "db", "upgrade"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (mode(data_dir), mode(data_dir / "tertial.db")) == (0o700, 0o600)


def test_tertial_import_writes_nothing_others_can_read_and_gives_the_umask_back(tmp_path):
    data_dir = tmp_path / "data"
    path = write_xlsx(tmp_path / "uppfoljning.xlsx", full_workbook())
    assert cli.main(["--data-dir", str(data_dir), "import", str(path)]) == 0
    written = [data_dir, *data_dir.rglob("*")]
    assert {str(p): oct(mode(p)) for p in written if mode(p) & 0o077} == {}
    assert os.umask(0o022) == 0o022  # the caller's umask again after the command


def test_what_exists_keeps_its_mode_and_what_others_reach_is_named(tmp_path):
    from loaders import private

    folder, database = tmp_path / "var-lib-tertial", tmp_path / "var-lib-tertial" / "tertial.db"
    folder.mkdir(mode=0o755)
    database.write_bytes(b"")
    database.chmod(0o644)
    private.private_folder(folder)
    private.private_file(database)
    assert (mode(folder), mode(database)) == (0o755, 0o644)  # a packager's choice stays
    messages = private.warnings([folder, database, tmp_path / "missing"])
    assert len(messages) == 2
    assert messages[0].startswith(f"Andra användare på datorn kommer åt {folder} (läge 0755)")
    assert f"Other users on this computer can reach {database} (mode 0644)" in messages[1]
    assert "0700" in messages[0] and "0600" in messages[1]
    folder.chmod(0o750)  # a group of its own (a backup user, say): not others
    database.chmod(0o640)
    assert private.warnings([folder, database]) == []


def test_the_app_warns_about_a_data_folder_others_can_reach_and_leaves_it_as_it_is(tmp_path,
                                                                                  caplog):
    from tests.apps import make_app

    data_dir = tmp_path / "var-lib-tertial"
    data_dir.mkdir(mode=0o755)
    with caplog.at_level(logging.WARNING, logger="tertial"):
        make_app(data_dir, TERTIAL_DEMO_ON_EMPTY="false",
                 TERTIAL_DATABASE_URL=default_sqlite_url(data_dir))["store"].close()
    warned = [r.getMessage() for r in caplog.records if r.name == "tertial"]
    assert len(warned) == 1, warned
    assert f"{data_dir} (läge 0755)" in warned[0] and f"{data_dir} (mode 0755)" in warned[0]
    assert (mode(data_dir), mode(data_dir / "tertial.db")) == (0o755, 0o600)
