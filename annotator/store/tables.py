"""The database schema as SQLAlchemy 2.x declarative models.

Services and queries use the Core tables (``Model.__table__``); bulk paths never build
ORM objects per row. db/versions holds the same schema as Alembic migrations, and a
test checks that the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _doc_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False)


def _annotator_fk(nullable: bool = False) -> Mapped[int]:
    return mapped_column(ForeignKey("annotators.id"), nullable=nullable)


class Setting(Base):
    """Project-wide values: the codebook's name, version and guidelines."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON, nullable=True)


class LabelRow(Base):
    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    group: Mapped[str | None] = mapped_column("grp", String(200))
    color: Mapped[str | None] = mapped_column(String(7))
    hotkey: Mapped[str | None] = mapped_column(String(4))
    description: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class AttributeRow(Base):
    __tablename__ = "attributes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    values: Mapped[list | None] = mapped_column("vals", JSON)
    labels: Mapped[list | None] = mapped_column(JSON)
    required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class DocLabelSchemeRow(Base):
    __tablename__ = "doc_label_schemes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    values: Mapped[list] = mapped_column("vals", JSON, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class ConceptRow(Base):
    __tablename__ = "concepts"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(400), unique=True, nullable=False)
    name: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(200))
    event: Mapped[str | None] = mapped_column(String(400))
    description: Mapped[str | None] = mapped_column(Text)


class DocumentRow(Base):
    """A document; `pk` order is the order of first import (the export order)."""

    __tablename__ = "documents"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(400), unique=True, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(400))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))
    author: Mapped[str | None] = mapped_column(Text)
    event: Mapped[str | None] = mapped_column(String(400))
    meta: Mapped[dict | None] = mapped_column(JSON)
    __table_args__ = (Index("ix_documents_event", "event"),)


class AnnotatorRow(Base):
    __tablename__ = "annotators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="annotator")


class SpanRow(Base):
    __tablename__ = "spans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _doc_fk()
    annotator_id: Mapped[int] = _annotator_fk()
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"), nullable=False)
    attributes: Mapped[dict | None] = mapped_column(JSON)
    concept_pk: Mapped[int | None] = mapped_column(ForeignKey("concepts.pk"))
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        UniqueConstraint("document_pk", "annotator_id", "start", "end", "label_id",
                         name="uq_spans_key"),
        Index("ix_spans_document_annotator", "document_pk", "annotator_id"),
        Index("ix_spans_label", "label_id"),
        Index("ix_spans_concept", "concept_pk"),
        # ids are never reused, so redoing an undone insert cannot collide
        {"sqlite_autoincrement": True},
    )


class DocLabelRow(Base):
    __tablename__ = "doc_labels"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _doc_fk()
    annotator_id: Mapped[int] = _annotator_fk()
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False)
    __table_args__ = (
        UniqueConstraint("document_pk", "annotator_id", "name", name="uq_doc_labels_key"),
        {"sqlite_autoincrement": True},
    )


class StatusRow(Base):
    __tablename__ = "statuses"
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"),
                                             primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False)


class DocumentNoteRow(Base):
    __tablename__ = "document_notes"
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"),
                                             primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), primary_key=True)
    note: Mapped[str] = mapped_column(Text, nullable=False)


class GoldSpanRow(Base):
    __tablename__ = "gold_spans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _doc_fk()
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"), nullable=False)
    attributes: Mapped[dict | None] = mapped_column(JSON)
    concept_pk: Mapped[int | None] = mapped_column(ForeignKey("concepts.pk"))
    note: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[int] = _annotator_fk()
    sources: Mapped[list | None] = mapped_column(JSON)
    decided_at: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        UniqueConstraint("document_pk", "start", "end", "label_id", name="uq_gold_spans_key"),
        Index("ix_gold_spans_label", "label_id"),
        Index("ix_gold_spans_concept", "concept_pk"),
        {"sqlite_autoincrement": True},
    )


