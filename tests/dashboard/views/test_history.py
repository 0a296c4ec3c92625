"""Importhistorik's rows and confirmation, from a real store holding the demo's five imports.

The row cells are what a reader sees in the grid: Stockholm time, status words in the chosen
language, rows per sheet in the workbook's order with Swedish or English digit grouping. The
confirmation must say what the store then really does, so it is checked against a rollback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from dashboard.text.formatting import NBSP
from dashboard.views.history import (
    choice_label,
    confirmation,
    history_row,
    local_time,
    rollback_effect,
    row_counts_text,
    slices_text,
    status_text,
)
from loaders.demo.load import load_demo
from loaders.settings import load_settings
from loaders.specs import ALL_DATASETS
from loaders.store.store import Store
from tests.databases import copy_database

ROOT = Path(__file__).resolve().parents[3]
UTC = dt.UTC
PERIODIC = ("assignments", "finance", "staff", "processes")


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    """A data folder whose database has the demo's five imports, made once for the
    module."""
    folder = tmp_path_factory.mktemp("history")
    settings = load_settings(environ={"TERTIAL_DATA_DIR": str(folder)})
    store = Store(settings.resolved_database_url)
    load_demo(store, settings)
    store.close()
    return folder


@pytest.fixture
def demo_store(demo_database, tmp_path):
    """A store of its own for each test (a copy of the demo database): rollbacks stay
    here."""
    store = Store(copy_database(demo_database, tmp_path))
    yield store
    store.close()


# --- cells ----------------------------------------------------------------------------------

@pytest.mark.parametrize("utc, local", [
    (dt.datetime(2026, 11, 29, 12, 5, tzinfo=UTC), "2026-11-29 13:05"),  # winter: UTC+1
    (dt.datetime(2026, 6, 1, 11, 5, 59, tzinfo=UTC), "2026-06-01 13:05"),  # summer: UTC+2
    (dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "2027-01-01 00:30"),  # a new year here
])
def test_times_are_shown_in_stockholm_time(utc, local):
    assert local_time(utc) == local


@pytest.mark.parametrize("status, sv, en", [
    ("active", "aktuell", "current"),
    ("partly_superseded", "delvis ersatt", "partly superseded"),
    ("superseded", "ersatt", "superseded"),
    ("rolled_back", "återställd", "rolled back"),
])
def test_every_status_has_its_word_in_both_languages(status, sv, en):
    assert (status_text(status, "sv"), status_text(status, "en")) == (sv, en)


def test_row_counts_follow_the_workbooks_sheet_order_with_digit_grouping():
    counts = {"finance": 90, "kpi_settings": 7, "assignments": 12_400}
    assert row_counts_text(counts, "sv") == f"Uppdrag 12{NBSP}400 · Ekonomi 90 · Nyckeltal 7"
    assert row_counts_text(counts, "en") == "Assignments 12,400 · Finance 90 · KPI settings 7"


def test_slices_are_grouped_by_period_with_the_non_periodic_sheets_first():
    keys = [("finance", "2018-T2"), ("units", ""), ("assignments", "2018-T1"),
            ("assignments", "2018-T2")]
    assert slices_text(keys, "sv") == "Enheter; 2018-T1 Uppdrag; 2018-T2 Uppdrag, Ekonomi"


def test_a_demo_import_as_a_row_of_text_cells(demo_store):
    latest, previous = demo_store.history()[:2]
    row = history_row(latest, "sv")
    assert row == {
        "id": "5", "time": local_time(latest.created_at), "user": "demo",
        "file": "uppfoljning_2018-T2.xlsx", "checksum": latest.sha256[:12],
        "sha256": latest.sha256, "periods": "2018-T2",
        "rows": (f"Enheter 30 · Uppdrag 400 · Ekonomi 90 · Medarbetare 30 · Processer 17 · "
                 f"Nyckeltal {latest.row_counts['kpi_settings']} · "
                 f"Enkät {latest.row_counts['survey']}"),
        "status": "aktuell", "status_detail": "aktuell", "supersedes": "4",
        "superseded_by": "–", "download": "[Ladda ned](/historik/5/fil)",
    }
    assert all(isinstance(value, str) for value in row.values())
    assert len(row["checksum"]) == 12 and len(row["sha256"]) == 64
    english = history_row(previous, "en")
    assert (english["status"], english["supersedes"], english["superseded_by"]) == (
        "partly superseded", "3", "5")
    assert english["download"] == "[Download](/historik/4/fil)"
    assert choice_label(latest, "en") == "5 · uppfoljning_2018-T2.xlsx · 2018-T2 · current"


def test_a_rolled_back_import_says_by_whom_and_when(demo_store):
    record = demo_store.rollback(5, user="Eva Ek")
    row = history_row(record, "sv")
    assert row["status"] == "återställd"
    assert row["status_detail"] == f"Återställd {local_time(record.rolled_back_at)} av Eva Ek"
    assert (row["supersedes"], row["superseded_by"]) == ("–", "–")


def test_a_file_name_never_reaches_the_markdown_of_the_download_cell(demo_store):
    record = dataclasses.replace(demo_store.history()[0], file_name="[x](javascript:alert(1))")
    assert history_row(record, "sv")["download"] == "[Ladda ned](/historik/5/fil)"


# --- what a rollback does -------------------------------------------------------------------

def test_the_confirmation_says_what_rolling_back_the_latest_import_does(demo_store):
    assert confirmation(demo_store.history(), 5, "sv") == [
        "Import 5 (uppfoljning_2018-T2.xlsx) återställs.",
        "Det som den ersatte blir aktuellt igen: Enheter, Nyckeltal från import 4.",
        "Har inga tidigare uppgifter och visas inte längre: "
        "2018-T2 Uppdrag, Ekonomi, Medarbetare, Processer; Uppföljning 2018 Enkät.",
        "En återställd import kan inte återställas igen, men filen kan importeras på nytt.",
    ]


def test_the_confirmation_of_an_older_import_names_what_stays_unchanged(demo_store):
    lines = confirmation(demo_store.history(), 3, "en")
    assert lines[0] == "Import 3 (uppfoljning_2017-T3.xlsx) will be rolled back."
    assert "Already superseded by a later import, unchanged: Units, KPI settings." in lines
    assert not any(line.startswith("What it superseded") for line in lines)


def test_the_store_does_what_the_confirmation_said(demo_store):
    effect = rollback_effect(demo_store.history(), 5)
    assert effect.restored == ((4, (("units", ""), ("kpi_settings", ""))),)
    assert effect.emptied == (*((name, "2018-T2") for name in PERIODIC),
                              ("survey", "Uppföljning 2018"))
    demo_store.rollback(5, user="lokal")
    by_id = {r.id: r for r in demo_store.history()}
    assert by_id[4].status == "active"  # its units and key-figure settings are current again
    frames = demo_store.frames()
    assert all("2018-T2" not in set(frames[name]["period"]) for name in PERIODIC)
    assert "2018-T1" in set(frames["assignments"]["period"])
    survey = demo_store.frames(ALL_DATASETS)["survey"]  # the baseline stays
    assert set(survey["measurement"]) == {"Nollmätning 2017"}


def test_an_unknown_import_has_no_effect_to_tell():
    with pytest.raises(LookupError):
        rollback_effect([], 7)
