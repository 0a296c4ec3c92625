"""A correction from finance during an open round, through ``app.py``: the preview lists each
assignment where the file and the app's assessment differ; the confirm keeps the app's
unless finance ticks the file's (one, or all); a rollback of the import never removes an
assessment made in the app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import ids
from dashboard.components.preview import preview_view
from loaders.followup.cycle import FollowUp
from loaders.followup.rules import Actor, Assessment
from tests.apps import build_app
from tests.demo_store import correction, first_with_status
from tests.forge import PATH, callback_body
from tests.test_upload_app import checked, send

STORY_FILE = Path(__file__).resolve().parents[1] / "data" / "demo" / "uppfoljning_2018-T2.xlsx"
PERIOD = "2018-T2"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "upload-round")


def assessed_in_the_app(app: dict, aid: str) -> None:
    """The department's head gives ``aid`` (green in the file) a yellow assessment."""
    cycle = FollowUp(app["store"])
    department = next(d for d, rows in cycle.department_assessments(PERIOD).items()
                      if aid in rows)
    head = Actor("chef", "head", department, "Avdelningschefen")
    cycle.set_ready(PERIOD, department, False, head)
    revision = cycle.department_assessments(PERIOD)[department][aid][1]
    cycle.assess(PERIOD, aid, Assessment("yellow", "Appens motivering"), head, revision)


def staged(app: dict, aid: str, name: str) -> tuple[str, dict]:
    code, answer = send(app, correction(STORY_FILE, red=aid), name)
    assert code == 200, answer
    status = checked(app, answer["token"])
    assert status["state"] == "ready", status
    return answer["token"], status


def confirm(app: dict, token: str, ticked: list[str] = (), take_all: bool = False) -> str:
    choice = f"{ids.UPLOAD_FILE_CHOICE}.checked"
    values = {f"{ids.UPLOAD_TOKEN}.data": token, f"{ids.URL}.search": "",
              choice: [{"id": {"type": ids.UPLOAD_FILE_CHOICE, "index": f"{PERIOD}|{aid}"},
                        "property": "checked", "value": True} for aid in ticked],
              f"{ids.UPLOAD_FILE_CHOICE}.id": [
                  {"id": {"type": ids.UPLOAD_FILE_CHOICE, "index": f"{PERIOD}|{aid}"},
                   "property": "id",
                   "value": {"type": ids.UPLOAD_FILE_CHOICE, "index": f"{PERIOD}|{aid}"}}
                  for aid in ticked],
              f"{ids.UPLOAD_FILE_ALL}.checked": [
                  {"id": {"type": ids.UPLOAD_FILE_ALL, "index": "all"}, "property": "checked",
                   "value": take_all}]}
    body = callback_body(app["app"], "confirm", ids.UPLOAD_CONFIRM, values)
    response = app["server"].test_client().post(PATH, json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.dumps(response.get_json(), ensure_ascii=False)


def shown_status(app: dict, aid: str) -> str:
    frames = FollowUp(app["store"]).snapshot()[2]["assignments"]
    return frames.loc[(frames["period"] == PERIOD) & (frames["id"] == aid), "status"].item()


def test_the_preview_lists_the_disagreement_and_the_confirm_keeps_the_apps(app):
    aid = first_with_status(STORY_FILE, "Grön")
    assessed_in_the_app(app, aid)
    token, status = staged(app, aid, "rattelse.xlsx")
    found = status["result"]["preview"]["disagreements"]
    assert found["count"] == 1
    item = found["items"][0]
    assert (item["id"], item["file_status"], item["app_status"]) == (aid, "red", "yellow")
    assert item["app_motivation"] == "Appens motivering"
    text = str(preview_view(status["result"]["preview"], "sv"))
    assert "Bedömningar där filen och appen skiljer sig (1)" in text and aid in text
    answer = confirm(app, token)
    assert "Importerat som import " in answer and "filens bedömning" not in answer
    assert shown_status(app, aid) == "yellow"  # the app's assessment kept
    assert FollowUp(app["store"]).history(PERIOD, aid)[-1].source == "app"


def test_finance_ticks_the_files_assessment_and_it_stands(app):
    aid = first_with_status(STORY_FILE, "Grön", skip=1)
    assessed_in_the_app(app, aid)
    token, _status = staged(app, aid, "rattelse-2.xlsx")
    answer = confirm(app, token, ticked=[aid])
    assert "För 1 uppdrag gäller nu filens bedömning i stället för appens." in answer
    assert shown_status(app, aid) == "red"
    last = FollowUp(app["store"]).history(PERIOD, aid)[-1]
    assert (last.source, last.assessment.status) == ("file", "red")
    assert last.assessment.motivation == "Leveransen har stoppats."


def test_a_rollback_of_the_import_never_removes_the_apps_assessments(app):
    cycle = FollowUp(app["store"])
    before = {aid: cycle.history(PERIOD, aid) for aid in cycle.assessments(PERIOD)}
    latest = next(r for r in app["store"].history() if r.status != "rolled_back")
    app["store"].rollback(latest.id, user="ekonom")
    after = {aid: cycle.history(PERIOD, aid) for aid in cycle.assessments(PERIOD)}
    assert after == before


def test_a_second_confirm_takes_nothing_from_the_file_again(app):
    """A double click, or another tab: the import happened once, and so does what finance
    chose with it (one revision from the file, one line in the audit log)."""
    aid = first_with_status(STORY_FILE, "Grön", skip=2)
    assessed_in_the_app(app, aid)
    token, _status = staged(app, aid, "rattelse-3.xlsx")
    audit = app["server"].extensions["tertial"].audit
    before = len(audit.events(kind="followup"))
    first, second = confirm(app, token, ticked=[aid]), confirm(app, token, ticked=[aid])
    assert "filens bedömning" in first and "filens bedömning" not in second
    sources = [entry.source for entry in FollowUp(app["store"]).history(PERIOD, aid)]
    assert sources.count("file") == 1
    taken = audit.events(kind="followup")[: len(audit.events(kind="followup")) - before]
    assert [(e.action, e.detail.endswith("(file)")) for e in taken] == [("assess", True)]
