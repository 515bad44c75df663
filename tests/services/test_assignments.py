"""Assignments on a real project: policies and by hand, re-running, what is never taken
away, and the queue as the only documents an annotator sees and opens."""

from __future__ import annotations

from collections import Counter

import pytest

from annotator.core.errors import InputError
from annotator.services import annotate, assignments, layer, reading
from annotator.services.importing import import_paths
from annotator.services.project import SEEDS, init_project
from tests.services.study_seed import ABC, add_team, queues

DOCS = ["000_d2e00c955d6db165", "001_32d5df32ea7c4246", "002_3c10f19e7635cd43",
        "003_940de6414bf24cb7", "004_be22123d1ed1708f"]


@pytest.fixture
def team(seeded_project):
    return add_team(seeded_project)


def state(project):
    """Every assignment row and batch, to compare before and after."""
    o = assignments.overview(project)
    return ([(q.annotator, [(i.doc_id, i.batch) for i in q.items]) for q in o.queues],
            [(b.id, dict(b.policy)) for b in o.batches])


def test_a_policy_assigns_exact_counts_and_queues_follow(team):
    done = assignments.assign(team, ABC, per_document=2, overlap=0.4, seed=7)
    coders = assignments.overview(team).coders
    assert Counter(len(v) for v in coders.values()) == {2: 2, 1: 3}  # 40% of 5
    assert done.plan.count == 7 and done.batch is not None
    got = queues(team)
    assert sorted(len(q) for q in got.values()) == [2, 2, 3]
    for name in ABC:  # the annotator sees their queue, in order, and nothing else
        assert [s.id for s in reading.documents(team, name)] == got[name]
    assert [s.id for s in reading.documents(team, "dana")] == DOCS  # reviewers: all


def test_no_assignments_everyone_sees_everything(team):
    assert [s.id for s in reading.documents(team, "alice")] == DOCS


def test_the_same_seed_gives_the_same_assignment_in_another_copy(team, tmp_path):
    other = init_project(tmp_path / "other.db")
    import_paths(other, [SEEDS])
    for name in ABC:
        annotate.add_annotator(other, name)
    try:
        for p in (team, other):
            assignments.assign(p, ABC, per_document=2, overlap=0.4, calibration=1, seed=7)
        assert queues(team) == queues(other)
    finally:
        other.close()


def test_running_again_changes_nothing_then_new_documents_are_assigned(team, write_jsonl):
    assignments.assign(team, ABC, per_document=2, overlap=0.4, seed=7)
    before = state(team)
    again = assignments.assign(team, ABC, per_document=2, overlap=0.4, seed=7)
    assert again.batch is None and not again.changes
    assert state(team) == before
    assert assignments.assign(team, ABC, per_document=2, overlap=0.4, seed=7,
                              replace=True).batch is None
    assert state(team) == before
    import_paths(team, [write_jsonl({"id": "new", "text": "A new article."})])
    added = assignments.assign(team, ABC, per_document=2, overlap=0.4, seed=7)
    assert list(added.plan.added) == ["new"]
    assert state(team)[0] != before[0] and len(state(team)[1]) == 2


def test_work_is_never_taken_away(team):
    annotate.add_span(team, "carol", DOCS[4], 0, 5, "Word choice")  # before any assignment
    annotate.set_status(team, "bob", DOCS[3], "in_progress")
    done = assignments.assign(team, ["alice"], documents=DOCS[:3])
    assert ("004_be22123d1ed1708f", "carol") not in done.kept  # not among those assigned
    # bob and carol have no assignment but keep what they worked on
    assert [s.id for s in reading.documents(team, "carol")] == [DOCS[4]]
    assert [s.id for s in reading.documents(team, "bob")] == [DOCS[3]]
    # a policy over every document counts their work as theirs
    plan = assignments.assign(team, ABC, per_document=1, seed=3, replace=True)
    assert set(plan.kept) == {(DOCS[3], "bob"), (DOCS[4], "carol")}
    coders = assignments.overview(team).coders
    assert coders[DOCS[4]] == ("carol",) and coders[DOCS[3]] == ("bob",)
    # withdrawing refuses what was worked on
    changes, gone, kept = assignments.withdraw(team, [DOCS[4]], ["carol"])
    assert not changes and gone == [] and kept == [(DOCS[4], "carol")]


def test_replace_withdraws_only_unstarted_assignments(team):
    assignments.assign(team, ABC, per_document=1, seed=1)
    alice = queues(team)["alice"]
    annotate.add_span(team, "alice", alice[0], 0, 5, "Word choice")
    done = assignments.assign(team, ABC, per_document=2, seed=1, replace=True)
    assert (alice[0], "alice") in done.kept
    assert alice[0] in queues(team)["alice"]
    assert all(len(v) == 2 for v in assignments.overview(team).coders.values())


def test_by_hand_and_withdraw(team):
    done = assignments.assign_by_hand(team, DOCS[3:], ["bob", "alice"], by="dana")
    assert done.plan.count == 4 and done.changes.documents == set(DOCS[3:])
    assert queues(team)["bob"] == DOCS[3:]
    changes, gone, kept = assignments.withdraw(team, [DOCS[3]], ["bob"], by="dana")
    assert gone == [(DOCS[3], "bob")] and kept == [] and changes
    assert queues(team)["bob"] == [DOCS[4]]


def test_an_annotator_cannot_open_a_document_outside_the_queue(team):
    assignments.assign_by_hand(team, [DOCS[0]], ["alice"])
    assert layer.read_document(team, DOCS[0], "alice").document.id == DOCS[0]
    with pytest.raises(InputError, match="not among the documents assigned to 'alice'"):
        layer.read_document(team, DOCS[1], "alice")
    assert layer.read_document(team, DOCS[1], "dana").document.id == DOCS[1]
    assert reading.documents(team, "bob") == []  # nothing assigned to bob yet


@pytest.mark.parametrize("names, kwargs, message", [
    (["alice", "zed"], {}, "no annotator 'zed' in the project"),
    (["alice", "dana"], {}, "'dana' is a reviewer"),
    (ABC, {"per_document": 4}, "needs at least 4 annotators"),
    (ABC, {"calibration_documents": ["nope"]}, "no document 'nope'"),
    (ABC, {"by": "alice"}, "only a reviewer assigns"),
])
def test_refused_plainly_with_nothing_written(team, names, kwargs, message):
    with pytest.raises(InputError, match=message):
        assignments.assign(team, names, **kwargs)
    assert not assignments.overview(team).assigned
    assert "zed" not in dict(annotate.list_annotators(team))


def test_new_names_added_only_when_asked(team):
    assignments.assign(team, ["zed"], documents=DOCS[:1], add_annotators=True)
    assert dict(annotate.list_annotators(team))["zed"] == "annotator"
    assert queues(team)["zed"] == DOCS[:1]


def test_a_dry_run_writes_nothing(team):
    done = assignments.assign(team, ABC, per_document=2, overlap=0.4, seed=7, dry_run=True)
    assert done.plan.count == 7 and done.batch is None
    assert not assignments.overview(team).assigned


def test_searching_the_corpus_finds_only_the_queue(team):
    from annotator.services import search

    assignments.assign_by_hand(team, [DOCS[1]], ["alice"])
    everywhere = {m.doc_id for m in search.find(team, "Putin")}
    assert len(everywhere) == 5
    assert {m.doc_id for m in search.find(team, "Putin", annotator="alice")} == {DOCS[1]}
    assert {m.doc_id for m in search.find(team, "Putin", annotator="dana")} == everywhere
