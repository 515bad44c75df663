"""Opening a project that cannot be worked on: not a project, locked by another
program, read-only, on a full disk. A plain message (ProjectError; exit status 2 from
`annotator gui`), never a traceback, and the file left as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.services.project import ensure_writable, init_project, open_project

# locks, read-only files and disks are a file's; a server answers for its own
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content", [b"shopping list\n", bytes(range(256)) * 40])
def test_a_file_that_is_not_a_project(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match="not an annotator project"):
        open_project(path)
    assert path.read_bytes() == content


@SQLITE_ONLY
def test_a_project_another_program_is_writing_to(project):
    other = sqlite3.connect(project.target, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # as another annotator's import would, for long
        with pytest.raises(ProjectError, match=r"is locked by another program .* \(still "
                                               r"after 0.2 s\)"):
            ensure_writable(project, wait_s=0.2)
    finally:
        other.execute("ROLLBACK")
        other.close()
    ensure_writable(project, wait_s=0.2)  # free again: fine


@SQLITE_ONLY
def test_a_read_only_project(project):
    from annotator.store.engine import make_engine
    from annotator.store.write_check import write_problem

    path = project.target
    project.close()
    with sqlite3.connect(path) as conn:  # a rollback journal: opens without -wal/-shm
        conn.execute("PRAGMA journal_mode=DELETE")
    before = digest(Path(path))
    url = f"sqlite:///file:{path}?mode=ro&uri=true"  # what a read-only file gives SQLite
    engine = make_engine(url)
    try:
        assert "is read-only here" in write_problem(engine, url, 0.2)
    finally:
        engine.dispose()
    assert digest(Path(path)) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write to any file")
@SQLITE_ONLY
def test_a_project_in_a_read_only_folder(project, tmp_path):
    path = Path(project.target)
    project.close()
    before = digest(path)
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        with pytest.raises(ProjectError, match=r"its folder .* is read-only \(the annotator"):
            ensure_writable(open_project(path))
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)
    assert digest(path) == before


def full_disk(monkeypatch) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("shutil.disk_usage",
                        lambda path: usage(10 << 30, (10 << 30) - 4096, 4096))


@SQLITE_ONLY
def test_a_project_on_a_full_disk(project, monkeypatch):
    full_disk(monkeypatch)
    with pytest.raises(ProjectError, match=r"the disk holding .* is full \(4 KB free\)"):
        ensure_writable(project)
    monkeypatch.undo()
    ensure_writable(project)


def test_a_project_a_full_disk_will_not_even_let_be_read(tmp_path, monkeypatch):
    """On a full disk SQLite cannot make the -shm file a read needs either, and says only
    "disk I/O error" (seen on a full tmpfs)."""
    from annotator.store import sqlite_file

    path = tmp_path / "study.db"
    init_project(path).close()

    def no_room(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    full_disk(monkeypatch)
    monkeypatch.setattr(sqlite_file.sqlite3, "connect", no_room)
    with pytest.raises(ProjectError, match=r"^the disk holding .*study.db is full, so the "
                                           r"project cannot even be read"):
        open_project(path)


def test_annotator_gui_on_a_file_that_is_not_a_project(tmp_path):
    """The real command, in its own process: one line, exit status 2, no traceback."""
    path = tmp_path / "thesis.docx"
    path.write_bytes(b"PK\x03\x04 not a database")
    done = subprocess.run([sys.executable, "-m", "annotator", "gui", str(path)],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 2
    assert done.stderr.startswith(f"annotator: error: {path} ")
    assert "not an annotator project" in done.stderr and done.stderr.count("\n") == 1
    assert path.read_bytes() == b"PK\x03\x04 not a database"


@SQLITE_ONLY
def test_the_app_refuses_a_project_another_program_keeps_locked(project):
    """Opening only reads (no wait for the lock); the write check then waits a few
    seconds, not the 30 s a change would, and says why."""
    from annotator.gui.projects import start_project
    from annotator.gui.settings import Settings

    target = project.target
    project.close()
    other = sqlite3.connect(target, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        reopened = open_project(target)  # reading works while another program writes
        reopened.close()
        with pytest.raises(ProjectError, match=r"is locked by another program .*\(still "
                                               r"after 5 s\)"):
            start_project(target, Settings())
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_project_that_can_be_worked_on_is_not_refused(project):
    ensure_writable(project, wait_s=0.2)  # on either backend
