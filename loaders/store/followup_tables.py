"""The follow-up cycle's tables (``loaders/followup/cycle.py`` keeps them).

Nothing in them is ever updated in place except a round's state: an assessment, a
department's readiness and an adoption are rows added, one per change, with who and when.
An adoption keeps which import's rows every slice showed at that moment
(``adoption_slices``) and the last assessment it saw (``assessment_cutoff``); the data rows
and the assessments are never deleted, so the adopted follow-up can always be read again,
exactly, whatever is imported or rolled back afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)


@dataclass(frozen=True)
class FollowUpTables:
    rounds: Table
    assessments: Table
    readiness: Table
    adoptions: Table
    adoption_slices: Table


def followup_tables(md: MetaData) -> FollowUpTables:
    rounds = Table(
        "followup_rounds", md,
        Column("period", Text, primary_key=True),  # the tertial, "2018-T2"
        Column("state", Text, nullable=False),  # loaders.followup.rules.STATES
        Column("last_day", Date, nullable=False),  # the departments' last day
        Column("opened_by", Text, nullable=False),
        Column("opened_at", DateTime(timezone=True), nullable=False),
        Column("changed_by", Text, nullable=False),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        Column("correction", Text),  # why an adopted round was opened again
    )
    assessments = Table(
        "assessments", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("period", Text, nullable=False),
        Column("assignment_id", Text, nullable=False),
        Column("revision", Integer, nullable=False),  # 1, 2, ... per (period, assignment)
        Column("status", Text, nullable=False),
        Column("motivation", Text, nullable=False),
        Column("action", Text, nullable=False),
        Column("action_owner", Text, nullable=False),
        Column("action_due", Date),
        Column("prior_action_done", Boolean, nullable=False),
        Column("source", Text, nullable=False),  # "app", or "file" (finance chose the file's)
        Column("author", Text, nullable=False),  # the user's name
        Column("author_name", Text, nullable=False),  # as shown
        Column("at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("period", "assignment_id", "revision",
                         name="uq_assessments_revision"),
        sqlite_autoincrement=True,
    )
    readiness = Table(
        "department_readiness", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("period", Text, nullable=False),
        Column("department", Text, nullable=False),
        Column("ready", Boolean, nullable=False),
        Column("by", Text, nullable=False),
        Column("by_name", Text, nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Index("ix_department_readiness_period", "period", "department", "id"),
        sqlite_autoincrement=True,
    )
    adoptions = Table(
        "adoptions", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("period", Text, nullable=False),
        Column("version", Integer, nullable=False),  # 1, then 2, ... for each correction
        Column("adopted_by", Text, nullable=False),
        Column("adopted_by_name", Text, nullable=False),
        Column("adopted_at", DateTime(timezone=True), nullable=False),
        Column("reason", Text),  # required from version 2 on
        Column("not_ready", Text, nullable=False),  # JSON: departments adopted while not ready
        Column("data_version", Integer, nullable=False),
        Column("assessment_cutoff", Integer, nullable=False),  # the last assessment id seen
        Column("thresholds", Text, nullable=False),  # JSON: the status limits then in force
        UniqueConstraint("period", "version", name="uq_adoptions_version"),
        sqlite_autoincrement=True,
    )
    adoption_slices = Table(
        "adoption_slices", md,
        Column("adoption_id", ForeignKey("adoptions.id"), primary_key=True,
               autoincrement=False),
        Column("dataset", Text, primary_key=True),
        Column("period", Text, primary_key=True),
        Column("import_id", ForeignKey("imports.id"), nullable=False),
    )
    return FollowUpTables(rounds, assessments, readiness, adoptions, adoption_slices)
