"""index spans and gold spans by label

Label filters (agreement --label, exports --label) and renaming a label in the codebook
look spans up by label across all documents.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("spans") as batch_op:
        batch_op.create_index("ix_spans_label", ["label_id"], unique=False)
    with op.batch_alter_table("gold_spans") as batch_op:
        batch_op.create_index("ix_gold_spans_label", ["label_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("gold_spans") as batch_op:
        batch_op.drop_index("ix_gold_spans_label")
    with op.batch_alter_table("spans") as batch_op:
        batch_op.drop_index("ix_spans_label")
