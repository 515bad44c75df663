"""Reviewer adjudication on a real project: decisions with gold in one undoable action,
blind rules, the automatic policies, the reads for views, exports."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from annotator.core import adjudication as adj
from annotator.core.errors import InputError
from annotator.core.model import SpanRows, span_rows
from annotator.services import adjudicate as ad
from annotator.services import adjudication_view as av
from annotator.services import annotate as an
from annotator.services.changes import NOTHING
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.services.progress import Cancelled
from annotator.services.project import init_project
from annotator.store.corpus_rows import load_records
from annotator.store.tables import T

D1, D2, D3 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246", "002_3c10f19e7635cd43"
WC, LL, POL = "Word choice", "Loaded language", "Political"


def mark(project, who, doc, start, end, label=WC, **kw):
    an.add_span(project, who, doc, start, end, label, **kw)


@pytest.fixture
def review(seeded_project):
    """Three annotators on D1 with unanimous, majority, minority and conflicting spans;
    D2 with alice alone; dana the reviewer."""
    p = seeded_project
    for who in ("alice", "bob", "carol"):
        mark(p, who, D1, 0, 5, attributes={"polarity": "negative"})  # unanimous
    mark(p, "alice", D1, 10, 20, LL)
    mark(p, "bob", D1, 10, 20, LL, attributes={"polarity": "positive"})  # majority
    mark(p, "carol", D1, 12, 20, LL)  # minority, conflicts with 10-20
    mark(p, "alice", D1, 30, 40, POL)  # minority, nothing overlapping
    mark(p, "alice", D2, 0, 5)
    an.add_annotator(p, "dana", role="reviewer")
    return p


def rows(project, table):
    with project.store.read() as conn:
        return [dict(r) for r in conn.execute(
            select(T[table]).order_by(*T[table].primary_key.columns)).mappings()]


def states(project, doc=D1):
    return {r.key: r.state for r in av.open_adjudication(project, "dana", doc).candidates}


def gold_keys(project, doc=D1):
    return [g.key for g in av.open_adjudication(project, "dana", doc).gold]


# ---------------------------------------------------------------- blind rules

@pytest.mark.parametrize("call", [
    lambda p, who: ad.accept(p, who, D1, (0, 5, WC)),
    lambda p, who: ad.reject(p, who, D1, (0, 5, WC)),
    lambda p, who: ad.reject_all(p, who, D1, 10, 20),
    lambda p, who: ad.add_gold(p, who, D1, 50, 55, WC),
    lambda p, who: ad.auto(p, who, "majority"),
    lambda p, who: ad.undo(p, who),
    lambda p, who: av.open_adjudication(p, who, D1),
    lambda p, who: av.summaries(p, who),
])
@pytest.mark.parametrize("who", ["alice", "nobody", ""])
def test_only_a_reviewer_adjudicates_or_sees_everyone(review, call, who):
    with pytest.raises(InputError):
        call(review, who)
    assert rows(review, "decisions") == [] and rows(review, "gold_spans") == []


def test_can_review_tells_the_roles_apart(review):
    assert av.can_review(review, "dana")
    assert not av.can_review(review, "alice") and not av.can_review(review, "zed")


# ---------------------------------------------------------------- single decisions

def test_accept_records_the_decision_and_the_gold_together(review):
    changes = ad.accept(review, "dana", D1, (10, 20, LL))
    assert changes.touches("gold_spans", D1) and changes.touches("decisions", D1)
    (g,) = av.open_adjudication(review, "dana", D1).gold
    assert (g.key, g.decided_by, g.sources) == ((10, 20, LL), "dana", ("alice", "bob"))
    assert dict(g.attributes) == {"polarity": "positive"}  # alice said nothing
    (d,) = rows(review, "decisions")
    assert (d["decision"], d["start"], d["end"], d["label"]) == ("accept", 10, 20, LL)
    assert d["annotators"] == ["alice", "bob"] and d["gold_span_id"] == g.id
    assert d["details"] == {"level": "majority", "votes": 2, "participants": 3}
    assert d["at"] and d["reviewer_id"] is not None
    assert ad.accept(review, "dana", D1, (10, 20, LL)) == NOTHING


def test_the_views_read_makes_a_span_only_when_a_candidates_spans_are_looked_at(review):
    """A 1 MB document has 10,000 spans: the read holds them as rows (SpanRows), each a
    Span once looked at, the same Span as stored; a decision on it takes what they say."""
    shown = av.open_adjudication(review, "dana", D1)
    row = shown.row((10, 20, LL))
    assert type(row.candidate.spans) is SpanRows and type(shown.spans) is SpanRows
    alice, bob = row.candidate.spans
    assert (alice.annotator, dict(alice.attributes), bob.annotator, dict(bob.attributes)) \
        == ("alice", {}, "bob", {"polarity": "positive"})
    assert row.candidate.annotators == ("alice", "bob") and row.candidate.votes == 2
    with review.store.read() as conn:
        stored = {s.id: s for r in load_records(conn, [D1]) for s in r.annotations}
    assert {s.id: s for s in shown.spans} == stored and len(stored) == 7
    assert [s.annotator for s in shown.layers["carol"]] == ["carol", "carol"]
    ad.accept(review, "dana", D1, (10, 20, LL))
    (g,) = av.open_adjudication(review, "dana", D1).gold
    assert (g.sources, dict(g.attributes)) == (("alice", "bob"), {"polarity": "positive"})


def test_the_views_read_reads_what_it_shows_and_the_text_only_when_not_given(review):
    """The document shown reads its annotators' spans, statuses, gold and decisions: the
    same as the whole read of it, without its document labels, notes or suggestions; the
    text the caller has just read is taken, not read again (a text never changes)."""
    from annotator.store.adjudication_rows import load_one, load_shown

    scheme = review.codebook.doc_labels[0]
    an.set_doc_label(review, "alice", D1, scheme.name, scheme.values[0])
    an.set_document_note(review, "bob", D1, "a note")
    an.set_status(review, "carol", D1, "done")
    an.set_status(review, "dana", D1, "done")  # a reviewer: takes no part
    ad.accept(review, "dana", D1, (10, 20, LL))
    ad.reject(review, "dana", D1, (12, 20, LL))
    with review.store.read() as conn:
        codebook = review.codebook_in(conn)
        whole = load_one(conn, codebook, D1)
        text = "".join(whole.record.text)  # equal, not the same string
        for given in (None, text):
            shown = load_shown(conn, codebook, D1, given)
            assert shown.pk == whole.pk and shown.record.document == whole.record.document
            assert shown.record.text is (given or shown.record.text)
            assert list(span_rows(shown.record.annotations)) \
                == list(span_rows(whole.record.annotations))
            assert (shown.record.status, shown.record.gold) \
                == (whole.record.status, whole.record.gold)
            assert (shown.candidates, shown.decisions, shown.states) \
                == (whole.candidates, whole.decisions, whole.states)
            assert whole.record.doc_labels and whole.record.notes
            assert not (shown.record.doc_labels or shown.record.notes
                        or shown.record.decisions)
    assert av.open_adjudication(review, "dana", D1, text).document.text is text


def test_undo_takes_back_decision_and_gold_and_redo_brings_them(review):
    ad.accept(review, "dana", D1, (0, 5, WC))
    ad.undo(review, "dana")
    assert rows(review, "decisions") == [] and rows(review, "gold_spans") == []
    assert states(review)[(0, 5, WC)] == adj.OPEN
    ad.redo(review, "dana")
    assert len(rows(review, "decisions")) == 1 and gold_keys(review) == [(0, 5, WC)]


def test_the_reviewers_undo_stack_is_their_own(review):
    ad.accept(review, "dana", D1, (0, 5, WC))
    an.undo(review, "alice")  # alice's last span, not dana's decision
    assert gold_keys(review) == [(0, 5, WC)]
    assert av.open_adjudication(review, "dana", D2).candidates == ()  # her span on D2


def test_reject_takes_an_accepted_span_out_of_gold(review):
    ad.accept(review, "dana", D1, (0, 5, WC))
    ad.reject(review, "dana", D1, (0, 5, WC))
    assert gold_keys(review) == [] and states(review)[(0, 5, WC)] == adj.REJECTED
    assert [d["decision"] for d in rows(review, "decisions")] == ["accept", "reject"]
    assert ad.reject(review, "dana", D1, (0, 5, WC)) == NOTHING


def test_reject_all_records_a_decision_per_candidate_at_the_place(review):
    ad.accept(review, "dana", D1, (10, 20, LL))
    ad.reject_all(review, "dana", D1, 10, 20)
    s = states(review)
    assert s[(10, 20, LL)] == s[(12, 20, LL)] == adj.REJECTED
    assert s[(0, 5, WC)] == s[(30, 40, POL)] == adj.OPEN
    assert gold_keys(review) == []
    decided = [d for d in rows(review, "decisions") if d["decision"] == "reject_all"]
    assert [(d["start"], d["end"]) for d in decided] == [(10, 20), (12, 20)]
    assert all(d["details"]["place"] == [10, 20] for d in decided)
    ad.undo(review, "dana")
    assert gold_keys(review) == [(10, 20, LL)]


def test_reject_all_with_keys_rejects_a_candidates_alternatives(review):
    view = av.open_adjudication(review, "dana", D1)
    place = view.place((12, 20, LL))
    assert [r.key for r in place] == [(10, 20, LL), (12, 20, LL)]
    ad.reject_all(review, "dana", D1, 10, 20, keys=[r.key for r in place])
    assert states(review)[(10, 20, LL)] == adj.REJECTED
    with pytest.raises(InputError):
        ad.reject_all(review, "dana", D1, 60, 70)


def test_accept_with_an_edit(review):
    ad.accept_with_edit(review, "dana", D1, (12, 20, LL), start=11,
                        attributes={"polarity": "neutral"}, note="trimmed")
    (g,) = av.open_adjudication(review, "dana", D1).gold
    assert (g.key, dict(g.attributes), g.note, g.sources) == (
        (11, 20, LL), {"polarity": "neutral"}, "trimmed", ("carol",))
    assert states(review)[(12, 20, LL)] == adj.EDITED
    (d,) = rows(review, "decisions")
    assert d["decision"] == "edit" and d["details"]["gold"]["start"] == 11
    # editing again moves the same decision's gold; the old one goes
    ad.accept_with_edit(review, "dana", D1, (12, 20, LL), label=WC)
    assert gold_keys(review) == [(12, 20, WC)]
    (g,) = av.open_adjudication(review, "dana", D1).gold
    assert dict(g.attributes) == {}  # Word choice: from the candidate (nobody gave any)


def test_an_edit_onto_another_candidate_accepts_it_too(review):
    ad.accept_with_edit(review, "dana", D1, (12, 20, LL), start=10)
    s = states(review)
    assert s[(12, 20, LL)] == adj.EDITED and s[(10, 20, LL)] == adj.ACCEPTED
    (g,) = av.open_adjudication(review, "dana", D1).gold
    assert g.sources == ("alice", "bob", "carol")
    # rejecting the place-and-label the edit landed on reopens the edited candidate
    ad.reject(review, "dana", D1, (10, 20, LL))
    s = states(review)
    assert s[(10, 20, LL)] == adj.REJECTED and s[(12, 20, LL)] == adj.OPEN


def test_edits_are_checked_against_the_codebook(review):
    for kw in ({"start": 30, "end": 20}, {"label": "Nope"},
               {"attributes": {"polarity": "furious"}}, {"concept": "unknown"}):
        with pytest.raises(InputError):
            ad.accept_with_edit(review, "dana", D1, (12, 20, LL), **kw)
    with pytest.raises(InputError):
        ad.accept(review, "dana", D1, (1, 2, WC))  # no such candidate
    assert rows(review, "decisions") == []


def test_a_decision_reads_no_text_and_checks_its_length(review):
    """A decision needs the text's length alone: reading a 1 MB text took 5-25 ms."""
    import re

    from sqlalchemy import event

    length = len(av.open_adjudication(review, "dana", D1).document.text)
    selected = []

    def look(_conn, _cursor, statement, *_args):
        # the text in what a statement gives back (the length's fallback only names it)
        if re.search(r"documents\.text(?!\))", statement):
            selected.append(statement)

    event.listen(review.store.engine, "before_cursor_execute", look)
    try:
        with pytest.raises(InputError, match="out of range"):
            ad.accept_with_edit(review, "dana", D1, (12, 20, LL), end=length + 1)
        ad.accept_with_edit(review, "dana", D1, (12, 20, LL), end=length)
        ad.accept(review, "dana", D1, (0, 5, WC))
    finally:
        event.remove(review.store.engine, "before_cursor_execute", look)
    assert selected == []
    assert states(review)[(0, 5, WC)] == adj.ACCEPTED
    assert (12, length, LL) in gold_keys(review)


