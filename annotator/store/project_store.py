"""A project's database: opening (creating, migrating) and its transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from annotator.core.errors import ProjectError
from annotator.store import engine as engines
from annotator.store.migrate import ensure_schema


@dataclass
class Store:
    target: str
    engine: Engine
    backup: Path | None = None  # the copy made before a schema upgrade, if one was made

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with engines.read(self.engine) as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with engines.write(self.engine) as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def open_store(target: str, *, create: bool = False) -> Store:
    """Open a project database; with `create`, a missing SQLite file is created.

    Raises ProjectError for a missing file (without `create`), a file that is not a
    project, or a project written by a newer version (left untouched).
    """
    target = str(target)
    path = engines.sqlite_path(target)
    if path is not None:
        if not path.exists() and not create:
            raise ProjectError(
                f"{target}: no such project (create one with `annotator init {target}`)")
        if path.exists() and path.is_dir():
            raise ProjectError(f"{target} is a folder, not a project file")
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = engines.make_engine(target)
    try:
        backup = ensure_schema(engine, target)
    except ProjectError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise ProjectError(f"{target}: cannot open the database ({exc.orig})") from None
    return Store(target, engine, backup)
