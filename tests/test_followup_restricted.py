"""With ``TERTIAL_RESTRICT_DEPARTMENTS=true`` the follow-up never shows a head another
department's assessments: a forged "Ändra" for another department's assignment opens
nothing and is logged, and the page lists no other department's changes."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from dashboard import ids
from loaders.followup.cycle import FollowUp
from tests.apps import build_app
from tests.forge import PATH, callback_body

OTHER = "VP-2016-083"  # Analysavdelningen's


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "followup-restricted", TERTIAL_AUTH_MODE="header",
                         TERTIAL_GROUP_ROLES="chefer=head", TERTIAL_RESTRICT_DEPARTMENTS="true")


def open_dialog(app: dict, assignment: str, department: str) -> dict:
    """``edit_open`` as the browser sends it when the "Ändra" of ``assignment`` is clicked."""
    body = callback_body(app["app"], "edit_open", "-", {f"{ids.URL}.search": "?period=2018-T2"})
    button = {"type": ids.FOLLOWUP_EDIT, "index": assignment}
    body["inputs"] = [[{"id": button, "property": "n_clicks", "value": 1}]]
    body["changedPropIds"] = [json.dumps(button, separators=(",", ":"), sort_keys=True)
                              + ".n_clicks"]
    headers = {"X-Forwarded-User": "ivar", "X-Forwarded-Groups": "chefer",
               "X-Forwarded-Department": department}
    response = app["server"].test_client().post(PATH, json=body, headers=headers)
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    return response.get_json() if response.data else {}


def test_a_forged_change_button_for_another_department_opens_nothing_and_is_logged(app):
    own = sorted(FollowUp(app["store"]).department_assessments("2018-T2")["IT-avdelningen"])[0]
    opened = open_dialog(app, own, "IT-avdelningen")
    assert opened["response"][ids.FOLLOWUP_MODAL]["opened"] is True  # the control works
    answer = open_dialog(app, OTHER, "IT-avdelningen")
    assert ids.FOLLOWUP_MODAL not in json.dumps(answer)  # nothing of theirs is sent
    event = app["server"].extensions["tertial"].audit.events(1)[0]
    assert (event.user, event.action) == ("ivar", "refused")
    assert event.detail.startswith(f"followup.other_department 2018-T2 {OTHER} POST ")
