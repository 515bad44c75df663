"""The people of a project: annotators and reviewers, by name."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sqlalchemy import Connection, bindparam, select, update

from annotator.core.errors import InputError
from annotator.core.model import ANNOTATOR, REVIEWER
from annotator.store import written
from annotator.store.bulk import insert_new
from annotator.store.json_columns import columns as read_columns
from annotator.store.tables import T


def ensure_annotators(conn: Connection, names: Iterable[str],
                      reviewers: Iterable[str] = ()) -> dict[str, int]:
    """Everyone's id by name, adding those not known yet (`reviewers` with that role)."""
    a = T["annotators"]
    reviewers = set(reviewers)
    rows = [{"name": n, "role": REVIEWER if n in reviewers else ANNOTATOR}
            for n in sorted(set(names) | reviewers)]
    insert_new(conn, "annotators", rows, ["name"])
    return dict(conn.execute(select(a.c.name, a.c.id)).all())


def actor(conn: Connection, name: str) -> int:
    """The id of whoever acts, added as an annotator the first time."""
    if not name:
        raise InputError("say who you are first (an annotator name)")
    aid = conn.execute(_id_of(), {"name": name}).scalar()
    if aid is None:
        aid = ensure_annotators(conn, [name])[name]
    written.know(conn, person=aid, name=name)
    return aid


@cache
def _id_of():
    # built once: every edit reads it
    a = T["annotators"]
    return select(a.c.id).where(a.c.name == bindparam("name"))


def set_role(conn: Connection, name: str, role: str) -> None:
    a = T["annotators"]
    aid = ensure_annotators(conn, [name])[name]
    if conn.execute(update(a).where(a.c.id == aid, a.c.role != role)
                    .values(role=role)).rowcount:
        written.touch(conn, "annotators")


def annotator_id(conn: Connection, name: str) -> int | None:
    return conn.execute(_id_of(), {"name": name}).scalar()


@cache
def _id_of():
    # built once: asked at every decision (the undo texts), and building a statement
    # took longer than running it
    a = T["annotators"]
    return select(a.c.id).where(a.c.name == bindparam("name"))


def annotator_names(conn: Connection) -> dict[int, str]:
    a = T["annotators"]
    return dict(conn.execute(select(a.c.id, a.c.name)).all())


def annotator_roles(conn: Connection) -> dict[str, str]:
    """Everyone in the project, name → role, by name."""
    a = T["annotators"]
    return dict(conn.execute(select(a.c.name, a.c.role).order_by(a.c.name)).all())


def reviewer_names(conn: Connection) -> set[str]:
    a = T["annotators"]
    return set(read_columns(conn, [a.c.name], [a.c.role == REVIEWER])[0])


def is_reviewer(conn: Connection, name: str) -> bool:
    a = T["annotators"]
    return conn.execute(select(a.c.role).where(a.c.name == name)).scalar() == REVIEWER


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
