"""The demo project (services.demo): made in the user's data folder the first time, from
the sample articles and the demo annotations; later opened as the user left it."""

from __future__ import annotations

from annotator.services import annotate as an
from annotator.services.demo import REVIEWER, demo_project_path, open_demo_project
from annotator.services.layer import read_document
from annotator.services.reading import documents

D1 = "000_d2e00c955d6db165"


def test_made_once_then_opened_as_the_user_left_it():
    assert not demo_project_path().exists()
    with open_demo_project() as demo:
        assert demo.target == str(demo_project_path())
        assert len(documents(demo, None)) == 5
        names = dict(an.list_annotators(demo))
        assert {"alice", "bob", "carol", REVIEWER} <= names.keys()
        assert names[REVIEWER] == "reviewer"
        before = read_document(demo, D1, "alice").layer.spans()
        assert before
        an.delete_span(demo, "alice", before[0].id)
    with open_demo_project() as again:  # not made afresh over the user's work
        after = read_document(again, D1, "alice").layer.spans()
    assert [s.id for s in after] == [s.id for s in before[1:]]
