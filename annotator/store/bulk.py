"""Adding rows in bulk without touching what is stored (the import rules), and creating
shared rows (annotators, labels, concepts) idempotently when two writers race."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter

from sqlalchemy import Connection, PrimaryKeyConstraint, Table, UniqueConstraint, insert, select

from annotator.store import written
from annotator.store.tables import T

_CHUNK = 5000
# Rows in one INSERT statement on SQLite (fewer when the columns would pass its limit of
# parameters): SQLite runs a statement's set-up (AUTOINCREMENT's counter, the conflict
# and foreign-key bookkeeping) once per statement, a third of inserting a span row by row.
# Each such statement is compiled once per process; a longer one took longer to compile
# than its rows gained.
_ROWS_PER_STATEMENT = 100


def insert_new(conn: Connection, table: str, rows: list[dict], keys: Sequence[str]) -> int:
    """Insert the rows whose key is not stored yet: what is stored keeps its fields
    (insert_new_rows, for rows given as dicts with the same keys)."""
    if not rows:
        return 0
    columns = list(rows[0])
    return insert_new_rows(conn, table, columns, [tuple(r[c] for c in columns) for r in rows],
                           keys)


def insert_new_rows(conn: Connection, table: str, columns: Sequence[str], rows: list[tuple],
                    keys: Sequence[str]) -> int:
    """Insert the rows (tuples of `columns`, values as Python has them) whose key is not
    stored yet: what is stored keeps its fields.

    Filtering first (rather than ON CONFLICT DO NOTHING alone) leaves the database byte
    for byte unchanged when nothing is new: SQLite would still advance AUTOINCREMENT
    counters. Tables whose key is unique also skip conflicts, so that a writer that does
    not take the project's write lock cannot make this fail.
    """
    if not rows:
        return 0
    columns = list(columns)
    tab = T[table]
    cols = [tab.c[k] for k in keys]
    key_of = _getter([columns.index(k) for k in keys])
    existing: set[tuple] = set()
    if "document_pk" in keys:
        at = columns.index("document_pk")
        pks = sorted({r[at] for r in rows})
        for i in range(0, len(pks), 500):
            existing.update(tuple(r) for r in conn.execute(
                select(*cols).where(tab.c.document_pk.in_(pks[i:i + 500]))))
    else:
        existing.update(tuple(r) for r in conn.execute(select(*cols)))
    row_keys = list(map(key_of, rows))
    if existing.isdisjoint(row_keys) and len(set(row_keys)) == len(row_keys):
        new = rows  # the usual import: every row new, none twice (checked without a loop)
    else:
        new, seen = [], set()
        for key, row in zip(row_keys, rows, strict=True):
            if key not in existing and key not in seen:
                seen.add(key)
                new.append(row)
    statement = _insert_skipping_conflicts(conn, tab, keys)
    for i in range(0, len(new), _CHUNK):
        # no RETURNING: SQLite would then insert one row per statement (10 times slower),
        # so the Changes of a bulk insert list no span ids (views re-read the documents)
        _execute_many(conn, statement, tab, columns, new[i:i + _CHUNK])
    _touch(conn, table, columns, new)
    return len(new)


def insert_rows(conn: Connection, table: str, columns: Sequence[str], rows: list[tuple]
                ) -> None:
    """Insert every row (tuples of `columns`) as given, many statements' worth at once."""
    tab, columns = T[table], list(columns)
    for i in range(0, len(rows), _CHUNK):
        _execute_many(conn, insert(tab), tab, columns, rows[i:i + _CHUNK])


def _getter(positions: list[int]):
    """A row's values at these positions, always as a tuple."""
    if not positions:
        return lambda row: ()
    if len(positions) == 1:
        at = positions[0]
        return lambda row: (row[at],)
    return itemgetter(*positions)


def _touch(conn: Connection, table: str, columns: list[str], rows: list[tuple]) -> None:
    """written.touch_rows for what these rows say of the write: the document and owner
    of each (every row only when rows carry their ids)."""
    if not rows:
        return
    if "id" in columns:
        written.touch_rows(conn, table, [dict(zip(columns, r, strict=True)) for r in rows])
        return
    named = [c for c in ("pk" if table == "documents" else "document_pk",
                         written.OWNER.get(table)) if c in columns]
    get = _getter([columns.index(c) for c in named])
    written.touch_rows(conn, table, [dict(zip(named, values, strict=True))
                                     for values in dict.fromkeys(map(get, rows))])


