"""The app built for a test module by :func:`dashboard.factory.create_app`, as ``app.py``
builds it, on its own fresh data folder.

The settings are read from the environment as ``app.py`` reads them, with the test's
``environment`` set only for that moment. Dash moves its process-wide callback registry into
the first app that serves a request (see tests/test_app_errors.py): the registry is refilled
when another app took it, and kept to restore after this app took it, so every app built in
the test process gets every callback whichever is built first.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dash import _callback as dash_callbacks
from flask.testing import FlaskClient

import dashboard.callbacks
from dashboard.factory import create_app
from loaders import private
from loaders.settings import ENVIRONMENT, load_settings
from tests.demo_store import demo_copy


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


# The header mode's shared secret in the tests: the proxy adds it to every request it passes on.
PROXY_SECRET = "the-test-proxy-secret-0123456789"
PROXY_SECRET_HEADER = "X-Tertial-Proxy-Secret"


class ProxiedClient(FlaskClient):
    """A test client behind the header mode's proxy: every request carries its secret (a
    test that forges a request without it says so with ``headers``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.environ_base["HTTP_X_TERTIAL_PROXY_SECRET"] = PROXY_SECRET


def make_app(data_dir: Path, **environment: str) -> dict:
    """The app's parts (``app``, ``server``, ``settings``, ``store``, ``staging``,
    ``data_dir``, and the whole ``tertial``) on ``data_dir`` with the demo loaded when it is
    empty, ``environment`` added, set up by a first request.
    In the header mode the proxy's secret is set, and the server's test clients send it as
    the proxy would (:class:`ProxiedClient`). The caller closes ``namespace["store"]``."""
    if environment.get("TERTIAL_AUTH_MODE") == "header":
        environment.setdefault("TERTIAL_PROXY_SECRET", PROXY_SECRET)
    saved_map, saved_list, saved_scripts = _keep_dash_callback_registry()
    with pytest.MonkeyPatch.context() as env:
        for variable in ENVIRONMENT.values():
            env.delenv(variable, raising=False)
        env.setenv("TERTIAL_DATA_DIR", str(data_dir))
        env.setenv("TERTIAL_DEMO_ON_EMPTY", "true")
        for variable, value in environment.items():
            env.setenv(variable, value)
        settings = load_settings()
        umask = os.umask(0o022)  # read (set, then put back): app.py sets 0o077 for its
        os.umask(umask)  # process, here the tests', so it is put back after
        demo_copy(data_dir)  # what create_app would load into the empty database, copied
        private.owner_only()  # as app.py does before it builds the app
        try:
            tertial = create_app(settings)
        finally:
            os.umask(umask)
    namespace = {"tertial": tertial, "app": tertial.app, "server": tertial.server,
                 "settings": tertial.settings, "store": tertial.store,
                 "staging": tertial.staging, "data_dir": tertial.data_dir}
    try:
        # sets up Dash (its own hooks run before the gate; a mode with login refuses or
        # redirects this anonymous request, which is just as good)
        first = namespace["server"].test_client().get("/")
        assert first.status_code in (200, 302, 403), first.status_code
        if environment.get("TERTIAL_AUTH_MODE") == "header":
            namespace["server"].test_client_class = ProxiedClient
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
