"""The codebook's versions: each change to the stored codebook is recorded as the next
number, with who, when, what changed and the whole codebook then. Version rows are an
audit record, written outside the undo log: undoing a change makes a new version too, so
a number always means one codebook. Spans carry the version they were made under."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, func, insert, select

from annotator.core.codebook import from_snapshot, snapshot
from annotator.core.codebook_versions import CodebookVersion
from annotator.core.errors import InputError
from annotator.core.model import Codebook
from annotator.store import written
from annotator.store.codebook_rows import bump_revision, load_codebook
from annotator.store.history import now
from annotator.store.tables import T


def current_version(conn: Connection) -> int:
    """The project's codebook version (0 for a database that holds no codebook yet)."""
    return conn.execute(_latest()).scalar() or 0


@cache
def _latest():
    # built once: every new span records the version it was made under
    return select(func.max(T["codebook_versions"].c.number))


def record_version(conn: Connection, actor_id: int | None, summary: str,
                   changes: Sequence[Mapping[str, Any]] | None = None) -> int:
    """Record the stored codebook, as this transaction has left it, as the next version;
    its number. Cached codebooks are re-read (the revision moves)."""
    number = current_version(conn) + 1
    cb = load_codebook(conn)
    conn.execute(insert(T["codebook_versions"]).values(
        number=number, at=now(), actor_id=actor_id, summary=summary,
        changes=[dict(c) for c in changes] if changes else None,
        codebook=snapshot(_numbered(cb, number))))
    written.touch(conn, "codebook_versions")
    bump_revision(conn)
    return number


def _numbered(cb: Codebook, number: int) -> Codebook:
    from dataclasses import replace

    return replace(cb, version=number)


def versions(conn: Connection) -> list[CodebookVersion]:
    """Every version, oldest first."""
    v, people = T["codebook_versions"], T["annotators"]
    rows = conn.execute(select(v.c.number, v.c.at, people.c.name, v.c.summary, v.c.changes)
                        .outerjoin(people, people.c.id == v.c.actor_id)
                        .order_by(v.c.number))
    return [CodebookVersion(r.number, r.at, r.name, r.summary, tuple(r.changes or ()))
            for r in rows]


def version_codebook(conn: Connection, number: int) -> Codebook:
    """The codebook as it was at a version (InputError when there is no such version)."""
    v = T["codebook_versions"]
    data = conn.execute(select(v.c.codebook).where(v.c.number == number)).scalar()
    if data is None:
        last = current_version(conn)
        raise InputError(f"there is no codebook version {number} (the versions are 1 to "
                         f"{last})" if last else "this project keeps no codebook versions")
    return from_snapshot(data)


def last_change(conn: Connection, kind: str, name: str | None, after: int = 0
                ) -> CodebookVersion | None:
    """The newest version after `after` that changed the item (`kind`, `name`): it named
    the item, or renamed or merged something into that name."""
    v, people = T["codebook_versions"], T["annotators"]
    rows = conn.execute(select(v.c.number, v.c.at, people.c.name, v.c.summary, v.c.changes)
                        .outerjoin(people, people.c.id == v.c.actor_id)
                        .where(v.c.number > after).order_by(v.c.number.desc()))
    for r in rows:
        for change in r.changes or ():
            if change.get("kind") == kind and name in (change.get("name"), change.get("to")):
                return CodebookVersion(r.number, r.at, r.name, r.summary,
                                       tuple(r.changes or ()))
    return None


def span_version(conn: Connection, span_id: int) -> int:
    """The codebook version a span was made (or last changed by its annotator) under."""
    s = T["spans"]
    found = conn.execute(select(s.c.codebook_version).where(s.c.id == span_id)).scalar()
    if found is None:
        raise InputError(f"span {span_id} no longer exists")
    return found


def spans_by_version(conn: Connection) -> dict[int, int]:
    """How many spans were made under each version."""
    s = T["spans"]
    return dict(conn.execute(select(s.c.codebook_version, func.count())
                             .group_by(s.c.codebook_version)
                             .order_by(s.c.codebook_version)).all())
