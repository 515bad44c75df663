"""The database schema as SQLAlchemy Core tables.

Services and queries use these tables (``T["spans"]`` …); nothing builds ORM objects, so
``sqlalchemy.orm`` is never imported (it is a fifth of the window's start-up). db/versions
holds the same schema as Alembic migrations, and a test checks that the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)


def _text_length(context) -> int:
    return len(context.get_current_parameters()["text"])


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


# Project-wide values: the codebook's name, version and guidelines.
Table(
    "settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", JSON, nullable=True),
)


Table(
    "labels", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), unique=True, nullable=False),
    Column("grp", String(200)),
    Column("color", String(7)),
    Column("hotkey", String(4)),
    Column("description", Text),
    Column("position", Integer, nullable=False),
    # retired: kept for the work that has it, offered for no new work
    Column("retired", Boolean, nullable=False, default=False, server_default=false()),
)


Table(
    "attributes", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), unique=True, nullable=False),
    Column("vals", JSON),
    Column("labels", JSON),
    Column("required", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False),
    # retired: kept for the work that has it, offered for no new work
    Column("retired", Boolean, nullable=False, default=False, server_default=false()),
)


Table(
    "doc_label_schemes", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), unique=True, nullable=False),
    Column("vals", JSON, nullable=False),
    Column("position", Integer, nullable=False),
    # retired: kept for the work that has it, offered for no new work
    Column("retired", Boolean, nullable=False, default=False, server_default=false()),
)


Table(
    "concepts", metadata,
    Column("pk", Integer, primary_key=True),
    Column("id", String(400), unique=True, nullable=False),
    Column("name", Text),
    Column("type", String(200)),
    Column("event", String(400)),
    Column("description", Text),
)

# A document; `pk` order is the order of first import (the export order).
Table(
    "documents", metadata,
    Column("pk", Integer, primary_key=True),
    Column("id", String(400), unique=True, nullable=False),
    Column("text", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("title", Text),
    Column("source", String(400)),
    Column("url", Text),
    Column("published", String(64)),
    Column("author", Text),
    Column("event", String(400)),
    Column("meta", JSON),
    # characters (code points) of `text`, so that listing documents reads no text; every
    # Core insert that leaves it out gets it from the text
    Column("length", Integer, default=_text_length),
    Index("ix_documents_event", "event"),
    # SQLite keeps a row's columns after its text behind the text's overflow pages: the
    # document list reads its columns from here instead (PostgreSQL stores long texts
    # apart, and would refuse a long title in an index)
    Index("ix_documents_listed", "pk", "id", "title", "source", "event", "published",
          "length").ddl_if(dialect="sqlite"),
)


Table(
    "annotators", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), unique=True, nullable=False),
    Column("role", String(20), nullable=False, default="annotator"),
)


Table(
    "spans", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("annotator_id", ForeignKey("annotators.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label_id", ForeignKey("labels.id"), nullable=False),
    Column("attributes", JSON),
    Column("concept_pk", ForeignKey("concepts.pk")),
    Column("note", Text),
    # the codebook version its annotator made or last changed it under
    Column("codebook_version", Integer, nullable=False, server_default=text("1")),
    # the suggestion the span was accepted from, as offered (core.model.Provenance)
    Column("suggested", JSON),
    UniqueConstraint("document_pk", "annotator_id", "start", "end", "label_id",
                     name="uq_spans_key"),
    Index("ix_spans_document_annotator", "document_pk", "annotator_id"),
    Index("ix_spans_label", "label_id"),
    Index("ix_spans_concept", "concept_pk"),
    # ids are never reused, so redoing an undone insert cannot collide
    sqlite_autoincrement=True,
)


Table(
    "doc_labels", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("annotator_id", ForeignKey("annotators.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("value", Text, nullable=False),
    UniqueConstraint("document_pk", "annotator_id", "name", name="uq_doc_labels_key"),
    sqlite_autoincrement=True,
)


Table(
    "statuses", metadata,
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True),
    Column("annotator_id", ForeignKey("annotators.id"), primary_key=True),
    Column("status", String(20), nullable=False),
)


Table(
    "document_notes", metadata,
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True),
    Column("annotator_id", ForeignKey("annotators.id"), primary_key=True),
    Column("note", Text, nullable=False),
)


Table(
    "gold_spans", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label_id", ForeignKey("labels.id"), nullable=False),
    Column("attributes", JSON),
    Column("concept_pk", ForeignKey("concepts.pk")),
    Column("note", Text),
    Column("decided_by", ForeignKey("annotators.id"), nullable=False),
    Column("sources", JSON),
    Column("decided_at", String(40)),
    UniqueConstraint("document_pk", "start", "end", "label_id", name="uq_gold_spans_key"),
    Index("ix_gold_spans_label", "label_id"),
    Index("ix_gold_spans_concept", "concept_pk"),
    sqlite_autoincrement=True,
)


Table(
    "gold_doc_labels", metadata,
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("value", Text, nullable=False),
    Column("decided_by", ForeignKey("annotators.id"), nullable=False),
    Column("decided_at", String(40)),
)

# A reviewer's decision on a candidate span (accept, reject, reject_all, edit, add).
Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("reviewer_id", ForeignKey("annotators.id"), nullable=False),
    Column("at", String(40), nullable=False),
    Column("decision", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label", String(200)),
    Column("annotators", JSON),
    # the gold span the decision made; cleared (logged, so undo restores it) when that
    # gold span is taken out
    Column("gold_span_id", ForeignKey("gold_spans.id", ondelete="SET NULL")),
    Column("details", JSON),
    Index("ix_decisions_document", "document_pk"),
    sqlite_autoincrement=True,
)

# One act of assigning: by hand or by a policy (its parameters), by whom, when; a
# calibration round can later name the batches that made its assignments.
Table(
    "assignment_batches", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("by", ForeignKey("annotators.id"), nullable=True),
    Column("policy", JSON, nullable=False),
    sqlite_autoincrement=True,
)

# A document in an annotator's queue; `position` orders the queue.
Table(
    "assignments", metadata,
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True),
    Column("annotator_id", ForeignKey("annotators.id"), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("batch_id", ForeignKey("assignment_batches.id")),
    Index("ix_assignments_annotator", "annotator_id", "position"),
)

# A stretch of active work by one annotator on one document: from the first to the last
# input event, with no pause longer than the idle limit in between.
Table(
    "activity", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("annotator_id", ForeignKey("annotators.id"), nullable=False),
    Column("started", String(40), nullable=False),
    Column("ended", String(40), nullable=False),
    Column("seconds", Float, nullable=False),
    UniqueConstraint("document_pk", "annotator_id", "started", name="uq_activity_key"),
    Index("ix_activity_annotator", "annotator_id"),
    sqlite_autoincrement=True,
)

# The action log: what each user did, with the row changes that undo and redo replay.
Table(
    "actions", metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", ForeignKey("annotators.id"), nullable=True),
    Column("at", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE")),
    Column("summary", Text),
    Column("changes", JSON),
    # done | undone | discarded (an undone action that a newer action made unredoable)
    Column("state", String(12), nullable=False, default="done"),
    Index("ix_actions_actor_state", "actor_id", "state"),
    sqlite_autoincrement=True,
)

# What each write transaction changed, one row per (kind, document, whose work), so
# that other processes' views can ask what changed since they last looked
# (store/journal.py). `origin` is the writing Store, so a window skips its own.
Table(
    "journal", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("origin", String(32), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE")),
    Column("owner_id", ForeignKey("annotators.id")),
    # ids are never reused, so a reader's position in the journal stays meaningful
    sqlite_autoincrement=True,
)

# One version of the codebook: each change to it (an edit, an import, an undo) makes the
# next; never undone or deleted, so a number always means one codebook.
Table(
    "codebook_versions", metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor_id", ForeignKey("annotators.id"), nullable=True),
    Column("summary", Text, nullable=False),
    Column("changes", JSON),  # what changed, item by item
    Column("codebook", JSON),  # the whole codebook then
)


# A calibration round: documents everyone codes, then agreement, then a revised codebook;
# `codebook_version` is the version it was started under.
Table(
    "rounds", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), unique=True, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("created_by", ForeignKey("annotators.id"), nullable=True),
    Column("codebook_version", Integer),
    Column("description", Text),
    sqlite_autoincrement=True,
)


Table(
    "round_documents", metadata,
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
)


# A proposed span from a source (a file, a command, a recommender): nobody's annotation.
# `annotator_id`: offered to that annotator only; NULL: to everyone.
Table(
    "suggestions", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("source", String(200), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label_id", ForeignKey("labels.id"), nullable=False),
    Column("score", Float),
    Column("attributes", JSON),
    Column("concept_pk", ForeignKey("concepts.pk", ondelete="SET NULL")),
    Column("annotator_id", ForeignKey("annotators.id")),
    Index("ix_suggestions_document", "document_pk"),
    Index("ix_suggestions_source", "source"),
    sqlite_autoincrement=True,
)


# An annotator's no to the suggestion (start, end, label) on a document, whatever its
# source: that suggestion is not offered to them again.
Table(
    "suggestion_rejections", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("annotator_id", ForeignKey("annotators.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label_id", ForeignKey("labels.id"), nullable=False),
    Column("at", String(40)),
    UniqueConstraint("document_pk", "annotator_id", "start", "end", "label_id",
                     name="uq_suggestion_rejections_key"),
    sqlite_autoincrement=True,
)


T = metadata.tables  # Core tables by name, for queries and bulk writes
