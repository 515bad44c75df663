"""A reviewer's work, row by row and undoable: gold spans and the decisions behind them.
Labels and concepts are given by name and turned into ids here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from annotator.core import adjudication as adj
from annotator.store import history
from annotator.store.codebook_rows import concept_pk, concept_pks, label_id, label_ids


@dataclass(frozen=True)
class NewGold:
    """A gold span to add with the decision that made it (a corpus run adds thousands)."""

    document_pk: int
    key: adj.Key
    attributes: Mapping[str, str]
    concept: str | None
    sources: Iterable[str]
    decision: str
    annotators: Iterable[str]
    details: Mapping[str, object]


def _gold_values(doc_pk: int, key: adj.Key, lid: int, attributes: Mapping[str, str],
                 cpk: int | None, note: str | None, reviewer: int, sources: Iterable[str],
                 at: str) -> dict:
    return {"document_pk": doc_pk, "start": key[0], "end": key[1], "label_id": lid,
            "attributes": dict(attributes) or None, "concept_pk": cpk, "note": note or None,
            "decided_by": reviewer, "sources": sorted(set(sources)) or None,
            "decided_at": at}


def _decision_values(doc_pk: int, reviewer: int, at: str, kind: str, key: adj.Key,
                     annotators: Iterable[str], gold_id: int | None,
                     details: Mapping[str, object]) -> dict:
    return {"document_pk": doc_pk, "reviewer_id": reviewer, "at": at, "decision": kind,
            "start": key[0], "end": key[1], "label": key[2] or None,
            "annotators": sorted(annotators) or None, "gold_span_id": gold_id,
            "details": dict(details) or None}


def insert_gold(conn, doc_pk: int, key: adj.Key, attributes: Mapping[str, str],
                concept: str | None, note: str | None, reviewer: int, sources: Iterable[str],
                at: str) -> int:
    row = history.insert_row(conn, "gold_spans", _gold_values(
        doc_pk, key, label_id(conn, key[2]), attributes, concept_pk(conn, concept), note,
        reviewer, sources, at))
    return row["id"]


def update_gold(conn, gold_id: int, reviewer: int, at: str, **fields) -> None:
    """Change a gold span's `attributes`, `concept`, `note` or `sources` (those given);
    the reviewer becomes the one who decided it."""
    values: dict[str, object] = {}
    if "attributes" in fields:
        values["attributes"] = dict(fields["attributes"]) or None
    if "concept" in fields:
        values["concept_pk"] = concept_pk(conn, fields["concept"])
    if "note" in fields:
        values["note"] = fields["note"] or None
    if "sources" in fields:
        values["sources"] = sorted(set(fields["sources"])) or None
    values.update(decided_by=reviewer, decided_at=at)
    history.update_row(conn, "gold_spans", {"id": gold_id}, values)


def delete_gold(conn, gold_id: int) -> None:
    """Take a gold span out; decisions that made it keep their place and lose the link."""
    history.delete_row(conn, "gold_spans", {"id": gold_id})


def record_decision(conn, doc_pk: int, reviewer: int, at: str, kind: str, key: adj.Key,
                    annotators: Iterable[str], gold_id: int | None,
                    details: Mapping[str, object]) -> None:
    history.insert_row(conn, "decisions", _decision_values(
        doc_pk, reviewer, at, kind, key, annotators, gold_id, details))


def insert_gold_with_decisions(conn, reviewer: int, at: str, new: Sequence[NewGold]
                               ) -> list[int]:
    """Many gold spans and their decisions in two statements (instead of four per span);
    logged for undo like the one-row functions. Returns the gold spans' ids."""
    if not new:
        return []
    labels, concepts = label_ids(conn), concept_pks(conn)
    gold_ids = history.insert_rows(conn, "gold_spans", [
        _gold_values(g.document_pk, g.key, labels[g.key[2]], g.attributes,
                     concepts.get(g.concept) if g.concept else None, None, reviewer,
                     g.sources, at) for g in new])
    history.insert_rows(conn, "decisions", [
        _decision_values(g.document_pk, reviewer, at, g.decision, g.key, g.annotators, gid,
                         g.details) for g, gid in zip(new, gold_ids, strict=True)])
    return gold_ids
