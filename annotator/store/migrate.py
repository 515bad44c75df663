"""Bring a project's schema to this version's: Alembic upgrades after a backup copy.

Alembic is imported only when there is something to do, so that opening an up-to-date
project (every start of the app) stays fast.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from annotator import data
from annotator.core.errors import ProjectError
from annotator.store.engine import read
from annotator.store.revisions import HEAD, REVISIONS
from annotator.store.sqlite_file import backup_name, newer_version, sqlite_path

DB_DIR = data.migrations_dir()


def current_revision(engine: Engine) -> str | None:
    # a read: opening a project never waits for another process's write lock
    with read(engine) as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_empty(engine: Engine) -> bool:
    with read(engine) as conn:
        return not inspect(conn).get_table_names()


def ensure_schema(engine: Engine, target: str) -> Path | None:
    """Create or upgrade the schema; returns the backup made before an upgrade, if any.

    A database whose revision this version does not know (made by a newer version) is
    refused and left untouched.
    """
    rev = current_revision(engine)
    if rev == HEAD:
        return None
    if rev is None:
        if not is_empty(engine):
            raise ProjectError(f"{target} is not an annotator project (it has other tables)")
        _upgrade(engine)
        return None
    if rev not in REVISIONS:
        raise newer_version(target, rev, HEAD)
    backup = backup_copy(target, rev)
    _upgrade(engine)
    return backup


def backup_copy(target: str, rev: str) -> Path | None:
    path = sqlite_path(target)
    if path is None or not path.exists():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    dest = backup_name(path, rev, stamp)
    # sqlite's backup API copies a consistent snapshot, WAL content included.
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return dest


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(DB_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
