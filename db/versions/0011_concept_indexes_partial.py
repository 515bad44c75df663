"""spans, gold spans: their concept indexes hold only the rows that name a concept

Most spans name no concept, yet each had an entry in ix_spans_concept: one more index entry
written per span imported (a fiftieth of the instructions of importing 1,000 documents with
100,000 spans), for rows no query looks up through it. Every query through it asks for one
concept (`concept_pk = ?`, a join on it), which implies `concept_pk IS NOT NULL`: SQLite and
PostgreSQL answer it from the partial index as before.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# as store/tables.py's NAMES_CONCEPT (a migration keeps its own copy)
NAMES_CONCEPT = "concept_pk IS NOT NULL"
TABLES = ("spans", "gold_spans")


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_concept", table_name=table)
        op.create_index(f"ix_{table}_concept", table, ["concept_pk"],
                        sqlite_where=sa.text(NAMES_CONCEPT),
                        postgresql_where=sa.text(NAMES_CONCEPT))


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_concept", table_name=table)
        op.create_index(f"ix_{table}_concept", table, ["concept_pk"])
