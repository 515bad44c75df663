"""Copying a whole project, row for row, between databases of either backend.

Every table is copied with its ids (the undo log's row images name rows by id, so undo
keeps working in the copy), in the order of the foreign keys, and the id counters come
along, so that ids an undo has freed are not given out again in the copy either.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, MetaData, func, insert, select, text

from annotator.store.tables import T, metadata

CHUNK = 5000


def tables() -> list[str]:
    """The project's tables, each after those it refers to."""
    return [t.name for t in metadata.sorted_tables]


def counts(conn: Connection) -> dict[str, int]:
    return {name: conn.execute(select(func.count()).select_from(T[name])).scalar_one()
            for name in tables()}


def copy_rows(src: Connection, dst: Connection,
              progress: Callable[[str, int], None] = lambda table, rows: None) -> None:
    """Every row of every table of `src` into the empty tables of `dst`, then the id
    counters."""
    for name in tables():
        table = T[name]
        rows = src.execution_options(yield_per=CHUNK).execute(
            select(table).order_by(*table.primary_key.columns)).mappings()
        done = 0
        for chunk in rows.partitions():
            dst.execute(insert(table), [dict(r) for r in chunk])
            done += len(chunk)
            progress(name, done)
    set_counters(dst, counters(src))


def _counted() -> list[tuple[str, str]]:
    """(table, id column) of the tables whose ids come from a counter."""
    out = []
    for table in metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].type.python_type is int:
            out.append((table.name, pk[0].name))
    return out


def counters(conn: Connection) -> dict[str, int]:
    """The last id each table's counter gave out (at least its largest id)."""
    out = {}
    for name, column in _counted():
        out[name] = conn.execute(select(func.max(T[name].c[column]))).scalar() or 0
    if conn.dialect.name == "sqlite":
        for name, seq in conn.execute(text("SELECT name, seq FROM sqlite_sequence")):
            if name in out:
                out[name] = max(out[name], seq)
    elif conn.dialect.name == "postgresql":
        for name, column in _counted():
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": name, "c": column}).scalar()
            if seq:
                last, called = conn.execute(text(f"SELECT last_value, is_called FROM {seq}")
                                            ).one()
                out[name] = max(out[name], last if called else last - 1)
    return out


def set_counters(conn: Connection, values: dict[str, int]) -> None:
    if conn.dialect.name == "sqlite":
        autoincrement = {t.name for t in metadata.sorted_tables
                         if t.dialect_options["sqlite"].get("autoincrement")}
        for name, value in values.items():
            if name in autoincrement and value:
                conn.execute(text("DELETE FROM sqlite_sequence WHERE name = :n"), {"n": name})
                conn.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES (:n, :v)"),
                             {"n": name, "v": value})
    elif conn.dialect.name == "postgresql":
        for name, column in _counted():
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": name, "c": column}).scalar()
            if seq:
                value = values.get(name, 0)
                conn.execute(text("SELECT setval(:s, :v, :called)"),
                             {"s": seq, "v": max(value, 1), "called": value > 0})


def drop_everything(engine: Engine) -> None:
    """Take every table out again (a copy that failed leaves the database as it found it)."""
    with engine.begin() as conn:
        found = MetaData()
        found.reflect(conn)
        found.drop_all(conn)
