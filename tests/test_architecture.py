"""The house rules that a test can hold: which folder may import which, no import circles,
the pure folders never load ``dash``, every module says what it is for, the README's map of
the folders matches the tree, and the settings are documented.

The floor plan (README, "The map of the folders") as data: each room may import the rooms
listed for it and itself, nothing else. A room is a folder (``dashboard/web``), or one module
at the top of ``dashboard/``; the modules at the top of ``loaders/`` are one room, its base.
Imports inside functions count as much as those at the top: a late import is no way around a
rule, nor around a circle.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.settings import ENVIRONMENT, Settings, load_settings
from tests import importgraph

ROOT = importgraph.ROOT

LOADERS_BASE = "loaders"
# Each room, with the rooms it may import (besides itself), from the ground floor up.
FLOOR_PLAN: dict[str, set[str]] = {
    LOADERS_BASE: set(),
    "loaders/ingest": {LOADERS_BASE},
    "loaders/store": {LOADERS_BASE},
    "loaders/records": {LOADERS_BASE, "loaders/store"},
    "loaders/followup": {LOADERS_BASE, "loaders/store", "loaders/records"},
    "loaders/imports": {LOADERS_BASE, "loaders/ingest", "loaders/store", "loaders/followup"},
    "loaders/demo": {LOADERS_BASE, "loaders/store", "loaders/imports", "loaders/followup"},
    "dashboard": set(),
    "dashboard/ids.py": set(),
    "dashboard/text": {LOADERS_BASE},
    "dashboard/kpis": {"dashboard/text", LOADERS_BASE, "loaders/followup"},
    "dashboard/figures": {"dashboard/kpis", "dashboard/text", LOADERS_BASE},
    "dashboard/state": {"dashboard/kpis", "dashboard/text", LOADERS_BASE},
    # views write the addresses their links lead to (the department matrix's cells)
    "dashboard/views": {"dashboard/figures", "dashboard/kpis", "dashboard/state",
                        "dashboard/text", LOADERS_BASE, "loaders/store", "loaders/followup"},
    "dashboard/data.py": {"dashboard/kpis", LOADERS_BASE, "loaders/store", "loaders/followup"},
    "dashboard/reports": {"dashboard/data.py", "dashboard/views", "dashboard/state",
                          "dashboard/figures",
                          "dashboard/kpis", "dashboard/text", LOADERS_BASE, "loaders/store",
                          "loaders/records", "loaders/followup"},
}
_BELOW_WEB = {"dashboard/reports", "dashboard/data.py", "dashboard/views", "dashboard/state",
              "dashboard/figures", "dashboard/kpis", "dashboard/text", "dashboard/ids.py"}
_LOADERS = {LOADERS_BASE, "loaders/ingest", "loaders/store", "loaders/records",
            "loaders/followup", "loaders/imports", "loaders/demo"}
FLOOR_PLAN["dashboard/web"] = _BELOW_WEB | _LOADERS
FLOOR_PLAN["dashboard/components"] = FLOOR_PLAN["dashboard/web"] | {"dashboard/web"}
FLOOR_PLAN["dashboard/callbacks"] = FLOOR_PLAN["dashboard/components"] | {"dashboard/components"}
FLOOR_PLAN["dashboard/pages"] = FLOOR_PLAN["dashboard/components"] | {"dashboard/components"}
# the app factory puts the rooms together; only app.py (and the tests) build an app from it
FLOOR_PLAN["dashboard/factory.py"] = FLOOR_PLAN["dashboard/callbacks"] | {"dashboard/callbacks"}
FLOOR_PLAN["cli"] = {"dashboard/kpis", "dashboard/text", "dashboard/views"} | _LOADERS

# The rooms whose modules never load dash: the numbers, the words, the state, the reports.
PURE = (*sorted(_LOADERS), "dashboard", "dashboard/text", "dashboard/kpis", "dashboard/figures",
        "dashboard/state", "dashboard/views", "dashboard/reports", "dashboard/data.py",
        "dashboard/ids.py", "cli")


MODULES = {name: path for name, path in importgraph.modules().items()
           if name.split(".")[0] != "tests"}


def room(path: Path) -> str:
    """The room a module lives in: its folder under a package, or a top module of
    ``dashboard/``; the top modules of ``loaders/`` are its base."""
    parts = path.relative_to(ROOT).parts
    if parts[0] in ("cli", "app.py"):
        return parts[0]
    if len(parts) == 2 and parts[0] == "loaders":
        return LOADERS_BASE
    if parts == ("dashboard", "__init__.py"):
        return "dashboard"  # the package's face: a docstring, no imports
    return f"{parts[0]}/{parts[1]}"


def _graph() -> dict[str, set[str]]:
    return {name: set(importgraph.imported(name)) for name in MODULES}


def test_the_floor_plan_names_every_room_of_the_tree():
    rooms = {room(path) for name, path in MODULES.items() if name != "app"}
    assert rooms - set(FLOOR_PLAN) == set()
    assert set(FLOOR_PLAN) - rooms == set()


def test_every_import_follows_the_floor_plan():
    broken = []
    for name, targets in _graph().items():
        source = room(MODULES[name])
        if source == "app.py":
            continue  # the composition root may take from every room
        allowed = FLOOR_PLAN[source] | {source}
        broken += [f"{name} -> {target}" for target in sorted(targets)
                   if room(MODULES[target]) not in allowed]
    assert broken == []


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_two_modules_import_each_other_even_late():
    assert _circles(_graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_pure_rooms_never_load_dash():
    pure = sorted(name for name, path in MODULES.items()
                  if name != "app" and room(path) in PURE and not name.endswith("__main__")
                  and ".migrations." not in name)  # Alembic runs those, inside its context
    code = ("import importlib, sys\n"
            f"for name in {pure!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m == 'dash' or m.startswith('dash.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(pure) > 100


def test_nothing_imports_app():
    assert [name for name, targets in _graph().items() if "app" in targets] == []


def test_every_module_says_first_what_it_is_for():
    """A docstring whose first line is a sentence of its own (packages' too)."""
    silent = []
    for name, path in MODULES.items():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        first = (doc or "").split("\n\n")[0].strip()
        if len(first) < 20:
            silent.append(name)
    assert silent == []


MAP_ROW = re.compile(r"^\| `(?P<path>[^`]+)` \|", re.M)


def _readme_map() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The map of the folders", 1)[1].split("\n## ", 1)[0]
    return {m["path"].rstrip("/") for m in MAP_ROW.finditer(section)}


def test_the_readme_map_of_the_folders_matches_the_tree():
    """Every package folder is on the map, and every folder or file the map names exists."""
    folders = {path.parent.relative_to(ROOT).as_posix() for name, path in MODULES.items()
               if path.name == "__init__.py" and "migrations" not in path.parts}
    mapped = _readme_map()
    assert folders - mapped == set()
    assert [p for p in sorted(mapped) if not (ROOT / p).exists()] == []


# --- settings ---------------------------------------------------------------------------

def test_every_setting_has_an_environment_variable_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(ENVIRONMENT) == {f for f in Settings.__dataclass_fields__}
    for variable in ENVIRONMENT.values():
        assert f"`{variable}`" in readme, variable


# Variables the README names that are not settings of the app: the tests' own switches.
TEST_VARIABLES = {"TERTIAL_REQUIRE_BROWSER", "TERTIAL_REQUIRE_LIBREOFFICE",
                  "TERTIAL_TEST_POSTGRES_URL",
                  "TERTIAL_REQUIRE_POSTGRES", "TERTIAL_TEST_DATABASE", "TERTIAL_TEST_WORKERS"}


def test_every_variable_the_readme_names_is_one_the_app_reads():
    """The deployment example's settings file among them: a misspelt variable is ignored by
    the app without a word, so the README must never show one."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\bTERTIAL_[A-Z_]+\b", readme))
    assert named - set(ENVIRONMENT.values()) - TEST_VARIABLES == set()
    assert "TERTIAL_DATABASE_URL" in named and "TERTIAL_GROUP_ROLES" in named


@pytest.mark.sqlite_file  # the default is the SQLite file in the data folder
def test_settings_precedence_arguments_over_environment_over_defaults():
    env = {"TERTIAL_PORT": "9000", "TERTIAL_HOST": "0.0.0.0", "TERTIAL_MAX_UPLOAD_MB": "5"}
    settings = load_settings({"port": 9100}, environ=env)
    assert (settings.port, settings.host, settings.max_upload_mb) == (9100, "0.0.0.0", 5.0)
    assert load_settings(environ={}).port == 8050
    assert load_settings(environ={}).resolved_database_url.endswith("data/tertial.db")
    assert load_settings(environ={"TERTIAL_DATABASE_URL": "sqlite:///x.db"}
                         ).resolved_database_url == "sqlite:///x.db"


def test_bad_setting_names_its_variable():
    with pytest.raises(ValueError, match="TERTIAL_PORT"):
        load_settings(environ={"TERTIAL_PORT": "åtta"})
