"""Migration 0007: assignments, their batches and active time appear; an existing project
gets a project id of its own, a new one gets it when it is made, and a copy keeps its
source's. On both backends."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from annotator.services import handout
from annotator.services.copying import copy_project
from annotator.services.project import init_project, open_project
from annotator.store.engine import server_url
from annotator.store.migrate import DB_DIR, HEAD, REVISIONS
from annotator.store.project_store import open_store
from tests.conftest import backend_target

# the revision just before this one, whatever other migrations land before it
BEFORE = REVISIONS[REVISIONS.index("0007") - 1]


def _before(target: str, with_project: bool) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(DB_DIR))
    url = server_url(target) if "://" in target else f"sqlite:///{target}"
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, BEFORE)
        if with_project:
            conn.execute(text("INSERT INTO settings (key, value) VALUES "
                              "('codebook_name', '\"News framing\"')"))
            conn.execute(text("INSERT INTO labels (id, name, position) "
                              "VALUES (1, 'Word choice', 0)"))
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_existing_project_gets_the_tables_and_an_id(backend, tmp_path, request):
    target = backend_target(backend, tmp_path, request)
    _before(target, with_project=True)
    store = open_store(target)
    try:
        with store.read() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            tables = set(inspect(conn).get_table_names())
            assert {"assignments", "assignment_batches", "activity"} <= tables
            ids = conn.execute(text("SELECT value FROM settings WHERE key = 'project_id'")
                               ).scalars().all()
            assert len(ids) == 1 and len(str(ids[0])) >= 32
    finally:
        store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_new_projects_have_ids_of_their_own_and_a_copy_keeps_its_sources(backend, tmp_path,
                                                                        request):
    first = init_project(backend_target(backend, tmp_path, request, "first"))
    second = init_project(tmp_path / "second.db")
    try:
        assert handout.project_id(first) != handout.project_id(second)
        copy = backend_target("sqlite", tmp_path, request, "copy")
        copy_project(first.target, copy)
        with open_project(copy) as copied:
            assert handout.project_id(copied) == handout.project_id(first)
    finally:
        first.close()
        second.close()
