"""Engines: an SQLite file with the pragmas a desktop app needs, or any SQLAlchemy URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

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
        return create_engine(url, pool_pre_ping=True)
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
