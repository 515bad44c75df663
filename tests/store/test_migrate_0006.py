"""Migration 0006: a project from before suggestions opens (after the usual backup) with
its spans kept, none of them marked as accepted from a suggestion, and the suggestion
tables empty and usable. On both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from annotator.services import annotate, suggestions
from annotator.services.project import open_project
from annotator.store.migrate import HEAD, REVISIONS
from tests.conftest import backend_target
from tests.store.old_schema import at_revision


def _before_0006(target: str) -> None:
    at_revision(target, REVISIONS[REVISIONS.index("0006") - 1], (
        "INSERT INTO documents (pk, id, text, sha256) VALUES (1, 'd', 'a sham vote', 'x')",
        "INSERT INTO annotators (id, name, role) VALUES (1, 'alice', 'annotator')",
        "INSERT INTO labels (id, name, position) VALUES (1, 'Word choice', 0)",
        "INSERT INTO spans (id, document_pk, annotator_id, start, \"end\", label_id) "
        "VALUES (1, 1, 1, 2, 6, 1)",
    ), postgresql=("SELECT setval(pg_get_serial_sequence('spans', 'id'), 1)",))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_older_project_gains_suggestions(backend, tmp_path, request, write_jsonl):
    from annotator.services.suggest_sources import import_file

    target = backend_target(backend, tmp_path, request)
    _before_0006(target)
    project = open_project(target)
    try:
        with project.store.read() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")
                                ).scalar() == HEAD
            assert conn.execute(text("SELECT suggested FROM spans")).all() == [(None,)]
        assert suggestions.acceptance(project)[0].suggested == 0
        import_file(project, write_jsonl({"id": "d", "annotations": [
            {"start": 7, "end": 11, "label": "Word choice", "score": 1}]}), "m")
        (s,) = suggestions.offered(project, "d", "alice").suggestions()
        suggestions.accept(project, "alice", s.id)
        assert [a.suggested for a in suggestions.acceptance(project)] == [1]
        annotate.undo(project, "alice")
        assert [a.suggested for a in suggestions.acceptance(project)] == [0]
    finally:
        project.close()
