"""The download of an import's original file: the exact bytes, under the original name.

A small Flask server with the app's context and ``dashboard.web.history_files`` installed,
as ``app.py`` does, on a store that holds one real import of a workbook named with å, ä and ö.
"""

from __future__ import annotations

from urllib.parse import quote

import flask
import pytest

from dashboard.web import auth, context
from dashboard.web import history_files as routes
from loaders.imports.importer import import_file
from loaders.settings import load_settings
from loaders.store.store import Store
from tests.builders import full_workbook, xlsx_bytes

FILE_NAME = "Uppföljning åäö 2018-T2.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    settings = load_settings(environ={"TERTIAL_DATA_DIR": str(tmp_path_factory.mktemp("dl"))})
    store = Store(settings.resolved_database_url)
    data = xlsx_bytes(full_workbook())
    outcome = import_file(store, data, FILE_NAME, settings, user="Eva Ek")
    assert outcome.record is not None, outcome.report
    server = flask.Flask(__name__)
    context.install(server, context.AppContext.of(settings, store))
    auth.install(server, settings)
    routes.install(server)
    yield server.test_client(), outcome.record.id, data
    store.close()


def test_the_original_file_comes_back_byte_for_byte_as_an_attachment(served):
    client, import_id, data = served
    response = client.get(f"/historik/{import_id}/fil")
    assert response.status_code == 200
    assert response.data == data
    assert response.headers["Content-Type"] == XLSX
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(FILE_NAME)}" in disposition  # RFC 5987: å, ä, ö kept
    assert 'filename="Uppfoljning aao 2018-T2.xlsx"' in disposition  # for older clients
    assert disposition.isascii()


@pytest.mark.parametrize("import_id", [99, 2**31 - 1])
def test_an_unknown_import_is_a_plain_404_in_both_languages(served, import_id):
    client, _import_id, _data = served
    response = client.get(f"/historik/{import_id}/fil")
    assert response.status_code == 404
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert f"Import {import_id} finns inte" in text
    assert f"Import {import_id} does not exist" in text


@pytest.mark.parametrize("raw_id", [str(2**31), str(2**63), str(10**30), "0", "-1", "x"])
def test_an_id_no_import_can_have_is_a_plain_400_in_both_languages(served, raw_id):
    client, _import_id, _data = served
    response = client.get(f"/historik/{raw_id}/fil")
    assert (response.status_code, response.mimetype) == (400, "text/plain")
    assert response.get_data(as_text=True).splitlines() == [
        "Ogiltigt import-id: ett import-id är ett heltal från 1 till 2147483647.",
        "Invalid import id: an import id is a whole number from 1 to 2147483647."]


@pytest.mark.parametrize("stored, sent", [
    ("uppföljning.xlsx", "uppföljning.xlsx"),
    ("C:\\Users\\eva\\uppföljning.xlsx", "uppföljning.xlsx"),
    ("../../etc/passwd", "passwd"),
    ("rad\r\nSet-Cookie: x.xlsx", "rad__Set-Cookie: x.xlsx"),
    ("..", "import-7"),
])
def test_the_download_name_has_no_folders_or_control_characters(stored, sent):
    assert routes.download_name(stored, 7) == sent


def test_the_content_type_is_the_kind_of_the_bytes_not_of_the_name(served):
    client, import_id, data = served
    app = client.application
    with app.app_context():
        assert routes.content_type(data, "export.xlsx") == XLSX
        assert routes.content_type(b"not a workbook", "export.xlsx") == routes.OCTET_STREAM
        assert routes.content_type(b"Enhet;Namn\nA;B\n", "export.csv") == "text/csv"
