"""The reviewers' decisions travel in the interchange, so a project rebuilt from its export
still knows what was rejected (an automatic run must not re-accept it)."""

from __future__ import annotations

import json

from annotator.services import adjudicate
from annotator.services.adjudication_view import open_adjudication
from annotator.services.annotate import add_annotator, add_span, set_status
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.services.project import init_project

TEXT = "The sham election gave Putin a fifth term, critics say."


def states(project, reviewer="rev"):
    view = open_adjudication(project, reviewer, "d")
    return {row.key: row.state for row in view.candidates}


def test_decisions_survive_export_and_import(project, write_jsonl, tmp_path):
    import_paths(project, [write_jsonl({"id": "d", "text": TEXT})])
    for who in ("alice", "bob", "carol"):
        add_span(project, who, "d", 4, 17, "Word choice")
        set_status(project, who, "d", "done")
    add_span(project, "alice", "d", 43, 54, "Attribution")
    add_span(project, "bob", "d", 31, 41, "Loaded language")
    add_annotator(project, "rev", "reviewer")
    adjudicate.reject(project, "rev", "d", (43, 54, "Attribution"))
    adjudicate.accept_with_edit(project, "rev", "d", (31, 41, "Loaded language"),
                                start=29, end=41)
    adjudicate.auto(project, "rev", "unanimous")
    before = states(project)
    assert before[(43, 54, "Attribution")] == "rejected"
    assert before[(4, 17, "Word choice")] == "accepted"
    assert before[(31, 41, "Loaded language")] == "edited"

    first = tmp_path / "a.jsonl"
    export(project, "jsonl", first)
    line = json.loads(first.read_text(encoding="utf-8").splitlines()[-1])
    kinds = [d["decision"] for d in line["meta"]["adjudication_decisions"]]
    assert kinds == ["reject", "edit", "accept"]

    with init_project(tmp_path / "b.db") as again:
        import_paths(again, [first])
        assert states(again) == before
        # re-running the policy keeps the rejection
        adjudicate.auto(again, "rev", "majority")
        assert states(again)[(43, 54, "Attribution")] == "rejected"
        second = tmp_path / "b.jsonl"
        export(again, "jsonl", second)
    assert first.read_bytes() == second.read_bytes()
    # importing the export again adds nothing, decisions included
    summary = import_paths(project, [first])
    assert not any(summary.added.values())
