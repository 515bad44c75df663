"""a foreign key from decisions to the gold span they made; the change journal

decisions.gold_span_id could point at a gold span that no longer exists (an undo that
deleted it). Dangling links are cleared, then the column refers to gold_spans with ON
DELETE SET NULL. SQLite rebuilds the table (batch mode), keeping its AUTOINCREMENT counter
so that ids of undone decisions are never given out again.

The journal records what each write changed, for other processes' views.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    op.execute("UPDATE decisions SET gold_span_id = NULL WHERE gold_span_id IS NOT NULL "
               "AND gold_span_id NOT IN (SELECT id FROM gold_spans)")
    counter = conn.exec_driver_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = 'decisions'").scalar() if sqlite else None
    with op.batch_alter_table("decisions", table_kwargs={"sqlite_autoincrement": True}) \
            as batch_op:
        batch_op.create_foreign_key(op.f("fk_decisions_gold_span_id_gold_spans"),
                                    "gold_spans", ["gold_span_id"], ["id"],
                                    ondelete="SET NULL")
    if counter is not None:
        conn.exec_driver_sql("UPDATE sqlite_sequence SET seq = ? WHERE name = 'decisions'",
                             (counter,))
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"],
                                name=op.f("fk_journal_document_pk_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["annotators.id"],
                                name=op.f("fk_journal_owner_id_annotators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("journal")
    with op.batch_alter_table("decisions", table_kwargs={"sqlite_autoincrement": True}) \
            as batch_op:
        batch_op.drop_constraint(op.f("fk_decisions_gold_span_id_gold_spans"),
                                 type_="foreignkey")
