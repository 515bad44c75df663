"""Indexes made after the rows: filling an empty table, SQLite sorts once at the end
instead of placing every row's entry as it comes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection


@contextmanager
def indexes_after_rows(conn: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Inside the caller's transaction: the plain secondary indexes of those `tables` that
    are empty now are dropped, and made again from their own SQL once the block is done.
    DDL is part of the transaction on SQLite: a rollback (an error, a cancel) brings them
    back with the rows, and other connections see the indexes throughout. Unique indexes
    stay (they refuse or skip conflicting rows as the rows come), and so do partial ones
    (each holds few rows, and making it again reads the whole table). Elsewhere (PostgreSQL)
    nothing changes."""
    if conn.dialect.name != "sqlite":
        yield
        return
    dropped: list[str] = []
    for table in tables:
        if conn.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first() is not None:
            continue
        for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL", (table,)).all():
            words = sql.upper().split()
            if words[1] == "INDEX" and "WHERE" not in words:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')
                dropped.append(sql)
    yield
    for sql in dropped:
        conn.exec_driver_sql(sql)
