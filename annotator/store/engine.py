"""Engines: an SQLite file with the pragmas a desktop app needs, or a PostgreSQL server.

Every write transaction first takes the project's one write lock, on both backends: on
SQLite `BEGIN IMMEDIATE`, on PostgreSQL a transaction-level advisory lock. Whatever a
writer reads after that (the checks an import or an edit makes) cannot change under it
until it commits, so no other writer can slip between a check and the write. A writer
that finds the lock taken waits as its `Patience` says: reporting how long it has waited,
and giving up when told to (the GUI's cancel) or after a timeout, never frozen in a long
driver-level busy wait.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, String, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from annotator.core.errors import InputError
from annotator.store.patience import Busy, current
from annotator.store.sqlite_file import is_url

BUSY_TIMEOUT_MS = 5_000  # statements inside a transaction (SQLite's rare reader waits)
LOCK_TRY_MS = 50  # one try for the write lock, before the writer hears it is waiting
PG_LOCK_KEY = 0x616E6E6F  # the project's write lock: one advisory lock per database


def shown(target: str) -> str:
    """A target as messages show it: a URL without its password."""
    if not is_url(target) or make_url(target).password is None:
        return target
    return make_url(target).render_as_string(hide_password=True)


def server_url(target: str):
    """A PostgreSQL URL as SQLAlchemy needs it: plain postgresql:// means psycopg 3."""
    url = make_url(target)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def make_engine(target: str) -> Engine:
    if not is_url(target):
        target = "sqlite:///" + str(Path(target).expanduser().absolute())
    url = server_url(target)
    if url.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True)
        _check_values(engine)
        if url.get_backend_name() == "postgresql":
            _configure_postgresql(engine)
        return engine
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine)
    return engine


# The driver binds None as NULL only after looking for an adapter, and its failed lookup
# formats an AttributeError each time: about 0.2 µs per NULL cell, a span row has several.
# An adapter found in its registry that hands None back costs a dictionary lookup.
sqlite3.register_adapter(type(None), {}.get)


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
        # Readers stay deferred and never block writers under WAL; a writer takes the lock
        # up front, so two processes never deadlock upgrading a read lock.
        if conn.get_execution_options().get("readonly"):
            conn.exec_driver_sql("BEGIN DEFERRED")
            return
        conn.exec_driver_sql(f"PRAGMA busy_timeout={LOCK_TRY_MS}")
        try:
            _wait_for(lambda: _try_sqlite(conn))
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _try_sqlite(conn: Connection) -> bool:
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        return True
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            return False
        raise


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        if not conn.get_execution_options().get("readonly"):
            _wait_for(lambda: conn.exec_driver_sql(
                f"SELECT pg_try_advisory_xact_lock({PG_LOCK_KEY})").scalar())


def _wait_for(take: Callable[[], bool]) -> None:
    """Try to take the write lock until it is taken, reporting the wait; Busy after the
    timeout. A try that fails at once sleeps a little, so the loop never spins."""
    how = current()
    start = time.monotonic()
    while True:
        tried = time.monotonic()
        if take():
            return
        waited = time.monotonic() - start
        if how.timeout is not None and waited >= how.timeout:
            raise Busy(f"the project is busy: another program has been writing to it for "
                       f"{waited:.0f} s; nothing was written, try again")
        if how.waiting is not None:
            how.waiting(waited)
        rest = LOCK_TRY_MS / 1000 - (time.monotonic() - tried)
        if rest > 0:
            time.sleep(rest)


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
    """One read transaction: a consistent snapshot on both backends."""
    with engine.connect() as conn:
        options = {"readonly": True}
        if conn.dialect.name == "postgresql":
            options.update(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        conn = conn.execution_options(**options)
        with conn.begin():
            yield conn


@contextmanager
def write(engine: Engine, references_checked: bool = True) -> Iterator[Connection]:
    """One transaction, holding the project's write lock, that commits on success and
    rolls back on any exception.

    `references_checked` False, for a write whose every reference is to a row it has just
    looked up or made itself under the write lock (the import): SQLite does not look each
    one up again (finding a span's document, annotator and label was a tenth of inserting
    it). SQLite takes the setting only outside a transaction: it is set on the driver's
    connection before and after, so the pool never holds a connection without checks."""
    with engine.connect() as conn:
        unchecked = not references_checked and conn.dialect.name == "sqlite"
        if unchecked:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                yield conn
        finally:
            if unchecked:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
