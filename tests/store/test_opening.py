"""Opening reads before it writes: a file is changed only once it is known to be a project
of ours that is current or can be upgraded. Each refusal leaves the file byte-identical and
nothing beside it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.services.project import SEEDS
from annotator.store.project_store import open_store

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def refused(capsys, *args) -> str:
    capsys.readouterr()
    status = main([*map(str, args)])
    err = capsys.readouterr().err
    assert status == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err


def rollback_journal(db: Path) -> None:
    """The database as another program would leave it: not in WAL mode."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()


def test_a_newer_projects_file_is_not_changed_at_all(tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["init", str(db)]) == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    rollback_journal(db)
    before = snapshot(tmp_path)
    with pytest.raises(ProjectError, match="newer version"):
        open_store(str(db))
    err = refused(capsys, "export", db, "-o", tmp_path / "out.jsonl")
    assert "newer version" in err and "left untouched" in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("tables", [
    ["CREATE TABLE things (x)"],
    # an Alembic database of another program
    ["CREATE TABLE alembic_version (version_num VARCHAR(32))",
     "INSERT INTO alembic_version VALUES ('0001')", "CREATE TABLE orders (id INTEGER)"],
])
def test_another_programs_database_is_refused_untouched(tmp_path, capsys, tables):
    db = tmp_path / "theirs.sqlite"
    con = sqlite3.connect(db)
    for sql in tables:
        con.execute(sql)
    con.commit()
    con.close()
    before = snapshot(tmp_path)
    err = refused(capsys, "import", db, SEEDS)
    assert "another program's SQLite database" in err
    assert snapshot(tmp_path) == before  # no WAL switch, no -wal or -shm beside it


@pytest.mark.parametrize("content", [b"", b"hello, not a database\n" * 10,
                                     b"SQLite format 3\x00" + b"\x00" * 84],
                         ids=["empty", "text", "damaged"])
def test_an_empty_or_foreign_file_is_no_project(tmp_path, capsys, content):
    db = tmp_path / "p.db"
    db.write_bytes(content)
    err = refused(capsys, "import", db, SEEDS)
    assert str(db) in err
    assert db.read_bytes() == content  # an empty file did not get the schema
    assert [p.name for p in tmp_path.iterdir()] == ["p.db"]


def test_init_still_fills_an_empty_file(tmp_path):
    db = tmp_path / "p.db"
    db.touch()
    assert main(["init", str(db)]) == 0
    assert main(["import", str(db), str(SEEDS)]) == 0


def test_a_fifo_as_the_project_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "p.db"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "annotator", "export", str(fifo), "-o",
                           str(tmp_path / "x.jsonl")], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


def test_an_older_project_is_backed_up_before_it_changes(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from annotator.store.migrate import DB_DIR, REVISIONS

    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    cfg = Config()
    cfg.set_main_option("script_location", str(DB_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, REVISIONS[0])
    engine.dispose()
    rollback_journal(db)
    before = db.read_bytes()
    store = open_store(str(db))
    store.close()
    assert store.backup is not None
    backup = sqlite3.connect(store.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (
        REVISIONS[0],)
    backup.close()
    assert db.read_bytes() != before  # upgraded in place, a copy kept


def test_the_first_opening_moves_what_is_loaded_out_of_the_collectors_way(tmp_path):
    # In a process of its own: the freeze happens once per process, and this one's
    # projects were opened long ago.
    db = tmp_path / "p.db"
    main(["init", str(db)])
    script = (
        "import gc, sys\n"
        "from annotator.store.project_store import open_store\n"
        "before = gc.get_freeze_count()\n"
        "open_store(sys.argv[1]).close()\n"
        "first = gc.get_freeze_count()\n"
        "open_store(sys.argv[1]).close()\n"
        "print(before, first, gc.get_freeze_count())\n")
    proc = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True,
                          text=True, timeout=120, check=True)
    before, first, second = map(int, proc.stdout.split())
    assert before == 0
    assert first > 10_000  # SQLAlchemy's objects among them
    assert second == first  # the second opening freezes nothing more
