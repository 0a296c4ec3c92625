"""Tertial's composition root: settings, the store, the one Dash object, ``server``.

``python app.py`` serves the app on TERTIAL_HOST:TERTIAL_PORT (default 127.0.0.1:8050); an
empty database gets the demo data first. A production server runs ``app:server`` under
gunicorn. Nothing imports this module.
"""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard import context
from dashboard.callbacks import operations as _operations_callbacks  # noqa: F401
from dashboard.callbacks import shell as _shell_callbacks  # noqa: F401  (registers callbacks)
from dashboard.components import shell
from dashboard.data import FrameCache
from loaders.importer import load_demo
from loaders.safety import check_runtime
from loaders.settings import load_settings
from loaders.store import Store

HERE = Path(__file__).resolve().parent

check_runtime()
settings = load_settings()
Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
store = Store(settings.resolved_database_url)
if settings.demo_on_empty and not store.history():
    load_demo(store, settings)

app = dash.Dash(
    __name__,
    use_pages=True,
    pages_folder=str(HERE / "dashboard" / "pages"),
    assets_folder=str(HERE / "dashboard" / "assets"),
    title="Tertial",
)
app.layout = shell.layout()
server = app.server
server.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes + 1024 * 1024
context.install(server, context.AppContext(settings, store, FrameCache(store)))

if __name__ == "__main__":
    app.run(host=settings.host, port=settings.port, debug=False)
