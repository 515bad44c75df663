"""documents: each text's length in characters (code points), stored

The document list shows every document's length; computed as it is read, it made the
database read every text (70 MB at 10,000 documents) each time the list was shown. Texts
never change once imported, so the length is written with the text and filled here for
the documents already stored.

Revision ID: 0008
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("length", sa.Integer(), nullable=True))
    # SQLite's and PostgreSQL's length() of a text both count characters (code points)
    op.execute("UPDATE documents SET length = length(text)")


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("length")
