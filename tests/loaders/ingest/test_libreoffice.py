"""The demo's workbook opened and saved again by LibreOffice, as .xlsx and as .ods, loads to
exactly the frames of the workbook as Tertial wrote it (issue 17): LibreOffice writes its own
XML (shared strings, styles, number formats, its own dimension), and a finance officer on
LibreOffice must not get other figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from loaders.demo.agency import write_demo_workbooks
from loaders.ingest.workbook import LoadOptions, load_file
from tests.libreoffice import saved_by_libreoffice


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo_workbooks(tmp_path_factory.mktemp("demo"))[-1]  # 2018-T2, the fullest


@pytest.mark.slow
@pytest.mark.parametrize("extension", ["xlsx", "ods"])
def test_the_demo_workbook_saved_by_libreoffice_loads_to_the_same_frames(demo, tmp_path,
                                                                          extension):
    original = load_file(demo.read_bytes(), demo.name, LoadOptions())
    assert original.ok
    saved = saved_by_libreoffice(demo, extension, tmp_path / "lo")
    again = load_file(saved.read_bytes(), saved.name, LoadOptions())
    assert again.ok, [i.to_dict() for i in again.report.errors()][:5]
    assert sorted(again.frames) == sorted(original.frames)
    for name, frame in original.frames.items():
        assert_frame_equal(again.frames[name], frame, obj=name)
    assert len(original.frames["assignments"]) > 300  # the real thing, not an empty sheet
