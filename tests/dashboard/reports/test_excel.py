"""The Excel export of a view (``dashboard.reports.excel``): the demo agency's 2018-T2 written
out, read with openpyxl as a finance officer's Excel would show it, and loaded back through
the app's own loader to the same figures."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from dashboard.data import FrameCache, Snapshot
from dashboard.kpis import Selection, resolve, summary
from dashboard.kpis.organisation import units_by_department
from dashboard.reports.excel import (
    STATUS_COLOURS,
    ExportInfo,
    build_workbook,
    export_rows,
    file_name,
)
from dashboard.text.formatting import local_time
from loaders.demo.load import load_demo
from loaders.imports.importer import import_file
from loaders.ingest.workbook import LoadOptions, load_file
from loaders.settings import Settings
from loaders.specs import BY_NAME
from loaders.store.store import Store
from tests.builders import without_first_sheet
from tests.dashboard.figures.test_contrast import TEXT, contrast
from tests.databases import folder_url
from tests.demo_store import STORY

ROOT = Path(__file__).resolve().parents[3]
DIGITAL = "Avdelningen för digital service"  # has key figures per unit
SELECTIONS = {
    "agency": Selection(STORY),
    "department": Selection(STORY, "IT-avdelningen"),
    "department_with_key_figures": Selection(STORY, DIGITAL),
    "unit": Selection(STORY, unit="Enheten för e-tjänster"),
}
# The figures of the selected tertial itself (the export holds no earlier tertial, so the
# comparisons with one are left out).
OWN_FIGURES = {
    "operations": ("assignments", "status_counts", "active", "status_share",
                   "government_assignments", "missing_comments", "status"),
    "finance": ("budget", "outcome", "forecast", "previous_forecast", "year_share",
                "consumption", "forecast_deviation", "forecast_vs_previous", "status"),
    "staff": ("permanent", "temporary", "headcount", "fte", "sick_leave", "turnover",
              "sick_leave_target", "sick_leave_status", "turnover_target", "turnover_status"),
}
HOSTILE = ('=HYPERLINK("http://evil","x")', "+1", "@SUM(A1)", "-2", "\t=1+1", "\r=2")
EXPORTED_AT = dt.datetime(2018, 10, 1, 6, 30, tzinfo=dt.UTC)  # 08:30 in Stockholm


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snapshot]:
    folder = tmp_path_factory.mktemp("export")
    store = Store(folder_url(folder))
    load_demo(store, Settings(data_dir=folder))
    yield FrameCache(store).current()
    store.close()


def export(snapshot: Snapshot, selection: Selection, lang: str = "sv", frames=None) -> bytes:
    info = ExportInfo(snapshot.version, snapshot.latest_import, lang, exported_by="Eva Ek",
                      exported_at=EXPORTED_AT)
    return build_workbook(snapshot.frames if frames is None else frames, selection, info)


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def own_figures(figures: dict) -> dict:
    kept = {name: {k: figures[name][k] for k in keys} for name, keys in OWN_FIGURES.items()}
    kept["processes"] = [{k: v for k, v in row.items() if k not in ("previous_value", "change")}
                         for row in figures["processes"]]
    return kept


def rows_of(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


# --- the round trip -------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SELECTIONS))
def test_the_export_loads_back_to_the_same_figures(demo, name):
    selection = SELECTIONS[name]
    data = export(demo, selection)
    # a filtered view's export is refused at import (its first sheet says so); its sheets read
    loaded = load_file(data if name == "agency" else without_first_sheet(data), "export.xlsx",
                       LoadOptions())
    assert loaded.report.ok, loaded.report.errors()
    assert loaded.report.errors() == []
    before = own_figures(summary(demo.frames, selection))
    after = own_figures(summary(loaded.frames, selection))
    assert after == before
    assert before["operations"]["assignments"] > 0 and before["finance"]["budget"] > 0
    assert before["staff"]["headcount"] > 0
    if name in ("agency", "department_with_key_figures", "unit"):
        assert before["processes"]  # the key figures really were compared


def test_the_importer_accepts_the_agency_s_export_and_refuses_a_department_s(demo, tmp_path):
    store = Store(folder_url(tmp_path))
    try:
        settings = Settings(data_dir=tmp_path)
        outcome = import_file(store, export(demo, SELECTIONS["agency"]), "export.xlsx",
                              settings, dry_run=True)
        assert outcome.accepted and outcome.report.errors() == []
        refused = import_file(store, export(demo, SELECTIONS["department"]), "export.xlsx",
                              settings, dry_run=True)
        assert refused.refusal is not None and refused.refusal.code == "scoped_export"
        assert store.history() == []  # a dry run stores nothing
    finally:
        store.close()


def test_the_sheets_hold_the_rows_of_the_selection(demo):
    selection = SELECTIONS["department"]
    units = set(units_by_department(demo.frames)["IT-avdelningen"])
    workbook = book(export(demo, selection))
    assert workbook.sheetnames == ["Om exporten", "Enheter", "Uppdrag", "Ekonomi",
                                   "Medarbetare", "Nyckeltal"]  # no key figures per unit
    assert {r["Enhet"] for r in rows_of(workbook["Enheter"])} == units
    for sheet in ("Uppdrag", "Ekonomi", "Medarbetare"):
        rows = rows_of(workbook[sheet])
        assert rows and {r["Enhet"] for r in rows} <= units
        assert {r["Period"] for r in rows} == {STORY}
    expected = export_rows(demo.frames, resolve(demo.frames, selection))
    assert len(rows_of(workbook["Uppdrag"])) == len(expected["assignments"])


def test_headers_and_sheet_names_are_the_loaders_canonical_swedish_ones(demo):
    workbook = book(export(demo, SELECTIONS["agency"], lang="en"))
    for name in ("units", "assignments", "finance", "staff", "processes", "kpi_settings"):
        spec = BY_NAME[name]
        header = next(workbook[spec.sheet].iter_rows(max_row=1, values_only=True))
        assert list(header) == [c.header for c in spec.columns]


# --- how Excel shows it ---------------------------------------------------------------------

def test_numbers_are_numbers_with_swedish_formats_and_dates_are_dates(demo):
    workbook = book(export(demo, SELECTIONS["agency"]))
    finance = workbook["Ekonomi"]["D2"]  # Budget
    assert isinstance(finance.value, int | float) and finance.data_type == "n"
    assert finance.number_format == "#,##0"  # "# ##0" in Swedish Excel: whole tkr
    staff = {c.value: c.column_letter for c in workbook["Medarbetare"][1]}
    permanent = workbook["Medarbetare"][f"{staff['Tillsvidare']}2"]
    assert isinstance(permanent.value, int) and permanent.number_format == "#,##0"
    sick = workbook["Medarbetare"][f"{staff['Sjukfrånvaro']}2"]
    assert isinstance(sick.value, float) and 0 < sick.value < 1
    assert sick.number_format == "0.0 %"  # "0,0 %" in Swedish Excel
    fte = workbook["Medarbetare"][f"{staff['Årsarbetskrafter']}2"]
    assert isinstance(fte.value, int | float) and fte.number_format == "#,##0.0##"
    assignments = {c.value: c.column_letter for c in workbook["Uppdrag"][1]}
    decided = workbook["Uppdrag"][f"{assignments['Beslutsdatum']}2"]
    assert isinstance(decided.value, dt.datetime) and decided.number_format == "yyyy-mm-dd"
    assert workbook["Uppdrag"][f"{assignments['Id']}2"].data_type == "s"


def test_status_cells_are_worded_and_coloured_with_readable_text(demo):
    sheet = book(export(demo, SELECTIONS["agency"]))["Uppdrag"]
    column = next(c.column for c in sheet[1] if c.value == "Status")
    words = {"Grön": "green", "Gul": "yellow", "Röd": "red"}
    seen = set()
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        assert cell.value in {*words, "Avslutad", "Avbruten"}
        code = words.get(cell.value)
        if code is None:
            continue
        fill, text = STATUS_COLOURS[code]
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb == "FF" + fill.lstrip("#").upper()
        assert cell.font.color.rgb == "FF" + text.lstrip("#").upper()
        seen.add(code)
    assert seen == set(words.values())
    for fill, text in STATUS_COLOURS.values():
        assert contrast(fill, text) >= TEXT


def test_every_data_sheet_has_a_frozen_header_an_auto_filter_and_widths(demo):
    workbook = book(export(demo, SELECTIONS["agency"]))
    for sheet in workbook.worksheets[1:]:
        last = openpyxl.utils.get_column_letter(sheet.max_column)
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        for cell in sheet[1]:
            width = sheet.column_dimensions[cell.column_letter].width
            assert len(cell.value) < width <= 62, (sheet.title, cell.value)
    names = workbook["Uppdrag"].column_dimensions
    assert names["B"].width > names["A"].width  # the names are wider than the ids


# --- hostile text ---------------------------------------------------------------------------

def hostile_frames(snapshot: Snapshot) -> dict:
    """The demo's frames with hostile comments and names on four IT-avdelningen rows."""
    frames = {name: frame.copy() for name, frame in snapshot.frames.items()}
    assignments = frames["assignments"]
    units = units_by_department(snapshot.frames)["IT-avdelningen"]
    rows = assignments.index[(assignments["period"] == STORY)
                             & assignments["unit"].isin(units)][:len(HOSTILE)]
    assignments.loc[rows, "comment"] = list(HOSTILE)
    assignments.loc[rows, "name"] = list(reversed(HOSTILE))
    return frames


