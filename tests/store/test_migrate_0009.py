"""Migration 0009: the spans' index on (document, annotator) is gone, being the first two
columns of their unique key; an older project opens with its spans, and a document's spans,
and one annotator's on it, are still found through an index, not by reading the table."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from annotator.services import annotate, layer
from annotator.services.project import init_project, open_project
from annotator.store.migrate import HEAD, current_revision
from tests.conftest import backend_target
from tests.store.old_schema import at_revision


def _at_0008(target: str) -> None:
    at_revision(target, "0008", (
        "INSERT INTO documents (pk, id, text, sha256, length) "
        "VALUES (1, 'd', 'sham vote', 'x', 9)",
        "INSERT INTO annotators (id, name, role) VALUES (1, 'alice', 'annotator')",
        "INSERT INTO annotators (id, name, role) VALUES (2, 'bob', 'annotator')",
        "INSERT INTO labels (id, name, position) VALUES (1, 'Word choice', 0)",
        "INSERT INTO spans (id, document_pk, annotator_id, start, \"end\", label_id) "
        "VALUES (5, 1, 1, 0, 4, 1)",
        "INSERT INTO spans (id, document_pk, annotator_id, start, \"end\", label_id) "
        "VALUES (6, 1, 2, 5, 9, 1)",
    ))


def _span_indexes(project) -> set[str]:
    with project.store.read() as conn:
        return {ix["name"] for ix in inspect(conn).get_indexes("spans")}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_older_project_loses_the_index_and_keeps_its_spans(backend, tmp_path, request):
    target = backend_target(backend, tmp_path, request)
    _at_0008(target)
    with open_project(target) as project:
        assert current_revision(project.store.engine) == HEAD
        assert "ix_spans_document_annotator" not in _span_indexes(project)
        assert {"ix_spans_label", "ix_spans_concept"} <= _span_indexes(project)
        alice = layer.read_document(project, "d", "alice").layer
        assert (alice.ids, alice.starts, alice.ends, alice.labels) == (
            [5], [0], [4], ["Word choice"])
        assert sorted(layer.read_document(project, "d", None).layer.ids) == [5, 6]
        annotate.add_span(project, "alice", "d", 5, 9, "Word choice")
        alice = layer.read_document(project, "d", "alice").layer
        assert (alice.ids[0], alice.starts, alice.ends) == (5, [0, 5], [4, 9])


def test_a_new_project_has_no_such_index(tmp_path):
    with init_project(tmp_path / "new.db") as project:
        assert "ix_spans_document_annotator" not in _span_indexes(project)


@pytest.mark.parametrize("where", ["document_pk = 1", "document_pk = 1 AND annotator_id = 2"])
def test_a_documents_spans_are_searched_through_the_key(tmp_path, where):
    with init_project(tmp_path / "new.db") as project, project.store.read() as conn:
        plan = " ".join(str(row[-1]) for row in conn.execute(text(
            f"EXPLAIN QUERY PLAN SELECT * FROM spans WHERE {where}")))
    assert "SEARCH spans USING INDEX sqlite_autoindex_spans_1" in plan, plan
