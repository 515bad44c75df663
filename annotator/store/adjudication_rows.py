"""Reading what adjudication needs from the database: documents with everyone's spans,
their decisions and gold, turned into the core's candidates and states."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Text, select, type_coerce

from annotator.core import adjudication as adj
from annotator.core.gold import GoldSpan
from annotator.core.model import DONE, Codebook, SpanRows
from annotator.core.records import DocumentRecord
from annotator.store.annotator_rows import reviewer_names
from annotator.store.corpus_rows import (
    gold_of,
    load_records,
    names_of,
    span_rows_of,
    statuses_of,
)
from annotator.store.json_columns import columns as read_columns
from annotator.store.lookups import doc_pks, document_by_id, document_pk, document_pk_length
from annotator.store.tables import T


@dataclass(frozen=True)
class Loaded:
    """One document as adjudication sees it, read in one transaction."""

    pk: int
    record: DocumentRecord
    candidates: adj.DocumentCandidates
    decisions: tuple[adj.Decision, ...]
    states: dict[adj.Key, adj.CandidateState]
    length: int  # the text's, in code points (`load_near`'s record holds no text)

    @property
    def doc_id(self) -> str:
        return self.record.id


def groups_of(codebook: Codebook) -> dict[str, str | None]:
    return {lab.name: lab.group for lab in codebook.labels}


def decisions_of(conn: Connection, pks: Sequence[int] | None = None
                 ) -> dict[int, list[adj.Decision]]:
    """Decisions by document pk, oldest first."""
    d, a = T["decisions"], T["annotators"]
    where = [a.c.id == d.c.reviewer_id]
    if pks is not None and len(pks) <= 500:
        where.append(d.c.document_pk.in_(list(pks)))
    wanted = None if pks is None else set(pks)
    out: dict[int, list[adj.Decision]] = defaultdict(list)
    # sorted by id (the first column): oldest first
    for (did, pk, kind, start, end, label, annotators, reviewer, at, gold_span_id,
         details) in sorted(zip(*read_columns(
            conn, [d.c.id, d.c.document_pk, d.c.decision, d.c.start, d.c.end, d.c.label,
                   type_coerce(d.c.annotators, Text), a.c.name, d.c.at, d.c.gold_span_id,
                   type_coerce(d.c.details, Text)], where, (6, 10)), strict=True)):
        if wanted is None or pk in wanted:
            out[pk].append(adj.Decision(did, kind, start, end, label, tuple(annotators or ()),
                                        reviewer, at, gold_span_id, details or {}))
    return out


def load(conn: Connection, codebook: Codebook, doc_ids: Sequence[str] | None = None
         ) -> list[Loaded]:
    """The documents asked for (all: None), in import order."""
    pks = doc_pks(conn, doc_ids)
    if not pks:
        return []
    # only annotators take part: a reviewer's status or spans make nobody a participant
    reviewers = reviewer_names(conn)
    records = [r.without(reviewers)
               for r in load_records(conn, list(pks) if doc_ids is not None else None,
                                     as_rows=True)]
    decisions = decisions_of(conn, list(pks.values()))
    groups = groups_of(codebook)
    return [_loaded(pks[rec.id], rec, tuple(decisions.get(pks[rec.id], ())), groups)
            for rec in records]


def _loaded(pk: int, record: DocumentRecord, decisions: tuple[adj.Decision, ...],
            groups: dict[str, str | None]) -> Loaded:
    cands = adj.candidates_of(record, groups)
    return Loaded(pk, record, cands, decisions,
                  adj.candidate_states(cands, decisions, record.gold), len(record.text))


def load_one(conn: Connection, codebook: Codebook, doc_id: str) -> Loaded:
    return load(conn, codebook, [doc_id])[0]


def load_shown(conn: Connection, codebook: Codebook, doc_id: str, text: str | None = None
               ) -> Loaded:
    """`load_one` as the adjudication view shows a document: of all that is said of it,
    only the annotators' spans (as SpanRows), their statuses, the gold and the decisions
    (read once); its record holds no document labels, notes, decision records or
    suggestions. `text`, the document's text when the caller has just read it (a text
    never changes once stored), is not read again."""
    pk, document = document_by_id(conn, doc_id, text)
    named = names_of(conn)
    names, labels, concepts = named
    record = DocumentRecord(
        document,
        SpanRows(tuple(span_rows_of(conn, [pk], named).get(pk, ()))),
        status=dict(statuses_of(conn, [pk], names).get(pk, ())),
        gold=tuple(gold_of(conn, [pk], names, labels, concepts).get(pk, ())))
    return _loaded(pk, record.without(reviewer_names(conn)),
                   tuple(decisions_of(conn, [pk]).get(pk, ())), groups_of(codebook))


NEAR_LIMIT = 200  # more places than this: the document is read whole


def load_near(conn: Connection, codebook: Codebook, doc_id: str, keys: Sequence[adj.Key]
              ) -> Loaded:
    """`load_one` for decisions on the candidates `keys`, reading of the annotators' spans
    only those that overlap them or the candidates bound to them through gold (a decision
    that moves a gold span asks whether another candidate still stands on it).

    The candidates read are whole (every vote: an annotator's span at a candidate's place
    overlaps it), with the document's participants; those of `keys` have all their
    conflicts (what conflicts overlaps), and every candidate read has the state
    `load_one` gives it (states stand on the whole document's gold and decisions). A
    1 MB document with 10,000 spans costs the few spans around a decision, not all; the
    text is not read (its record's is empty): a decision needs its length alone."""
    pk, length = document_pk_length(conn, doc_id)
    ds = tuple(decisions_of(conn, [pk]).get(pk, ()))
    gold = gold_of(conn, [pk]).get(pk, [])
    places = {tuple(k) for k in keys}
    by_id = {g.id: g for g in gold}
    bound = {g.id for g in gold if g.key in places}
    bound.update(d.gold_span_id for d in ds if d.key in places and d.gold_span_id in by_id)
    places.update(by_id[i].key for i in bound)
    places.update(d.key for d in ds if d.gold_span_id in bound)
    if len(places) > NEAR_LIMIT:
        return load_one(conn, codebook, doc_id)
    reviewers = reviewer_names(conn)
    record = load_records(conn, [doc_id], sorted({(k[0], k[1]) for k in places}),
                          as_rows=True, text=False)[0]
    record = record.without(reviewers)
    a, s = T["annotators"], T["spans"]
    marked = set(conn.execute(select(a.c.name).join(s, s.c.annotator_id == a.c.id)
                              .where(s.c.document_pk == pk).distinct()).scalars())
    who = tuple(sorted((marked - reviewers)
                       | {n for n, status in record.status.items() if status == DONE}))
    cands = adj.candidates_of(record, groups_of(codebook), who)
    return Loaded(pk, record, cands, ds, adj.candidate_states(cands, ds, record.gold), length)



def review_of(conn: Connection, doc_id: str
              ) -> tuple[tuple[GoldSpan, ...], tuple[adj.Decision, ...]]:
    """A document's gold and decisions alone: what a reviewer's action changes (the
    candidates come from the annotators' spans, which it leaves alone)."""
    pk = document_pk(conn, doc_id)
    gold = gold_of(conn, [pk]).get(pk, [])
    return tuple(gold), tuple(decisions_of(conn, [pk]).get(pk, ()))


def documents_done_by(conn: Connection, annotator: str) -> set[int]:
    """pks of the documents `annotator` marked done."""
    st, a = T["statuses"], T["annotators"]
    return set(conn.execute(select(st.c.document_pk).join(a, a.c.id == st.c.annotator_id)
                            .where(a.c.name == annotator, st.c.status == DONE)).scalars())