def test_add_gold_no_annotator_made(review):
    ad.add_gold(review, "dana", D1, 50, 60, WC, {"polarity": "negative"})
    (g,) = av.open_adjudication(review, "dana", D1).gold
    assert (g.key, g.sources) == ((50, 60, WC), ())
    (d,) = rows(review, "decisions")
    assert (d["decision"], d["annotators"]) == ("add", None)
    with pytest.raises(InputError):
        ad.add_gold(review, "dana", D1, 50, 60, WC)
    # exactly a candidate: that candidate is accepted with the reviewer's fields
    ad.add_gold(review, "dana", D1, 30, 40, POL, note="reviewer")
    assert states(review)[(30, 40, POL)] == adj.EDITED


def test_remove_gold(review):
    ad.add_gold(review, "dana", D1, 50, 60, WC)
    ad.accept(review, "dana", D1, (0, 5, WC))
    view = av.open_adjudication(review, "dana", D1)
    added, accepted = (next(g for g in view.gold if g.key == k)
                       for k in ((50, 60, WC), (0, 5, WC)))
    ad.remove_gold(review, "dana", D1, added.id)
    ad.remove_gold(review, "dana", D1, accepted.id)
    assert gold_keys(review) == [] and states(review)[(0, 5, WC)] == adj.REJECTED
    assert [d["decision"] for d in rows(review, "decisions")][-2:] == ["remove", "reject"]


