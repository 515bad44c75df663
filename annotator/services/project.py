"""Opening and creating projects, including the default sample project."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.codebook import load_codebook_file
from annotator.core.errors import InputError, ProjectError
from annotator.core.model import Codebook
from annotator.store import Store, open_store
from annotator.store.codebook_rows import load_codebook, save_codebook
from annotator.store.engine import sqlite_path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DEFAULT_CODEBOOK = RESOURCES / "codebooks" / "news-framing.yaml"
SEEDS = ROOT / "seeds"
APP_NAME = "framing-annotator"


@dataclass
class Project:
    """An open project: its store and the codebook, read once and refreshed on change."""

    store: Store
    _codebook: Codebook | None = field(default=None, repr=False)

    @property
    def target(self) -> str:
        return self.store.target

    @property
    def codebook(self) -> Codebook:
        if self._codebook is None:
            with self.store.read() as conn:
                self._codebook = load_codebook(conn)
        return self._codebook

    def forget_codebook(self) -> None:
        self._codebook = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_project(target: str | os.PathLike) -> Project:
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
    target = str(target)
    cb = read_codebook(codebook if codebook is not None else DEFAULT_CODEBOOK)
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
    return Project(store, cb)


def data_dir() -> Path:
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_project_path() -> Path:
    return data_dir() / "sample-project.db"


def open_default_project() -> Project:
    """The sample project in the user's data folder, created with the seeds the first time."""
    return open_or_create(default_project_path(), [SEEDS])


def open_or_create(path: Path, sources: list[Path]) -> Project:
    """A project kept in the data folder, made from `sources` (imported in order) the first
    time; a file left empty or half-made by a crash is made again."""
    if path.exists():
        try:
            project = open_project(path)
        except ProjectError:
            if path.stat().st_size:  # not a leftover empty file: someone else's to fix
                raise
            project = None
        if project is not None and project.codebook.labels:
            return project
        if project is not None:
            project.close()
        path.unlink()
    from annotator.services.importing import import_paths

    tmp = path.with_name(path.name + ".creating")
    for leftover in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        leftover.unlink(missing_ok=True)
    project = init_project(tmp)
    for source in sources:
        import_paths(project, [source])
    project.close()
    # Only a complete project gets the real name, so a crash midway is retried.
    tmp.replace(path)
    return open_project(path)