def test_hostile_text_is_written_as_text_never_as_a_formula(demo):
    data = export(demo, SELECTIONS["agency"], frames=hostile_frames(demo))
    sheet = book(data)["Uppdrag"]
    found = {}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            # openpyxl leaves the file's escape of a carriage return (Excel shows the CR)
            value = cell.value.replace("_x000D_", "\r") if isinstance(cell.value, str) else None
            if value is not None and value in HOSTILE:
                found[value] = cell
    assert set(found) == set(HOSTILE)  # the very texts, no character added
    for cell in found.values():
        assert cell.data_type == "s"  # a text cell, never run
        assert cell.quotePrefix  # Excel's mark: it stays a text when the cell is edited
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(re.search(rb"<f[ >]", package.read(n)) for n in sheets)
    loaded = load_file(data, "export.xlsx", LoadOptions())
    assert loaded.report.ok, loaded.report.errors()


def test_hostile_names_in_the_first_sheet_are_neutralised_too(demo):
    record = demo.latest_import
    hostile = Snapshot(demo.version, demo.frames,
                       type(record)(**{**record.__dict__, "file_name": "=evil().xlsx",
                                       "user": "@admin"}))
    sheet = book(export(hostile, SELECTIONS["agency"]))["Om exporten"]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ("=evil().xlsx", "@admin"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    assert not cells[sheet["A1"].value].quotePrefix  # only where a formula could start


# --- the first sheet ------------------------------------------------------------------------

def about(data: bytes, title: str) -> dict:
    sheet = book(data)[title]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)
            if row[0] is not None}


