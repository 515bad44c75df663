"""Small indexed reads the interactive services need: ids by name, one document's layers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from annotator.core.errors import InputError
from annotator.core.model import DocLabel, Document, GoldSpan, Span
from annotator.store.corpus_rows import document_from_row
from annotator.store.tables import T


@dataclass(frozen=True)
class DocumentSummary:
    """A row of the document list; status and counts are one annotator's (blind)."""

    pk: int
    id: str
    title: str | None
    source: str | None
    event: str | None
    published: str | None
    length: int
    status: str | None  # None: not started
    spans: int
    gold: int


def document_pk(conn: Connection, doc_id: str) -> int:
    pk = conn.execute(select(T["documents"].c.pk).where(T["documents"].c.id == doc_id)).scalar()
    if pk is None:
        raise InputError(f"no document {doc_id!r} in the project")
    return pk


def document_length(conn: Connection, pk: int) -> int:
    return conn.execute(select(func.length(T["documents"].c.text))
                        .where(T["documents"].c.pk == pk)).scalar_one()


def annotator_id(conn: Connection, name: str) -> int | None:
    return conn.execute(select(T["annotators"].c.id)
                        .where(T["annotators"].c.name == name)).scalar()


def annotator_roles(conn: Connection) -> dict[str, str]:
    """Everyone in the project, name → role, by name."""
    a = T["annotators"]
    return dict(conn.execute(select(a.c.name, a.c.role).order_by(a.c.name)).all())


def label_id(conn: Connection, name: str) -> int:
    lid = conn.execute(select(T["labels"].c.id).where(T["labels"].c.name == name)).scalar()
    if lid is None:
        raise InputError(f"the codebook has no label {name!r}")
    return lid


def concept_pk(conn: Connection, concept: str | None) -> int | None:
    if concept is None:
        return None
    pk = conn.execute(select(T["concepts"].c.pk).where(T["concepts"].c.id == concept)).scalar()
    if pk is None:
        raise InputError(f"no concept {concept!r} in the project")
    return pk


def get_document(conn: Connection, doc_id: str) -> Document:
    row = conn.execute(select(T["documents"]).where(T["documents"].c.id == doc_id)).first()
    if row is None:
        raise InputError(f"no document {doc_id!r} in the project")
    return document_from_row(row)


def list_documents(conn: Connection, annotator: str | None) -> list[DocumentSummary]:
    """Every document in import order, with `annotator`'s status and span count."""
    d, s, st, g = T["documents"], T["spans"], T["statuses"], T["gold_spans"]
    aid = annotator_id(conn, annotator) if annotator else None
    span_counts = dict(conn.execute(
        select(s.c.document_pk, func.count()).where(s.c.annotator_id == aid)
        .group_by(s.c.document_pk)).all()) if aid is not None else {}
    statuses = dict(conn.execute(
        select(st.c.document_pk, st.c.status).where(st.c.annotator_id == aid)).all()
    ) if aid is not None else {}
    gold_counts = dict(conn.execute(
        select(g.c.document_pk, func.count()).group_by(g.c.document_pk)).all())
    rows = conn.execute(select(d.c.pk, d.c.id, d.c.title, d.c.source, d.c.event,
                               d.c.published, func.length(d.c.text).label("length"))
                        .order_by(d.c.pk)).all()
    return [DocumentSummary(r.pk, r.id, r.title, r.source, r.event, r.published, r.length,
                            statuses.get(r.pk), span_counts.get(r.pk, 0),
                            gold_counts.get(r.pk, 0)) for r in rows]


def spans_of(conn: Connection, doc_pk: int, annotator: str | None = None) -> list[Span]:
    """The spans on a document, of one annotator (blind) or of everyone (None)."""
    s, a, lab, c = T["spans"], T["annotators"], T["labels"], T["concepts"]
    query = (select(s.c.id, a.c.name.label("annotator"), s.c.start, s.c.end,
                    lab.c.name.label("label"), s.c.attributes, c.c.id.label("concept"),
                    s.c.note)
             .join(a, a.c.id == s.c.annotator_id).join(lab, lab.c.id == s.c.label_id)
             .outerjoin(c, c.c.pk == s.c.concept_pk)
             .where(s.c.document_pk == doc_pk).order_by(s.c.start, s.c.end, s.c.id))
    if annotator is not None:
        query = query.where(a.c.name == annotator)
    return [Span(r.annotator, r.start, r.end, r.label, r.attributes or {}, r.concept, r.note,
                 r.id) for r in conn.execute(query)]


def gold_of(conn: Connection, doc_pk: int) -> list[GoldSpan]:
    g, a, lab, c = T["gold_spans"], T["annotators"], T["labels"], T["concepts"]
    query = (select(g.c.id, a.c.name.label("decided_by"), g.c.start, g.c.end,
                    lab.c.name.label("label"), g.c.attributes, c.c.id.label("concept"),
                    g.c.note, g.c.sources)
             .join(a, a.c.id == g.c.decided_by).join(lab, lab.c.id == g.c.label_id)
             .outerjoin(c, c.c.pk == g.c.concept_pk)
             .where(g.c.document_pk == doc_pk).order_by(g.c.start, g.c.end, g.c.id))
    return [GoldSpan(r.decided_by, r.start, r.end, r.label, r.attributes or {}, r.concept,
                     r.note, tuple(r.sources or ()), r.id) for r in conn.execute(query)]


def doc_labels_of(conn: Connection, doc_pk: int, annotator: str | None) -> list[DocLabel]:
    d, a = T["doc_labels"], T["annotators"]
    query = (select(a.c.name, d.c.name.label("dname"), d.c.value)
             .join(a, a.c.id == d.c.annotator_id).where(d.c.document_pk == doc_pk)
             .order_by(a.c.name, d.c.name))
    if annotator is not None:
        query = query.where(a.c.name == annotator)
    return [DocLabel(r.name, r.dname, r.value) for r in conn.execute(query)]


def status_of(conn: Connection, doc_pk: int, annotator: str) -> str | None:
    st, a = T["statuses"], T["annotators"]
    return conn.execute(select(st.c.status).join(a, a.c.id == st.c.annotator_id)
                        .where(st.c.document_pk == doc_pk, a.c.name == annotator)).scalar()


def note_of(conn: Connection, doc_pk: int, annotator: str) -> str | None:
    n, a = T["document_notes"], T["annotators"]
    return conn.execute(select(n.c.note).join(a, a.c.id == n.c.annotator_id)
                        .where(n.c.document_pk == doc_pk, a.c.name == annotator)).scalar()


def span_row(conn: Connection, span_id: int):
    row = conn.execute(select(T["spans"]).where(T["spans"].c.id == span_id)).first()
    if row is None:
        raise InputError(f"span {span_id} no longer exists")
    return row
