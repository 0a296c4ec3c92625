"""Tertial's composition root: the process's setup, then the one app, ``server``.

``python app.py`` serves the app on TERTIAL_HOST:TERTIAL_PORT (default 127.0.0.1:8050); an
empty database gets the demo data first. A production server runs ``app:server`` under
gunicorn (``--preload``, see the README's Production section). Nothing imports this module:
the app itself is built by :func:`dashboard.factory.create_app`, which the tests and the
benchmarks call directly.
"""

from __future__ import annotations

import gc

from dashboard.factory import create_app
from dashboard.web import auth, devserver
from loaders import private
from loaders.errors import StoreError
from loaders.ingest.safety import check_runtime
from loaders.settings import load_settings

private.owner_only()  # what the app writes is 0600, its folders 0700 (loaders/private.py)
check_runtime()
try:
    settings = load_settings()
except ValueError as error:  # a setting that cannot work: say which, without a traceback
    raise SystemExit(str(error)) from None
try:
    tertial = create_app(settings)
except StoreError as error:  # a schema to upgrade first: say so, without a traceback
    raise SystemExit(f"{error.message_sv}\n{error.message_en}") from None
app, server, store = tertial.app, tertial.server, tertial.store

# What is made by now (modules, Dash, plotly, the layout) lives as long as the process: kept
# out of the cyclic garbage collector's full passes, which otherwise scan it all and stop a
# request for 100-150 ms now and then (benchmarks/README.md). Under ``gunicorn --preload``
# this runs in the master before the fork, so the workers also share those pages longer.
gc.collect()
gc.freeze()

if __name__ == "__main__":
    auth.check_listen(settings)  # the local mode (no login) listens on loopback only
    app.run(host=settings.host, port=settings.port, debug=settings.debug,
            request_handler=devserver.handler_for(settings))  # no versions; known hosts only
