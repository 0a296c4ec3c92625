"""Settings: one frozen object, built from arguments > environment > defaults.

Every setting is listed in :data:`FIELDS` with its environment variable and default; the README's
settings table is checked against this list by a test.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "data"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str = ""  # empty: SQLite file tertial.db in data_dir
    host: str = "127.0.0.1"
    port: int = 8050
    max_upload_mb: float = 20.0
    parse_memory_mb: int = 3072  # address-space limit of the child process that reads a file
    parse_timeout_s: float = 120.0  # wall-clock limit of that child
    demo_on_empty: bool = True  # python app.py loads the demo data into an empty database

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{Path(self.data_dir) / 'tertial.db'}"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


# field -> environment variable
ENVIRONMENT: Mapping[str, str] = {
    "data_dir": "TERTIAL_DATA_DIR",
    "database_url": "TERTIAL_DATABASE_URL",
    "host": "TERTIAL_HOST",
    "port": "TERTIAL_PORT",
    "max_upload_mb": "TERTIAL_MAX_UPLOAD_MB",
    "parse_memory_mb": "TERTIAL_PARSE_MEMORY_MB",
    "parse_timeout_s": "TERTIAL_PARSE_TIMEOUT_S",
    "demo_on_empty": "TERTIAL_DEMO_ON_EMPTY",
}

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nej"}


def _convert(name: str, raw: object) -> object:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if kind == "bool":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise ValueError(f"{ENVIRONMENT[name]}: expected true or false, got {raw!r}")
    converters = {"int": int, "float": float, "Path": Path, "str": str}
    try:
        return converters[kind](text)
    except ValueError as exc:
        raise ValueError(f"{ENVIRONMENT[name]}: expected {kind}, got {raw!r}") from exc


def load_settings(overrides: Mapping[str, object] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Arguments (``overrides``, None values ignored) > environment > defaults."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for name, variable in ENVIRONMENT.items():
        if variable in environ and environ[variable] != "":
            values[name] = _convert(name, environ[variable])
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _convert(name, value)
    return Settings(**values)
