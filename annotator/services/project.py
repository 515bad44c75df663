"""Opening and creating projects (the sample project: services.sample_project)."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from annotator import data
from annotator.core.closing import Closable
from annotator.core.codebook import load_codebook_file
from annotator.core.errors import InputError, ProjectError
from annotator.core.model import Codebook
from annotator.store.sqlite_file import sqlite_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotator.store.first_look import FirstLook
    from annotator.store.project_store import Store
    from annotator.store.row_objects import DocumentSummary

DEFAULT_CODEBOOK = data.default_codebook()
SEEDS = data.seeds_dir()


class Project(Closable):
    """An open project: its store and the codebook, read once and refreshed on change.

    At the app's start, a project may first be seen through its first look
    (store.first_look, `looked_at`): the store is opened when first used (`attach`, which
    the window calls right after its first paint); until then the services answer the
    start's reads from the look (`first_look`)."""

    def __init__(self, store: Store | None, codebook: Codebook | None = None,
                 revision: int | None = None, look: FirstLook | None = None):
        self._store = store
        self._codebook = codebook
        self._revision = revision  # the cached codebook's
        self.look = look  # what the start read before the store was opened, if it did
        self._attaching = threading.Lock()  # a worker's write may be the first use

    @property
    def store(self) -> Store:
        if self._store is None:
            self.attach()
        return self._store

    @property
    def attached(self) -> bool:
        return self._store is not None

    @property
    def first_look(self) -> FirstLook | None:
        """The start's first look while the store is not open yet: answers as of then."""
        return self.look if self._store is None else None

    def attach(self) -> None:
        """Open the store of a project seen through its first look, as `open_project`
        does, refusing (ProjectError) a project nothing could be saved in now."""
        from annotator.store.project_store import open_store

        with self._attaching:
            if self._store is not None:
                return
            store = open_store(self.look.target)
            try:
                refuse_unwritable(store)
            except BaseException:
                store.close()
                raise
            self._store = store

    @property
    def target(self) -> str:
        return self._store.target if self._store is not None else self.look.target

    @property
    def codebook(self) -> Codebook:
        if self._codebook is None:
            with self.store.read() as conn:
                return self.codebook_in(conn)
        return self._codebook

    def codebook_in(self, conn) -> Codebook:
        """The codebook as stored, read in the caller's transaction: checks made inside a
        write see what other writers have added (and the cached copy is brought up to
        date)."""
        from annotator.store.codebook_rows import codebook_revision, load_codebook

        revision = codebook_revision(conn)
        if self._codebook is None or revision != self._revision:
            self._codebook, self._revision = load_codebook(conn), revision
        return self._codebook

    def forget_codebook(self) -> None:
        self._codebook = None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def look_first(target: str, person: Callable[[dict], str | None],
               choose: Callable[[list[DocumentSummary]], str | None]) -> Project | None:
    """The project seen through the start's first look (store.first_look.take: `person`
    from the project's settings, the document `choose` picks from theirs); its store
    opens when first used. None where the look is not taken: open it the usual way."""
    from annotator.store.first_look import take

    look = take(target, person, choose)
    return None if look is None else Project(None, look.codebook, look.codebook_revision,
                                             look)


def open_project(target: str | os.PathLike) -> Project:
    from annotator.store.project_store import open_store

    return Project(open_store(str(target)))


def read_codebook(path: str | os.PathLike) -> Codebook:
    """A codebook from YAML/JSON, or the codebook line of an interchange file."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        from annotator.formats import jsonl

        batch = jsonl.read(path)
        if batch.codebook is None:
            raise InputError("this interchange file has no codebook line", str(path))
        return batch.codebook
    return load_codebook_file(path)


def init_project(target: str | os.PathLike, codebook: str | os.PathLike | None = None) -> Project:
    """Create a project with a codebook (the default framing codebook without one)."""
    from annotator.store.codebook_rows import load_codebook, save_codebook
    from annotator.store.codebook_versions import record_version
    from annotator.store.project_settings import ensure_project_id
    from annotator.store.project_store import open_store

    target = str(target)
    source = Path(codebook if codebook is not None else DEFAULT_CODEBOOK)
    cb = read_codebook(source)
    path = sqlite_path(target)
    if path is not None and path.exists() and path.stat().st_size > 0:
        raise ProjectError(f"{target} already exists; choose a new file name")
    store = open_store(target, create=True)
    with store.read() as conn:
        has_labels = bool(load_codebook(conn).labels)
    if has_labels:  # a server database that already holds a project
        store.close()
        raise ProjectError(f"{target} already holds a project")
    with store.write() as conn:
        save_codebook(conn, cb)
        ensure_project_id(conn)
        record_version(conn, None, f"The codebook of {source.name}")
        cb = load_codebook(conn)
    return Project(store, cb)


def ensure_writable(project: Project, wait_s: float = 5.0) -> None:
    """Refuse (ProjectError) a project nothing could be saved in now: locked by another
    program for longer than `wait_s`, read-only, or on a full disk."""
    refuse_unwritable(project.store, wait_s)


def refuse_unwritable(store: Store, wait_s: float = 5.0) -> None:
    from annotator.store.write_check import write_problem

    problem = write_problem(store.engine, store.target, wait_s)
    if problem is not None:
        raise ProjectError(problem)
