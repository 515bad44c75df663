"""Engines: an SQLite file with the pragmas a desktop app needs, or any SQLAlchemy URL."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, String, create_engine, event
from sqlalchemy.engine import make_url

from annotator.core.errors import InputError

BUSY_TIMEOUT_MS = 30_000
_URL_RE = re.compile(r"^[a-z][a-z0-9+]*://", re.IGNORECASE)


def is_url(target: str) -> bool:
    return bool(_URL_RE.match(target))


def sqlite_path(target: str) -> Path | None:
    """The file behind a target, or None for a server URL or an in-memory database."""
    if not is_url(target):
        return Path(target)
    url = make_url(target)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database)
    return None


def make_engine(target: str) -> Engine:
    if not is_url(target):
        target = "sqlite:///" + str(Path(target).expanduser().absolute())
    url = make_url(target)
    if url.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True)
        _check_values(engine)
        return engine
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # WAL + NORMAL: durable at every checkpoint, and a committed transaction survives
        # the process being killed (only an OS crash could lose the last commits).
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        # A writer takes the lock up front, so two processes never deadlock upgrading a
        # read lock; readers stay deferred and never block writers under WAL.
        mode = "DEFERRED" if conn.get_execution_options().get("readonly") else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


def _check_values(engine: Engine) -> None:
    """Refuse, in one plain line, a value a server would refuse with the whole statement
    in its message: text longer than its column allows (SQLite does not enforce lengths),
    or a NUL character (PostgreSQL cannot take one in text, not even to look it up)."""

    @event.listens_for(engine, "before_cursor_execute")
    def _before(_conn, _cursor, _statement, parameters, context, executemany):
        table = None
        if context is not None and (context.isinsert or context.isupdate):
            table = context.compiled.statement.table
        for row in (parameters if executemany or isinstance(parameters, list)
                    else (parameters,)):
            if isinstance(row, Mapping):
                for key, value in row.items():
                    if isinstance(value, str):
                        _check_value(table, key, value)


_BATCHED = re.compile(r"__\d+$")  # insertmanyvalues numbers each row's parameters


def _check_value(table, key: str, value: str) -> None:
    column = table.c.get(_BATCHED.sub("", key)) if table is not None else None
    shown = repr(value[:40]) + ("…" if len(value) > 40 else "")
    where = f" ({table.name}.{column.name})" if column is not None else ""
    if "\x00" in value:
        raise InputError(f"{shown} contains a NUL character, which the database cannot "
                         f"store{where}; nothing was changed")
    length = None
    if column is not None and isinstance(column.type, String):
        length = column.type.length
    if length is not None and len(value) > length:
        raise InputError(f"{shown} is {len(value):,} characters long; the database holds "
                         f"at most {length:,}{where}; nothing was changed")


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn = conn.execution_options(readonly=True)
        with conn.begin():
            yield conn


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One transaction that commits on success and rolls back on any exception."""
    with engine.begin() as conn:
        yield conn
