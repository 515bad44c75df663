"""Copying a whole project between SQLite and PostgreSQL, both ways (services.copying and
`annotator copy`): checked, with history and id counters, never into a non-empty place."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.services import annotate as an
from annotator.services.copying import copy_project
from annotator.services.exporting import export
from annotator.services.layer import read_document
from annotator.services.project import init_project, open_project
from tests.filled import D2, fill


@pytest.fixture
def source(tmp_path):
    project = init_project(tmp_path / "source.db")
    fill(project)
    yield project
    project.close()


def test_sqlite_to_postgresql_and_back(source, pg_cluster, tmp_path):
    server = pg_cluster.new_database()
    report = copy_project(source.target, server)
    assert report.counts["documents"] == 5 and report.counts["decisions"] >= 2
    back = str(tmp_path / "back.db")
    assert copy_project(server, back).counts == report.counts
    outputs = []
    for target in (source.target, server, back):
        with open_project(target) as p:
            out = tmp_path / f"{len(outputs)}.jsonl"
            export(p, "jsonl", out)
            outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    pg_cluster.drop_made()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_copy_keeps_undo_and_its_id_counters(source, backend, pg_cluster, tmp_path):
    target = pg_cluster.new_database() if backend == "postgresql" else str(tmp_path / "c.db")
    copy_project(source.target, target)
    freed = max(read_document(source, D2, None).layer.ids)
    with open_project(target) as copy:
        assert an.redo(copy, "alice").description == "Redo Add 'Word choice'"
        assert max(read_document(copy, D2, "alice").layer.ids) > freed  # the freed id back
        an.undo(copy, "alice")
        an.add_span(copy, "bob", D2, 40, 45, "Word choice")
        new = [s.id for s in read_document(copy, D2, "bob").layer.spans() if s.start == 40]
        assert new[0] > freed + 1  # never the id the undone span had
    pg_cluster.drop_made()


def test_a_non_empty_destination_is_refused_untouched(source, pg_cluster, tmp_path):
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"mine")
    with pytest.raises(ProjectError, match="already exists"):
        copy_project(source.target, str(taken))
    assert taken.read_bytes() == b"mine"
    server = pg_cluster.new_project()
    with pytest.raises(ProjectError, match="not empty"):
        copy_project(source.target, server)
    with open_project(server) as p:
        assert p.codebook.labels  # still the project it was
    with pytest.raises(ProjectError, match="same project"):
        copy_project(source.target, source.target)
    pg_cluster.drop_made()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_cancelled_copy_leaves_the_destination_as_it_was(source, backend, pg_cluster,
                                                           tmp_path):
    from annotator.services.progress import Cancelled
    from annotator.store.migrate import is_empty

    def cancel(done, total, message):
        if message.startswith("Copying spans"):
            raise Cancelled

    target = pg_cluster.new_database() if backend == "postgresql" else str(tmp_path / "c.db")
    with pytest.raises(Cancelled):
        copy_project(source.target, target, progress=cancel)
    if backend == "sqlite":
        assert not list(tmp_path.glob("c.db*"))
    else:
        from annotator.store.project_store import open_store

        store = open_store(target, migrate=False)
        assert is_empty(store.engine)
        store.close()
    copy_project(source.target, target)  # and it can be copied there afterwards
    pg_cluster.drop_made()


def test_the_command(source, tmp_path, capsys):
    dst = tmp_path / "copy.db"
    assert main(["copy", source.target, str(dst)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Copied 5 documents,") and "JSONL export is identical" in out
    assert main(["copy", source.target, str(dst)]) == 2
    assert "already exists" in capsys.readouterr().err
