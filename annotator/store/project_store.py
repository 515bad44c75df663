"""A project's database: opening (creating, migrating) and its transactions."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DataError, DBAPIError, OperationalError

from annotator.core.errors import InputError, ProjectError
from annotator.core.gc_pauses import freeze_loaded
from annotator.store import engine as engines
from annotator.store import journal, written
from annotator.store.history import now
from annotator.store.migrate import REVISIONS, ensure_schema
from annotator.store.sqlite_file import examine, sqlite_path
from annotator.store.write_check import explain


def first_line(error: object) -> str:
    """A driver's message without the SQL and hints it adds on further lines."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


@dataclass
class Store:
    target: str
    engine: Engine
    backup: Path | None = None  # the copy made before a schema upgrade, if one was made
    # names this Store's writes in the journal, so that its own watcher skips them
    origin: str = field(default_factory=lambda: uuid.uuid4().hex)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with engines.read(self.engine) as conn:
            yield conn

    @contextmanager
    def write(self, references_checked: bool = True) -> Iterator[Connection]:
        """One write transaction; what it changes is recorded (store.written) for the
        Changes its service returns. `references_checked`: engine.write's."""
        try:
            with engines.write(self.engine, references_checked) as conn:
                written.begin(conn, now())
                try:
                    yield conn
                    journal.flush(conn, self.origin)
                finally:
                    written.end(conn)
        except OperationalError as exc:
            if "readonly" not in str(exc.orig).replace("-", ""):
                raise
            raise ProjectError(f"{self.target} is read-only; nothing was changed") from None
        except DataError as exc:  # a value the server refuses (a number out of its range)
            raise InputError(f"the database refused a value: {first_line(exc.orig)}; "
                             "nothing was changed") from None

    def watcher(self) -> journal.Watcher:
        """A cheap test of whether anyone has committed since the last look."""
        return journal.Watcher(self.engine, self.target)

    def close(self) -> None:
        self.engine.dispose()


def open_store(target: str, *, create: bool = False, migrate: bool = True) -> Store:
    """Open a project database; with `create`, a missing SQLite file is created; without
    `migrate`, the schema is neither made nor checked (a database about to receive a copy).

    Raises ProjectError for a missing file (without `create`), a file that is not a
    project, or a project written by a newer version (left untouched).
    """
    target = str(target)
    path = sqlite_path(target)
    if path is not None:
        # Read first, change nothing: our settings and schema go only into a file known
        # to be ours (or into nothing at all when a project is being created).
        found = examine(path, target, REVISIONS)
        if found.kind == "missing" and not create:
            raise ProjectError(
                f"{target}: no such project (create one with `annotator init {target}`)")
        if found.kind == "blank" and not create:
            raise ProjectError(f"{target} is empty, not a project (create one with "
                               f"`annotator init {target}`); it was left untouched")
        if create:
            try:
                path.absolute().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ProjectError(f"{target}: cannot create its folder "
                                   f"({exc.strerror})") from None
    engine = engines.make_engine(target)
    try:
        if migrate:
            backup = ensure_schema(engine, target)
        else:
            backup = None
            with engines.read(engine):
                pass  # connects, or says why it cannot
    except ProjectError:
        engine.dispose()
        raise
    except DBAPIError as exc:  # locked, read-only, a full disk, a server that refuses
        engine.dispose()
        raise ProjectError(explain(exc.orig, target)) from None
    freeze_loaded()  # the database library and the command's modules are loaded by now
    return Store(target, engine, backup)
