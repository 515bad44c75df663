"""One annotator's layer of a document (or everyone's), read column by column: see
core.layer for why."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Text, cast, select

from annotator.core.layer import Layer, LayerDocument
from annotator.core.model import DocLabel, Span
from annotator.store import lookups
from annotator.store.annotator_rows import annotator_id, annotator_names
from annotator.store.row_objects import layer_from_rows
from annotator.store.tables import T


def _span_query(annotator_id: int | None, everyone: bool):
    """A layer's rows in text order: (start, end, label) is the order of the unique
    key's index, which SQLite reads one annotator's rows by; ordering by id instead made
    it sort them in a temporary B-tree (7 of the 17 ms of a 10,000-span layer)."""
    s, lab, c = T["spans"], T["labels"], T["concepts"]
    query = (select(s.c.id, s.c.start, s.c.end, lab.c.name, cast(s.c.attributes, Text),
                    c.c.id, s.c.note, s.c.annotator_id)
             .join(lab, lab.c.id == s.c.label_id)
             .outerjoin(c, c.c.pk == s.c.concept_pk))
    if not everyone:
        query = query.where(s.c.annotator_id == annotator_id)
    return query.order_by(s.c.start, s.c.end, s.c.label_id, s.c.annotator_id)


def read_layer_document(conn: Connection, doc_id: str, annotator: str | None
                        ) -> LayerDocument:
    """The document and `annotator`'s spans, document labels, status and note; with
    annotator None everyone's spans and labels, and no status or note (those are
    personal)."""
    doc = lookups.get_document(conn, doc_id)
    pk = lookups.document_pk(conn, doc_id)
    names = annotator_names(conn)
    aid = annotator_id(conn, annotator) if annotator else None
    if annotator and aid is None:  # someone who has not annotated anything yet
        layer = Layer()
    else:
        query = _span_query(aid, annotator is None).where(T["spans"].c.document_pk == pk)
        layer = layer_from_rows(conn.execute(query).all(), names)  # at once: a third faster
    return LayerDocument(
        doc, annotator, layer,
        tuple(lookups.doc_labels_of(conn, pk, annotator)),
        lookups.status_of(conn, pk, annotator) if annotator else None,
        lookups.note_of(conn, pk, annotator) if annotator else None,
    )


def spans_by_id(conn: Connection, span_ids: Iterable[int], annotator: str | None,
                doc_id: str | None = None) -> list[Span]:
    """The spans among `span_ids` that still exist: `annotator`'s (when given), on
    `doc_id` (when given)."""
    ids = sorted(set(span_ids))
    if not ids:
        return []
    s = T["spans"]
    names = annotator_names(conn)
    aid = annotator_id(conn, annotator) if annotator else None
    if annotator and aid is None:
        return []
    pk = lookups.document_pk(conn, doc_id) if doc_id is not None else None
    out: list[Span] = []
    for i in range(0, len(ids), 500):
        query = _span_query(aid, annotator is None).where(s.c.id.in_(ids[i:i + 500]))
        if pk is not None:
            query = query.where(s.c.document_pk == pk)
        out.extend(layer_from_rows(conn.execute(query).all(), names).spans())
    return out


def document_state(conn: Connection, doc_id: str, annotator: str
                   ) -> tuple[tuple[DocLabel, ...], str | None, str | None]:
    """`annotator`'s document labels, status and note on one document."""
    pk = lookups.document_pk(conn, doc_id)
    return (tuple(lookups.doc_labels_of(conn, pk, annotator)),
            lookups.status_of(conn, pk, annotator), lookups.note_of(conn, pk, annotator))
