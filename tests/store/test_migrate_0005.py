"""Migration 0005: a project made before codebook versions opens with its codebook as
version 1, every span made under it, nothing retired, no rounds. On both backends."""

from __future__ import annotations

import pytest

from annotator.services import codebook as cbs
from annotator.services.project import open_project
from tests.conftest import backend_target
from tests.store.old_schema import at_revision


def _at_0004(target: str) -> None:
    at_revision(target, "0004", (
        "INSERT INTO settings (key, value) VALUES ('codebook_name', '\"Old\"')",
        "INSERT INTO documents (pk, id, text, sha256) VALUES (1, 'd', 'sham vote', 'x')",
        "INSERT INTO annotators (id, name, role) VALUES (1, 'alice', 'annotator')",
        "INSERT INTO labels (id, name, hotkey, color, position) "
        "VALUES (1, 'Word choice', 'w', '#d62728', 0)",
        "INSERT INTO labels (id, name, position) VALUES (2, 'Yes', 1)",
        "INSERT INTO attributes (id, name, vals, required, position) "
        "VALUES (1, 'quote', '[\"yes\", \"no\"]', false, 0)",
        "INSERT INTO spans (id, document_pk, annotator_id, start, \"end\", label_id) "
        "VALUES (5, 1, 1, 0, 4, 1)",
    ))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_old_project_gets_version_1(backend, tmp_path, request):
    target = backend_target(backend, tmp_path, request)
    _at_0004(target)
    with open_project(target) as project:
        assert cbs.current_version(project) == 1
        [v1] = cbs.versions(project)
        assert v1.by is None and "when versions began" in v1.summary
        old = cbs.codebook_at(project, 1)
        assert old.name == "Old" and [lab.name for lab in old.labels] == ["Word choice", "Yes"]
        assert old.attributes[0].values == ("yes", "no")
        assert cbs.span_version(project, 5) == 1
        now = cbs.codebook_at(project)
        assert not any(lab.retired for lab in now.labels)
        # the next span's id follows the old ones (the table was not rebuilt)
        from annotator.services import annotate as an

        an.add_span(project, "alice", "d", 5, 9, "Yes")
        assert cbs.spans_by_version(project) == {1: 2}
