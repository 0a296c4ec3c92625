"""``GET /export.xlsx`` through HTTP: the view's workbook as the reader may see it.

The app runs in the ``header`` mode with departments held (``TERTIAL_RESTRICT_DEPARTMENTS``),
so each request says who it is with the proxy's headers (``tests.dashboard.web.test_access``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from urllib.parse import quote

import openpyxl
import pytest

from dashboard.kpis.organisation import units_by_department
from dashboard.text.i18n import t
from loaders.errors import FileRefused
from loaders.ingest.workbook import LoadOptions, load_file
from tests.apps import build_app
from tests.builders import without_first_sheet
from tests.dashboard.web.test_access import OWN, ROLE_MAP, who

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OTHER = "Analysavdelningen"


def build(tmp_path_factory: pytest.TempPathFactory, name: str, **environment: str
          ) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, name, **environment)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build(tmp_path_factory, "export", TERTIAL_AUTH_MODE="header",
                     TERTIAL_GROUP_ROLES=ROLE_MAP, TERTIAL_RESTRICT_DEPARTMENTS="true")


def get(app: dict, query: str, role: str = "leadership", department: str | None = OWN):
    return app["server"].test_client().get(f"/export.xlsx{query}",
                                           headers=who(role, department))


def units_in(response, sheet: str) -> set[str]:
    rows = list(openpyxl.load_workbook(io.BytesIO(response.data))[sheet].values)
    column = rows[0].index("Enhet")
    return {row[column] for row in rows[1:] if row[column] is not None}


def unpacked(response) -> bytes:
    """Every part of the workbook's package, uncompressed."""
    with zipfile.ZipFile(io.BytesIO(response.data)) as package:
        return b"".join(package.read(name) for name in package.namelist())


def department_units(app: dict, department: str) -> set[str]:
    return set(units_by_department(app["store"].frames())[department])


def test_the_view_of_a_department_comes_as_an_xlsx_attachment(app):
    response = get(app, f"?period=2018-T2&avdelning={OWN}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == XLSX
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=tertial_2018-T2_IT-avdelningen.xlsx")
    assert units_in(response, "Uppdrag") <= department_units(app, OWN)
    loaded = load_file(without_first_sheet(response.data), "export.xlsx", LoadOptions())
    assert loaded.report.ok, loaded.report.errors()  # its sheets read as the upload format
    with pytest.raises(FileRefused) as caught:  # but as it is, it is no upload (issue 17)
        load_file(response.data, "export.xlsx", LoadOptions())
    assert caught.value.code == "scoped_export"


def test_a_name_with_swedish_letters_is_sent_per_rfc_5987(app):
    response = get(app, "?period=2018-T2&avdelning=Rättsavdelningen")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert "filename*=UTF-8''" + quote("tertial_2018-T2_Rättsavdelningen.xlsx") in disposition
    assert disposition.isascii()


def test_leadership_exports_the_whole_agency(app):
    response = get(app, "?period=2018-T2")
    assert response.status_code == 200
    assert "Hela-myndigheten" in response.headers["Content-Disposition"]
    everyone = set().union(*(department_units(app, d) for d in (OWN, OTHER)))
    assert units_in(response, "Enheter") >= everyone
    assert OTHER.encode() in unpacked(response)


@pytest.mark.parametrize("query", ["?period=2018-T2", f"?period=2018-T2&avdelning={OTHER}",
                                   "?period=2018-T2&enhet=Enheten för statistik", ""])
def test_a_held_head_exports_only_their_department_whatever_the_address_asks(app, query):
    response = get(app, query, role="head")
    assert response.status_code == 200
    own = department_units(app, OWN)
    assert "IT-avdelningen" in response.headers["Content-Disposition"]
    for sheet in ("Enheter", "Uppdrag", "Ekonomi", "Medarbetare"):
        assert units_in(response, sheet) and units_in(response, sheet) <= own, sheet
    assert OTHER.encode() not in unpacked(response)  # not even in the first sheet


def test_a_held_viewer_without_a_department_gets_no_file(app):
    response = get(app, "?period=2018-T2", role="viewer", department=None)
    assert response.status_code == 403  # the gate refuses them before any route
    assert not response.data.startswith(b"PK")


def test_a_held_head_whose_department_is_not_in_the_data_gets_a_404(app):
    response = get(app, "?period=2018-T2", role="head", department="Avvecklade avdelningen")
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert t("export.no_data", "sv") in text and t("export.no_data", "en") in text
    assert not response.data.startswith(b"PK")


def test_an_english_export_keeps_the_loaders_swedish_sheet_names(app):
    response = get(app, f"?period=2018-T2&avdelning={OWN}&lang=en")
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames[:3] == ["About", "Enheter", "Uppdrag"]
    labels = {row[0]: row[1] for row in workbook["About"].iter_rows(min_row=3, values_only=True)}
    assert labels["Department"] == OWN and labels["Exported by"] == "leadership-person"


def test_an_unknown_period_falls_back_to_the_latest_as_the_pages_do(app):
    response = get(app, f"?period=1999-T9&avdelning={OWN}")
    assert response.status_code == 200
    assert "tertial_2018-T2_" in response.headers["Content-Disposition"]


def test_nobody_the_proxy_does_not_vouch_for_gets_a_file(app):
    response = app["server"].test_client().get("/export.xlsx?period=2018-T2")
    assert response.status_code in (401, 403)
    assert not response.data.startswith(b"PK")


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build(tmp_path_factory, "export-empty", TERTIAL_DEMO_ON_EMPTY="false")


def test_without_data_the_export_is_a_404_in_both_languages(empty):
    response = empty["server"].test_client().get("/export.xlsx?period=2018-T2")
    assert response.status_code == 404
    assert response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert t("export.no_data", "sv") in body and t("export.no_data", "en") in body
