"""The workbook's sheets as the interface names them (``dashboard/text/sheets.py``)."""

from __future__ import annotations

import pytest

from dashboard.text import i18n
from dashboard.text.sheets import SECTION, sheet_label
from dashboard.views.history import row_counts_text
from loaders.specs import ALL_DATASETS


def test_the_survey_sheet_is_enkat_with_its_dots_in_swedish_and_survey_in_english():
    assert sheet_label("survey", "sv") == "Enkät"
    assert sheet_label("survey", "en") == "Survey"


@pytest.mark.parametrize("dataset", sorted({d.name for d in ALL_DATASETS}))
def test_every_sheet_is_named_by_one_of_its_own_spellings(dataset):
    """The Swedish name is the one the template writes; the English one is a spelling the
    loaders read too, so the name shown is the name that works in the file."""
    spellings = next(d.sheet_names for d in ALL_DATASETS if d.name == dataset)
    assert sheet_label(dataset, "sv") == spellings[0]
    assert sheet_label(dataset, "en") in spellings
    if f"{SECTION}.{dataset}" in i18n.TEXTS:
        assert sheet_label(dataset, "en") != sheet_label(dataset, "sv")


def test_an_unknown_dataset_is_named_as_it_is():
    assert sheet_label("no_such_sheet", "en") == "no_such_sheet"


def test_the_import_historys_rows_per_sheet_name_the_survey_in_each_language():
    counts = {"assignments": 400, "survey": 864}
    assert row_counts_text(counts, "sv") == "Uppdrag 400 · Enkät 864"
    assert row_counts_text(counts, "en") == "Assignments 400 · Survey 864"
