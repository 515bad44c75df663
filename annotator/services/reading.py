"""What views read: the document list, a document with one annotator's layers, the gold.

In annotator mode pass the annotator's name: only their own work comes back (blind).
A reviewer passes None to see everyone's.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import DocLabel, Document, GoldSpan, Span
from annotator.services.project import Project
from annotator.store import lookups
from annotator.store.codebook_rows import load_concepts
from annotator.store.lookups import DocumentSummary

__all__ = ["DocumentSummary", "DocumentView", "documents", "open_document", "concepts"]


@dataclass(frozen=True)
class DocumentView:
    document: Document
    spans: tuple[Span, ...]
    doc_labels: tuple[DocLabel, ...]
    status: str | None
    note: str | None
    gold: tuple[GoldSpan, ...] = ()


def documents(project: Project, annotator: str | None) -> list[DocumentSummary]:
    with project.store.read() as conn:
        return lookups.list_documents(conn, annotator)


def open_document(project: Project, doc_id: str, annotator: str | None, *,
                  with_gold: bool = False) -> DocumentView:
    with project.store.read() as conn:
        doc = lookups.get_document(conn, doc_id)
        pk = lookups.document_pk(conn, doc_id)
        return DocumentView(
            doc,
            tuple(lookups.spans_of(conn, pk, annotator)),
            tuple(lookups.doc_labels_of(conn, pk, annotator)),
            lookups.status_of(conn, pk, annotator) if annotator else None,
            lookups.note_of(conn, pk, annotator) if annotator else None,
            tuple(lookups.gold_of(conn, pk)) if with_gold else (),
        )


def spans(project: Project, doc_id: str, annotator: str | None) -> list[Span]:
    with project.store.read() as conn:
        return lookups.spans_of(conn, lookups.document_pk(conn, doc_id), annotator)


def concepts(project: Project):
    with project.store.read() as conn:
        return load_concepts(conn)
