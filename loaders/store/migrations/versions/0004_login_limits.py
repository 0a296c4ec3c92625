"""Login limits (issue 20, item 3): attempts per client address per minute, and failed logins
per unknown name, counted in the database so every worker and server sees them.

Only adds a table (kept small: a row whose window has ended is pruned by the next login
attempt); every table and row of 0003 is kept as it was. The users table keeps its columns:
``failed_logins`` and ``locked_until`` now count the attempts of a window that ends at
``locked_until`` (a lock once the count reaches TERTIAL_LOGIN_ATTEMPTS).

Revision ID: 0004
Revises: 0003
Created: 2026-12-07 01:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_limits",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("login_limits", schema=None) as batch_op:
        batch_op.create_index("ix_login_limits_ends_at", ["ends_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("login_limits", schema=None) as batch_op:
        batch_op.drop_index("ix_login_limits_ends_at")
    op.drop_table("login_limits")
