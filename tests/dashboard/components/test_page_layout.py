"""Every page's frame (``dashboard/components/page.py``): the line that says whether the
tertial's follow-up is adopted stands right under the heading's scope line, also on the
agency overview, which puts a skip link to the department matrix before its heading."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.apps import build_app
from tests.forge import PATH, callback_body

STORY = "2018-T2"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "page_layout")


def page_children(app: dict, pathname: str, search: str) -> list[dict]:
    body = callback_body(app["app"], "update", "_pages_location",
                         {"_pages_location.pathname": pathname,
                          "_pages_location.search": search})
    response = app["server"].test_client().post(PATH, json=body)
    assert response.status_code == 200
    content = next(iter(response.get_json()["response"].values()))["children"]
    return content["props"]["children"]


def class_names(children: list[dict]) -> list[str]:
    return [(child.get("props") or {}).get("className") or child.get("type")
            for child in children]


@pytest.mark.parametrize(("pathname", "search"), [
    ("/", f"?period={STORY}"),  # the agency overview: skip link, heading, scope
    ("/", f"?period={STORY}&avdelning=IT-avdelningen"),
    ("/verksamhet", f"?period={STORY}"),
    ("/ekonomi", f"?period={STORY}&avdelning=IT-avdelningen"),
])
def test_the_adoption_line_stands_under_the_scope_line(app, pathname, search):
    names = class_names(page_children(app, pathname, search))
    scope = names.index("scope")
    assert names[scope + 1].startswith("adoption-line"), names
    assert names[scope - 1] == "H1", names
    assert sum(str(name).startswith("adoption-line") for name in names) == 1
