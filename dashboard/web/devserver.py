"""``python app.py``'s server, Werkzeug's development server, telling no versions.

Werkzeug answers every request with ``Server: Werkzeug/<version> Python/<version>``: what an
attacker looks up first. Its request handler here says ``Server: Tertial`` instead (also on
the errors the server answers itself, such as a malformed request line), and the WSGI
environ's ``SERVER_SOFTWARE`` says the same. Under gunicorn the header is gunicorn's own,
``Server: gunicorn``, which names no version either (README, Production).
"""

from __future__ import annotations

from werkzeug.serving import WSGIRequestHandler

from dashboard.text.i18n import LANGUAGES, t
from dashboard.web.hosts import host_allowed
from loaders.settings import Settings

SERVER = "Tertial"


class RequestHandler(WSGIRequestHandler):
    """Werkzeug's handler without the software versions."""

    server_version = SERVER  # type: ignore[assignment]  (a property in Werkzeug's handler)

    def version_string(self) -> str:
        return SERVER


def handler_for(settings: Settings) -> type[RequestHandler]:
    """The handler for ``python app.py``: it also refuses a host name the app does not answer
    to before anything else sees the request. With ``TERTIAL_DEBUG`` Werkzeug's debugger
    wraps the app, outside its own host check, and trusts every ``*.localhost`` name and
    any port: the console would answer a name the app refuses."""
    class Handler(RequestHandler):
        def run_wsgi(self) -> None:
            if host_allowed(self.headers.get("Host"), settings, scheme="http",
                            server_port=self.server.server_address[1]):
                super().run_wsgi()
                return
            body = "\n".join(t("security.unknown_host", lang) for lang in LANGUAGES)
            data = body.encode("utf-8")
            self.send_response(400)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.close_connection = True

    return Handler
