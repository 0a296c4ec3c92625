"""One reading of the address through HTTP: a department or unit typed with other case,
extra spaces or in another Unicode normal form gives the same view on the page, in the shell's
filters, in the Excel export and in the report; an unknown one is named the same way in each.
"""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Iterator
from urllib.parse import urlencode

import openpyxl
import pytest
from sqlalchemy.exc import OperationalError

from dashboard import ids
from dashboard.data import FrameCache
from dashboard.kpis.scope import Selection, SelectionError, resolve
from dashboard.text.i18n import t
from dashboard.web.addresses import LONGEST
from dashboard.web.calendar import CALENDAR_PATH
from dashboard.web.export import EXPORT_PATH
from dashboard.web.report import PDF_PATH, REPORT_PATH
from tests.apps import build_app
from tests.forge import PATH, callback_body

STORY = "2018-T2"
IT = "IT-avdelningen"
RATTS = "Rättsavdelningen"
STATISTICS = "Enheten för statistik"
# (typed, the department it finds, the unit it finds)
SPELLINGS = [
    ({"avdelning": " it-avdelningen "}, IT, None),
    ({"avdelning": unicodedata.normalize("NFD", RATTS)}, RATTS, None),
    ({"avdelning": "RÄTTSAVDELNINGEN\u00a0"}, RATTS, None),
    ({"enhet": "enheten  för STATISTIK"}, "Analysavdelningen", STATISTICS),
    ({"avdelning": "analysavdelningen", "enhet": unicodedata.normalize("NFD", STATISTICS)},
     "Analysavdelningen", STATISTICS),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "address")


def address(params: dict[str, str]) -> str:
    return "?" + urlencode({"period": STORY, **params})


def page(app: dict, search: str, pathname: str = "/") -> str:
    body = callback_body(app["app"], "update", "_pages_location",
                         {"_pages_location.pathname": pathname,
                          "_pages_location.search": search})
    response = app["server"].test_client().post(PATH, json=body)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def filters(app: dict, search: str) -> dict:
    body = callback_body(app["app"], "sync_filters", ids.URL, {f"{ids.URL}.search": search})
    response = app["server"].test_client().post(PATH, json=body)
    assert response.status_code == 200
    return response.get_json()["response"]


def export_rows(app: dict, search: str) -> tuple[str, list[tuple]]:
    response = app["server"].test_client().get(f"/export.xlsx{search}")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data))["Uppdrag"]
    return response.headers["Content-Disposition"], list(sheet.values)


def report(app: dict, search: str) -> str:
    response = app["server"].test_client().get(f"/rapport{search}")
    assert response.status_code == 200
    return " ".join(response.get_data(as_text=True).split())


@pytest.mark.parametrize(("typed", "department", "unit"), SPELLINGS)
def test_a_name_typed_otherwise_gives_the_same_view_everywhere(app, typed, department, unit):
    canonical = address({"avdelning": department} | ({"enhet": unit} if unit else {}))
    asked = address(typed)
    assert asked != canonical
    for pathname in ("/", "/verksamhet"):
        assert page(app, asked, pathname) == page(app, canonical, pathname)
    shell = filters(app, asked)
    assert shell[ids.URL]["search"] == canonical
    assert shell[ids.DEPARTMENT]["value"] == department
    assert shell[ids.UNIT].get("value") == unit
    assert ids.PROBLEMS not in shell  # nothing to say about the address
    assert export_rows(app, asked) == export_rows(app, canonical)
    text = report(app, asked)
    assert t("report.title", "sv", period=STORY, scope=unit or department) in text
    assert "finns inte" not in text
    scope = resolve(app["store"].frames(), Selection(STORY, typed.get("avdelning"),
                                                     typed.get("enhet")))
    assert (scope.department, scope.unit) == (department, unit)  # and the command line's


def test_an_unknown_department_is_named_alike_by_the_page_the_report_and_a_refusal(app):
    search = address({"avdelning": "Rymdavdelningen"})
    with pytest.raises(SelectionError) as refused:
        resolve(app["store"].frames(), Selection(STORY, "Rymdavdelningen"))
    said = f"{refused.value.message('sv')} {t('address.shows_agency', 'sv')}"
    assert json.dumps(filters(app, search)[ids.PROBLEMS], ensure_ascii=False).count(said) == 1
    assert said in report(app, search)
    assert export_rows(app, search) == export_rows(app, address({}))  # the agency's rows


def opened(app: dict, address: str):
    return app["server"].test_client().get(address)


@pytest.mark.parametrize("pathname", ["/", "/ekonomi", "/verksamhet"])
@pytest.mark.parametrize("search", ["", "?lang=en", "?avdelning=+it-avdelningen+",
                                    "?" + urlencode({"enhet": "enheten  för STATISTIK"})])
def test_a_page_opened_at_an_incomplete_address_is_sent_to_the_one_the_shell_writes(
        app, pathname, search):
    """So the page is drawn once, for the full address, not again when the shell writes it."""
    full = filters(app, search)[ids.URL]["search"]
    assert full.startswith("?period=")
    response = opened(app, pathname + search)
    assert response.status_code == 302
    assert response.headers["Location"] == pathname + full
    assert response.headers["Cache-Control"] == "private, no-store"  # may name her department
    assert app["server"].test_client().head(pathname + search).status_code == 302
    served = opened(app, pathname + full)
    assert served.status_code == 200  # the full address is served as it is
    assert ids.URL not in filters(app, full)  # and the shell has nothing to write


@pytest.mark.parametrize("search", ["?period=1999-T1", "?avdelning=Rymdavdelningen",
                                    "?lang=fi"])
def test_an_address_with_a_problem_is_served_as_asked_so_the_page_can_name_it(app, search):
    response = opened(app, "/ekonomi" + search)
    assert response.status_code == 200
    assert ids.PROBLEMS in filters(app, search)  # what the page then says


def test_only_dashboard_pages_are_redirected(app):
    for address in (REPORT_PATH, PDF_PATH, EXPORT_PATH, CALENDAR_PATH, "/_dash-layout"):
        assert opened(app, address).status_code != 302, address


def test_an_address_too_long_to_grow_is_served_as_asked(app):
    search = "?" + urlencode({"sok": "ö" * 400})  # the grid's search, kept as written
    assert len(filters(app, search)[ids.URL]["search"]) > LONGEST
    assert opened(app, "/verksamhet" + search).status_code == 200


def test_when_the_data_cannot_be_read_the_page_is_still_served(app, monkeypatch):
    """Its callbacks then say what is wrong, in the reader's language (never a bare 500)."""
    def unreadable(self):
        raise OperationalError("SELECT data_version", {}, Exception("database is locked"))
    monkeypatch.setattr(FrameCache, "current", unreadable)
    for address in ("/ekonomi", "/ekonomi?period=2018-T2", "/tillganglighet"):
        assert opened(app, address).status_code == 200, address
