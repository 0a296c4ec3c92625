"""``app.py`` built for a test module, on its own fresh data folder.

``app.py`` reads its settings from the environment while it runs, so the environment is set
only for that moment. Dash moves its process-wide callback registry into the first app that
serves a request (see tests/test_app_errors.py): the registry is refilled when another app
took it, and kept to restore after this app took it, so every app built in the test process
gets every callback whichever is built first.
"""

from __future__ import annotations

import importlib
import pkgutil
import runpy
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dash import _callback as dash_callbacks

import dashboard.callbacks
from loaders.settings import ENVIRONMENT

ROOT = Path(__file__).resolve().parents[1]


def _keep_dash_callback_registry() -> tuple[dict, list, list]:
    # every callbacks module imported (registered) before the registry is kept: one imported
    # first by app.py would register into the app that takes the registry, and be lost
    for module in pkgutil.iter_modules(dashboard.callbacks.__path__):
        importlib.import_module(f"dashboard.callbacks.{module.name}")
    # The inline scripts hold the clientside callbacks' functions (an app without them fails
    # in the browser: "Cannot read properties of undefined (reading 'apply')"), and every app
    # takes whatever is there each time it serves its index page: gone, they are registered
    # again, on an empty registry so that no callback is listed twice.
    if not dash_callbacks.GLOBAL_CALLBACK_MAP or not dash_callbacks.GLOBAL_INLINE_SCRIPTS:
        dash_callbacks.GLOBAL_CALLBACK_MAP.clear()
        dash_callbacks.GLOBAL_CALLBACK_LIST.clear()
        dash_callbacks.GLOBAL_INLINE_SCRIPTS.clear()
        for name in sorted(sys.modules):
            if name.startswith("dashboard.callbacks."):
                importlib.reload(sys.modules[name])
    return (dict(dash_callbacks.GLOBAL_CALLBACK_MAP), list(dash_callbacks.GLOBAL_CALLBACK_LIST),
            list(dash_callbacks.GLOBAL_INLINE_SCRIPTS))


def make_app(data_dir: Path, **environment: str) -> dict:
    """The namespace of ``app.py`` (``server``, ``store``, ``staging``, ...) on ``data_dir``
    with the demo loaded when it is empty, ``environment`` added, set up by a first request.
    The caller closes ``namespace["store"]``."""
    saved_map, saved_list, saved_scripts = _keep_dash_callback_registry()
    with pytest.MonkeyPatch.context() as env:
        for variable in ENVIRONMENT.values():
            env.delenv(variable, raising=False)
        env.setenv("TERTIAL_DATA_DIR", str(data_dir))
        env.setenv("TERTIAL_DEMO_ON_EMPTY", "true")
        for variable, value in environment.items():
            env.setenv(variable, value)
        namespace = runpy.run_path(str(ROOT / "app.py"), run_name="app")
    try:
        # sets up Dash (its own hooks run before the gate; a mode with login refuses or
        # redirects this anonymous request, which is just as good)
        first = namespace["server"].test_client().get("/")
        assert first.status_code in (200, 302, 403), first.status_code
    finally:
        dash_callbacks.GLOBAL_CALLBACK_MAP.update(saved_map)
        if not dash_callbacks.GLOBAL_CALLBACK_LIST:
            dash_callbacks.GLOBAL_CALLBACK_LIST.extend(saved_list)
        if not dash_callbacks.GLOBAL_INLINE_SCRIPTS:
            dash_callbacks.GLOBAL_INLINE_SCRIPTS.extend(saved_scripts)
    return namespace


def build_app(tmp_path_factory: pytest.TempPathFactory, name: str,
              **environment: str) -> Iterator[dict]:
    """:func:`make_app` on a fresh data folder for a test module; closed after the
    ``yield``."""
    namespace = make_app(tmp_path_factory.mktemp(name) / "data", **environment)
    yield namespace
    namespace["store"].close()
