"""docs/format.md is the users' copy of the workbook contract: it must name what the loaders accept.

Exact substring checks, so a renamed sheet, a new alias or a new total word in
``loaders.specs`` fails here until the guide for finance is updated too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.specs import DATASETS, TOTAL_WORDS

FORMAT_DOC = Path(__file__).resolve().parents[1] / "docs" / "format.md"

SHEET_NAMES = sorted({name for d in DATASETS for name in d.sheet_names})
HEADERS = sorted({h for d in DATASETS for c in d.columns for h in c.headers})


@pytest.fixture(scope="module")
def guide() -> str:
    return FORMAT_DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SHEET_NAMES)
def test_every_sheet_name_and_alias_is_documented(guide: str, name: str) -> None:
    assert name in guide, f"sheet name {name!r} is missing from docs/format.md"


@pytest.mark.parametrize("header", HEADERS)
def test_every_column_header_and_alias_is_documented(guide: str, header: str) -> None:
    assert header in guide, f"column header {header!r} is missing from docs/format.md"


@pytest.mark.parametrize("word", TOTAL_WORDS)
def test_every_total_word_is_documented(guide: str, word: str) -> None:
    assert word in guide, f"total-row word {word!r} is missing from docs/format.md"


def test_every_sheet_has_its_own_table(guide: str) -> None:
    """Each sheet's section lists its canonical headers as table rows, so finance can fix a
    column from the table alone."""
    for dataset in DATASETS:
        heading = f"### {dataset.sheet} ("
        assert heading in guide, f"no section for the sheet {dataset.sheet!r}"
        section = guide.split(heading, 1)[1].split("\n### ", 1)[0]
        for column in dataset.columns:
            assert f"| {column.header} |" in section, (
                f"{dataset.sheet}: no table row for the column {column.header!r}")


def test_guide_has_an_english_section(guide: str) -> None:
    assert "## In English" in guide
