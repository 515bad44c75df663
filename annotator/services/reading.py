"""What views read: the document list and the project's concepts.

In annotator mode pass the annotator's name: only their own status and counts come back
(blind). A reviewer passes None. One document's layer is read by services.layer.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import Concept
from annotator.services.project import Project
from annotator.store import lookups
from annotator.store.codebook_rows import load_concepts
from annotator.store.corpus_rows import counts as table_counts
from annotator.store.lookups import DocumentSummary

__all__ = ["DocumentSummary", "documents", "check_documents", "concepts", "counts"]


def documents(project: Project, annotator: str | None) -> list[DocumentSummary]:
    with project.store.read() as conn:
        return lookups.list_documents(conn, annotator)


def check_documents(project: Project, doc_ids: Sequence[str] | None) -> None:
    """Refuse document ids the project does not have (None: every document)."""
    with project.store.read() as conn:
        lookups.doc_pks(conn, doc_ids)


def concepts(project: Project) -> list[Concept]:
    with project.store.read() as conn:
        return load_concepts(conn)


def counts(project: Project) -> dict[str, int]:
    """How many rows the project holds: documents, spans, gold_spans, decisions …"""
    with project.store.read() as conn:
        return table_counts(conn)
