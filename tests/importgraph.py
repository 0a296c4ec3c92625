"""The project's imports as a graph, read from the source (nothing is imported): for the
architecture test's floor plan, and for marking the tests that reach a database.

An import anywhere in a module counts, at its top or inside a function, relative or absolute,
and ``from package import module`` counts as importing the module.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("loaders", "dashboard", "cli", "tests")


@functools.cache
def modules() -> dict[str, Path]:
    """Every module of the packages (and ``app``), by its dotted name."""
    found = {"app": ROOT / "app.py"}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_of(path)] = path
    return found


@functools.cache
def imported(name: str) -> frozenset[str]:
    """The project's modules that module ``name`` imports (itself and the two top packages'
    empty faces left out)."""
    path = modules()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # the package a relative import starts from: the module's own, or the package itself
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            source = ".".join(base + ([node.module] if node.module else []))
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return frozenset(n for n in names if n in modules()) - {name, "dashboard", "loaders"}


@functools.cache
def reaches(name: str) -> frozenset[str]:
    """Every module that importing ``name`` may load, ``name`` included."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(imported(current))
    return frozenset(seen)


def module_of(path: Path) -> str:
    """The dotted name of the module at ``path``."""
    parts = Path(path).resolve().relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
