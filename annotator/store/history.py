"""Row changes and the action log: every user action records the rows it inserted, updated
or deleted (before and after), so undo and redo replay them, across restarts.

A change is ``{"t": table, "before": row | None, "after": row | None}`` with rows as
plain dicts of column values. The writing functions here record their changes in the
transaction's record (store.written); `log_action` logs them as one action. Undo and redo
first check that every row is still as the action left it, and refuse otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from annotator.core.changes import NOTHING, Changes
from annotator.store import written
from annotator.store.bulk import insert_or_nothing
from annotator.store.tables import T

Row = dict[str, Any]
Change = dict[str, Any]


class Conflict(Exception):
    """Undo or redo refused: a row is no longer as the action left it (nothing written).
    `kind` is what the row is (core.changes: SPANS, GOLD, ...)."""

    def __init__(self, table: str, who: str | None, at: str | None, depends: bool = False):
        super().__init__(table)
        self.kind = written.KIND.get(table, table)
        self.who = who  # who changed it since, when known
        self.at = at  # when (ISO, UTC), when known
        self.depends = depends  # other work now refers to a row the replay would remove


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _pk_clause(table: Table, row: Row):
    return and_(*(c == row[c.name] for c in table.primary_key.columns))


def _fetch(conn: Connection, table: Table, row: Row) -> Row | None:
    found = conn.execute(select(table).where(_pk_clause(table, row))).mappings().first()
    return dict(found) if found is not None else None


def _record(conn: Connection, table: str, before: Row | None, after: Row | None) -> None:
    record = written.current(conn)
    if record is not None:
        record.undoable.append({"t": table, "before": before, "after": after})
    written.touch_rows(conn, table, [after if after is not None else before])


def insert_row(conn: Connection, table: str, values: Row) -> Row:
    """Insert one row; returns it as stored (with its id)."""
    tab = T[table]
    result = conn.execute(insert(tab).values(**values))
    key = dict(values)
    for col, value in zip(tab.primary_key.columns, result.inserted_primary_key, strict=True):
        key[col.name] = value
    after = _fetch(conn, tab, key)
    _record(conn, table, None, after)
    return after


def insert_new_row(conn: Connection, table: str, values: Row) -> Row | None:
    """Insert one row unless the table holds one with the same unique key; returns it as
    stored (with its id), or None when it was there already. One statement where insert_row
    after a look for it took three."""
    found = conn.execute(_new_row(conn, table), values).mappings().first()
    if found is None:
        return None
    after = dict(found)
    _record(conn, table, None, after)
    return after


_NEW_ROW: dict[tuple[str, str], Any] = {}


def _new_row(conn: Connection, table: str):
    """insert_new_row's statement, built once per database kind and table: an edit's
    statements built anew each time took more of its save than SQLite running them."""
    key = (conn.dialect.name, table)
    stmt = _NEW_ROW.get(key)
    if stmt is None:
        tab = T[table]
        skipping = insert_or_nothing(conn, tab)
        if skipping is None:
            raise NotImplementedError(conn.dialect.name)
        stmt = _NEW_ROW[key] = skipping.returning(*tab.c)
    return stmt


def insert_rows(conn: Connection, table: str, rows: Sequence[Row]) -> list[int]:
    """Insert many rows of a table with an integer id in one statement; returns their ids.

    Logged as insert_row would log them, without reading each row back."""
    if not rows:
        return []
    tab = T[table]
    ids = conn.execute(insert(tab).returning(tab.c.id, sort_by_parameter_order=True),
                       list(rows)).scalars().all()
    inserted(conn, table, [{"id": rid, **row} for row, rid in zip(rows, ids, strict=True)])
    return list(ids)


def inserted(conn: Connection, table: str, rows: Sequence[Row]) -> None:
    """Log rows the caller inserted itself (every column, with its id) as insert_row
    would have logged them."""
    for row in rows:
        _record(conn, table, None, row)


def update_row(conn: Connection, table: str, key: Row, values: Row) -> bool:
    """Update one row; False when nothing changes (so no empty action is logged)."""
    tab = T[table]
    before = _fetch(conn, tab, key)
    if before is None:
        raise LookupError(f"no {table} row {key}")
    if all(before.get(k) == v for k, v in values.items()):
        return False
    conn.execute(update(tab).where(_pk_clause(tab, before)).values(**values))
    _record(conn, table, before, _fetch(conn, tab, before))
    return True


def delete_row(conn: Connection, table: str, key: Row) -> Row:
    """Delete one row; references to it that may be cleared (ON DELETE SET NULL) are
    cleared first, logged, so that undo puts them back."""
    tab = T[table]
    before = _fetch(conn, tab, key)
    if before is None:
        raise LookupError(f"no {table} row {key}")
    for column, target in _nullable_references(table):
        ref = T[column.table.name]
        for row in conn.execute(select(ref).where(column == before[target])).mappings():
            update_row(conn, ref.name, dict(row), {column.name: None})
    conn.execute(delete(tab).where(_pk_clause(tab, before)))
    _record(conn, table, before, None)
    return before


def _nullable_references(table: str) -> list[tuple[Any, str]]:
    out = []
    for tab in T.values():
        for fk in tab.foreign_keys:
            if fk.column.table.name == table and (fk.ondelete or "").upper() == "SET NULL":
                out.append((fk.parent, fk.column.name))
    return out


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
    written.touch_rows(conn, change["t"], [dst if dst is not None else src])


@cache
def _logging():
    """log_action's statements (built once): the actor's undone actions discarded, the
    new one inserted."""
    actions = T["actions"]
    # IS: a null actor (work logged for nobody) matches itself, as `== None` did
    discard = (update(actions)
               .where(actions.c.actor_id.is_not_distinct_from(bindparam("actor")),
                      actions.c.state == "undone")
               .values(state="discarded"))
    return discard, insert(actions)


def log_action(conn: Connection, actor_id: int | None, kind: str, summary: str | None = None,
               document_pk: int | None = None) -> int | None:
    """Log the rows this transaction changed as one undoable action; a new action makes
    the actor's undone ones unredoable. Nothing is logged when nothing changed."""
    record = written.current(conn)
    changes = record.undoable if record is not None else []
    if not changes:
        return None
    discard, log = _logging()
    conn.execute(discard, {"actor": actor_id})
    result = conn.execute(log, {
        "actor_id": actor_id, "at": record.at, "kind": kind, "document_pk": document_pk,
        "summary": summary, "changes": list(changes), "state": "done"})
    changes.clear()
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
    """Undo the actor's newest done action; returns it, or None when there is none.

    Raises Conflict (nothing written) when a row it touched has changed since."""
    return _step(conn, actor_id, undoing=True)


