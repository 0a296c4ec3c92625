"""Enkäter in ``app.py`` itself, with the survey settings from the environment: the headline on
the card they name, figures hidden below the answers they ask for, and the page's choices
written to the address by its callbacks exactly as the browser asks for them."""

from __future__ import annotations

from collections.abc import Iterator

import dash
import pytest

from dashboard import ids
from tests.apps import build_app
from tests.component_texts import texts
from tests.forge import callback_body
from tests.servers import LOCAL

BASELINE, FOLLOW_UP = "Nollmätning 2017", "Uppföljning 2018"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    # the demo's baseline has 318 answers, its follow-up 334: 320 hides the baseline only
    yield from build_app(tmp_path_factory, "survey", TERTIAL_SURVEY_PERSPECTIVE="staff",
                         TERTIAL_SURVEY_MIN_ANSWERS="320")


def render(app: dict, path: str, **params: str):
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    with app["server"].test_request_context(path, environ_base=LOCAL):
        return page["layout"](**params)


def cards(component: object) -> dict[str, list[str]]:
    """The overview's cards: title -> every text in the card."""
    found = {}
    def walk(node: object) -> None:
        if "perspective" in str(getattr(node, "className", "") or "").split():
            words = texts(node)
            found[words[0]] = words
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if hasattr(child, "to_plotly_json"):
                walk(child)
    walk(component)
    return found


def test_the_headline_sits_on_the_card_the_setting_names(app):
    shown = cards(render(app, "/", period="2018-T2"))
    assert list(shown) == ["Verksamhet", "Ekonomi", "Medarbetare", "Processer"]
    title = f"Enkät: IT-enkäten, {FOLLOW_UP}"
    assert title in shown["Medarbetare"] and "Till enkäten" in shown["Medarbetare"]
    assert not any(title in words for name, words in shown.items() if name != "Medarbetare")
    # a tertial that ended before the survey had been taken shows none
    assert not any(t.startswith("Enkät:") for w in cards(render(app, "/", period="2017-T1"))
                   .values() for t in w)


def test_figures_below_the_setting_are_hidden(app):
    baseline = texts(render(app, "/enkater", matning=BASELINE))
    assert "Tolv frågor visas inte: de bygger på färre än 320 svar." in baseline
    assert baseline.count("Visas inte (färre än 320 svar)") == 12
    follow_up = texts(render(app, "/enkater"))
    assert "Visas inte (färre än 320 svar)" not in follow_up


def choose(app: dict, which: str, value: str | None, search: str):
    component = {"matning": ids.SURVEY_MEASUREMENT, "grupp": ids.SURVEY_GROUP}[which]
    body = callback_body(app["app"], f"choose_{which}", component,
                         {f"{component}.value": value, f"{ids.URL}.search": search})
    return app["server"].test_client().post("/_dash-update-component", json=body,
                                            environ_base=LOCAL)


def test_a_choice_writes_the_address_unless_the_page_already_shows_it(app):
    # drawing the page fires the choices with what they show: the address is left alone
    same = choose(app, "matning", FOLLOW_UP, "?period=2018-T2")
    assert (same.status_code, same.get_json()["response"]) == (200, {})  # nothing changes
    answer = choose(app, "matning", BASELINE, "?period=2018-T2&lang=en")
    assert answer.get_json()["response"][ids.URL]["search"] == (
        "?period=2018-T2&matning=Nollm%C3%A4tning+2017&lang=en")
    cleared = choose(app, "grupp", None, "?matning=Uppf%C3%B6ljning+2018&grupp=HR-avdelningen")
    assert cleared.get_json()["response"][ids.URL]["search"] == (
        "?matning=Uppf%C3%B6ljning+2018")
