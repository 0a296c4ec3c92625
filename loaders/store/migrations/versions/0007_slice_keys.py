"""Each slice's own key columns beside its columnar snapshot (issue 19): the name keys, the
first row of each id, the status codes and blank comments the dashboard's figures match by,
made once by the importing process (``loaders/keys.py``, ``loaders/store/frames_file.py``
``encode_keys``) instead of by every worker on its first request after a new data version.

One nullable column on ``frame_snapshots``: the rows stored before this revision keep every
value they had and have no keys (NULL); a worker makes those slices' keys from the rows, as
before.

Revision ID: 0007
Revises: 0006
Created: 2026-12-07 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("frame_snapshots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_columns", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("frame_snapshots", schema=None) as batch_op:
        batch_op.drop_column("key_columns")
