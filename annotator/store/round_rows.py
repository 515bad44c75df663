"""Calibration rounds: a name, the documents everyone codes in it, who started it and
under which codebook version. Started through the undo log (store/history.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from annotator.core.errors import InputError
from annotator.store import history
from annotator.store.codebook_versions import current_version
from annotator.store.lookups import document_pk
from annotator.store.tables import T


@dataclass(frozen=True)
class Round:
    name: str
    started: str  # ISO time, UTC
    by: str | None
    codebook_version: int | None  # the version it was started under
    documents: tuple[str, ...]


def start_round(conn: Connection, actor: int, name: str, doc_ids: Sequence[str]) -> None:
    name = name.strip()
    if not name:
        raise InputError("a round needs a name")
    if not doc_ids:
        raise InputError("a round needs documents: name them with --document")
    r = T["rounds"]
    if conn.execute(select(r.c.id).where(r.c.name == name)).scalar() is not None:
        raise InputError(f"there is already a round {name!r}; choose another name")
    pks = [document_pk(conn, d) for d in dict.fromkeys(doc_ids)]
    row = history.insert_row(conn, "rounds", {
        "name": name, "created_at": history.now(), "created_by": actor,
        "codebook_version": current_version(conn) or None})
    for position, pk in enumerate(pks):
        history.insert_row(conn, "round_documents", {"round_id": row["id"],
                                                     "document_pk": pk, "position": position})


def rounds(conn: Connection) -> list[Round]:
    """Every round, oldest first, with its documents in the order given."""
    r, rd, d, a = T["rounds"], T["round_documents"], T["documents"], T["annotators"]
    docs: dict[int, list[str]] = {}
    for rid, doc_id in conn.execute(select(rd.c.round_id, d.c.id)
                                    .join(d, d.c.pk == rd.c.document_pk)
                                    .order_by(rd.c.round_id, rd.c.position)):
        docs.setdefault(rid, []).append(doc_id)
    return [Round(row.name, row.created_at, row.who, row.codebook_version,
                  tuple(docs.get(row.id, ())))
            for row in conn.execute(select(r.c.id, r.c.name, r.c.created_at,
                                           r.c.codebook_version, a.c.name.label("who"))
                                    .outerjoin(a, a.c.id == r.c.created_by).order_by(r.c.id))]


def round_documents(conn: Connection, name: str) -> tuple[str, ...]:
    """The ids of a round's documents; InputError naming the rounds there are."""
    found = {x.name: x for x in rounds(conn)}
    if name not in found:
        known = ", ".join(repr(n) for n in found) or "none yet"
        raise InputError(f"no round {name!r} in the project (rounds: {known})")
    return found[name].documents
