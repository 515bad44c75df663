"""Adding rows in bulk without touching what is stored (the import rules), and creating
shared rows (annotators, labels, concepts) idempotently when two writers race."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, PrimaryKeyConstraint, Table, UniqueConstraint, insert, select

from annotator.store import written
from annotator.store.tables import T

_CHUNK = 5000


def insert_new(conn: Connection, table: str, rows: list[dict], keys: Sequence[str]) -> int:
    """Insert the rows whose key is not stored yet: what is stored keeps its fields.

    Filtering first (rather than ON CONFLICT DO NOTHING alone) leaves the database byte
    for byte unchanged when nothing is new: SQLite would still advance AUTOINCREMENT
    counters. Tables whose key is unique also skip conflicts, so that a writer that does
    not take the project's write lock cannot make this fail.
    """
    if not rows:
        return 0
    tab = T[table]
    cols = [tab.c[k] for k in keys]
    existing: set[tuple] = set()
    if "document_pk" in keys:
        pks = sorted({r["document_pk"] for r in rows})
        for i in range(0, len(pks), 500):
            existing.update(tuple(r) for r in conn.execute(
                select(*cols).where(tab.c.document_pk.in_(pks[i:i + 500]))))
    else:
        existing.update(tuple(r) for r in conn.execute(select(*cols)))
    new, seen = [], set()
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key not in existing and key not in seen:
            seen.add(key)
            new.append(row)
    statement = _insert_skipping_conflicts(conn, tab, keys)
    for i in range(0, len(new), _CHUNK):
        # no RETURNING: SQLite would then insert one row per statement (10 times slower),
        # so the Changes of a bulk insert list no span ids (views re-read the documents)
        _execute_many(conn, statement, tab, new[i:i + _CHUNK])
    written.touch_rows(conn, table, new)
    return len(new)


def _execute_many(conn: Connection, statement, tab: Table, rows: list[dict]) -> None:
    """SQLite is given the rows as tuples, each value through its column type's own bind
    processor (JSON serialized as SQLAlchemy would): SQLAlchemy's per-row parameter
    handling was a quarter of an import."""
    compiled = statement.compile(dialect=conn.dialect, column_keys=list(rows[0]))
    order = compiled.positiontup
    if conn.dialect.name != "sqlite" or not order or set(order) != set(rows[0]):
        conn.execute(statement, rows)
        return
    steps = [(key, tab.c[key].type.bind_processor(conn.dialect)) for key in order]
    conn.exec_driver_sql(compiled.string, [
        tuple(row[key] if process is None else process(row[key]) for key, process in steps)
        for row in rows])


def _insert_skipping_conflicts(conn: Connection, tab: Table, keys: Sequence[str]):
    unique = any({c.name for c in con.columns} == set(keys) for con in tab.constraints
                 if isinstance(con, UniqueConstraint | PrimaryKeyConstraint))
    dialect = conn.dialect.name
    if unique and dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        return dialect_insert(tab).on_conflict_do_nothing()
    return insert(tab)
