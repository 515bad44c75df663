"""Creating and opening projects through services.project, on both backends."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError
from annotator.services.importing import import_paths
from annotator.services.project import init_project, open_project, read_codebook
from tests.conftest import backend_target


def test_init_then_open(backend, tmp_path, request):
    target = backend_target(backend, tmp_path, request)
    with init_project(target) as made:
        assert made.codebook.label("Word choice") is not None
    with open_project(target) as again:
        assert again.codebook == made.codebook
    with pytest.raises(ProjectError, match="already"):
        init_project(target)


def test_a_project_leaving_its_block_lets_go_of_its_database(tmp_path):
    with init_project(tmp_path / "p.db") as project:
        pool = project.store.engine.pool
        assert project.codebook.labels and pool.checkedin() >= 1  # a connection kept
    assert project.store.engine.pool is not pool and pool.checkedin() == 0


def test_a_missing_file_is_not_created_by_opening(tmp_path):
    with pytest.raises(ProjectError, match="no such project"):
        open_project(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_a_codebook_from_an_interchange_file(tmp_path, write_jsonl, project):
    path = write_jsonl({"codebook": {"name": "Mine", "labels": [{"name": "Spin"}]}})
    assert [lab.name for lab in read_codebook(path).labels] == ["Spin"]
    with init_project(tmp_path / "mine.db", path) as mine:
        assert mine.codebook.name == "Mine"


def test_codebook_in_sees_what_another_process_added(project, write_jsonl):
    other = open_project(project.target)
    try:
        cached = other.codebook
        import_paths(project, [write_jsonl({"id": "d", "text": "Spin it.", "annotations": [
            {"annotator": "a", "start": 0, "end": 4, "label": "Spin"}]})], add_labels=True)
        assert other.codebook == cached  # the cache is the cache
        with other.store.read() as conn:
            assert other.codebook_in(conn).label("Spin") is not None
        assert other.codebook.label("Spin") is not None
    finally:
        other.close()
