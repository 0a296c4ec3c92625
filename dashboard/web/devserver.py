"""``python app.py``'s server, Werkzeug's development server, telling no versions.

Werkzeug answers every request with ``Server: Werkzeug/<version> Python/<version>``: what an
attacker looks up first. Its request handler here says ``Server: Tertial`` instead (also on
the errors the server answers itself, such as a malformed request line), and the WSGI
environ's ``SERVER_SOFTWARE`` says the same. Under gunicorn the header is gunicorn's own,
``Server: gunicorn``, which names no version either (README, Production).
"""

from __future__ import annotations

from werkzeug.serving import WSGIRequestHandler

SERVER = "Tertial"


class RequestHandler(WSGIRequestHandler):
    """Werkzeug's handler without the software versions."""

    server_version = SERVER  # type: ignore[assignment]  (a property in Werkzeug's handler)

    def version_string(self) -> str:
        return SERVER
