"""Government assignments' register (issue 18): four optional columns on the Uppdrag sheet,
stored with every assignment row.

``report_due`` (Redovisas senast: the date the report must reach the government),
``interim_reports`` (Delredovisning: one or more dates as canonical text,
``2018-10-01; 2019-01-15``), ``register_number`` (Diarienummer) and ``ministry``
(Departement). All nullable: the rows of earlier imports keep every value they had and read
these as blank. Before this revision the header "Rapporteras" was read as Slutdatum; stored
``end_date`` values are left where they are (which header a file used was not kept).

Revision ID: 0005
Revises: 0004
Created: 2026-12-07 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = (
    ("register_number", sa.Text()),
    ("ministry", sa.Text()),
    ("report_due", sa.DateTime()),
    ("interim_reports", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("data_assignments", schema=None) as batch_op:
        for name, type_ in COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("data_assignments", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
