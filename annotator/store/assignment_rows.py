"""Assignments (documents in annotators' queues) and the batches that made them, read and
written as core dataclasses (core.assignment)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Connection, delete, exists, func, insert, select, union

from annotator.core.assignment import Assignment, Batch
from annotator.store import written
from annotator.store.tables import T


def any_assigned(conn: Connection) -> bool:
    return conn.execute(select(exists().select_from(T["assignments"]))).scalar()


def queue_pks(conn: Connection, annotator_id: int) -> list[int]:
    """The annotator's queue: document pks in queue order."""
    a = T["assignments"]
    return list(conn.execute(select(a.c.document_pk).where(a.c.annotator_id == annotator_id)
                             .order_by(a.c.position, a.c.document_pk)).scalars())


def assignments(conn: Connection, annotators: Sequence[str] | None = None) -> list[Assignment]:
    """Every assignment (or those of `annotators`), by annotator, in queue order."""
    a, d, p = T["assignments"], T["documents"], T["annotators"]
    query = (select(d.c.id, p.c.name, a.c.position, a.c.batch_id)
             .join(d, d.c.pk == a.c.document_pk).join(p, p.c.id == a.c.annotator_id)
             .order_by(p.c.name, a.c.position, d.c.pk))
    if annotators is not None:
        query = query.where(p.c.name.in_(list(annotators)))
    return [Assignment(r[0], r[1], r[2], r[3]) for r in conn.execute(query)]


def coders(conn: Connection) -> dict[str, set[str]]:
    """Document id -> the names of everyone it is assigned to."""
    out: dict[str, set[str]] = defaultdict(set)
    for item in assignments(conn):
        out[item.doc_id].add(item.annotator)
    return dict(out)


def loads(conn: Connection) -> dict[str, int]:
    a, p = T["assignments"], T["annotators"]
    return dict(conn.execute(select(p.c.name, func.count()).select_from(a)
                             .join(p, p.c.id == a.c.annotator_id).group_by(p.c.name)).all())


def worked_on(conn: Connection, annotator_id: int | None = None) -> set[tuple[int, int]]:
    """(document pk, annotator id) of everyone who has any work on a document: a span, a
    document label, a status or a note (one annotator's with `annotator_id`)."""
    parts = []
    for table in ("spans", "doc_labels", "statuses", "document_notes"):
        t = T[table]
        query = select(t.c.document_pk, t.c.annotator_id)
        if annotator_id is not None:
            query = query.where(t.c.annotator_id == annotator_id)
        parts.append(query)
    return {(r[0], r[1]) for r in conn.execute(union(*parts))}


def batches(conn: Connection) -> list[Batch]:
    b, p = T["assignment_batches"], T["annotators"]
    rows = conn.execute(select(b.c.id, b.c.at, p.c.name, b.c.policy)
                        .outerjoin(p, p.c.id == b.c.by).order_by(b.c.id))
    return [Batch(r[0], r[1], r[2], r[3] or {}) for r in rows]


def add_batch(conn: Connection, at: str, by: int | None, policy: Mapping[str, object]) -> int:
    result = conn.execute(insert(T["assignment_batches"]).values(at=at, by=by,
                                                                 policy=dict(policy)))
    return result.inserted_primary_key[0]


def append(conn: Connection, queues: Mapping[int, Sequence[int]], batch: int | None) -> int:
    """Add documents (pks) to the end of annotators' (ids) queues, skipping those already
    there; returns how many were added."""
    a = T["assignments"]
    rows = []
    for aid, pks in queues.items():
        have = set(queue_pks(conn, aid))
        last = conn.execute(select(func.max(a.c.position))
                            .where(a.c.annotator_id == aid)).scalar()
        position = 0 if last is None else last + 1
        for pk in pks:
            if pk not in have:
                have.add(pk)
                rows.append({"document_pk": pk, "annotator_id": aid, "position": position,
                             "batch_id": batch})
                position += 1
    for i in range(0, len(rows), 5000):
        conn.execute(insert(a), rows[i:i + 5000])
    written.touch_rows(conn, "assignments", rows)
    return len(rows)


def remove(conn: Connection, pairs: Iterable[tuple[int, int]]) -> int:
    """Withdraw (document pk, annotator id) assignments; returns how many were removed."""
    a = T["assignments"]
    gone = []
    for pk, aid in pairs:
        if conn.execute(delete(a).where(a.c.document_pk == pk,
                                        a.c.annotator_id == aid)).rowcount:
            gone.append({"document_pk": pk, "annotator_id": aid})
    written.touch_rows(conn, "assignments", gone)
    return len(gone)


def insert_assignments(conn: Connection, items: Sequence[Assignment],
                       pks: Mapping[str, int], ids: Mapping[str, int]) -> None:
    """Store assignments as they are (positions kept): a package's copy of a queue."""
    rows = [{"document_pk": pks[i.doc_id], "annotator_id": ids[i.annotator],
             "position": i.position, "batch_id": None} for i in items]
    if rows:
        conn.execute(insert(T["assignments"]), rows)


def statuses(conn: Connection) -> dict[tuple[str, str], str]:
    """(document id, annotator name) -> status, for everyone."""
    st, d, p = T["statuses"], T["documents"], T["annotators"]
    query = (select(d.c.id, p.c.name, st.c.status).join(d, d.c.pk == st.c.document_pk)
             .join(p, p.c.id == st.c.annotator_id))
    return {(r[0], r[1]): r[2] for r in conn.execute(query)}


def may_open(conn: Connection, doc_pk: int, annotator_id: int) -> bool:
    """Whether the document is assigned to the annotator or holds work of theirs."""
    for table in ("assignments", "spans", "doc_labels", "statuses", "document_notes"):
        t = T[table]
        if conn.execute(select(exists().where(t.c.document_pk == doc_pk,
                                              t.c.annotator_id == annotator_id))).scalar():
            return True
    return False
