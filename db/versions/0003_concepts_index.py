"""index spans and gold spans by concept

Merging, deleting and counting the uses of a concept look its spans up across all
documents (and SQLite checks the foreign key on every concept deleted).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("spans") as batch_op:
        batch_op.create_index("ix_spans_concept", ["concept_pk"], unique=False)
    with op.batch_alter_table("gold_spans") as batch_op:
        batch_op.create_index("ix_gold_spans_concept", ["concept_pk"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("gold_spans") as batch_op:
        batch_op.drop_index("ix_gold_spans_concept")
    with op.batch_alter_table("spans") as batch_op:
        batch_op.drop_index("ix_spans_concept")