def test_finish_document_rejects_what_is_open(review):
    ad.accept(review, "dana", D1, (0, 5, WC))
    ad.finish_document(review, "dana", D1)
    summary = av.summaries(review, "dana")[D1]
    assert summary.adjudicated and summary.open == 0 and summary.gold == 1
    assert ad.finish_document(review, "dana", D1) == NOTHING


# ---------------------------------------------------------------- automatic policies

def test_auto_unanimous_and_majority(review):
    run = ad.auto(review, "dana", "unanimous")
    by = {d.doc_id: d for d in run.documents}
    assert by[D1].accepted_unanimous == 1 and by[D1].open == 3
    assert by[D2].skipped and by[D2].accepted == 0  # one participant
    assert by[D3].skipped == "no participant"
    run = ad.auto(review, "dana", "majority")
    by = {d.doc_id: d for d in run.documents}
    assert (by[D1].accepted_majority, by[D1].kept, by[D1].open) == (1, 1, 2)
    assert gold_keys(review) == [(0, 5, WC), (10, 20, LL)]
    decided = rows(review, "decisions")
    assert [d["details"]["policy"] for d in decided] == ["unanimous", "majority"]


def test_rerunning_keeps_decisions_already_made(review):
    ad.reject(review, "dana", D1, (10, 20, LL))
    ad.accept_with_edit(review, "dana", D1, (0, 5, WC), end=8)
    run = ad.auto(review, "dana", "majority")
    assert run.accepted == 0 and not run.changes
    assert states(review)[(10, 20, LL)] == adj.REJECTED
    assert gold_keys(review) == [(0, 8, WC)]


