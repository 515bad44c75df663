"""assignments, their batches, annotators' active time, and a project id

Documents assigned to annotators (a queue each), the act that assigned them (by hand or
by a policy, kept so that a calibration round can name its assignments), stretches of
active work per annotator and document, and a stable id for an existing project, so that
a hand-out package can say which project it belongs to.

Revision ID: 0007
Revises: 0004
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignment_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("by", sa.Integer(), nullable=True),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["by"], ["annotators.id"],
                                name=op.f("fk_assignment_batches_by_annotators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_batches")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "assignments",
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["annotator_id"], ["annotators.id"],
                                name=op.f("fk_assignments_annotator_id_annotators")),
        sa.ForeignKeyConstraint(["batch_id"], ["assignment_batches.id"],
                                name=op.f("fk_assignments_batch_id_assignment_batches")),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE",
                                name=op.f("fk_assignments_document_pk_documents")),
        sa.PrimaryKeyConstraint("document_pk", "annotator_id", name=op.f("pk_assignments")),
    )
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.create_index("ix_assignments_annotator", ["annotator_id", "position"],
                              unique=False)
    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("started", sa.String(length=40), nullable=False),
        sa.Column("ended", sa.String(length=40), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["annotator_id"], ["annotators.id"],
                                name=op.f("fk_activity_annotator_id_annotators")),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], ondelete="CASCADE",
                                name=op.f("fk_activity_document_pk_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
        sa.UniqueConstraint("document_pk", "annotator_id", "started",
                            name="uq_activity_key"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("activity") as batch_op:
        batch_op.create_index("ix_activity_annotator", ["annotator_id"], unique=False)
    # An existing project (its codebook is in the settings) gets its id now; a new one
    # gets it when it is made (services.project), and a copy brings its source's.
    settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.JSON))
    if op.get_bind().execute(sa.select(sa.func.count()).select_from(settings)).scalar():
        op.bulk_insert(settings, [{"key": "project_id", "value": str(uuid.uuid4())}])


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE key = 'project_id'")
    with op.batch_alter_table("activity") as batch_op:
        batch_op.drop_index("ix_activity_annotator")
    op.drop_table("activity")
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.drop_index("ix_assignments_annotator")
    op.drop_table("assignments")
    op.drop_table("assignment_batches")