def test_the_first_sheet_names_the_filters_the_data_and_the_export(demo):
    lines = about(export(demo, SELECTIONS["department"]), "Om exporten")
    record = demo.latest_import
    assert lines["Tertial"] == STORY
    assert lines["Avdelning"] == "IT-avdelningen"
    assert lines["Enhet"] == "Alla enheter"
    assert lines["Dataversion"] == demo.version
    assert lines["Import som visas (nummer)"] == record.id
    assert lines["Importerad fil"] == record.file_name
    assert lines["Importerad (svensk tid)"] == local_time(record.created_at)
    assert lines["Exporterad (svensk tid)"] == "2018-10-01 08:30"
    assert lines["Exporterad av"] == "Eva Ek"
    assert lines["Uppdrag"] > 0  # rows per sheet
    assert any("ersätter" in str(k) for k in lines)  # the warning of a partial export
    agency = about(export(demo, SELECTIONS["agency"]), "Om exporten")
    assert agency["Avdelning"] == "Hela myndigheten"
    assert not any("ersätter" in str(k) for k in agency)


def test_an_english_export_has_english_labels_and_the_loaders_swedish_sheets(demo):
    data = export(demo, SELECTIONS["agency"], lang="en")
    workbook = book(data)
    assert workbook.sheetnames[0] == "About"
    assert workbook.sheetnames[1:] == ["Enheter", "Uppdrag", "Ekonomi", "Medarbetare",
                                       "Processer", "Nyckeltal"]
    lines = about(data, "About")
    assert lines["Department"] == "Whole agency" and lines["Data version"] == demo.version
    assert lines["Exported by"] == "Eva Ek"
    assert load_file(data, "export.xlsx", LoadOptions()).report.ok


def test_file_names_name_the_tertial_and_the_selection(demo):
    def name(selection: Selection, lang: str = "sv") -> str:
        return file_name(resolve(demo.frames, selection), lang)
    assert name(SELECTIONS["department"]) == "tertial_2018-T2_IT-avdelningen.xlsx"
    assert name(SELECTIONS["agency"]) == "tertial_2018-T2_Hela-myndigheten.xlsx"
    assert name(SELECTIONS["agency"], "en") == "tertial_2018-T2_Whole-agency.xlsx"
    assert name(SELECTIONS["unit"]) == "tertial_2018-T2_Enheten-för-e-tjänster.xlsx"