def test_a_whole_auto_run_is_one_undoable_action(review):
    mark(review, "bob", D2, 0, 5)
    run = ad.auto(review, "dana", "majority")
    assert run.accepted == 3 and run.changes.documents == {D1, D2}
    before = (rows(review, "decisions"), rows(review, "gold_spans"))
    ad.undo(review, "dana")
    assert rows(review, "decisions") == [] and rows(review, "gold_spans") == []
    ad.redo(review, "dana")
    assert (rows(review, "decisions"), rows(review, "gold_spans")) == before
    assert states(review)[(0, 5, WC)] == adj.ACCEPTED


def test_finish_agreed_only_touches_documents_the_policy_settles(review):
    mark(review, "bob", D2, 0, 5)  # D2: alice and bob agree on everything
    run = ad.auto(review, "dana", "unanimous", finish_agreed=True)
    by = {d.doc_id: d for d in run.documents}
    assert by[D1].skipped and gold_keys(review, D1) == []
    assert by[D2].adjudicated and gold_keys(review, D2) == [(0, 5, WC)]
    assert av.summaries(review, "dana")[D2].adjudicated


def test_only_annotators_vote_not_a_reviewer_who_marked_a_document_done(review):
    """agreement.md counts annotators who took part; a reviewer's status (or spans, from
    before the role changed) makes nobody a participant and the majority no harder."""
    mark(review, "bob", D2, 0, 5)
    an.set_status(review, "carol", D2, "done")  # carol: nothing here; 0-5 is 2 of 3
    an.set_status(review, "dana", D2, "done")
    mark(review, "erin", D2, 30, 35)  # erin marked D2 while she was an annotator
    an.set_role(review, "dana", "erin", "reviewer")
    seen = av.open_adjudication(review, "dana", D2)
    assert seen.participants == ("alice", "bob", "carol")
    assert set(seen.layers) == {"alice", "bob", "carol"}
    assert seen.row((0, 5, WC)).candidate.level == adj.MAJORITY
    assert av.summaries(review, "dana", [D2])[D2].participants == 3
    run = ad.auto(review, "dana", "majority", [D2])
    assert run.documents[0].participants == 3 and run.accepted == 1
    assert gold_keys(review, D2) == [(0, 5, WC)]


