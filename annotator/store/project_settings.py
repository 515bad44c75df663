"""Project-wide values kept in the settings table beside the codebook's: the project's
stable id, and what a hand-out package says about itself."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, delete, insert, select, update

from annotator.store.row_objects import PACKAGE as PACKAGE  # the services name it here
from annotator.store.tables import T

PROJECT_ID = "project_id"


def get(conn: Connection, key: str) -> object | None:
    s = T["settings"]
    return conn.execute(select(s.c.value).where(s.c.key == key)).scalar()


def put(conn: Connection, key: str, value: object) -> None:
    s = T["settings"]
    if conn.execute(update(s).where(s.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(s).values(key=key, value=value))


def remove(conn: Connection, key: str) -> None:
    s = T["settings"]
    conn.execute(delete(s).where(s.c.key == key))


def project_id(conn: Connection) -> str | None:
    value = get(conn, PROJECT_ID)
    return None if value is None else str(value)


def ensure_project_id(conn: Connection) -> str:
    """The project's id, made now if it has none (a new project, or one made by an older
    version before its upgrade gave it one)."""
    found = project_id(conn)
    if found is None:
        found = str(uuid.uuid4())
        put(conn, PROJECT_ID, found)
    return found
