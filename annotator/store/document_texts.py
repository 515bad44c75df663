"""Documents' texts in import order, a batch at a time (searching a corpus never holds it
all in memory), and where an annotator already put a label (to flag search results)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, select

from annotator.store.tables import T


def texts_after(conn: Connection, last_pk: int, limit: int, doc_id: str | None = None
                ) -> list[tuple[int, str, str | None, str]]:
    """(pk, id, title, text) of up to `limit` documents after `last_pk` (only `doc_id`)."""
    d = T["documents"]
    query = select(d.c.pk, d.c.id, d.c.title, d.c.text).where(d.c.pk > last_pk)
    if doc_id is not None:
        query = query.where(d.c.id == doc_id)
    return [tuple(r) for r in conn.execute(query.order_by(d.c.pk).limit(limit))]


def document_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(T["documents"])).scalar_one()


def labelled_places(conn: Connection, annotator: str, label: str
                    ) -> set[tuple[int, int, int]]:
    """(document pk, start, end) of the annotator's spans with that label."""
    s, lab, a = T["spans"], T["labels"], T["annotators"]
    rows = conn.execute(select(s.c.document_pk, s.c.start, s.c.end)
                        .join(lab, lab.c.id == s.c.label_id)
                        .join(a, a.c.id == s.c.annotator_id)
                        .where(a.c.name == annotator, lab.c.name == label))
    return {tuple(r) for r in rows}


def texts_of(conn: Connection, doc_ids: Sequence[str]) -> dict[str, str]:
    """The texts of these documents by id (ask a few hundred at a time: one IN list)."""
    d = T["documents"]
    return dict(conn.execute(select(d.c.id, d.c.text).where(d.c.id.in_(list(doc_ids)))).all())
