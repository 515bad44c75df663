"""Migration 0011: the concept indexes of spans and gold spans hold only the rows that name
a concept; an older project opens with its links as they were, and a query for one
concept's spans still goes through the index."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from annotator.services.project import open_project
from annotator.store.concept_rows import relink, usage
from annotator.store.migrate import HEAD, current_revision
from tests.conftest import backend_target
from tests.store.old_schema import ONE_DOCUMENT, SPAN, at_revision


def _at_0010(target: str) -> None:
    at_revision(target, "0010", (
        *ONE_DOCUMENT,
        "INSERT INTO concepts (pk, id, name) VALUES (1, 'c1', 'one'), (2, 'c2', 'two')",
        f"{SPAN}, concept_pk) VALUES (5, 1, 1, 0, 4, 1, 1)",
        f"{SPAN}, concept_pk) VALUES (6, 1, 1, 5, 9, 1, 1)",
        f"{SPAN}) VALUES (7, 1, 1, 0, 9, 1)",
        "INSERT INTO gold_spans (id, document_pk, start, \"end\", label_id, concept_pk, "
        "decided_by) VALUES (3, 1, 0, 4, 1, 1, 1)",
    ))


def _concept_indexes(conn) -> dict[str, str]:
    names = "('ix_spans_concept', 'ix_gold_spans_concept')"
    if conn.dialect.name == "sqlite":
        query = f"SELECT name, sql FROM sqlite_master WHERE name IN {names}"
    else:
        query = f"SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN {names}"
    return {name: sql for name, sql in conn.exec_driver_sql(query)}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_older_project_keeps_its_concept_links_under_partial_indexes(
        backend, tmp_path, request):
    target = backend_target(backend, tmp_path, request)
    _at_0010(target)
    with open_project(target) as project:
        assert current_revision(project.store.engine) == HEAD
        with project.store.read() as conn:
            indexes = _concept_indexes(conn)
            assert set(indexes) == {"ix_spans_concept", "ix_gold_spans_concept"}
            assert all("concept_pk IS NOT NULL" in sql for sql in indexes.values()), indexes
            assert (usage(conn, 1, 1).spans, usage(conn, 1, 1).gold) == (2, 1)
        with project.store.write() as conn:
            relink(conn, 1, 2)
        with project.store.read() as conn:
            assert (usage(conn, 2, 1).spans, usage(conn, 2, 1).gold) == (2, 1)
            assert usage(conn, 1, 1).total == 0


def test_one_concepts_spans_are_found_through_the_partial_index(tmp_path):
    target = str(tmp_path / "p.db")
    _at_0010(target)
    with open_project(target) as project, project.store.read() as conn:
        plans = []

        @event.listens_for(conn, "before_cursor_execute")
        def explain(conn_, _cursor, statement, parameters, *_args):
            if "concept_pk = " in statement:
                plans.extend(str(row[-1]) for row in conn_.connection.driver_connection
                             .execute("EXPLAIN QUERY PLAN " + statement, parameters))

        usage(conn, 1, 1)
    assert any("ix_spans_concept" in p for p in plans), plans
    assert any("ix_gold_spans_concept" in p for p in plans), plans
