"""What the pages need from the running app, reached through Flask's ``current_app``.

``app.py`` (the composition root) builds one :class:`AppContext` and stores it on the Flask
server; pages and callbacks ask for it here instead of importing ``app.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import flask

from dashboard.data import FrameCache
from loaders.settings import Settings
from loaders.store import Store

EXTENSION = "tertial"


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    store: Store
    frames: FrameCache


def install(server: flask.Flask, context: AppContext) -> None:
    server.extensions[EXTENSION] = context


def current() -> AppContext:
    return flask.current_app.extensions[EXTENSION]
