"""The store: the tables (SQLAlchemy Core), the imports kept with history and rollback, what an
import would change, and the schema's versions (Alembic migrations)."""