def test_auto_on_chosen_documents_and_unknown_ones(review):
    mark(review, "bob", D2, 0, 5)
    run = ad.auto(review, "dana", "majority", [D2])
    assert [d.doc_id for d in run.documents] == [D2] and gold_keys(review, D1) == []
    with pytest.raises(InputError, match="nope"):
        ad.auto(review, "dana", "majority", ["nope"])
    with pytest.raises(InputError):
        ad.auto(review, "dana", "plurality")


def test_cancelling_an_auto_run_leaves_the_database_as_it_was(review):
    def cancel(done, total, message):
        if done == 1:
            raise Cancelled()
    with pytest.raises(Cancelled):
        ad.auto(review, "dana", "majority", progress=cancel)
    assert rows(review, "decisions") == [] and rows(review, "gold_spans") == []


# ---------------------------------------------------------------- reads for views

def test_summaries_for_the_document_list(review):
    sums = av.summaries(review, "dana")
    assert list(sums) == [D1, D2, D3, "003_940de6414bf24cb7", "004_be22123d1ed1708f"]
    s = sums[D1]
    assert (s.participants, s.candidates, s.unanimous, s.majority, s.disputed,
            s.conflicting, s.open, s.adjudicated) == (3, 4, 1, 1, 2, 2, 4, False)
    assert sums[D2].single == 1 and not sums[D3].adjudicated


def test_the_view_has_layers_candidates_and_covered_text(review):
    view = av.open_adjudication(review, "dana", D1)
    assert view.participants == ("alice", "bob", "carol")
    assert [len(view.layers[n]) for n in view.participants] == [3, 2, 2]
    row = view.row((0, 5, WC))
    assert row.text == view.document.text[0:5] and row.state == adj.OPEN
    assert row.candidate.level == adj.UNANIMOUS


def test_annotators_see_verdicts_on_their_own_spans_once_done(review):
    ad.accept(review, "dana", D1, (0, 5, WC))
    ad.accept_with_edit(review, "dana", D1, (12, 20, LL), start=10)
    ad.reject(review, "dana", D1, (30, 40, POL))
    assert av.judgements(review, "carol") == []  # not done yet: nothing to steer her
    an.set_status(review, "carol", D1, "done")
    (doc,) = av.judgements(review, "carol")
    assert {j.span.annotator for j in doc.judgements} == {"carol"}
    assert [(j.span.start, j.verdict) for j in doc.judgements] == [
        (0, adj.ACCEPTED), (12, adj.CHANGED)]
    assert doc.judgements[1].gold.key == (10, 20, LL) and doc.judgements[1].reviewer == "dana"
    an.set_status(review, "alice", D1, "done")
    (doc,) = av.judgements(review, "alice")
    assert doc.count(adj.REJECTED) == 1 and doc.count(adj.ACCEPTED) == 2
    assert av.judgements(review, "nobody") == []


