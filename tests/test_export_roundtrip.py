"""The Excel export imported again gives back the very texts it was made from (issue 20, item
8c): "=SUMMA(A1)", "-5 mnkr" and "@hem" in an assignment's name and comment survive export ->
import unchanged, through the upload's staging (``loaders.imports.staging``) and the command
line (``tertial import``), the app's two ways in. The export marks such texts with Excel's
quotePrefix style, not with a character; an export made before that (a literal apostrophe)
comes back without the apostrophe, and a finance officer's own workbook keeps whatever it
holds, an apostrophe included.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.packaging.custom import CustomPropertyList

from cli import main
from dashboard.data import FrameCache, Snapshot
from dashboard.kpis import Selection
from dashboard.kpis.organisation import units_by_department
from dashboard.reports.excel import ExportInfo, build_workbook
from dashboard.text.i18n import t
from loaders import xlsx_write
from loaders.demo.load import load_demo
from loaders.imports.staging import Staging
from loaders.settings import Settings
from loaders.store.store import Store
from tests.databases import folder_url
from tests.demo_store import STORY

DEPARTMENT = "IT-avdelningen"
TEXTS = ("=SUMMA(A1)", "-5 mnkr", "@hem", "+46 8 123 45", "'hej")  # the last: typed with it
FORMULA_LIKE = TEXTS[:4]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snapshot]:
    folder = tmp_path_factory.mktemp("roundtrip")
    store = Store(folder_url(folder))
    load_demo(store, Settings(data_dir=folder))
    yield FrameCache(store).current()
    store.close()


@pytest.fixture(scope="module")
def exported(demo: Snapshot) -> tuple[bytes, dict[str, tuple[str, str]]]:
    """The department's export with :data:`TEXTS` as names and comments; (the workbook,
    assignment id -> (name, comment) as exported)."""
    frames = {name: frame.copy() for name, frame in demo.frames.items()}
    assignments = frames["assignments"]
    units = units_by_department(demo.frames)[DEPARTMENT]
    rows = assignments.index[(assignments["period"] == STORY)
                             & assignments["unit"].isin(units)][:len(TEXTS)]
    assignments.loc[rows, "name"] = list(TEXTS)
    assignments.loc[rows, "comment"] = list(reversed(TEXTS))
    info = ExportInfo(demo.version, demo.latest_import, "sv", exported_by="Eva Ek")
    # the whole agency's export: a department's is refused at import (tests/test_scoped_export.py)
    data = build_workbook(frames, Selection(STORY), info)
    texts = {str(row.id): (row.name, row.comment) for row in assignments.loc[rows].itertuples()}
    return data, texts


def stored_texts(store: Store, ids: set[str]) -> dict[str, tuple[str, str]]:
    frame = store.frames()["assignments"]
    frame = frame[(frame["period"] == STORY) & frame["id"].astype(str).isin(ids)]
    return {str(row.id): (row.name, row.comment) for row in frame.itertuples()}


def imported_by_upload(tmp_path: Path, data: bytes, ids: set[str],
                       name: str = "export.xlsx") -> dict[str, tuple[str, str]]:
    """``data`` staged, checked and confirmed as the upload page does; the stored texts."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    store = Store(folder_url(tmp_path))
    try:
        staging = Staging(tmp_path / "uploads", store, Settings(data_dir=tmp_path))
        token = staging.stage(data, name, user="eva")
        staging.check(token)
        answer = staging.confirm(token, user="eva")
        assert answer["state"] == "imported", answer
        return stored_texts(store, ids)
    finally:
        store.close()


def imported_by_cli(tmp_path: Path, data: bytes, ids: set[str],
                    name: str = "export.xlsx") -> dict[str, tuple[str, str]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["--data-dir", str(tmp_path), "import", str(path)]) == 0
    store = Store(folder_url(tmp_path))
    try:
        return stored_texts(store, ids)
    finally:
        store.close()


IMPORTERS = {"upload": imported_by_upload, "cli": imported_by_cli}


def older_export(data: bytes, *, about: bool = True) -> bytes:
    """The export as versions before the quotePrefix wrote it: a literal apostrophe before
    every formula-like text, no export property. Without ``about``, its first sheet taken
    away: a workbook of the finance officer's own with the same cells."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.quotePrefix and isinstance(cell.value, str):
                    cell.value, cell.quotePrefix = "'" + cell.value, False
    book.custom_doc_props = CustomPropertyList()
    if not about:
        book.remove(book.worksheets[0])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("way", sorted(IMPORTERS))
def test_formula_like_texts_survive_export_and_import_unchanged(exported, tmp_path, way):
    data, texts = exported
    assert IMPORTERS[way](tmp_path, data, set(texts)) == texts
    assert {name for name, _comment in texts.values()} == set(TEXTS)


def test_the_export_adds_no_character_and_marks_the_cells_as_text(exported):
    data, _texts = exported
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert xlsx_write.EXPORT_PROPERTY in book.custom_doc_props.names
    cells = {c.value: c for row in book["Uppdrag"].iter_rows() for c in row}
    for text in FORMULA_LIKE:
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    assert not cells["'hej"].quotePrefix  # an ordinary text, written as it is


@pytest.mark.parametrize("way", sorted(IMPORTERS))
def test_an_older_export_loses_the_apostrophes_it_added_and_ones_own_workbook_keeps_them(
        exported, tmp_path, way):
    data, texts = exported
    old = older_export(data)
    book = openpyxl.load_workbook(io.BytesIO(old))
    assert "'=SUMMA(A1)" in {c.value for row in book["Uppdrag"].iter_rows() for c in row}
    assert IMPORTERS[way](tmp_path / "old", old, set(texts)) == texts  # "'hej" stays "'hej"
    # the same cells without the export's first sheet: a workbook of the finance officer's
    # own, where an apostrophe is what was typed
    own = older_export(data, about=False)
    typed = {key: tuple("'" + v if v in FORMULA_LIKE else v for v in pair)
             for key, pair in texts.items()}
    assert IMPORTERS[way](tmp_path / "own", own, set(texts), "uppfoljning.xlsx") == typed


def test_the_importer_knows_older_exports_by_the_exports_own_first_sheet():
    sheets = xlsx_write.LEGACY_EXPORT_SHEETS
    for lang in ("sv", "en"):
        assert sheets[t("export.sheet_about", lang)] == t("export.title", lang)

