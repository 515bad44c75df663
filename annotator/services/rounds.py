"""Calibration rounds: the lead names a round and its documents (everyone codes them),
looks at its agreement (`agreement --round`), revises the codebook, starts the next.
Starting a round is one undoable action of the lead."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.services.changes import Changes
from annotator.services.codebook import lead
from annotator.services.project import Project
from annotator.store import history
from annotator.store.round_rows import Round, round_documents, rounds, start_round

__all__ = ["Round", "documents_of", "list_rounds", "start"]


def start(project: Project, actor: str, name: str, doc_ids: Sequence[str],
          new_reviewer: bool = False) -> Changes:
    """Start round `name` over the documents (a reviewer's action; `new_reviewer`: a name
    not in the project yet becomes a reviewer in the same transaction)."""
    with project.store.write() as conn:
        aid = lead(conn, actor, new_reviewer, "only a reviewer (the project lead) starts "
                   "a round; choose a name with the reviewer role")
        start_round(conn, aid, name, doc_ids)
        n = len(dict.fromkeys(doc_ids))
        return history.finish(conn, aid, "round", f"Start round {name.strip()!r} "
                                                  f"({n} document{'s' if n != 1 else ''})")


def list_rounds(project: Project) -> list[Round]:
    with project.store.read() as conn:
        return rounds(conn)


def documents_of(project: Project, name: str) -> tuple[str, ...]:
    with project.store.read() as conn:
        return round_documents(conn, name)
