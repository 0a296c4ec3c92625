"""What the command line changes is in the audit log, as the README says: imports, rollbacks
and the demo's imports, by the operator (``cli:<login name>`` or ``--user``), address "cli";
a dry run or a refused file writes nothing."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from loaders.records.audit import AuditLog
from tests.builders import full_workbook, write_xlsx
from tests.cli.test_cli import data_dir, store_for, tertial  # noqa: F401  (fixtures)


@pytest.fixture
def operator(monkeypatch) -> str:
    monkeypatch.setattr(getpass, "getuser", lambda: "greta")
    return "cli:greta"


def data_rows(folder: Path) -> list[tuple[str, str, str, str]]:
    store = store_for(folder)
    try:
        events = AuditLog(store).events(kind="data")
        return [(e.user, e.action, e.detail, e.address) for e in reversed(events)]
    finally:
        store.close()


def test_an_import_and_its_rollback_are_logged_by_the_operator(tertial, data_dir,  # noqa: F811
                                                                 operator, tmp_path):
    path = write_xlsx(tmp_path / "uppfoljning.xlsx", full_workbook())
    assert tertial("import", str(path), "--dry-run")[0] == 0
    assert data_rows(data_dir) == []  # a dry run changes nothing
    assert tertial("import", str(path))[0] == 0
    assert tertial("rollback", "1", "--user", "Anna")[0] == 0
    assert data_rows(data_dir) == [
        (operator, "import", "import 1: uppfoljning.xlsx", "cli"),
        ("Anna", "rollback", "import 1: uppfoljning.xlsx", "cli")]
    store = store_for(data_dir)
    try:
        assert [(r.user, r.rolled_back_by) for r in store.history()] == [(operator, "Anna")]
    finally:
        store.close()


def test_the_demo_logs_each_of_its_imports(tertial, data_dir, operator):  # noqa: F811
    assert tertial("demo")[0] == 0
    store = store_for(data_dir)
    try:
        history = list(reversed(store.history()))
    finally:
        store.close()
    assert data_rows(data_dir) == [(operator, "import", f"import {r.id}: {r.file_name}", "cli")
                                   for r in history]
    assert history and tertial("demo")[0] == 0  # again: nothing imported, nothing logged
    assert len(data_rows(data_dir)) == len(history)
