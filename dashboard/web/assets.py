"""The app's own files (its CSS, its scripts, the 1.2 MB plotly.js bundle) compressed and kept
by the browser, so that a reader's second page does not download them again.

Dash names every file of ``dashboard/assets`` in the page with its modification time
(``/assets/base.css?m=1796666182.01``): a changed file gets a new address. Such an address is
answered ``immutable`` for a year, as Dash answers its own fingerprinted bundles, so the browser
asks for it only once; only when ``m`` is the file's own modification time on this server (an
``m`` of another version, typed, or an old host's file in a rolling update, is answered as an
address without one). An address without ``m`` (typed, or an old bookmark) is answered
``no-cache`` with its ETag, as Flask serves static files, and a browser that asks again gets 304.

Flask-Compress compresses these answers as a stream and marks the ETag with the encoding
(``"…:zstd"``); it answers the browser's ``If-None-Match`` with 304 only for the endpoints it is
told (``COMPRESS_STREAMING_ENDPOINT_CONDITIONAL``, by default Flask's own ``static``). Without
this module's setting every revalidation of the plotly bundle was answered 200 with the whole
file, compressed again.
"""

from __future__ import annotations

import os

import dash
import flask
from flask_compress import Compress
from werkzeug.security import safe_join

YEAR = 365 * 24 * 3600
FINGERPRINT = "m"  # Dash's query parameter: the file's modification time


def _endpoints(app: dash.Dash) -> list[str]:
    """The Flask endpoints that serve ``dashboard/assets`` (Dash's blueprint's ``static``)."""
    prefix = app.get_asset_url("")
    return sorted({rule.endpoint for rule in app.server.url_map.iter_rules()
                   if rule.rule.startswith(prefix)})


def fingerprint_of(app: dash.Dash, filename: str) -> str | None:
    """The ``m`` Dash names the file of ``dashboard/assets`` with now (its modification time,
    as Dash writes it), or None for no such file."""
    path = safe_join(app.config.assets_folder, filename)
    try:
        return str(os.stat(path).st_mtime) if path is not None else None
    except OSError:
        return None


def install(app: dash.Dash) -> None:
    """Compression for every answer, and the browser's cache for the app's own files."""
    server = app.server
    endpoints = _endpoints(app)
    server.config["COMPRESS_STREAMING_ENDPOINT_CONDITIONAL"] = ["static", *endpoints]
    Compress(server)  # zstd/brotli/gzip for pages, layout, callback answers and these files

    @server.after_request
    def _kept(response: flask.Response) -> flask.Response:
        request = flask.request
        # only the address the page names now: an ``m`` of another version of the file (an
        # old worker's page in a rolling update, or any ``m`` typed) must not keep this one
        if (request.endpoint in endpoints and response.status_code in (200, 304)
                and request.args.get(FINGERPRINT) is not None
                and request.args.get(FINGERPRINT) == fingerprint_of(
                    app, (request.view_args or {}).get("filename", ""))):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response
