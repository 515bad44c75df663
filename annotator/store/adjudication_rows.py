"""Reading what adjudication needs from the database: documents with everyone's spans,
their decisions and gold, turned into the core's candidates and states.

Internal to the adjudication services (adjudicate.py, adjudication_view.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from annotator.core import adjudication as adj
from annotator.core.errors import InputError
from annotator.core.model import REVIEWER, Codebook, DocumentRecord
from annotator.store.corpus_rows import load_records
from annotator.store.lookups import annotator_id
from annotator.store.tables import T


@dataclass(frozen=True)
class Loaded:
    """One document as adjudication sees it, read in one transaction."""

    pk: int
    record: DocumentRecord
    candidates: adj.DocumentCandidates
    decisions: tuple[adj.Decision, ...]
    states: dict[adj.Key, adj.CandidateState]

    @property
    def doc_id(self) -> str:
        return self.record.id


def reviewer_id(conn: Connection, name: str) -> int:
    """The reviewer's id; only the reviewer role may see everyone's work and decide."""
    if not name or not name.strip():
        raise InputError("say who you are first (a reviewer name)")
    a = T["annotators"]
    row = conn.execute(select(a.c.id, a.c.role).where(a.c.name == name)).first()
    if row is None:
        raise InputError(f"no reviewer {name!r} in the project (add the name with the "
                         "reviewer role first)")
    if row.role != REVIEWER:
        raise InputError(f"{name!r} is an annotator, not a reviewer: only a reviewer sees "
                         "everyone's work and adjudicates")
    return row.id


def groups_of(codebook: Codebook) -> dict[str, str | None]:
    return {lab.name: lab.group for lab in codebook.labels}


def decisions_of(conn: Connection, pks: Sequence[int] | None = None
                 ) -> dict[int, list[adj.Decision]]:
    """Decisions by document pk, oldest first."""
    d, a = T["decisions"], T["annotators"]
    query = (select(d, a.c.name.label("reviewer_name")).join(a, a.c.id == d.c.reviewer_id)
             .order_by(d.c.id))
    if pks is not None:
        query = query.where(d.c.document_pk.in_(list(pks))) if len(pks) <= 500 else query
    wanted = None if pks is None else set(pks)
    out: dict[int, list[adj.Decision]] = defaultdict(list)
    for r in conn.execute(query):
        if wanted is None or r.document_pk in wanted:
            out[r.document_pk].append(to_decision(r))
    return out


def to_decision(r) -> adj.Decision:
    return adj.Decision(r.id, r.decision, r.start, r.end, r.label,
                        tuple(r.annotators or ()), r.reviewer_name, r.at, r.gold_span_id,
                        r.details or {})


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


def load(conn: Connection, codebook: Codebook, doc_ids: Sequence[str] | None = None
         ) -> list[Loaded]:
    """The documents asked for (all: None), in import order."""
    pks = doc_pks(conn, doc_ids)
    if not pks:
        return []
    records = load_records(conn, list(pks) if doc_ids is not None else None)
    decisions = decisions_of(conn, list(pks.values()))
    groups = groups_of(codebook)
    out = []
    for rec in records:
        pk = pks[rec.id]
        cands = adj.candidates_of(rec, groups)
        ds = tuple(decisions.get(pk, ()))
        out.append(Loaded(pk, rec, cands, ds, adj.candidate_states(cands, ds, rec.gold)))
    return out


def load_one(conn: Connection, codebook: Codebook, doc_id: str) -> Loaded:
    return load(conn, codebook, [doc_id])[0]


def is_reviewer(conn: Connection, name: str) -> bool:
    aid = annotator_id(conn, name)
    if aid is None:
        return False
    return conn.execute(select(T["annotators"].c.role)
                        .where(T["annotators"].c.id == aid)).scalar() == REVIEWER
