"""Project-wide values kept in the settings table beside the codebook's: the project's
stable id, and what a hand-out package says about itself."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select, update

from annotator.store.tables import T

PROJECT_ID = "project_id"
PACKAGE = "package"  # set in a hand-out package only


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