class GoldDocLabelRow(Base):
    __tablename__ = "gold_doc_labels"
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"),
                                             primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
    decided_by: Mapped[int] = _annotator_fk()
    decided_at: Mapped[str | None] = mapped_column(String(40))


class DecisionRow(Base):
    """A reviewer's decision on a candidate span (accept, reject, reject_all, edit, add)."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _doc_fk()
    reviewer_id: Mapped[int] = _annotator_fk()
    at: Mapped[str] = mapped_column(String(40), nullable=False)
    decision: Mapped[str] = mapped_column(String(20), nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    label: Mapped[str | None] = mapped_column(String(200))
    annotators: Mapped[list | None] = mapped_column(JSON)
    # the gold span the decision made; cleared (logged, so undo restores it) when that
    # gold span is taken out
    gold_span_id: Mapped[int | None] = mapped_column(
        ForeignKey("gold_spans.id", ondelete="SET NULL"))
    details: Mapped[dict | None] = mapped_column(JSON)
    __table_args__ = (
        Index("ix_decisions_document", "document_pk"),
        {"sqlite_autoincrement": True},
    )


class AssignmentBatchRow(Base):
    """One act of assigning: by hand or by a policy (its parameters), by whom, when; a
    calibration round can later name the batches that made its assignments."""

    __tablename__ = "assignment_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40), nullable=False)
    by: Mapped[int | None] = _annotator_fk(nullable=True)
    policy: Mapped[dict] = mapped_column(JSON, nullable=False)
    __table_args__ = ({"sqlite_autoincrement": True},)


class AssignmentRow(Base):
    """A document in an annotator's queue; `position` orders the queue."""

    __tablename__ = "assignments"
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"),
                                             primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("assignment_batches.id"))
    __table_args__ = (Index("ix_assignments_annotator", "annotator_id", "position"),)


class ActivityRow(Base):
    """A stretch of active work by one annotator on one document: from the first to the
    last input event, with no pause longer than the idle limit in between."""

    __tablename__ = "activity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _doc_fk()
    annotator_id: Mapped[int] = _annotator_fk()
    started: Mapped[str] = mapped_column(String(40), nullable=False)
    ended: Mapped[str] = mapped_column(String(40), nullable=False)
    seconds: Mapped[float] = mapped_column(Float, nullable=False)
    __table_args__ = (
        UniqueConstraint("document_pk", "annotator_id", "started", name="uq_activity_key"),
        Index("ix_activity_annotator", "annotator_id"),
        {"sqlite_autoincrement": True},
    )


class ActionRow(Base):
    """The action log: what each user did, with the row changes that undo and redo replay."""

    __tablename__ = "actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int | None] = _annotator_fk(nullable=True)
    at: Mapped[str] = mapped_column(String(40), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    document_pk: Mapped[int | None] = mapped_column(
        ForeignKey("documents.pk", ondelete="CASCADE"))
    summary: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[list | None] = mapped_column(JSON)
    # done | undone | discarded (an undone action that a newer action made unredoable)
    state: Mapped[str] = mapped_column(String(12), nullable=False, default="done")
    __table_args__ = (
        Index("ix_actions_actor_state", "actor_id", "state"),
        {"sqlite_autoincrement": True},
    )


class JournalRow(Base):
    """What each write transaction changed, one row per (kind, document, whose work), so
    that other processes' views can ask what changed since they last looked
    (store/journal.py). `origin` is the writing Store, so a window skips its own."""

    __tablename__ = "journal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40), nullable=False)
    origin: Mapped[str] = mapped_column(String(32), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    document_pk: Mapped[int | None] = mapped_column(
        ForeignKey("documents.pk", ondelete="CASCADE"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("annotators.id"))
    # ids are never reused, so a reader's position in the journal stays meaningful
    __table_args__ = ({"sqlite_autoincrement": True},)


metadata = Base.metadata
T = metadata.tables  # Core tables by name, for queries and bulk writes
