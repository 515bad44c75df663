"""Migration 0010: on SQLite, the spans that have details get an index of their own, and a
document's spans are read through it and the unique key's index; an older project opens
with its spans and their details as they were."""

from __future__ import annotations

import pytest
from sqlalchemy import event, inspect

from annotator.core.model import NO_ATTRIBUTES
from annotator.services.project import open_project
from annotator.store.corpus_rows import names_of, span_rows_of
from annotator.store.migrate import HEAD, current_revision
from tests.conftest import backend_target
from tests.store.old_schema import ONE_DOCUMENT, SPAN, at_revision


def _at_0009(target: str) -> None:
    at_revision(target, "0009", (
        *ONE_DOCUMENT,
        f"{SPAN}) VALUES (5, 1, 1, 0, 4, 1)",
        f"{SPAN}, attributes) VALUES (6, 1, 1, 5, 9, 1, 'null')",
        f"{SPAN}, attributes) VALUES (7, 1, 1, 0, 9, 1, '{{\"polarity\": \"negative\"}}')",
        f"{SPAN}, note) VALUES (8, 1, 1, 1, 4, 1, 'why')",
        f"{SPAN}, codebook_version) VALUES (9, 1, 1, 2, 4, 1, 2)",
    ))


def _span_indexes(project) -> set[str]:
    with project.store.read() as conn:
        return {ix["name"] for ix in inspect(conn).get_indexes("spans")}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_older_project_reads_its_spans_and_their_details_as_before(
        backend, tmp_path, request):
    target = backend_target(backend, tmp_path, request)
    _at_0009(target)
    with open_project(target) as project:
        assert current_revision(project.store.engine) == HEAD
        assert ("ix_spans_details" in _span_indexes(project)) == (backend == "sqlite")
        with project.store.read() as conn:
            rows = sorted(span_rows_of(conn, [1], names_of(conn))[1], key=lambda r: r[7])
    assert [(r[7], r[4], r[6], r[8]) for r in rows] == [
        (5, NO_ATTRIBUTES, None, 1), (6, NO_ATTRIBUTES, None, 1),
        (7, {"polarity": "negative"}, None, 1), (8, NO_ATTRIBUTES, "why", 1),
        (9, NO_ATTRIBUTES, None, 2)]


def test_the_details_of_a_documents_spans_are_found_through_their_index(tmp_path):
    _at_0009(str(tmp_path / "p.db"))
    with open_project(str(tmp_path / "p.db")) as project, project.store.read() as conn:
        plans = []

        @event.listens_for(conn, "before_cursor_execute")
        def explain(conn_, _cursor, statement, parameters, *_args):
            if "note IS NOT NULL" in statement:
                plans.extend(str(row[-1]) for row in conn_.connection.driver_connection
                             .execute("EXPLAIN QUERY PLAN " + statement, parameters))

        span_rows_of(conn, [1], names_of(conn))
    assert plans and all("USING INDEX ix_spans_details" in p for p in plans), plans