def _execute_many(conn: Connection, statement, tab: Table, columns: list[str],
                  rows: list[tuple]) -> None:
    """SQLite is given the rows as they are, JSON columns serialized by their column
    type's own bind processor (as SQLAlchemy would; None as JSON null is the same for every
    row): SQLAlchemy's per-row parameter handling was a quarter of an import."""
    compiled = statement.compile(dialect=conn.dialect, column_keys=columns)
    order = list(compiled.positiontup or ())
    if conn.dialect.name != "sqlite" or set(order) != set(columns):
        conn.execute(statement, [dict(zip(columns, r, strict=True)) for r in rows])
        return
    if order != columns:
        get = _getter([columns.index(k) for k in order])
        rows = [get(r) for r in rows]
    if not rows:
        return
    processors = [tab.c[key].type.bind_processor(conn.dialect) for key in order]
    # column by column: a function call per row was a tenth of an import
    cells = list(zip(*rows, strict=True))
    for at, process in enumerate(processors):
        if process is not None:
            none, one_value = process(None), _remembering(process)
            cells[at] = [none if v is None else one_value(v) for v in cells[at]]
    one, sql = "(" + ", ".join(["?"] * len(order)) + ")", compiled.string
    if sql.count(one) != 1:
        conn.exec_driver_sql(sql, list(zip(*cells, strict=True)))
        return
    # A column with one value in every row (NULL: a span's concept and note; JSON null: its
    # provenance) is written into the statement, not bound: the driver binds a None only
    # after looking for an adapter for it, and copies each string it binds.
    values = [_literal(column) for column in cells]
    if any(values) and None in values:
        fixed = "(" + ", ".join(value or "?" for value in values) + ")"
        sql, one = sql.replace(one, fixed), fixed
        cells = [column for column, value in zip(cells, values, strict=True) if value is None]
    _execute_rows(conn, sql, one, list(zip(*cells, strict=True)))


def _literal(column: Sequence) -> str | None:
    """The SQL literal of the value every cell of `column` holds, if it is NULL or a short
    string repeated (None otherwise: the column is bound)."""
    first = column[0]
    if first is None:
        return "NULL" if column.count(None) == len(column) else None
    if (type(first) is str and len(column) > 1 and len(first) <= 64
            and "\x00" not in first and "?" not in first and column.count(first) == len(column)):
        return "'" + first.replace("'", "''") + "'"
    return None


_JUST_STRINGS = {str}


def _types(d: dict) -> set[type]:
    return {*map(type, d), *map(type, d.values())}


def _remembering(process):
    """`process` (a column type's bind processor), giving a dict of strings it has made
    before the value it made then: a span's attributes repeat across a corpus
    ({"polarity": "negative"}), and serializing each anew was a tenth of storing spans.
    Equal dicts of strings, in the same order, serialize alike; anything else (numbers,
    where 1 == True, or nesting) is processed every time."""
    made: dict[tuple, object] = {}

    def one(value):
        if type(value) is not dict or _types(value) != _JUST_STRINGS:
            return process(value)
        key = tuple(value.items())
        got = made.get(key)
        if got is None:
            got = made[key] = process(value)
        return got
    return one


def _execute_rows(conn: Connection, sql: str, one: str, rows: list[tuple]) -> None:
    """`sql`, whose VALUES are `one` (a row's parameters), run for every row, many rows
    to a statement, the rest one by one."""
    width = one.count("?")
    limit = conn.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(_ROWS_PER_STATEMENT, limit // width))
    whole = len(rows) - len(rows) % per
    if whole:
        conn.exec_driver_sql(sql.replace(one, ", ".join([one] * per)), [
            tuple(chain.from_iterable(rows[i:i + per])) for i in range(0, whole, per)])
    if whole < len(rows):
        # the rest row by row: a statement of their number would be compiled anew, for
        # these rows only (most calls end with a rest of another length)
        conn.exec_driver_sql(sql, rows[whole:])


def insert_or_nothing(conn: Connection, tab: Table):
    """An INSERT that skips a row whose unique key the table holds already (ON CONFLICT
    DO NOTHING); None where the database has no such statement."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        return None
    return dialect_insert(tab).on_conflict_do_nothing()


def _insert_skipping_conflicts(conn: Connection, tab: Table, keys: Sequence[str]):
    unique = any({c.name for c in con.columns} == set(keys) for con in tab.constraints
                 if isinstance(con, UniqueConstraint | PrimaryKeyConstraint))
    skipping = insert_or_nothing(conn, tab) if unique else None
    return skipping if skipping is not None else insert(tab)
