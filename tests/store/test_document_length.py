"""Each text's length is stored with it (migration 0008): filled for the documents of an
older project, written by every path that adds documents (import, copy, a hand-out
package), and what the document list shows, in code points. The list reads no text: on
SQLite its columns come from an index."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from annotator.services import handout, reading
from annotator.services.copying import copy_project
from annotator.services.importing import import_paths
from annotator.services.project import init_project, open_project
from annotator.store.migrate import HEAD, REVISIONS, current_revision
from tests.conftest import backend_target
from tests.store.old_schema import at_revision

ODD = "Vote 😀 in Zürich, 𝕏 said: ‘sham’"  # characters outside the BMP count once
BEFORE = REVISIONS[REVISIONS.index("0008") - 1]


def _stored(project) -> list[tuple[str, int | None, int]]:
    with project.store.read() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT id, length, length(text) FROM documents ORDER BY pk"))]


def _before_0008(target: str) -> None:
    at_revision(target, BEFORE, [f"INSERT INTO documents (pk, id, text, sha256) VALUES "
                                 f"(1, 'odd', '{ODD}', 'x'), (2, 'empty', '', 'y')"])


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_older_project_gains_its_texts_lengths(backend, tmp_path, request):
    target = backend_target(backend, tmp_path, request)
    _before_0008(target)
    with open_project(target) as project:
        assert current_revision(project.store.engine) == HEAD
        assert _stored(project) == [("odd", len(ODD), len(ODD)), ("empty", 0, 0)]
        assert [(s.id, s.length) for s in reading.documents(project, None)] == [
            ("odd", len(ODD)), ("empty", 0)]


def test_every_way_in_writes_the_length(seeded_project, write_jsonl, tmp_path):
    import_paths(seeded_project, [write_jsonl(
        {"id": "odd", "text": ODD, "annotations": [
            {"start": 5, "end": 6, "label": "Word choice", "annotator": "alice"}]})])
    stored = _stored(seeded_project)
    assert len(stored) == 6 and ("odd", len(ODD), len(ODD)) in stored
    assert all(length == counted for _id, length, counted in stored)
    copy = str(tmp_path / "copy.db")
    copy_project(seeded_project.target, copy)
    with open_project(copy) as copied:
        assert _stored(copied) == stored
    package = tmp_path / "alice.db"
    handout.pack(seeded_project, "alice", package)
    with open_project(str(package)) as packed:
        assert _stored(packed) == stored
    with init_project(tmp_path / "fresh.db") as fresh:
        import_paths(fresh, [write_jsonl({"id": "odd", "text": ODD})])
        assert _stored(fresh) == [("odd", len(ODD), len(ODD))]


def test_a_row_written_past_the_store_is_listed_and_checked_against_its_text(project):
    from annotator.core.errors import InputError
    from annotator.services import annotate

    with project.store.write() as conn:
        conn.execute(text("INSERT INTO documents (id, text, sha256) VALUES ('odd', :t, 'x')"),
                     {"t": ODD})
    assert _stored(project) == [("odd", None, len(ODD))]
    assert [(s.id, s.length) for s in reading.documents(project, None)] == [("odd", None)]
    annotate.add_span(project, "alice", "odd", len(ODD) - 5, len(ODD), "Word choice")
    with pytest.raises(InputError, match="out of range"):
        annotate.add_span(project, "alice", "odd", 0, len(ODD) + 1, "Word choice")


def test_the_list_reads_its_columns_from_an_index_on_sqlite(tmp_path):
    with init_project(tmp_path / "p.db") as project, project.store.read() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT pk, id, title, source, event, published, length "
            "FROM documents ORDER BY pk").all()
    assert any("COVERING INDEX ix_documents_listed" in row[-1] for row in plan), plan
