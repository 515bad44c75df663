"""documents: each text's length in characters (code points), stored

The document list shows every document's length; computed as it is read, it made the
database read every text (70 MB at 10,000 documents) each time the list was shown. Texts
never change once imported, so the length is written with the text and filled here for
the documents already stored; on SQLite the list's columns are indexed as well.

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
    if op.get_bind().dialect.name == "sqlite":
        # SQLite reads a row's columns after its text only past the text's overflow
        # pages: the list's columns, indexed, are read without the texts
        op.create_index("ix_documents_listed", "documents",
                        ["pk", "id", "title", "source", "event", "published", "length"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_documents_listed", table_name="documents")
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("length")
