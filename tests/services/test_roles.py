"""A person's role changes only through set_role, which the audit log records."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from annotator.core.errors import InputError
from annotator.services import annotate
from annotator.services.changes import ANNOTATORS
from annotator.store.tables import T


def log(project) -> list[tuple[str, str]]:
    actions = T["actions"]
    with project.store.read() as conn:
        return [tuple(r) for r in conn.execute(
            select(actions.c.kind, actions.c.summary).where(actions.c.state == "logged"))]


def test_adding_someone_already_there_keeps_their_role(project):
    annotate.add_annotator(project, "alice")
    annotate.add_annotator(project, "alice")  # the same role: nothing to say
    with pytest.raises(InputError, match="already in the project as an annotator"):
        annotate.add_annotator(project, "alice", "reviewer")
    assert dict(annotate.list_annotators(project)) == {"alice": "annotator"}
    annotate.add_annotator(project, "dana", "reviewer")
    assert dict(annotate.list_annotators(project))["dana"] == "reviewer"
    assert log(project) == []


def test_set_role_changes_and_logs(project):
    annotate.add_annotator(project, "alice")
    annotate.add_annotator(project, "dana", "reviewer")
    changes = annotate.set_role(project, "dana", "alice", "reviewer")
    assert changes.tables == {ANNOTATORS}
    assert changes.description == "alice is now a reviewer (was an annotator)"
    assert dict(annotate.list_annotators(project))["alice"] == "reviewer"
    assert not annotate.set_role(project, "dana", "alice", "reviewer")  # already: no entry
    assert log(project) == [("role", "dana: alice is now a reviewer (was an annotator)")]
    for name, role, problem in (("zoe", "reviewer", "not in the project"),
                                ("alice", "boss", "a role is one of")):
        with pytest.raises(InputError, match=problem):
            annotate.set_role(project, "dana", name, role)
    assert len(log(project)) == 1
