"""One annotator's layer of a document, read fast enough to switch documents in a frame.

`reading.open_document` builds a Span dataclass per row and decodes every attributes
JSON value; on a document with 10,000 spans that alone takes 70 ms of the workbench's
100 ms budget to switch documents. Here spans come back column by column with their
attributes left as JSON text, decoded only for the rows a view actually shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Text, select, type_coerce

from annotator.core.model import DocLabel, Document, Span
from annotator.services.project import Project
from annotator.store import lookups
from annotator.store.tables import T


def decode_attributes(raw: str | None) -> Mapping[str, str]:
    """Attributes stored as JSON text (None or "null" when there are none)."""
    if not raw or raw == "null":
        return {}
    return json.loads(raw)


@dataclass
class Layer:
    """Spans as parallel columns, sorted by (start, end, id). Offsets are code points."""

    ids: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    attributes: list[str | None] = field(default_factory=list)  # JSON text
    concepts: list[str | None] = field(default_factory=list)
    notes: list[str | None] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def span(self, i: int) -> Span:
        return Span(self.annotators[i], self.starts[i], self.ends[i], self.labels[i],
                    decode_attributes(self.attributes[i]), self.concepts[i], self.notes[i],
                    self.ids[i])


@dataclass(frozen=True)
class LayerDocument:
    """A document with one annotator's work on it (blind), or everyone's (None)."""

    document: Document
    annotator: str | None
    layer: Layer
    doc_labels: tuple[DocLabel, ...]
    status: str | None
    note: str | None


def _span_query(annotator_id: int | None, everyone: bool):
    s, lab, c = T["spans"], T["labels"], T["concepts"]
    query = (select(s.c.id, s.c.start, s.c.end, lab.c.name, type_coerce(s.c.attributes, Text),
                    c.c.id, s.c.note, s.c.annotator_id)
             .join(lab, lab.c.id == s.c.label_id)
             .outerjoin(c, c.c.pk == s.c.concept_pk))
    if not everyone:
        query = query.where(s.c.annotator_id == annotator_id)
    return query.order_by(s.c.start, s.c.end, s.c.id)


def _names(conn) -> dict[int, str]:
    return dict(conn.execute(select(T["annotators"].c.id, T["annotators"].c.name)).all())


def _columns(rows: Iterable, names: dict[int, str]) -> Layer:
    layer = Layer()
    for r in rows:
        layer.ids.append(r[0])
        layer.starts.append(r[1])
        layer.ends.append(r[2])
        layer.labels.append(r[3])
        layer.attributes.append(r[4])
        layer.concepts.append(r[5])
        layer.notes.append(r[6])
        layer.annotators.append(names[r[7]])
    return layer


def read_document(project: Project, doc_id: str, annotator: str | None) -> LayerDocument:
    """The document and `annotator`'s spans, document labels, status and note.

    With annotator None (a reviewer's view) every annotator's spans and labels come back,
    and there is no status or note (those are personal).
    """
    with project.store.read() as conn:
        doc = lookups.get_document(conn, doc_id)
        pk = lookups.document_pk(conn, doc_id)
        names = _names(conn)
        aid = lookups.annotator_id(conn, annotator) if annotator else None
        if annotator and aid is None:  # someone who has not annotated anything yet
            layer = Layer()
        else:
            query = _span_query(aid, annotator is None).where(T["spans"].c.document_pk == pk)
            layer = _columns(conn.execute(query), names)
        return LayerDocument(
            doc, annotator, layer,
            tuple(lookups.doc_labels_of(conn, pk, annotator)),
            lookups.status_of(conn, pk, annotator) if annotator else None,
            lookups.note_of(conn, pk, annotator) if annotator else None,
        )


def read_spans(project: Project, span_ids: Iterable[int], annotator: str | None,
               doc_id: str | None = None) -> list[Span]:
    """The spans among `span_ids` that still exist: `annotator`'s (when given), on
    `doc_id` (when given)."""
    ids = sorted(set(span_ids))
    if not ids:
        return []
    s = T["spans"]
    out: list[Span] = []
    with project.store.read() as conn:
        names = _names(conn)
        aid = lookups.annotator_id(conn, annotator) if annotator else None
        if annotator and aid is None:
            return []
        pk = lookups.document_pk(conn, doc_id) if doc_id is not None else None
        for i in range(0, len(ids), 500):
            query = _span_query(aid, annotator is None).where(s.c.id.in_(ids[i:i + 500]))
            if pk is not None:
                query = query.where(s.c.document_pk == pk)
            layer = _columns(conn.execute(query), names)
            out.extend(layer.span(k) for k in range(len(layer)))
    return out


def read_document_state(project: Project, doc_id: str, annotator: str
                        ) -> tuple[tuple[DocLabel, ...], str | None, str | None]:
    """`annotator`'s document labels, status and note on one document."""
    with project.store.read() as conn:
        pk = lookups.document_pk(conn, doc_id)
        return (tuple(lookups.doc_labels_of(conn, pk, annotator)),
                lookups.status_of(conn, pk, annotator), lookups.note_of(conn, pk, annotator))
