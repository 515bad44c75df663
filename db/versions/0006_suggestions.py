"""suggestions: proposed spans from files, commands and recommenders; the annotators'
rejections of them; and on each span the suggestion it was accepted from

Suggestions are a table of their own, never spans, so that nothing that counts
annotations (agreement, adjudication, exports, progress) can count one by mistake.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("spans", sa.Column("suggested", sa.JSON(), nullable=True))
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=True),
        sa.Column("concept_pk", sa.Integer(), nullable=True),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["annotator_id"], ["annotators.id"],
                                name=op.f("fk_suggestions_annotator_id_annotators")),
        sa.ForeignKeyConstraint(["concept_pk"], ["concepts.pk"],
                                name=op.f("fk_suggestions_concept_pk_concepts"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"],
                                name=op.f("fk_suggestions_document_pk_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["label_id"], ["labels.id"],
                                name=op.f("fk_suggestions_label_id_labels")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestions")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_suggestions_document", "suggestions", ["document_pk"])
    op.create_index("ix_suggestions_source", "suggestions", ["source"])
    op.create_table(
        "suggestion_rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["annotator_id"], ["annotators.id"],
                                name=op.f("fk_suggestion_rejections_annotator_id_annotators")),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"],
                                name=op.f("fk_suggestion_rejections_document_pk_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["label_id"], ["labels.id"],
                                name=op.f("fk_suggestion_rejections_label_id_labels")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_rejections")),
        sa.UniqueConstraint("document_pk", "annotator_id", "start", "end", "label_id",
                            name="uq_suggestion_rejections_key"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("suggestion_rejections")
    op.drop_index("ix_suggestions_source", table_name="suggestions")
    op.drop_index("ix_suggestions_document", table_name="suggestions")
    op.drop_table("suggestions")
    with op.batch_alter_table("spans") as batch_op:
        batch_op.drop_column("suggested")
