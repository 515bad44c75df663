"""Stretches of active work (core.activity) in the database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, insert, select, update

from annotator.core.activity import Stretch
from annotator.store.tables import T


def record(conn: Connection, stretches: Iterable[Stretch], pks: Mapping[str, int],
           ids: Mapping[str, int]) -> int:
    """Store stretches; one that starts where a stored one started (same document and
    annotator) is the same stretch seen later: the longer end is kept. Returns how many
    rows were added or extended."""
    t = T["activity"]
    written = 0
    for s in stretches:
        pk, aid = pks[s.doc_id], ids[s.annotator]
        key = (t.c.document_pk == pk, t.c.annotator_id == aid, t.c.started == s.started)
        stored = conn.execute(select(t.c.id, t.c.ended, t.c.seconds).where(*key)).first()
        if stored is None:
            conn.execute(insert(t).values(document_pk=pk, annotator_id=aid,
                                          started=s.started, ended=s.ended,
                                          seconds=s.seconds))
            written += 1
        elif s.seconds > stored.seconds:
            conn.execute(update(t).where(t.c.id == stored.id)
                         .values(ended=max(s.ended, stored.ended), seconds=s.seconds))
            written += 1
    return written


def stretches(conn: Connection, annotator_id: int | None = None,
              doc_pks: Iterable[int] | None = None) -> list[Stretch]:
    """Every stretch (one annotator's with `annotator_id`), oldest first."""
    t, d, p = T["activity"], T["documents"], T["annotators"]
    query = (select(d.c.id, p.c.name, t.c.started, t.c.ended, t.c.seconds)
             .join(d, d.c.pk == t.c.document_pk).join(p, p.c.id == t.c.annotator_id)
             .order_by(t.c.started, t.c.id))
    if annotator_id is not None:
        query = query.where(t.c.annotator_id == annotator_id)
    out = [Stretch(*r) for r in conn.execute(query)]
    if doc_pks is not None:
        wanted = set(doc_pks)
        pk_of = dict(conn.execute(select(d.c.id, d.c.pk)).all())
        out = [s for s in out if pk_of[s.doc_id] in wanted]
    return out