# ---------------------------------------------------------------- exports

def test_decisions_csv(review, tmp_path):
    ad.accept(review, "dana", D1, (0, 5, WC))
    ad.reject_all(review, "dana", D1, 10, 20)
    out = tmp_path / "decisions.csv"
    assert av.write_decisions_csv(review, out) == 3
    with open(out, encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert [r["decision"] for r in got] == ["accept", "reject_all", "reject_all"]
    first = got[0]
    assert (first["document"], first["reviewer"], first["label"], first["annotators"],
            first["gold_label"]) == (D1, "dana", WC, "alice;bob;carol", WC)
    assert json.loads(first["details"])["level"] == "unanimous"
    assert first["text"] == av.open_adjudication(review, "dana", D1).document.text[:5]


def test_export_carries_gold_and_round_trips_byte_identically(review, tmp_path):
    ad.auto(review, "dana", "majority")
    ad.accept_with_edit(review, "dana", D1, (12, 20, LL), end=25)
    first = tmp_path / "a.jsonl"
    export(review, "jsonl", first)
    line = next(json.loads(x) for x in first.read_text("utf-8").splitlines()
                if x.startswith('{"id": "' + D1))
    assert [(g["start"], g["end"], g["decided_by"], g.get("sources")) for g in line["gold"]] \
        == [(0, 5, "dana", ["alice", "bob", "carol"]), (10, 20, "dana", ["alice", "bob"]),
            (12, 25, "dana", ["carol"])]
    with init_project(tmp_path / "b.db") as again:
        import_paths(again, [first])
        second = tmp_path / "b.jsonl"
        export(again, "jsonl", second)
        assert first.read_bytes() == second.read_bytes()
        # imported gold counts as accepted: a run in the new project keeps it
        run = ad.auto(again, "dana", "majority")
        assert run.accepted == 0
        assert av.can_review(again, "dana")


# ---------------------------------------------------------------- properties

PEOPLE = ("alice", "bob", "carol", "dave")
marks = st.lists(st.tuples(st.sampled_from(PEOPLE), st.integers(0, 30), st.integers(1, 8),
                           st.sampled_from([WC, LL])), min_size=1, max_size=14)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(marks, st.sampled_from(adj.POLICIES))
def test_auto_is_idempotent_and_majority_contains_unanimous(tmp_path_factory, new_project,
                                                           spans, policy):
    folder = tmp_path_factory.mktemp("auto")
    with new_project(folder / "p.db") as p:
        import_paths(p, [_seed_file(folder, spans)])
        an.add_annotator(p, "dana", role="reviewer")
        first = ad.auto(p, "dana", policy)
        with p.store.read() as conn:
            count = conn.execute(select(func.count()).select_from(T["decisions"])).scalar()
        again = ad.auto(p, "dana", policy)
        assert not again.changes and again.accepted == 0
        assert count == first.accepted
        unanimous = set(gold_keys(p, "doc"))
        ad.auto(p, "dana", "majority")
        assert unanimous <= set(gold_keys(p, "doc"))


def _seed_file(folder, spans):
    path = folder / "in.jsonl"
    text = "x" * 40
    doc = {"id": "doc", "text": text,
           "annotations": [{"annotator": a, "start": s, "end": s + n, "label": lab}
                           for a, s, n, lab in spans]}
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return path


def _near_agrees(project, doc):
    """For every candidate: what a decision on it reads (load_near) holds the candidate
    with its conflicts, the states of whole reading, and every candidate standing on its
    gold span."""
    from annotator.store.adjudication_rows import load_near, load_one

    with project.store.read() as conn:
        codebook = project.codebook_in(conn)
        whole = load_one(conn, codebook, doc)
        for c in whole.candidates.candidates:
            near = load_near(conn, codebook, doc, [c.key])
            assert near.candidates.participants == whole.candidates.participants
            assert near.candidates.candidate(c.key) == c
            assert all(near.states[k] == whole.states[k] for k in near.candidates.by_key)
            gold = whole.states[c.key].gold
            if gold is not None:
                standing = {k for k, s in whole.states.items()
                            if s.gold is not None and s.gold.id == gold.id}
                assert standing <= set(near.candidates.by_key)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(marks, st.lists(st.tuples(st.sampled_from(["accept", "reject", "edit", "onto", "undo"]),
                                 st.integers(0, 20), st.integers(-3, 3)), max_size=8))
def test_a_decision_reads_what_it_needs_around_its_candidate(tmp_path_factory, new_project,
                                                            spans, steps):
    folder = tmp_path_factory.mktemp("near")
    with new_project(folder / "p.db") as p:
        import_paths(p, [_seed_file(folder, spans)])
        an.add_annotator(p, "dana", role="reviewer")
        _near_agrees(p, "doc")
        for what, pick, shift in steps:
            keys = sorted(states(p, "doc"))
            key = keys[pick % len(keys)]
            try:
                if what == "accept":
                    ad.accept(p, "dana", "doc", key)
                elif what == "reject":
                    ad.reject(p, "dana", "doc", key)
                elif what == "edit":
                    ad.accept_with_edit(p, "dana", "doc", key,
                                        start=min(max(key[0] + shift, 0), key[1] - 1))
                elif what == "onto":  # another candidate's place, maybe far away
                    start, end, label = keys[(pick + shift) % len(keys)]
                    ad.accept_with_edit(p, "dana", "doc", key, start=start, end=end,
                                        label=label)
                else:
                    ad.undo(p, "dana")
            except InputError:
                pass
            _near_agrees(p, "doc")


# ---------------------------------------------------------------- batches

def _corpus_file(folder, docs=9):
    """Documents with three annotators' overlapping spans, and gold on some of them where
    an annotator's span already is (accepting it then updates that gold)."""
    import random

    rng = random.Random(7)
    lines = []
    for d in range(docs):
        text = "word " * 40
        spans = [{"annotator": a, "start": s, "end": s + rng.randint(1, 9),
                  "label": rng.choice([WC, LL])}
                 for a in ("alice", "bob", "carol") for s in rng.sample(range(0, 180, 5), 6)]
        spans += [dict(x, annotator="bob") for x in spans[:3]]  # majorities
        line = {"id": f"doc{d}", "text": text, "annotations": spans}
        if d % 3 == 0:
            line["gold"] = [{"start": spans[0]["start"], "end": spans[0]["end"],
                             "label": spans[0]["label"], "decided_by": "dana"}]
        lines.append(json.dumps(line))
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _decided(project):
    moments = {"at", "decided_at"}
    return [[{k: v for k, v in r.items() if k not in moments} for r in rows(project, t)]
            for t in ("gold_spans", "decisions")]


@pytest.mark.parametrize("chosen", [None, ["doc7", "doc1", "doc4", "doc0", "doc8"]])
def test_an_auto_run_in_small_batches_decides_as_one_in_a_single_batch(tmp_path, new_project,
                                                                      chosen):
    source = _corpus_file(tmp_path)
    results = []
    for batch in (1, 2, ad.AUTO_BATCH):
        with new_project(tmp_path / f"p{batch}.db") as p:
            import_paths(p, [source])
            an.add_annotator(p, "dana", role="reviewer")
            seen = []
            run = ad.auto(p, "dana", "majority", chosen, batch=batch,
                          progress=lambda done, total, message, seen=seen:
                          seen.append((done, total, message)))
            results.append((run.documents, run.accepted, run.changes.documents, seen,
                            _decided(p)))
            ad.undo(p, "dana")
            assert rows(p, "decisions") == [] and len(rows(p, "gold_spans")) == 3
    assert results[0][1] > 0 and results[0][4][1]
    assert results[0] == results[1] == results[2]
