"""Concepts and the links of spans to them: rows in, core dataclasses out, every change
recorded in the undo log (store/history.py) for the service to log as one action."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, or_, select

from annotator.core.model import Concept, Span
from annotator.store import history
from annotator.store.tables import T

CONCEPT_FIELDS = ("name", "type", "event", "description")


def _concept(r) -> Concept:
    return Concept(r.id, r.name, r.type, r.event, r.description)


def find_concept(conn: Connection, concept_id: str) -> tuple[int, Concept] | None:
    c = T["concepts"]
    r = conn.execute(select(c).where(c.c.id == concept_id)).first()
    return (r.pk, _concept(r)) if r is not None else None


def concept_ids(conn: Connection) -> set[str]:
    return set(conn.execute(select(T["concepts"].c.id)).scalars())


def concepts_of_event(conn: Connection, event: str | None) -> list[Concept]:
    """The concepts of an event: declared for it, the event's own concept, and those
    declared for no event (shared by all); every concept when `event` is None."""
    c = T["concepts"]
    query = select(c).order_by(c.c.pk)
    if event is not None:
        query = query.where(or_(c.c.event == event, c.c.id == event, c.c.event.is_(None)))
    return [_concept(r) for r in conn.execute(query)]


def insert_concept(conn: Connection, concept: Concept) -> None:
    history.insert_row(conn, "concepts", {
        "id": concept.id, **{f: getattr(concept, f) for f in CONCEPT_FIELDS}})


def update_concept(conn: Connection, pk: int, values: Mapping[str, object]) -> None:
    history.update_row(conn, "concepts", {"pk": pk}, dict(values))


def delete_concept(conn: Connection, pk: int) -> None:
    history.delete_row(conn, "concepts", {"pk": pk})


@dataclass(frozen=True)
class Usage:
    spans: int  # every annotator's spans linked to it
    gold: int
    own: int  # the asking annotator's

    @property
    def total(self) -> int:
        return self.spans + self.gold


def usage(conn: Connection, pk: int, annotator_id: int | None) -> Usage:
    s, g = T["spans"], T["gold_spans"]
    spans = dict(conn.execute(select(s.c.annotator_id, func.count()).where(s.c.concept_pk == pk)
                              .group_by(s.c.annotator_id)).all())
    gold = conn.execute(select(func.count()).select_from(g)
                        .where(g.c.concept_pk == pk)).scalar_one()
    return Usage(sum(spans.values()), gold, spans.get(annotator_id, 0))


def relink(conn: Connection, from_pk: int, to_pk: int | None) -> None:
    """Point every span and gold span linked to one concept at another (None: unlink)."""
    for table in ("spans", "gold_spans"):
        tab = T[table]
        for span_id in conn.execute(select(tab.c.id).where(tab.c.concept_pk == from_pk)
                                    .order_by(tab.c.id)).scalars().all():
            history.update_row(conn, table, {"id": span_id}, {"concept_pk": to_pk})


# ------------------------------------------------------------------ links of one annotator

@dataclass(frozen=True)
class EventDocument:
    pk: int
    id: str
    title: str | None
    text: str


def documents_of_event(conn: Connection, event: str | None) -> list[EventDocument]:
    """The documents reporting an event (None: those that name no event), in import order."""
    d = T["documents"]
    where = d.c.event.is_(None) if event is None else d.c.event == event
    return [EventDocument(r.pk, r.id, r.title, r.text) for r in conn.execute(
        select(d.c.pk, d.c.id, d.c.title, d.c.text).where(where).order_by(d.c.pk))]


def document_event(conn: Connection, doc_pk: int) -> str | None:
    d = T["documents"]
    return conn.execute(select(d.c.event).where(d.c.pk == doc_pk)).scalar()


def own_spans(conn: Connection, doc_pks: Sequence[int], annotator_id: int
              ) -> dict[int, list[Span]]:
    """One annotator's spans on some documents (blind), by document pk."""
    s, lab, c = T["spans"], T["labels"], T["concepts"]
    out: dict[int, list[Span]] = {pk: [] for pk in doc_pks}
    if not doc_pks:
        return out
    rows = conn.execute(
        select(s.c.id, s.c.document_pk, s.c.start, s.c.end, lab.c.name.label("label"),
               s.c.attributes, c.c.id.label("concept"), s.c.note)
        .join(lab, lab.c.id == s.c.label_id).outerjoin(c, c.c.pk == s.c.concept_pk)
        .where(s.c.annotator_id == annotator_id, s.c.document_pk.in_(list(doc_pks)))
        .order_by(s.c.document_pk, s.c.start, s.c.end, s.c.id))
    for r in rows:
        out[r.document_pk].append(Span("", r.start, r.end, r.label, r.attributes or {},
                                       r.concept, r.note, r.id))
    return out


def set_concept(conn: Connection, span_ids: Iterable[int], concept_pk: int | None) -> int:
    """Link spans to a concept (None: unlink them); how many changed."""
    return sum(history.update_row(conn, "spans", {"id": i}, {"concept_pk": concept_pk})
               for i in span_ids)


def usage_by_concept(conn: Connection, annotator_id: int | None) -> dict[str, Usage]:
    """Every concept's usage in one pass (concepts nothing links to are left out)."""
    s, g, c = T["spans"], T["gold_spans"], T["concepts"]
    out: dict[str, list[int]] = {}
    for cid, aid, n in conn.execute(
            select(c.c.id, s.c.annotator_id, func.count()).select_from(s)
            .join(c, c.c.pk == s.c.concept_pk).group_by(c.c.id, s.c.annotator_id)):
        entry = out.setdefault(cid, [0, 0, 0])
        entry[0] += n
        if aid == annotator_id:
            entry[2] += n
    for cid, n in conn.execute(select(c.c.id, func.count()).select_from(g)
                               .join(c, c.c.pk == g.c.concept_pk).group_by(c.c.id)):
        out.setdefault(cid, [0, 0, 0])[1] += n
    return {cid: Usage(*v) for cid, v in out.items()}
