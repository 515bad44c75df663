"""The database: SQLite settings, concurrent writers, migrations and their safety nets."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.store.migrate import DB_DIR, HEAD, REVISIONS, current_revision
from annotator.store.project_store import open_store
from annotator.store.tables import metadata

ROOT = Path(__file__).resolve().parents[2]


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(DB_DIR))
    return cfg


def test_revisions_listed_in_code_are_alembics():
    script = ScriptDirectory.from_config(alembic_config())
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == REVISIONS and script.get_current_head() == HEAD


def test_migrations_build_exactly_the_models_schema(tmp_path):
    store = open_store(str(tmp_path / "p.db"), create=True)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_sqlite_settings(tmp_path):
    store = open_store(str(tmp_path / "p.db"), create=True)
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_write_unchecked_leaves_the_next_write_checked(tmp_path):
    """A write without foreign key checks (the import's) turns them off for itself only:
    the pooled connection's next write refuses a row referring to nothing."""
    store = open_store(str(tmp_path / "p.db"), create=True)
    orphan = "INSERT INTO statuses (document_pk, annotator_id, status) VALUES (999, 999, 'done')"
    with store.write(references_checked=False) as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
    for _ in range(2):
        with pytest.raises(IntegrityError), store.write() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            conn.exec_driver_sql(orphan)
    with store.write(references_checked=False) as conn:
        conn.exec_driver_sql("DELETE FROM statuses")  # nothing there: checks nothing
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM statuses").scalar() == 0


WRITER = textwrap.dedent("""
    import sys
    from annotator.services.project import open_project
    from annotator.services.annotate import add_span
    project = open_project(sys.argv[1])
    who = sys.argv[2]
    for i in range(60):
        add_span(project, who, "d", i, i + 1, "Word choice")
    print("ok")
""")


def test_two_processes_writing_one_file_both_succeed(tmp_path, write_jsonl):
    db = tmp_path / "p.db"
    assert main(["init", str(db)]) == 0
    assert main(["import", str(db), str(write_jsonl({"id": "d", "text": "x" * 100}))]) == 0
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), who], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for who in ("alice", "bob")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.strip() == "ok"
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM spans").fetchone()[0] == 120
    con.close()


KILLED = textwrap.dedent("""
    import os, signal, sys
    from annotator.services.project import open_project
    from annotator.services.annotate import add_span
    project = open_project(sys.argv[1])
    add_span(project, "alice", "d", 0, 4, "Word choice")
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_an_acknowledged_action_survives_a_kill(tmp_path, write_jsonl):
    db = tmp_path / "p.db"
    main(["init", str(db)])
    main(["import", str(db), str(write_jsonl({"id": "d", "text": "sham vote"}))])
    proc = subprocess.run([sys.executable, "-c", KILLED, str(db)], cwd=ROOT, timeout=300)
    assert proc.returncode == -9
    con = sqlite3.connect(db)
    assert con.execute("SELECT start, \"end\" FROM spans").fetchall() == [(0, 4)]
    con.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    db = tmp_path / "p.db"
    open_store(str(db), create=True).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(ProjectError, match="newer version"):
        open_store(str(db))
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))


def test_an_older_database_is_backed_up_then_upgraded(tmp_path):
    from alembic import command

    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, REVISIONS[0])
        conn.exec_driver_sql("INSERT INTO documents (id, text, sha256) VALUES ('d', 't', 'x')")
    engine.dispose()

    store = open_store(str(db))
    assert current_revision(store.engine) == HEAD
    assert store.backup is not None and store.backup.exists()
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT id FROM documents").scalar() == "d"
    store.close()
    old = sqlite3.connect(store.backup)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == REVISIONS[0]
    assert old.execute("SELECT id FROM documents").fetchone()[0] == "d"
    old.close()


def test_a_file_that_is_not_a_project_is_refused(tmp_path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE things (x)")
    con.close()
    with pytest.raises(ProjectError, match="not an annotator project"):
        open_store(str(db))
