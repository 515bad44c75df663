"""Opening and creating projects (the sample project: services.sample_project)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotator import data
from annotator.core.closing import Closable
from annotator.core.codebook import load_codebook_file
from annotator.core.errors import InputError, ProjectError
from annotator.core.model import Codebook

if TYPE_CHECKING:
    from annotator.store.project_store import Store
from annotator.store.sqlite_file import sqlite_path

DEFAULT_CODEBOOK = data.default_codebook()
SEEDS = data.seeds_dir()


@dataclass
class Project(Closable):
    """An open project: its store and the codebook, read once and refreshed on change."""

    store: Store
    _codebook: Codebook | None = field(default=None, repr=False)
    _revision: int | None = field(default=None, repr=False)  # the cached codebook's

    @property
    def target(self) -> str:
        return self.store.target

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
        self.store.close()


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
    from annotator.store.write_check import write_problem

    problem = write_problem(project.store.engine, project.target, wait_s)
    if problem is not None:
        raise ProjectError(problem)
