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

# a span with details: attributes, a concept, a note, provenance, or a codebook version past
# the first (empty JSON columns hold SQL NULL or JSON null, neither of which is <> 'null');
# SQLite uses ix_spans_details for a query only when its WHERE holds this very text
SPAN_DETAILS = ("attributes <> 'null' OR concept_pk IS NOT NULL OR note IS NOT NULL "
                "OR suggested <> 'null' OR codebook_version <> 1")

# Most spans name no concept, and every query through a concept index asks for one (an
# equality, a join): the index holds only the rows that name one (a query on
# `concept_pk = ?` implies this, so both databases use it), one entry less to write for
# every other span imported. Migration 0011 makes it so on PostgreSQL too; the model does
# not say `postgresql_where`: naming a dialect's option loads that dialect, and every
# process that loads these tables (each command, the app once its window is painted) then
# imported SQLAlchemy's PostgreSQL dialects, 27-65 ms, for SQLite projects as well.
NAMES_CONCEPT = "concept_pk IS NOT NULL"


def _concept_index(table: str) -> Index:
    return Index(f"ix_{table}_concept", "concept_pk", sqlite_where=text(NAMES_CONCEPT))


def _numbered(name: str, *columns: Column | Index | UniqueConstraint) -> Table:
    """A table whose rows are numbered by `id`, numbers never reused (SQLite's
    AUTOINCREMENT): redoing an undone insert cannot collide, and a position in the journal
    stays meaningful."""
    return Table(name, metadata, Column("id", Integer, primary_key=True), *columns,
                 sqlite_autoincrement=True)


def _codebook_item(name: str, *columns: Column) -> Table:
    """Labels, attributes, kinds of document label: by unique name, in the codebook's order
    (`position`); a retired one is kept for the work that has it, offered for no new work."""
    return Table(
        name, metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(200), unique=True, nullable=False),
        *columns,
        Column("position", Integer, nullable=False),
        Column("retired", Boolean, nullable=False, default=False, server_default=false()),
    )


def _document(**options) -> Column:
    """The document a row is about, which takes the row with it when deleted."""
    return Column("document_pk", ForeignKey("documents.pk", ondelete="CASCADE"), **options)


def _annotator(**options) -> Column:
    return Column("annotator_id", ForeignKey("annotators.id"), **options)


def _own_work(key: bool = False) -> tuple[Column, Column]:
    """Whose work on which document; with `key`, the row's primary key (one per
    annotator and document)."""
    if key:
        return _document(primary_key=True), _annotator(primary_key=True)
    return _document(nullable=False), _annotator(nullable=False)


def _place() -> tuple[Column, Column, Column]:
    """Where a span lies in its document's text (code points, end exclusive) and its
    label."""
    return (Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
            Column("label_id", ForeignKey("labels.id"), nullable=False))


def _details() -> tuple[Column, ...]:
    """What is said about a span: its attributes' values, the concept it expresses, a
    note."""
    return (Column("attributes", JSON), Column("concept_pk", ForeignKey("concepts.pk")),
            Column("note", Text))


# Project-wide values: the codebook's name, version and guidelines.
Table(
    "settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", JSON, nullable=True),
)


_codebook_item(
    "labels",
    Column("grp", String(200)),
    Column("color", String(7)),
    Column("hotkey", String(4)),
    Column("description", Text),
)
_codebook_item(
    "attributes",
    Column("vals", JSON),
    Column("labels", JSON),
    Column("required", Boolean, nullable=False, default=False),
)
_codebook_item("doc_label_schemes", Column("vals", JSON, nullable=False))


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


_numbered(
    "spans",
    *_own_work(),
    *_place(),
    *_details(),
    # the codebook version its annotator made or last changed it under
    Column("codebook_version", Integer, nullable=False, server_default=text("1")),
    # the suggestion the span was accepted from, as offered (core.proposals.Provenance)
    Column("suggested", JSON),
    # also the index of a document's spans and of one annotator's on it (its prefix)
    UniqueConstraint("document_pk", "annotator_id", "start", "end", "label_id",
                     name="uq_spans_key"),
    Index("ix_spans_label", "label_id"),
    _concept_index("spans"),
    # on SQLite, the spans that have details: a document's spans are read from the unique
    # key's index, and their rows only where this says (corpus_rows.span_rows_of)
    Index("ix_spans_details", "document_pk",
          sqlite_where=text(SPAN_DETAILS)).ddl_if(dialect="sqlite"),
)


