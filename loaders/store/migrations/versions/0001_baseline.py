"""The schema before the migrations (the databases Tertial made until now).

Written by Alembic's autogenerate from loaders.store.schema on an empty database.

Revision ID: 0001
Revises: (none: the first)
Created: 2026-11-29 18:34:33.081314
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("periods", sa.Text(), nullable=False),
        sa.Column("row_counts", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("rolled_back_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rolled_back_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_imports_sha256"), ["sha256"], unique=False)

    op.create_table(
        "meta",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "users",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "data_assignments",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("type", sa.Text(), nullable=True),
        sa.Column("result_area", sa.Text(), nullable=True),
        sa.Column("goal", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("decision_date", sa.DateTime(), nullable=True),
        sa.Column("end_date", sa.DateTime(), nullable=True),
        sa.Column("period", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id", "row_no"),
    )
    op.create_table(
        "data_finance",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("period", sa.Text(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("budget", sa.Float(), nullable=True),
        sa.Column("outcome", sa.Float(), nullable=True),
        sa.Column("forecast", sa.Float(), nullable=True),
        sa.Column("previous_forecast", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id", "row_no"),
    )
    op.create_table(
        "data_kpi_settings",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kpi", sa.Text(), nullable=True),
        sa.Column("perspective", sa.Text(), nullable=True),
        sa.Column("direction", sa.Text(), nullable=True),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("yellow_tolerance", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id", "row_no"),
    )
    op.create_table(
        "data_processes",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kpi", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("period", sa.Text(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("unit_of_measure", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id", "row_no"),
    )
    op.create_table(
        "data_staff",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("period", sa.Text(), nullable=True),
        sa.Column("permanent", sa.Integer(), nullable=True),
        sa.Column("temporary", sa.Integer(), nullable=True),
        sa.Column("fte", sa.Float(), nullable=True),
        sa.Column("sick_leave", sa.Float(), nullable=True),
        sa.Column("turnover", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id", "row_no"),
    )
    op.create_table(
        "data_survey",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("survey", sa.Text(), nullable=True),
        sa.Column("measurement", sa.Text(), nullable=True),
        sa.Column("date", sa.DateTime(), nullable=True),
        sa.Column("area", sa.Text(), nullable=True),
        sa.Column("question", sa.Text(), nullable=True),
        sa.Column("group", sa.Text(), nullable=True),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("is_own", sa.Boolean(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("scale", sa.Text(), nullable=True),
        sa.Column("answers", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id", "row_no"),
    )
    op.create_table(
        "data_units",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("row_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("head", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id", "row_no"),
    )
    op.create_table(
        "import_files",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id"),
    )
    op.create_table(
        "slices",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("dataset", sa.Text(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.id"],
        ),
        sa.PrimaryKeyConstraint("import_id", "dataset", "period"),
    )
    with op.batch_alter_table("slices", schema=None) as batch_op:
        batch_op.create_index(
            "ix_slices_dataset_period", ["dataset", "period", "import_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("slices", schema=None) as batch_op:
        batch_op.drop_index("ix_slices_dataset_period")

    op.drop_table("slices")
    op.drop_table("import_files")
    op.drop_table("data_units")
    op.drop_table("data_survey")
    op.drop_table("data_staff")
    op.drop_table("data_processes")
    op.drop_table("data_kpi_settings")
    op.drop_table("data_finance")
    op.drop_table("data_assignments")
    op.drop_table("users")
    op.drop_table("meta")
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imports_sha256"))

    op.drop_table("imports")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
