"""Every id a callback names exists in the shell or in a page: the check Dash's own
validation layout would make in the browser, which app.py switches off (it would render every
page as the first reader and send that to everyone; see app.py)."""

from __future__ import annotations

from collections.abc import Iterator

import dash
import pytest

from tests.apps import build_app
from tests.servers import LOCAL

DASH_OWN = {"_pages_location", "_pages_content", "_pages_store", "_pages_dummy"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    yield from build_app(tmp_path_factory, "callback-ids")


def ids_in(component: object) -> set[str]:
    """Every string id in a component tree (its props, children and nested components)."""
    found: set[str] = set()
    if isinstance(component, dash.development.base_component.Component):
        if isinstance(getattr(component, "id", None), str):
            found.add(component.id)
        for name in component._prop_names:
            found |= ids_in(getattr(component, name, None))
    elif isinstance(component, list | tuple):
        for item in component:
            found |= ids_in(item)
    return found


def test_every_callback_id_is_in_the_shell_or_a_page(app):
    dash_app = app["app"]
    with app["server"].test_request_context("/", environ_base=LOCAL):
        laid_out = ids_in(dash_app.layout)
        for page in dash.page_registry.values():
            layout = page["layout"]
            laid_out |= ids_in(layout() if callable(layout) else layout)
    named = set()
    for spec in dash_app.callback_map.values():
        for item in spec["inputs"] + spec["state"]:
            named.add(item["id"])
    for key, spec in dash_app.callback_map.items():
        if spec.get("no_output"):  # its key is a hash, not an output
            continue
        parts = key[2:-2].split("...") if key.startswith("..") else [key]
        named |= {part.rsplit(".", 1)[0] for part in parts}
    named = {n for n in named if not n.startswith("{")} - DASH_OWN  # pattern-matching ids
    assert len(named) > 20
    assert sorted(named - laid_out) == []
