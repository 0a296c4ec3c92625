"""A worksheet whose XML is not well-formed is refused naming the sheet, never read leniently
(issue 17): python-calamine reads a sheet with a missing end tag as if it were whole. Nothing
from the intact sheets is stored either (the upload's database test is in
tests/loaders/imports/test_importer.py's style: the store is unchanged)."""

from __future__ import annotations

import pytest

from loaders.errors import FileRefused
from loaders.imports.importer import import_file
from loaders.ingest.workbook import LoadOptions, load_file
from loaders.settings import Settings
from loaders.store.store import Store
from tests.builders import full_workbook, xlsx_bytes
from tests.loaders.ingest import hostile

SHEETS = list(full_workbook())


def part_of(sheet: str) -> str:
    return f"xl/worksheets/sheet{SHEETS.index(sheet) + 1}.xml"


DAMAGES = {
    "a missing end tag": hostile.sub(rb"</row>", b""),
    "a cut-off part": lambda xml: xml[: len(xml) * 2 // 3],
    "a stray end tag": hostile.sub(rb"</c>", b"</c></x>", ),
    "a duplicated attribute": hostile.sub(rb'<c r="A2"', b'<c r="A2" r="A2"'),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_sheet_is_refused_naming_it(damage):
    data = hostile.rewrite(xlsx_bytes(full_workbook()), **{part_of("Uppdrag"): DAMAGES[damage]})
    with pytest.raises(FileRefused) as caught:
        load_file(data, "uppfoljning.xlsx", LoadOptions())
    error = caught.value
    assert (error.code, error.details["sheet"]) == ("damaged_sheet", "Uppdrag")
    assert error.message_sv.startswith("Bladet ”Uppdrag” är skadat")
    assert "Nothing from the file was stored" in error.message_en


def test_nothing_of_the_intact_sheets_is_stored(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'tertial.db'}")
    try:
        data = hostile.rewrite(xlsx_bytes(full_workbook()),
                               **{part_of("Ekonomi"): DAMAGES["a missing end tag"]})
        outcome = import_file(store, data, "uppfoljning.xlsx", Settings(data_dir=tmp_path),
                              user="ekonomi")
        assert outcome.refusal is not None and outcome.refusal.code == "damaged_sheet"
        assert outcome.record is None
        assert store.history() == [] and store.data_version() == 0
    finally:
        store.close()


def test_damaged_shared_texts_are_refused():
    data = xlsx_bytes(full_workbook())
    parts = hostile.members(data)
    assert "xl/sharedStrings.xml" not in parts  # openpyxl writes inline texts: add some
    broken = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x'
    data = hostile.zip_of({**parts, "xl/sharedStrings.xml": broken})
    with pytest.raises(FileRefused) as caught:
        load_file(data, "uppfoljning.xlsx", LoadOptions())
    assert (caught.value.code, caught.value.details["reason"]) == ("damaged_sheet",
                                                                   "shared_strings")
