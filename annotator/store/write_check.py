"""Can this process write to the project now?

Asked when the app opens a project, so that a project another program holds locked, a
read-only file or a full disk is refused in plain words before the user starts working,
rather than at the first label (after the busy timeout, for a lock).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from annotator.store.engine import BUSY_TIMEOUT_MS
from annotator.store.sqlite_file import (
    FREE_SPACE_FLOOR,
    disk_full,
    free_space,
    read_only_file,
    sqlite_path,
)


def _size(n: int) -> str:
    return f"{n // 1024} KB" if n < 1 << 20 else f"{n / (1 << 20):.1f} MB"


def write_problem(engine: Engine, target: str, wait_s: float) -> str | None:
    """Why nothing could be saved in this SQLite project now, in plain words; None when
    writing works (and for a server, which reports its own problems)."""
    path = sqlite_path(target)
    if path is None or engine.dialect.name != "sqlite":
        return None
    if read_only_file(path):
        return read_only(target)
    try:
        raw = engine.raw_connection()
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.OperationalError):
            return explain(exc.orig, target, wait_s)
        raise
    except sqlite3.OperationalError as exc:
        return explain(exc, target, wait_s)
    try:
        cur = raw.cursor()
        cur.execute(f"PRAGMA busy_timeout={int(wait_s * 1000)}")
        try:
            # Takes the write lock as every change does, and gives it back at once.
            cur.execute("BEGIN IMMEDIATE")
            cur.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            return explain(exc, target, wait_s)
        finally:
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.close()
    finally:
        raw.close()
    free = free_space(path)
    if free is not None and free < FREE_SPACE_FLOOR:
        return (f"the disk holding {target} is full ({_size(free)} free), so no work could "
                "be saved in it. Free some space and open it again")
    return None


def read_only(target: str) -> str:
    return (f"{target} is read-only here, so no work could be saved in it. Copy it to "
            "a folder you can write to, or ask for permission to write to it")


def explain(exc: BaseException, target: str, wait_s: float | None = None) -> str:
    """What SQLite's error means for someone opening the project, in plain words."""
    code = getattr(exc, "sqlite_errorname", "") or ""
    if code.startswith("SQLITE_NOTADB"):
        return f"{target} is not an annotator project (nor any SQLite database)"
    if code.startswith("SQLITE_BUSY") or code.startswith("SQLITE_LOCKED"):
        waited = f" (still after {wait_s:g} s)" if wait_s is not None else ""
        return (f"{target} is locked by another program that is writing to it{waited}. "
                "Close that program, or wait until it is done, and open the project again")
    path = sqlite_path(target)
    if code.startswith("SQLITE_READONLY") or (
            code.startswith("SQLITE_CANTOPEN") and path is not None and path.is_file()):
        # CANTOPEN on an existing file: its -wal and -shm files cannot be made beside it
        return read_only(target)
    if code.startswith("SQLITE_FULL") or (
            code.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) and disk_full(path)):
        return (f"the disk holding {target} is full, so no work could be saved in it. "
                "Free some space and open it again")
    # a driver's first line, without the SQL and hints it adds below
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"{target}: cannot open the project ({message})"
