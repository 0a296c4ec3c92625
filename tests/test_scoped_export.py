"""Tertial's own export of a filtered view uploaded again (issue 17): refused, saying why and
what to do, with nothing stored; the whole agency's export is not refused. Through the
command line here (the browser's way is tests/browser/test_upload_page.py).

A finance officer exported Analysavdelningen, changed nothing and uploaded it: the check said
"kan importeras" and offered to remove 315 of 400 assignments, 26 of 30 units and most of
finance and staff with one click. An import replaces each sheet's tertial whole (DOMAIN.md),
so a department's export can never be imported as it is; it is refused by the export's own
first sheet, which names the view.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import main
from dashboard.data import FrameCache, Snapshot
from dashboard.kpis import Selection
from dashboard.kpis.organisation import units_by_department
from dashboard.reports.excel import ExportInfo, build_workbook
from loaders.demo.load import load_demo
from loaders.errors import FileRefused
from loaders.ingest.workbook import LoadOptions, load_file
from loaders.settings import Settings
from loaders.store.store import Store
from tests.databases import folder_url
from tests.demo_store import STORY

DEPARTMENT = "Analysavdelningen"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Snapshot]]:
    folder = tmp_path_factory.mktemp("scoped")
    store = Store(folder_url(folder))
    load_demo(store, Settings(data_dir=folder))
    snapshot = FrameCache(store).current()
    store.close()
    yield folder, snapshot


def export(snapshot: Snapshot, selection: Selection, lang: str = "sv") -> bytes:
    info = ExportInfo(snapshot.version, snapshot.latest_import, lang, exported_by="Eva Ek")
    return build_workbook(snapshot.frames, selection, info)


def stored(folder: Path) -> tuple[int, list]:
    store = Store(folder_url(folder))
    try:
        return store.data_version(), [(r.id, r.status) for r in store.history()]
    finally:
        store.close()


def test_a_department_s_export_is_refused_by_the_cli_and_nothing_is_stored(demo, tmp_path,
                                                                           capsys):
    folder, snapshot = demo
    path = tmp_path / f"tertial_{STORY}_{DEPARTMENT}.xlsx"
    path.write_bytes(export(snapshot, Selection(STORY, DEPARTMENT)))
    before = stored(folder)
    assert main(["--data-dir", str(folder), "import", str(path)]) != 0
    said = capsys.readouterr()
    text = said.out + said.err
    assert f"Tertials egen export av en avgränsad vy ({DEPARTMENT})" in text
    assert "exportera hela myndigheten" in text
    assert stored(folder) == before


def test_a_unit_s_export_in_english_is_refused_naming_the_unit(demo):
    _, snapshot = demo
    unit = units_by_department(snapshot.frames)[DEPARTMENT][0]
    data = export(snapshot, Selection(STORY, DEPARTMENT, unit), "en")
    with pytest.raises(FileRefused) as caught:
        load_file(data, "export.xlsx", LoadOptions())
    assert caught.value.code == "scoped_export"
    assert f"a filtered view ({DEPARTMENT} / {unit})" in caught.value.message_en


def test_the_whole_agency_s_export_is_read_without_a_notice_about_its_first_sheet(demo):
    _, snapshot = demo
    result = load_file(export(snapshot, Selection(STORY)), "export.xlsx", LoadOptions())
    assert result.ok
    assert "unknown_sheet" not in {i.code for i in result.report.issues}
    assert len(result.frames["assignments"]) == 400
