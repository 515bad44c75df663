"""Migration 0004: decisions.gold_span_id becomes a foreign key (dangling links cleared
first, after the usual backup), and the change journal appears. On both backends."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect, text

from annotator.store.migrate import HEAD
from annotator.store.project_store import open_store
from tests.conftest import backend_target
from tests.store.old_schema import at_revision


def _at_0003(target: str) -> None:
    at_revision(target, "0003", (
        "INSERT INTO documents (pk, id, text, sha256) VALUES (1, 'd', 'sham vote', 'x')",
        "INSERT INTO annotators (id, name, role) VALUES (1, 'dana', 'reviewer')",
        "INSERT INTO labels (id, name, position) VALUES (1, 'Word choice', 0)",
        "INSERT INTO gold_spans (id, document_pk, start, \"end\", label_id, decided_by) "
        "VALUES (7, 1, 0, 4, 1, 1)",
        "INSERT INTO decisions (id, document_pk, reviewer_id, at, decision, start, \"end\","
        " gold_span_id) VALUES (1, 1, 1, 't', 'accept', 0, 4, 7)",
        # made gold span 99, which an undo has since deleted: the link dangles
        "INSERT INTO decisions (id, document_pk, reviewer_id, at, decision, start, \"end\","
        " gold_span_id) VALUES (2, 1, 1, 't', 'accept', 5, 9, 99)",
        "INSERT INTO decisions (id, document_pk, reviewer_id, at, decision, start, \"end\")"
        " VALUES (3, 1, 1, 't', 'reject', 5, 9)",
        "DELETE FROM decisions WHERE id = 3",  # an undone decision: its id stays used
    ), postgresql=[  # as if the rows had taken ids from it
        "SELECT setval(pg_get_serial_sequence('decisions', 'id'), 3)"])


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_gold_link_gets_a_foreign_key(backend, tmp_path, request):
    target = backend_target(backend, tmp_path, request)
    _at_0003(target)
    store = open_store(target)
    try:
        if backend == "sqlite":
            assert store.backup is not None and store.backup.exists()
        with store.read() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            links = dict(conn.execute(text("SELECT id, gold_span_id FROM decisions")).all())
            assert links == {1: 7, 2: None}
            fks = inspect(conn).get_foreign_keys("decisions")
            assert any(fk["referred_table"] == "gold_spans" for fk in fks)
            assert inspect(conn).has_table("journal")
        with store.write() as conn:
            conn.execute(text("DELETE FROM gold_spans WHERE id = 7"))
            assert conn.execute(text("SELECT gold_span_id FROM decisions WHERE id = 1")
                                ).scalar() is None
            new = conn.execute(text(
                "INSERT INTO decisions (document_pk, reviewer_id, at, decision, start, \"end\")"
                " VALUES (1, 1, 't', 'reject', 0, 4) RETURNING id")).scalar()
            assert new == 4  # 3 was given out before and is not given again
    finally:
        store.close()
    if backend == "sqlite":
        con = sqlite3.connect(target)
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'decisions'").fetchone()
        assert "AUTOINCREMENT" in sql[0] and con.execute("PRAGMA integrity_check"
                                                        ).fetchone() == ("ok",)
        con.close()
