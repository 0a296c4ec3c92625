"""What the pages need from the running app, reached through Flask's ``current_app``.

``app.py`` (the composition root) builds one :class:`AppContext` and stores it on the Flask
server; pages and callbacks ask for it here instead of importing ``app.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import flask

from dashboard.data import FrameCache
from loaders.settings import Settings
from loaders.store import Store

if TYPE_CHECKING:
    from loaders.staging import Staging

EXTENSION = "tertial"


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    store: Store
    frames: FrameCache
    staging: Staging | None = None  # uploads being checked (the upload page)


def install(server: flask.Flask, context: AppContext) -> None:
    server.extensions[EXTENSION] = context


def current() -> AppContext:
    return flask.current_app.extensions[EXTENSION]


LOCAL_USER = "lokal"


def current_user() -> str:
    """Who is making the request, for the import history and the audit.

    Until access control exists every request is the one local user (the default ``local``
    mode of ``python app.py``, which listens on loopback only); the authentication modes
    will answer this from the session or the single sign-on headers instead.
    """
    return LOCAL_USER
