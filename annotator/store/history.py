"""Row changes and the action log: every user action records the rows it inserted, updated
or deleted (before and after), so undo and redo replay them, across restarts.

A change is ``{"t": table, "before": row | None, "after": row | None}`` with rows as
plain dicts of column values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, insert, select, update

from annotator.store.tables import T

Row = dict[str, Any]
Change = dict[str, Any]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _pk_clause(table: Table, row: Row):
    return and_(*(c == row[c.name] for c in table.primary_key.columns))


def _fetch(conn: Connection, table: Table, row: Row) -> Row | None:
    found = conn.execute(select(table).where(_pk_clause(table, row))).mappings().first()
    return dict(found) if found is not None else None


def insert_row(conn: Connection, table: str, values: Row) -> Change:
    tab = T[table]
    result = conn.execute(insert(tab).values(**values))
    key = dict(values)
    for col, value in zip(tab.primary_key.columns, result.inserted_primary_key, strict=True):
        key[col.name] = value
    return {"t": table, "before": None, "after": _fetch(conn, tab, key)}


def update_row(conn: Connection, table: str, key: Row, values: Row) -> Change | None:
    """Update one row; None when nothing changes (so no empty action is logged)."""
    tab = T[table]
    before = _fetch(conn, tab, key)
    if before is None:
        raise LookupError(f"no {table} row {key}")
    if all(before.get(k) == v for k, v in values.items()):
        return None
    conn.execute(update(tab).where(_pk_clause(tab, before)).values(**values))
    return {"t": table, "before": before, "after": _fetch(conn, tab, before)}


def delete_row(conn: Connection, table: str, key: Row) -> Change:
    tab = T[table]
    before = _fetch(conn, tab, key)
    if before is None:
        raise LookupError(f"no {table} row {key}")
    conn.execute(delete(tab).where(_pk_clause(tab, before)))
    return {"t": table, "before": before, "after": None}


def apply(conn: Connection, change: Change, reverse: bool) -> None:
    """Bring a row from one side of a change to the other."""
    tab = T[change["t"]]
    src, dst = (change["after"], change["before"]) if reverse else (
        change["before"], change["after"])
    if dst is None:
        conn.execute(delete(tab).where(_pk_clause(tab, src)))
    elif src is None:
        conn.execute(insert(tab).values(**dst))
    else:
        conn.execute(update(tab).where(_pk_clause(tab, src)).values(**dst))


def log_action(conn: Connection, actor_id: int | None, kind: str, changes: list[Change],
               document_pk: int | None = None, summary: str | None = None) -> int | None:
    """Record an undoable action; a new action makes the actor's undone ones unredoable."""
    changes = [c for c in changes if c is not None]
    if not changes:
        return None
    actions = T["actions"]
    conn.execute(
        update(actions)
        .where(actions.c.actor_id == actor_id, actions.c.state == "undone")
        .values(state="discarded")
    )
    result = conn.execute(insert(actions).values(
        actor_id=actor_id, at=now(), kind=kind, document_pk=document_pk, summary=summary,
        changes=changes, state="done",
    ))
    return result.inserted_primary_key[0]


def log_event(conn: Connection, actor_id: int | None, kind: str, summary: str,
              document_pk: int | None = None) -> None:
    """An audit entry that is not undoable (imports, exports, automatic adjudication runs)."""
    conn.execute(insert(T["actions"]).values(
        actor_id=actor_id, at=now(), kind=kind, document_pk=document_pk, summary=summary,
        changes=None, state="logged",
    ))


def _last(conn: Connection, actor_id: int | None, state: str, newest: bool) -> Row | None:
    actions = T["actions"]
    order = actions.c.id.desc() if newest else actions.c.id.asc()
    row = conn.execute(
        select(actions).where(actions.c.actor_id == actor_id, actions.c.state == state)
        .order_by(order).limit(1)
    ).mappings().first()
    return dict(row) if row is not None else None


def undo(conn: Connection, actor_id: int | None) -> Row | None:
    """Undo the actor's newest done action; returns it, or None when there is none."""
    action = _last(conn, actor_id, "done", newest=True)
    if action is None:
        return None
    for change in reversed(action["changes"]):
        apply(conn, change, reverse=True)
    conn.execute(update(T["actions"]).where(T["actions"].c.id == action["id"])
                 .values(state="undone"))
    return action


def redo(conn: Connection, actor_id: int | None) -> Row | None:
    """Redo the actor's oldest undone action (the one undone last)."""
    action = _last(conn, actor_id, "undone", newest=False)
    if action is None:
        return None
    for change in action["changes"]:
        apply(conn, change, reverse=False)
    conn.execute(update(T["actions"]).where(T["actions"].c.id == action["id"])
                 .values(state="done"))
    return action


def peek(conn: Connection, actor_id: int | None) -> tuple[Row | None, Row | None]:
    """The actions that undo and redo would replay next (for menu texts)."""
    return _last(conn, actor_id, "done", True), _last(conn, actor_id, "undone", False)
