"""One annotator's layer of a document, read fast enough to switch documents in a frame
(core.layer holds it column by column)."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.layer import Layer, LayerDocument, decode_attributes
from annotator.core.model import DocLabel, Span
from annotator.services.project import Project
from annotator.services.reading import check_in_queue

__all__ = ["Layer", "LayerDocument", "decode_attributes", "read_document", "read_spans",
           "read_document_state"]


def read_document(project: Project, doc_id: str, annotator: str | None) -> LayerDocument:
    """The document and `annotator`'s spans, document labels, status and note.

    With annotator None (a reviewer's view) every annotator's spans and labels come back,
    and there is no status or note (those are personal).
    """
    look = project.first_look
    if look is not None and (seen := look.layer_document(doc_id, annotator)) is not None:
        return seen
    from annotator.store import layer_rows

    with project.store.read() as conn:
        check_in_queue(conn, doc_id, annotator)
        return layer_rows.read_layer_document(conn, doc_id, annotator)


def read_spans(project: Project, span_ids: Iterable[int], annotator: str | None,
               doc_id: str | None = None) -> list[Span]:
    """The spans among `span_ids` that still exist: `annotator`'s (when given), on
    `doc_id` (when given)."""
    from annotator.store import layer_rows

    with project.store.read() as conn:
        return layer_rows.spans_by_id(conn, span_ids, annotator, doc_id)


def read_document_state(project: Project, doc_id: str, annotator: str
                        ) -> tuple[tuple[DocLabel, ...], str | None, str | None]:
    """`annotator`'s document labels, status and note on one document."""
    from annotator.store import layer_rows

    with project.store.read() as conn:
        return layer_rows.document_state(conn, doc_id, annotator)
