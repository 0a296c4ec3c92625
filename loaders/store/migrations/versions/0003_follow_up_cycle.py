"""The follow-up cycle: rounds, assessments, readiness, adoptions and the slices each
adoption froze; the data version's row gains the follow-up's own version.

Written by Alembic's autogenerate from loaders.store.schema on a database at 0002. Only adds:
every table and row of 0002 is kept as it was (the added column has a default, 0).

Revision ID: 0003
Revises: 0002
Created: 2026-12-06 22:16:23.176972
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "adoptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("adopted_by", sa.Text(), nullable=False),
        sa.Column("adopted_by_name", sa.Text(), nullable=False),
        sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("not_ready", sa.Text(), nullable=False),
        sa.Column("data_version", sa.Integer(), nullable=False),
        sa.Column("assessment_cutoff", sa.Integer(), nullable=False),
        sa.Column("thresholds", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period", "version", name="uq_adoptions_version"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("assignment_id", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("action_owner", sa.Text(), nullable=False),
        sa.Column("action_due", sa.Date(), nullable=True),
        sa.Column("prior_action_done", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("author_name", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period", "assignment_id", "revision", name="uq_assessments_revision"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "department_readiness",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("department", sa.Text(), nullable=False),
        sa.Column("ready", sa.Boolean(), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("by_name", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("department_readiness", schema=None) as batch_op:
        batch_op.create_index(
            "ix_department_readiness_period", ["period", "department", "id"], unique=False
        )

    op.create_table(
        "followup_rounds",
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("opened_by", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("correction", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("period"),
    )
    op.create_table(
        "adoption_slices",
        sa.Column("adoption_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("dataset", sa.Text(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adoption_id"],
            ["adoptions.id"],
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("adoption_id", "dataset", "period"),
    )
    with op.batch_alter_table("meta", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("followup_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("meta", schema=None) as batch_op:
        batch_op.drop_column("followup_version")

    op.drop_table("adoption_slices")
    op.drop_table("followup_rounds")
    with op.batch_alter_table("department_readiness", schema=None) as batch_op:
        batch_op.drop_index("ix_department_readiness_period")

    op.drop_table("department_readiness")
    op.drop_table("assessments")
    op.drop_table("adoptions")
