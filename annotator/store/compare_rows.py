"""What a comparison of sources reads: an event's documents with their sources, and one
layer's spans on them with the words they cover (cut out by the database, so whole texts
are never loaded) and their polarity, as core.compare dataclasses."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, select

from annotator.core.compare import DocumentLabel, MarkedSpan, SourceDocument
from annotator.core.compare.tables import POLARITY
from annotator.store.tables import T


def events(conn: Connection) -> list[tuple[str | None, int]]:
    """Every event named by a document (None: documents naming none), with its document
    count, in the order of their first document."""
    d = T["documents"]
    rows = conn.execute(select(d.c.event, func.count(), func.min(d.c.pk).label("first"))
                        .group_by(d.c.event).order_by("first")).all()
    return [(r.event, r[1]) for r in rows]


def source_documents(conn: Connection, event: str | None, all_events: bool
                     ) -> list[tuple[int, SourceDocument]]:
    """The documents of an event (or every document), in import order, with their pks."""
    d = T["documents"]
    query = select(d.c.pk, d.c.id, d.c.source, d.c.title, d.c.event).order_by(d.c.pk)
    if not all_events:
        query = query.where(d.c.event.is_(None) if event is None else d.c.event == event)
    return [(r.pk, SourceDocument(r.id, r.source, r.title, r.event)) for r in conn.execute(query)]


def _covered(table, documents):
    return func.substr(documents.c.text, table.c.start + 1, table.c.end - table.c.start)


def _polarity(table):
    # the one attribute a comparison shows, read by the database (decoding every span's
    # attributes in Python took most of the time on 100,000 spans)
    return table.c.attributes[POLARITY].as_string().label("polarity")


def _attributes(polarity: str | None) -> dict[str, str]:
    return {POLARITY: polarity} if polarity else {}


def annotator_spans(conn: Connection, doc_pks: Sequence[int], annotators: Sequence[str]
                    ) -> list[MarkedSpan]:
    """The named annotators' spans on the documents."""
    if not doc_pks or not annotators:
        return []
    s, d, a, lab, c = T["spans"], T["documents"], T["annotators"], T["labels"], T["concepts"]
    rows = conn.execute(
        select(s.c.id, d.c.id.label("doc"), s.c.start, s.c.end, _covered(s, d).label("text"),
               lab.c.name.label("label"), _polarity(s), c.c.id.label("concept"),
               a.c.name.label("annotator"))
        .join(d, d.c.pk == s.c.document_pk).join(a, a.c.id == s.c.annotator_id)
        .join(lab, lab.c.id == s.c.label_id).outerjoin(c, c.c.pk == s.c.concept_pk)
        .where(s.c.document_pk.in_(list(doc_pks)), a.c.name.in_(list(annotators)))
        .order_by(s.c.document_pk, s.c.start, s.c.end, s.c.id))
    return [MarkedSpan(r.doc, r.start, r.end, r.text, r.label, _attributes(r.polarity),
                       r.concept, (r.annotator,), r.annotator, r.id) for r in rows]


def gold_spans(conn: Connection, doc_pks: Sequence[int]) -> list[MarkedSpan]:
    """The gold layer on the documents; `who` are the annotators it was accepted from."""
    if not doc_pks:
        return []
    g, d, a, lab, c = T["gold_spans"], T["documents"], T["annotators"], T["labels"], T["concepts"]
    rows = conn.execute(
        select(g.c.id, d.c.id.label("doc"), g.c.start, g.c.end, _covered(g, d).label("text"),
               lab.c.name.label("label"), _polarity(g), c.c.id.label("concept"),
               a.c.name.label("reviewer"), g.c.sources)
        .join(d, d.c.pk == g.c.document_pk).join(a, a.c.id == g.c.decided_by)
        .join(lab, lab.c.id == g.c.label_id).outerjoin(c, c.c.pk == g.c.concept_pk)
        .where(g.c.document_pk.in_(list(doc_pks)))
        .order_by(g.c.document_pk, g.c.start, g.c.end, g.c.id))
    return [MarkedSpan(r.doc, r.start, r.end, r.text, r.label, _attributes(r.polarity),
                       r.concept, tuple(sorted(r.sources or ())), r.reviewer, r.id)
            for r in rows]


def annotator_doc_labels(conn: Connection, doc_pks: Sequence[int], annotators: Sequence[str]
                         ) -> list[DocumentLabel]:
    if not doc_pks or not annotators:
        return []
    dl, d, a = T["doc_labels"], T["documents"], T["annotators"]
    rows = conn.execute(
        select(d.c.id.label("doc"), a.c.name.label("annotator"), dl.c.name, dl.c.value)
        .join(d, d.c.pk == dl.c.document_pk).join(a, a.c.id == dl.c.annotator_id)
        .where(dl.c.document_pk.in_(list(doc_pks)), a.c.name.in_(list(annotators)))
        .order_by(dl.c.document_pk, a.c.name, dl.c.name))
    return [DocumentLabel(r.doc, r.annotator, r.name, r.value) for r in rows]


def gold_doc_labels(conn: Connection, doc_pks: Sequence[int]) -> list[DocumentLabel]:
    if not doc_pks:
        return []
    gl, d, a = T["gold_doc_labels"], T["documents"], T["annotators"]
    rows = conn.execute(
        select(d.c.id.label("doc"), a.c.name.label("reviewer"), gl.c.name, gl.c.value)
        .join(d, d.c.pk == gl.c.document_pk).join(a, a.c.id == gl.c.decided_by)
        .where(gl.c.document_pk.in_(list(doc_pks))).order_by(gl.c.document_pk, gl.c.name))
    return [DocumentLabel(r.doc, r.reviewer, r.name, r.value) for r in rows]


def documents_with_gold(conn: Connection, doc_pks: Sequence[int]) -> set[int]:
    if not doc_pks:
        return set()
    g = T["gold_spans"]
    return set(conn.execute(select(g.c.document_pk).distinct()
                            .where(g.c.document_pk.in_(list(doc_pks)))).scalars())
