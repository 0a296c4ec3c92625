"""Columnar snapshots of the stored slices (issue 19): every import stores each slice's rows
also as Arrow bytes, in the same transaction, so a worker's first read of a new data version
decodes them instead of fetching and converting every row (``loaders/store/frames_file.py``).
The slices stored before this revision have none and are read from the data tables, as
before.

Revision ID: 0006
Revises: 0005
Created: 2026-12-07 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frame_snapshots",
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), primary_key=True,
                  autoincrement=False),
        sa.Column("dataset", sa.Text(), primary_key=True),
        sa.Column("period", sa.Text(), primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("frame_snapshots")
