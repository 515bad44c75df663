"""Small indexed reads the interactive services need: documents by id, the document list,
one annotator's document labels, status and note."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from sqlalchemy import Connection, bindparam, func, literal, select

from annotator.core.errors import InputError
from annotator.core.model import DocLabel, Document
from annotator.store import written
from annotator.store.annotator_rows import annotator_id
from annotator.store.row_objects import DocumentSummary, document_from_row
from annotator.store.tables import T


def document_pk(conn: Connection, doc_id: str) -> int:
    docs = T["documents"]
    return _found(conn, doc_id, conn.execute(select(docs.c.pk).where(docs.c.id == doc_id))
                  .first())[0]


def _found(conn: Connection, doc_id: str, row):
    """A row read for a document by its id, refused when there is none."""
    if row is None:
        raise InputError(f"no document {doc_id!r} in the project")
    written.know(conn, doc_pk=row[0], doc_id=doc_id)
    return row


def doc_pks(conn: Connection, doc_ids: Sequence[str] | None) -> dict[str, int]:
    """pk of each document asked for (all without doc_ids), refusing unknown ids."""
    docs = T["documents"]
    found = dict(conn.execute(select(docs.c.id, docs.c.pk).order_by(docs.c.pk)).all())
    if doc_ids is None:
        return found
    missing = [i for i in doc_ids if i not in found]
    if missing:
        raise InputError("no document " + ", ".join(repr(m) for m in missing)
                         + " in the project")
    return {i: found[i] for i in dict.fromkeys(doc_ids)}


def _length():
    docs = T["documents"]
    return func.coalesce(docs.c.length, func.length(docs.c.text))


def document_length(conn: Connection, pk: int) -> int:
    """The stored length; counted from the text where a row lacks it (written past the
    store, by another program): offsets are checked against it."""
    docs = T["documents"]
    return conn.execute(select(_length()).where(docs.c.pk == pk)).scalar_one()


def document_pk_length(conn: Connection, doc_id: str) -> tuple[int, int]:
    """document_pk and document_length in one read (an edit's checks)."""
    row = _found(conn, doc_id, conn.execute(_pk_length(), {"doc": doc_id}).first())
    return row[0], row[1]


@cache
def _pk_length():
    # built once: each edit reads it, and building it took longer than running it
    docs = T["documents"]
    return select(docs.c.pk, _length()).where(docs.c.id == bindparam("doc"))


def get_document(conn: Connection, doc_id: str) -> Document:
    row = conn.execute(select(T["documents"]).where(T["documents"].c.id == doc_id)).first()
    if row is None:
        raise InputError(f"no document {doc_id!r} in the project")
    return document_from_row(row)


def document_by_id(conn: Connection, doc_id: str, text: str | None = None
                   ) -> tuple[int, Document]:
    """document_pk and document_of in one read."""
    docs = T["documents"]
    columns = docs.c if text is None else [c for c in docs.c if c.name != "text"]
    row = _found(conn, doc_id, conn.execute(select(*columns).where(docs.c.id == doc_id))
                 .first())
    return row.pk, document_from_row(row, text)


def document_of(conn: Connection, pk: int, text: str | None = None) -> Document:
    """The document stored as `pk`; given its `text` (read before: a text never changes
    once stored), only the rest of its row is read."""
    docs = T["documents"]
    if text is None:
        return document_from_row(conn.execute(select(docs).where(docs.c.pk == pk)).one())
    columns = [c for c in docs.c if c.name != "text"]
    return document_from_row(conn.execute(select(*columns).where(docs.c.pk == pk)).one(), text)


def list_documents(conn: Connection, annotator: str | None) -> list[DocumentSummary]:
    """Every document in import order, with `annotator`'s status and span count: one
    query that reads no text (on SQLite the list's columns come from an index)."""
    d, s, st, g = T["documents"], T["spans"], T["statuses"], T["gold_spans"]
    aid = annotator_id(conn, annotator) if annotator else None
    rows = d
    status, spans = literal(None), literal(0)
    if aid is not None:
        rows = d.outerjoin(st, (st.c.document_pk == d.c.pk) & (st.c.annotator_id == aid))
        status = st.c.status
        spans = (select(func.count()).where(s.c.document_pk == d.c.pk,
                                            s.c.annotator_id == aid).scalar_subquery())
    gold = select(func.count()).where(g.c.document_pk == d.c.pk).scalar_subquery()
    query = (select(d.c.pk, d.c.id, d.c.title, d.c.source, d.c.event, d.c.published,
                    d.c.length, status, spans, gold)
             .select_from(rows).order_by(d.c.pk))
    # fetched whole: row by row, 10,000 documents took a fetch call each
    return list(map(DocumentSummary._make, conn.execute(query).all()))


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


