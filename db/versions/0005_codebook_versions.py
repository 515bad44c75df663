"""codebook versions, retired codebook items, the version each span was made under, and
calibration rounds

Every change to the codebook becomes a numbered version (who, when, what changed, and
the whole codebook then); an existing project's codebook is version 1, and so is every
span it holds. Labels, attributes and kinds of document label can be retired (kept for
the spans that have them, offered for no new one). A calibration round names documents
whose agreement is looked at on its own.

It comes after 0007 (assignments), which reached the project first: the chain stays
linear, so a project already at 0007 gets this one next.

Revision ID: 0005
Revises: 0007
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("labels", "attributes", "doc_label_schemes"):
        op.add_column(table, sa.Column("retired", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    # a plain ADD COLUMN: SQLite need not rebuild the table (nor reset its id counter)
    op.add_column("spans", sa.Column("codebook_version", sa.Integer(), nullable=False,
                                     server_default=sa.text("1")))
    versions = op.create_table(
        "codebook_versions",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.Column("codebook", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["annotators.id"],
                                name=op.f("fk_codebook_versions_actor_id_annotators")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_codebook_versions")),
    )
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("codebook_version", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["annotators.id"],
                                name=op.f("fk_rounds_created_by_annotators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("name", name=op.f("uq_rounds_name")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "round_documents",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("document_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"],
                                name=op.f("fk_round_documents_document_pk_documents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"],
                                name=op.f("fk_round_documents_round_id_rounds"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("round_id", "document_pk", name=op.f("pk_round_documents")),
    )
    snapshot = _codebook_now(op.get_bind())
    if snapshot is not None:  # a project, not a database being created
        op.bulk_insert(versions, [{
            "number": 1, "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "actor_id": None, "summary": "The codebook as it was when versions began",
            "changes": None, "codebook": snapshot}])


def _codebook_now(conn) -> dict | None:
    """The stored codebook as shared/spec/codebook.md's keys (what a version keeps)."""
    labels = conn.execute(sa.text(
        "SELECT name, grp, color, hotkey, description FROM labels ORDER BY position, id")
    ).all()
    if not labels:
        return None
    meta = sa.MetaData()
    settings = sa.Table("settings", meta, sa.Column("key", sa.String), sa.Column("value", sa.JSON))
    attributes = sa.Table("attributes", meta, sa.Column("id", sa.Integer),
                          sa.Column("name", sa.String), sa.Column("vals", sa.JSON),
                          sa.Column("labels", sa.JSON), sa.Column("required", sa.Boolean),
                          sa.Column("position", sa.Integer))
    schemes = sa.Table("doc_label_schemes", meta, sa.Column("id", sa.Integer),
                       sa.Column("name", sa.String), sa.Column("vals", sa.JSON),
                       sa.Column("position", sa.Integer))
    found = dict(conn.execute(sa.select(settings.c.key, settings.c.value)).all())
    out: dict = {"name": found.get("codebook_name") or "Codebook", "version": 1}
    if found.get("codebook_guidelines"):
        out["guidelines"] = found["codebook_guidelines"]
    out["labels"] = [_compact({"name": r.name, "group": r.grp, "color": r.color,
                               "hotkey": r.hotkey, "description": r.description})
                     for r in labels]
    out["attributes"] = [
        _compact({"name": r.name, "values": r.vals or None, "labels": r.labels,
                  "required": True if r.required else None})
        for r in conn.execute(sa.select(attributes).order_by(attributes.c.position,
                                                             attributes.c.id))]
    out["doc_labels"] = [
        _compact({"name": r.name, "values": r.vals or None})
        for r in conn.execute(sa.select(schemes).order_by(schemes.c.position, schemes.c.id))]
    return out


def _compact(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None and v != ""}


def downgrade() -> None:
    op.drop_table("round_documents")
    op.drop_table("rounds")
    op.drop_table("codebook_versions")
    with op.batch_alter_table("spans") as batch_op:
        batch_op.drop_column("codebook_version")
    for table in ("labels", "attributes", "doc_label_schemes"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("retired")
