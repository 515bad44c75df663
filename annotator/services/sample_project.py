"""Projects the app keeps in the user's data folder: the sample project (the five seed
articles, created the first time the app starts without a project) and others made the
same way (services.demo)."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.services.project import SEEDS, Project, init_project, open_project

APP_NAME = "framing-annotator"


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
    tmp = path.with_name(path.name + ".creating")
    for leftover in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        leftover.unlink(missing_ok=True)
    from annotator.services.importing import import_paths  # only to make it: the formats

    project = init_project(tmp)
    for source in sources:
        import_paths(project, [source])
    project.close()
    # Only a complete project gets the real name, so a crash midway is retried.
    tmp.replace(path)
    return open_project(path)
