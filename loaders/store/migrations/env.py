"""Alembic's environment for Tertial: the URL comes from ``loaders.store.migrate.config`` (the
app's settings), never from an alembic.ini; migrations run online, one transaction each, in
batch mode (SQLite alters a table by copying it)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from loaders.store.schema import make_schema

url = context.config.attributes["url"]
engine = create_engine(url)
try:
    with engine.connect() as connection:
        # the model, for `alembic revision --autogenerate` when writing a new migration
        context.configure(connection=connection, transaction_per_migration=True,
                          target_metadata=make_schema().metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
finally:
    engine.dispose()
