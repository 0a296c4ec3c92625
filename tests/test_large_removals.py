"""No silent mass removal (issue 17): an upload that would remove more than
``TERTIAL_REMOVAL_WARNING`` (20 %) of a sheet's rows for a tertial, or of the units, is a
warning at the top of the check with the numbers, and is stored only after a second,
explicit yes that names them; the command line asks the same with ``--allow-removal``. A
whole-agency export uploaded again unchanged is "no changes". In ``app.py`` on the demo data.

The file is the one a finance officer made: Analysavdelningen's export, its data sheets kept
(the export itself is refused at once: tests/test_scoped_export.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from cli import main
from dashboard import ids
from dashboard.callbacks.upload import view
from dashboard.data import FrameCache
from dashboard.kpis import Selection
from dashboard.reports.excel import ExportInfo, build_workbook
from tests.apps import build_app
from tests.builders import without_first_sheet
from tests.component_texts import texts
from tests.demo_store import STORY
from tests.forge import PATH, callback_body

DEPARTMENT = "Analysavdelningen"
# what the demo's Analysavdelningen file removes of the agency's 2018-T2 (the numbers)
REMOVED = {("units", ""): (26, 30), ("assignments", STORY): (315, 400),
           ("finance", STORY): (78, 90), ("staff", STORY): (26, 30)}
YES = "Ja, ta bort 26 enheter, 315 uppdrag, 78 ekonomirader och 26 medarbetarrader"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "large-removals")


def exported(app: dict, selection: Selection) -> bytes:
    snapshot = FrameCache(app["store"]).current()
    info = ExportInfo(snapshot.version, snapshot.latest_import, "sv", exported_by="Eva Ek")
    return build_workbook(snapshot.frames, selection, info)


def department_file(app: dict) -> bytes:
    return without_first_sheet(exported(app, Selection(STORY, DEPARTMENT)))


def stored(app: dict) -> tuple[int, list]:
    store = app["store"]
    return store.data_version(), [(r.id, r.status) for r in store.history()]


def checked(app: dict, data: bytes, name: str = "analys.xlsx") -> tuple[str, dict]:
    staging = app["staging"]
    token = staging.stage(data, name, user="ekonom")
    staging.check(token)
    deadline = time.monotonic() + 60
    while staging.status(token)["state"] == "checking" and time.monotonic() < deadline:
        time.sleep(0.1)
    return token, staging.status(token)


def confirm(app: dict, token: str, said_yes: list[bool]):
    """The page's confirm as the browser sends it, the yes ticked or not (or forged away)."""
    yes = [{"id": {"type": ids.UPLOAD_REMOVAL_YES, "index": "yes"}, "property": "checked",
            "value": value} for value in said_yes]
    body = callback_body(app["app"], "confirm", ids.UPLOAD_CONFIRM, {
        f"{ids.UPLOAD_TOKEN}.data": token, f"{ids.URL}.search": "?lang=sv",
        f"{ids.UPLOAD_REMOVAL_YES}.checked": yes})
    return app["server"].test_client().post(PATH, json=body)


def test_the_check_warns_first_with_the_numbers_and_the_second_yes(app):
    before = stored(app)
    token, status = checked(app, department_file(app))
    result = status["result"]
    assert status["state"] == "ready"
    found = {(r["dataset"], r["period"]): (r["removed"], r["rows_now"])
             for r in result["removals"]}
    assert found == REMOVED
    warnings = [i for i in result["report"]["issues"] if i["code"] == "large_removal"]
    assert len(warnings) == 4 and all(i["severity"] == "warning" for i in warnings)
    assert any(i["message_sv"].startswith("Importen tar bort 315 av 400 rader i Uppdrag för "
                                          "2018-T2 (79 %, mer än 20 %)") for i in warnings)
    line, parts, *_ = view(status, "sv")
    shown = texts(parts)
    assert shown[0] == "Importen tar bort mycket av det som är lagrat"  # first on the page
    assert YES in shown
    assert any("315 av 400 uppdrag för 2018-T2 (79 %)" in text for text in shown)
    english = texts(view(status, "en")[1])
    assert "Yes, remove 26 units, 315 assignments, 78 finance rows and 26 staff rows" in english
    app["staging"].cancel(token)
    assert stored(app) == before


def test_a_confirm_without_the_yes_is_refused_and_stores_nothing(app):
    before = stored(app)
    token, _ = checked(app, department_file(app))
    for said in ([], [False]):  # the box forged away, or left unticked
        response = confirm(app, token, said)
        assert response.status_code == 200
        answer = json.dumps(response.get_json(), ensure_ascii=False)
        assert "Importen skulle ta bort mycket av det som är lagrat (26 av 30 rader i " \
               "Enheter, 315 av 400 rader i Uppdrag för 2018-T2" in answer
        assert stored(app) == before
    response = confirm(app, token, [True])  # the second yes: now it is stored
    assert "Importerat som import" in json.dumps(response.get_json(), ensure_ascii=False)
    record = app["store"].history()[0]
    try:
        assert record.status == "active" and record.file_name == "analys.xlsx"
        assert record.row_counts["assignments"] == 85
    finally:
        app["store"].rollback(record.id, user="test")


def test_the_command_line_refuses_without_allow_removal(app, tmp_path, capsys):
    url = app["store"].engine.url.render_as_string(hide_password=False)
    path = tmp_path / "analys.xlsx"
    path.write_bytes(department_file(app))
    before = stored(app)
    assert main(["--database-url", url, "import", str(path)]) != 0
    out = capsys.readouterr().out
    assert "Importen skulle ta bort 26 av 30 rader i Enheter, 315 av 400 rader i Uppdrag " \
           "för 2018-T2, 78 av 90 rader i Ekonomi för 2018-T2, 26 av 30 rader i Medarbetare " \
           "för 2018-T2. Inget lagrades." in out
    assert "--allow-removal" in out
    assert stored(app) == before
    assert main(["--database-url", url, "import", str(path), "--allow-removal"]) == 0
    record = app["store"].history()[0]
    try:
        assert record.file_name == "analys.xlsx" and record.status == "active"
    finally:
        app["store"].rollback(record.id, user="test")


def test_the_whole_agency_s_export_uploaded_again_is_no_changes(app, tmp_path, capsys):
    before = stored(app)
    data = exported(app, Selection(STORY))
    _, status = checked(app, data, "tertial_2018-T2_Hela-myndigheten.xlsx")
    assert status["state"] == "identical" and status["result"]["unchanged"] is True
    line = view(status, "sv")[0]
    assert line == ("tertial_2018-T2_Hela-myndigheten.xlsx ändrar ingenting: den håller precis "
                    "de rader som redan är lagrade. Ingenting behöver importeras.")
    path = tmp_path / "hela.xlsx"
    path.write_bytes(data)
    url = app["store"].engine.url.render_as_string(hide_password=False)
    assert main(["--database-url", url, "import", str(path)]) == 0
    assert "Filen ändrar ingenting i det som är lagrat; inget sparades." in \
        capsys.readouterr().out
    assert stored(app) == before
