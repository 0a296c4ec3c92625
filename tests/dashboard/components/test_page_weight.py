"""What a filter change draws anew (issue 16): every component of a page's answer is mounted
again in the browser, and each one costs on every store update (Dash 4.2+, plotly/dash issue
3846). So what is only text goes as text: the overview's chart tables come as data that the
browser draws (``assets/built_tables.js``), with the chart's title as their caption, and a
status change on Verksamhet is one line of text, not a line of components; the shell answers
a new address with its links only, not with its user menu and words again."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from dashboard import ids
from dashboard.figures import figure_table, figure_title, status_distribution
from dashboard.kpis import Selection, summary
from dashboard.kpis.status import thresholds_from
from tests.apps import build_app
from tests.dashboard.components.test_page_layout import page_children
from tests.forge import PATH, callback_body

STORY = "2018-T2"
DEPARTMENT = "IT-avdelningen"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "page_weight")


def components(node: object) -> Iterator[dict]:
    """Every component of an answer's JSON, depth first."""
    if isinstance(node, list):
        for child in node:
            yield from components(child)
    elif isinstance(node, dict) and "type" in node and "props" in node:
        yield node
        for value in node["props"].values():
            yield from components(value)


def built_tables(children: list) -> list[dict]:
    return [json.loads(c["props"]["data-table"]) for c in components(children)
            if c["props"].get("className") == "built-table"]


def test_the_overviews_chart_tables_come_as_data_with_their_captions(app):
    children = page_children(app, "/", f"?period={STORY}&avdelning={DEPARTMENT}")
    charts = next(c for c in children if c["props"].get("className") == "charts")
    assert not [c for c in components(charts) if c["type"] in ("Table", "Tr", "Td")]
    tables = built_tables(charts)
    assert [table["caption"] for table in tables] == [
        "Status för aktiva uppdrag", "Status för aktiva uppdrag per tertial"]
    assert all(table["className"] == "data-table" for table in tables)
    # the first is the status distribution's: its rows as the chart's table gives them
    frames = app["store"].frames()
    settings = app["settings"]
    result = summary(frames, Selection(STORY, DEPARTMENT), thresholds_from(settings))
    figure = status_distribution(result, "sv")
    rows = figure_table(figure)
    assert tables[0]["caption"] == figure_title(figure)
    assert tables[0]["headers"] == list(rows[0])
    assert tables[0]["rows"] == [[str(v) for v in row.values()] for row in rows]


def test_a_status_change_on_verksamhet_is_one_line_of_text(app):
    children = page_children(app, "/verksamhet", f"?period={STORY}&avdelning={DEPARTMENT}")
    items = [c for c in components(children) if c["type"] == "Li"]
    assert items
    for item in items:
        text = item["props"]["children"]
        assert isinstance(text, str) and " → " in text and "): " in text, text


def _shell_answer(app: dict, *changed: str) -> dict:
    search = f"?period={STORY}&avdelning={DEPARTMENT}"
    body = callback_body(app["app"], "translate_shell", ids.URL,
                         {f"{ids.URL}.search": search, f"{ids.URL}.pathname": "/",
                          f"{ids.LANGUAGE}.value": "sv"})
    body["changedPropIds"] = list(changed)
    response = app["server"].test_client().post(PATH, json=body)
    assert response.status_code == 200
    return response.get_json()["response"]


def test_a_new_address_changes_only_the_shells_links(app):
    answer = _shell_answer(app, f"{ids.URL}.search")
    assert set(answer) == {ids.NAV, ids.REPORT_LINK}
    assert set(answer[ids.REPORT_LINK]) == {"href"}
    assert answer[ids.REPORT_LINK]["href"].endswith(f"?period={STORY}&avdelning={DEPARTMENT}")
    hrefs = [link["props"]["href"] for link in answer[ids.NAV]["children"]]
    assert hrefs and all(h.endswith(f"?period={STORY}&avdelning={DEPARTMENT}") for h in hrefs)


def test_a_new_language_or_page_gives_the_shells_words_too(app):
    for changed in (f"{ids.LANGUAGE}.value", f"{ids.URL}.pathname"):
        answer = _shell_answer(app, changed)
        assert {ids.USER_MENU, ids.SUBTITLE, ids.PERIOD, ids.SKIP_LINK} <= set(answer), changed
        assert answer[ids.PERIOD]["label"] == "Tertial"