_numbered(
    "doc_labels",
    *_own_work(),
    Column("name", String(200), nullable=False),
    Column("value", Text, nullable=False),
    UniqueConstraint("document_pk", "annotator_id", "name", name="uq_doc_labels_key"),
)


Table("statuses", metadata, *_own_work(key=True),
      Column("status", String(20), nullable=False))


Table("document_notes", metadata, *_own_work(key=True), Column("note", Text, nullable=False))


_numbered(
    "gold_spans",
    _document(nullable=False),
    *_place(),
    *_details(),
    Column("decided_by", ForeignKey("annotators.id"), nullable=False),
    Column("sources", JSON),
    Column("decided_at", String(40)),
    UniqueConstraint("document_pk", "start", "end", "label_id", name="uq_gold_spans_key"),
    Index("ix_gold_spans_label", "label_id"),
    _concept_index("gold_spans"),
)


Table(
    "gold_doc_labels", metadata,
    _document(primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("value", Text, nullable=False),
    Column("decided_by", ForeignKey("annotators.id"), nullable=False),
    Column("decided_at", String(40)),
)

# A reviewer's decision on a candidate span (accept, reject, reject_all, edit, add).
_numbered(
    "decisions",
    _document(nullable=False),
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
)

# One act of assigning: by hand or by a policy (its parameters), by whom, when; a
# calibration round can later name the batches that made its assignments.
_numbered(
    "assignment_batches",
    Column("at", String(40), nullable=False),
    Column("by", ForeignKey("annotators.id"), nullable=True),
    Column("policy", JSON, nullable=False),
)

# A document in an annotator's queue; `position` orders the queue.
Table(
    "assignments", metadata,
    *_own_work(key=True),
    Column("position", Integer, nullable=False),
    Column("batch_id", ForeignKey("assignment_batches.id")),
    Index("ix_assignments_annotator", "annotator_id", "position"),
)

# A stretch of active work by one annotator on one document: from the first to the last
# input event, with no pause longer than the idle limit in between.
_numbered(
    "activity",
    *_own_work(),
    Column("started", String(40), nullable=False),
    Column("ended", String(40), nullable=False),
    Column("seconds", Float, nullable=False),
    UniqueConstraint("document_pk", "annotator_id", "started", name="uq_activity_key"),
    Index("ix_activity_annotator", "annotator_id"),
)

# The action log: what each user did, with the row changes that undo and redo replay.
_numbered(
    "actions",
    Column("actor_id", ForeignKey("annotators.id"), nullable=True),
    Column("at", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    _document(),
    Column("summary", Text),
    Column("changes", JSON),
    # done | undone | discarded (an undone action that a newer action made unredoable)
    Column("state", String(12), nullable=False, default="done"),
    Index("ix_actions_actor_state", "actor_id", "state"),
)

# What each write transaction changed, one row per (kind, document, whose work), so
# that other processes' views can ask what changed since they last looked
# (store/journal.py). `origin` is the writing Store, so a window skips its own.
_numbered(
    "journal",
    Column("at", String(40), nullable=False),
    Column("origin", String(32), nullable=False),
    Column("kind", String(20), nullable=False),
    _document(),
    Column("owner_id", ForeignKey("annotators.id")),
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
_numbered(
    "rounds",
    Column("name", String(200), unique=True, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("created_by", ForeignKey("annotators.id"), nullable=True),
    Column("codebook_version", Integer),
    Column("description", Text),
)


Table(
    "round_documents", metadata,
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    _document(primary_key=True),
    Column("position", Integer, nullable=False),
)


# A proposed span from a source (a file, a command, a recommender): nobody's annotation.
# `annotator_id`: offered to that annotator only; NULL: to everyone.
_numbered(
    "suggestions",
    _document(nullable=False),
    Column("source", String(200), nullable=False),
    *_place(),
    Column("score", Float),
    Column("attributes", JSON),
    Column("concept_pk", ForeignKey("concepts.pk", ondelete="SET NULL")),
    _annotator(),
    Index("ix_suggestions_document", "document_pk"),
    Index("ix_suggestions_source", "source"),
)


# An annotator's no to the suggestion (start, end, label) on a document, whatever its
# source: that suggestion is not offered to them again.
_numbered(
    "suggestion_rejections",
    *_own_work(),
    *_place(),
    Column("at", String(40)),
    UniqueConstraint("document_pk", "annotator_id", "start", "end", "label_id",
                     name="uq_suggestion_rejections_key"),
)


T = metadata.tables  # Core tables by name, for queries and bulk writes
