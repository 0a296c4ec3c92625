"""The survey page's choices write the address; the page is rendered from it.

One callback per choice: the group choice is on the page only when the survey has groups,
and a callback waits for all of its inputs. Dash calls them when the page is drawn as well
(the choices are new components then): a choice that says what the page already shows
leaves the address alone, or every drawing would start another.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from dashboard import ids
from dashboard.components.page import shown_frames
from dashboard.state.address import params_of, with_page
from dashboard.state.survey import shown, survey_state
from dashboard.web.auth import reach

CHOICES = {ids.SURVEY_PICK: "enkat", ids.SURVEY_MEASUREMENT: "matning",
           ids.SURVEY_GROUP: "grupp"}


def _writes_address(component_id: str, name: str) -> None:
    def choose(value, search):
        params = params_of(search)
        view, snapshot, _ = shown_frames(params)
        state = survey_state(snapshot.frames, params, reach(), view.department, view.unit)
        if (value or None) == shown(state, name):
            return no_update
        return with_page(search, name, value)

    choose.__name__ = f"choose_{name}"  # one name per callback (logs, tests)
    callback(Output(ids.URL, "search", allow_duplicate=True), Input(component_id, "value"),
             State(ids.URL, "search"), prevent_initial_call=True)(choose)


for _component, _name in CHOICES.items():
    _writes_address(_component, _name)
