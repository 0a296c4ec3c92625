"""What every command of the ``tertial`` command line shares: the exit codes, the store of
the settings, and who runs the command (for the audit log)."""

from __future__ import annotations

import getpass

import cli.text as cli_text
from loaders.errors import StoreError
from loaders.language import LANGUAGES
from loaders.settings import Settings

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
ADDRESS = "cli"  # the audit log's address of what the command line did


def open_store(settings: Settings):
    from loaders.store.store import Store

    try:
        return Store(settings.resolved_database_url)
    except ModuleNotFoundError as exc:  # e.g. postgresql+psycopg without psycopg installed
        sv, en = (cli_text.t(lang, "database_driver", name=exc.name) for lang in LANGUAGES)
        raise StoreError("database_driver", sv, en) from exc


def operator() -> str:
    """Who runs the command, for the audit log: ``cli:<login name>``."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
