"""What views read: the document list and the project's concepts.

In annotator mode pass the annotator's name: only their own status and counts come back
(blind). A reviewer passes None. One document's layer is read by services.layer.

Queues: once a project has assignments, an annotator's document list is their queue, in
order, followed by any document they have worked on without an assignment (work is never
taken away); they can open nothing else. Reviewers, and everyone in a project without
assignments, see every document.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.errors import InputError
from annotator.core.model import REVIEWER, Concept
from annotator.services.project import Project
from annotator.store.row_objects import DocumentSummary

__all__ = ["DocumentSummary", "documents", "check_documents", "concepts", "counts"]


def documents(project: Project, annotator: str | None) -> list[DocumentSummary]:
    look = project.first_look
    if look is not None and (seen := look.documents(annotator)) is not None:
        return seen
    from annotator.store import lookups

    with project.store.read() as conn:
        summaries = lookups.list_documents(conn, annotator)
        queue = queue_pks(conn, annotator)
    if queue is None:
        return summaries
    by_pk = {s.pk: s for s in summaries}
    return [by_pk[pk] for pk in queue]


def queue_pks(conn, annotator: str | None) -> list[int] | None:
    """The documents (pks) `annotator` may see, in their order; None: every document."""
    from annotator.store import assignment_rows
    from annotator.store.annotator_rows import annotator_id

    if not _has_queue(conn, annotator):
        return None
    aid = annotator_id(conn, annotator)
    if aid is None:
        return []
    queue = assignment_rows.queue_pks(conn, aid)
    seen = set(queue)
    return queue + sorted({pk for pk, _ in assignment_rows.worked_on(conn, aid)} - seen)


def visible_documents(project: Project, annotator: str | None) -> set[str] | None:
    """The ids of the documents `annotator` may see; None: every document."""
    from annotator.store import lookups

    with project.store.read() as conn:
        queue = queue_pks(conn, annotator)
        if queue is None:
            return None
        ids = {s.pk: s.id for s in lookups.list_documents(conn, None)}
    return {ids[pk] for pk in queue}


def _has_queue(conn, annotator: str | None) -> bool:
    from annotator.store import assignment_rows
    from annotator.store.annotator_rows import annotator_roles

    return (annotator is not None and assignment_rows.any_assigned(conn)
            and annotator_roles(conn).get(annotator) != REVIEWER)


def check_in_queue(conn, doc_id: str, annotator: str | None) -> None:
    """Refuse a document outside the annotator's queue (blind rules)."""
    from annotator.store import assignment_rows, lookups
    from annotator.store.annotator_rows import annotator_id

    if not _has_queue(conn, annotator):
        return
    aid = annotator_id(conn, annotator)
    if aid is None or not assignment_rows.may_open(conn, lookups.document_pk(conn, doc_id),
                                                   aid):
        raise InputError(f"document {doc_id!r} is not among the documents assigned to "
                         f"{annotator!r}")


def check_documents(project: Project, doc_ids: Sequence[str] | None) -> None:
    """Refuse document ids the project does not have (None: every document)."""
    from annotator.store import lookups

    with project.store.read() as conn:
        lookups.doc_pks(conn, doc_ids)


def concepts(project: Project) -> list[Concept]:
    from annotator.store.codebook_rows import load_concepts

    with project.store.read() as conn:
        return load_concepts(conn)


def counts(project: Project) -> dict[str, int]:
    """How many rows the project holds: documents, spans, gold_spans, decisions …"""
    from annotator.store.corpus_rows import counts as table_counts

    with project.store.read() as conn:
        return table_counts(conn)