def redo(conn: Connection, actor_id: int | None) -> Row | None:
    """Redo the actor's oldest undone action (the one undone last); Conflict as undo."""
    return _step(conn, actor_id, undoing=False)


def _step(conn: Connection, actor_id: int | None, undoing: bool) -> Row | None:
    state, new_state = ("done", "undone") if undoing else ("undone", "done")
    action = _last(conn, actor_id, state, newest=undoing)
    if action is None:
        return None
    _replay(conn, action, reverse=undoing)
    conn.execute(update(T["actions"]).where(T["actions"].c.id == action["id"])
                 .values(state=new_state))
    return action


def _replay(conn: Connection, action: Row, reverse: bool) -> None:
    changes = action["changes"]
    _check(conn, action, reverse)
    try:
        for change in (reversed(changes) if reverse else changes):
            apply(conn, change, reverse)
    except IntegrityError:
        # e.g. undoing a concept that another annotator has used since
        raise Conflict(changes[0]["t"], None, None, depends=True) from None


def _check(conn: Connection, action: Row, reverse: bool) -> None:
    """Every row the replay starts from must be as the action left it (undo) or found it
    (redo): otherwise someone changed it since, and replaying would destroy their work."""
    expected: dict[tuple, tuple[str, Row | None]] = {}
    for change in action["changes"]:
        table = T[change["t"]]
        row = change["before"] if change["before"] is not None else change["after"]
        key = (table.name, *(row[c.name] for c in table.primary_key.columns))
        if reverse:
            expected[key] = (table.name, change["after"])  # the last image wins
        else:
            expected.setdefault(key, (table.name, change["before"]))  # the first wins
    for key, (name, image) in expected.items():
        table = T[name]
        current = _fetch(conn, table, dict(zip((c.name for c in table.primary_key.columns),
                                               key[1:], strict=True)))
        if not _same(current, image):
            who, at = _changed_by(conn, action, name, key[1:])
            raise Conflict(name, who, at)


def _same(current: Row | None, image: Row | None) -> bool:
    if current is None or image is None:
        return current is None and image is None
    return all(current.get(k) == v for k, v in image.items())


def _changed_by(conn: Connection, action: Row, table: str, key: tuple
                ) -> tuple[str | None, str | None]:
    """Who last changed the row after `action` (by the action log), and when."""
    actions, people = T["actions"], T["annotators"]
    pk_names = [c.name for c in T[table].primary_key.columns]
    query = (select(actions.c.changes, actions.c.at, people.c.name)
             .outerjoin(people, people.c.id == actions.c.actor_id)
             .where(actions.c.id > action["id"], actions.c.changes.is_not(None))
             .order_by(actions.c.id.desc()))
    if action["document_pk"] is not None:
        query = query.where((actions.c.document_pk == action["document_pk"])
                            | actions.c.document_pk.is_(None))
    for changes, at, name in conn.execute(query):
        for change in changes:
            row = change["before"] if change["before"] is not None else change["after"]
            if change["t"] == table and tuple(row[k] for k in pk_names) == tuple(key):
                return name, at
    return None, None


def peek(conn: Connection, actor_id: int | None) -> tuple[Row | None, Row | None]:
    """The actions that undo and redo would replay next, as their ids and summaries (the
    menus' texts, asked again after each decision): not what they changed, which for a
    label of every occurrence is 200 KB of JSON."""
    if actor_id is None:
        return _last(conn, None, "done", True), _last(conn, None, "undone", False)
    return tuple(_row(conn.execute(_peeking(state, newest), {"actor": actor_id}))
                 for state, newest in (("done", True), ("undone", False)))


@cache
def _peeking(state: str, newest: bool):
    # built once: building a statement took longer than SQLite running it
    actions = T["actions"]
    return (select(actions.c.id, actions.c.summary)
            .where(actions.c.actor_id == bindparam("actor"), actions.c.state == state)
            .order_by(actions.c.id.desc() if newest else actions.c.id.asc()).limit(1))


def _row(result) -> Row | None:
    found = result.mappings().first()
    return dict(found) if found is not None else None



def finish(conn: Connection, actor_id: int | None, kind: str, description: str,
           document_pk: int | None = None) -> Changes:
    """Log the transaction's row changes as one undoable action; its Changes (NOTHING
    when no row changed)."""
    if log_action(conn, actor_id, kind, description, document_pk) is None:
        return NOTHING
    return written.changes(conn, description)
