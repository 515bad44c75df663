"""Candidates, levels, conflicts, policies and decision states (core/adjudication.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import adjudication as adj
from annotator.core.gold import GoldSpan
from annotator.core.model import DONE, IN_PROGRESS, Document, Span
from annotator.core.records import DocumentRecord

TEXT = "The sham election returned Putin for a fifth term, critics say."
GROUPS = {"Word choice": "Bias", "Loaded language": "Bias", "Political": "Frame",
          "Economic": "Frame"}


def record(*spans: Span, status: dict[str, str] | None = None,
           gold: tuple[GoldSpan, ...] = ()) -> DocumentRecord:
    return DocumentRecord(Document("d", TEXT), tuple(spans), status=status or {}, gold=gold)


def span(who: str, start: int, end: int, label: str = "Word choice", **kw) -> Span:
    return Span(who, start, end, label, **kw)


def keys(cands) -> list[adj.Key]:
    return [c.key for c in cands]


# ---------------------------------------------------------------- who takes part

def test_participants_are_those_done_or_with_a_span():
    rec = record(span("alice", 4, 8), status={"bob": DONE, "carol": IN_PROGRESS,
                                              "alice": IN_PROGRESS})
    assert adj.participants(rec) == ("alice", "bob")


def test_not_taking_part_is_missing_not_a_no():
    # dave annotates in the project but not in this document: three participants
    rec = record(span("alice", 4, 8), span("bob", 4, 8), span("carol", 4, 8))
    (c,) = adj.candidates_of(rec).candidates
    assert c.level == adj.UNANIMOUS and c.participants == 3


def test_finishing_without_a_span_votes_no_everywhere():
    rec = record(span("alice", 4, 8), span("bob", 4, 8), status={"carol": DONE})
    (c,) = adj.candidates_of(rec).candidates
    assert (c.votes, c.participants, c.level) == (2, 3, adj.MAJORITY)


# ---------------------------------------------------------------- candidates and levels

def test_a_candidate_is_a_distinct_place_and_label_whatever_the_attributes_and_notes():
    rec = record(span("alice", 4, 8, attributes={"polarity": "negative"}, note="loaded"),
                 span("bob", 4, 8, attributes={"polarity": "neutral"}),
                 span("bob", 4, 8, "Loaded language"))
    cands = adj.candidates_of(rec).candidates
    assert keys(cands) == [(4, 8, "Loaded language"), (4, 8, "Word choice")]
    wc = cands[1]
    assert wc.annotators == ("alice", "bob") and wc.level == adj.UNANIMOUS
    assert [v.annotators for v in wc.variants] == [("alice",), ("bob",)]
    assert wc.notes == (("alice", "loaded"),)


def test_levels_follow_more_than_half():
    assert adj.level_of(2, 2) == adj.UNANIMOUS
    assert adj.level_of(1, 2) == adj.MINORITY  # half is not more than half
    assert adj.level_of(2, 3) == adj.MAJORITY
    assert adj.level_of(2, 4) == adj.MINORITY
    assert adj.level_of(3, 4) == adj.MAJORITY
    assert adj.level_of(1, 1) == adj.SINGLE


def test_documents_with_one_participant_are_left_to_the_reviewer():
    doc = adj.candidates_of(record(span("alice", 4, 8)))
    assert doc.candidates[0].level == adj.SINGLE
    assert doc.accepted_by(adj.UNANIMOUS) == doc.accepted_by(adj.MAJORITY) == ()
    assert not doc.settled_by(adj.UNANIMOUS)


def test_policies_on_partial_agreement():
    rec = record(span("alice", 4, 17), span("bob", 4, 17), span("carol", 4, 17),
                 span("alice", 27, 32, "Political"), span("bob", 27, 32, "Political"),
                 span("carol", 40, 50, "Loaded language"))
    doc = adj.candidates_of(rec, GROUPS)
    assert keys(doc.accepted_by(adj.UNANIMOUS)) == [(4, 17, "Word choice")]
    assert keys(doc.accepted_by(adj.MAJORITY)) == [(4, 17, "Word choice"), (27, 32, "Political")]
    assert not doc.settled_by(adj.MAJORITY)


# ---------------------------------------------------------------- conflicts

def test_boundaries_and_labels_in_dispute_conflict():
    rec = record(span("alice", 4, 17), span("bob", 9, 17),  # boundaries
                 span("alice", 27, 32), span("bob", 27, 32, "Loaded language"))  # label
    doc = adj.candidates_of(rec, GROUPS)
    by = {c.key: c.conflicts for c in doc.candidates}
    assert by[(4, 17, "Word choice")] == ((9, 17, "Word choice"),)
    assert by[(27, 32, "Word choice")] == ((27, 32, "Loaded language"),)


def test_what_one_annotator_marked_together_is_not_a_conflict():
    # alice puts a word-choice inside a longer one; bob marks only the inner one
    rec = record(span("alice", 4, 17), span("alice", 9, 17), span("bob", 9, 17))
    assert not any(c.conflicts for c in adj.candidates_of(rec).candidates)


def test_labels_of_different_groups_do_not_conflict():
    rec = record(span("alice", 0, 30, "Political"), span("bob", 4, 17))
    assert not any(c.conflicts for c in adj.candidates_of(rec, GROUPS).candidates)
    # without groups every label is one group
    assert all(c.conflicts for c in adj.candidates_of(rec).candidates)


def test_touching_spans_do_not_overlap():
    rec = record(span("alice", 4, 8), span("bob", 8, 17))
    assert not any(c.conflicts for c in adj.candidates_of(rec).candidates)


def test_the_place_of_reject_all_is_the_chain_of_conflicts():
    rec = record(span("alice", 4, 10), span("bob", 8, 17), span("carol", 15, 25),
                 span("alice", 40, 45))
    doc = adj.candidates_of(rec)
    assert keys(doc.alternatives((4, 10, "Word choice"))) == [
        (4, 10, "Word choice"), (8, 17, "Word choice"), (15, 25, "Word choice")]
    assert keys(doc.alternatives((40, 45, "Word choice"))) == [(40, 45, "Word choice")]
    assert doc.alternatives((1, 2, "Word choice")) == ()


# ---------------------------------------------------------------- accepted fields

def test_each_attribute_takes_the_most_common_value_among_those_given():
    rec = record(span("alice", 4, 8, attributes={"polarity": "negative", "quote": "no"}),
                 span("bob", 4, 8, attributes={"polarity": "negative"}, concept="election"),
                 span("carol", 4, 8, attributes={"polarity": "neutral", "quote": "no"},
                      concept="vote"),
                 span("dave", 4, 8, concept="vote"))
    (c,) = adj.candidates_of(rec).candidates
    assert c.chosen() == ({"polarity": "negative", "quote": "no"}, "vote")


def test_ties_go_to_the_first_annotator_by_name():
    rec = record(span("zoe", 4, 8, attributes={"polarity": "positive"}),
                 span("bob", 4, 8, attributes={"polarity": "negative"}))
    (c,) = adj.candidates_of(rec).candidates
    assert c.chosen() == ({"polarity": "negative"}, None)
    assert c.variants[0].annotators == ("bob",)


# ---------------------------------------------------------------- decisions

def decision(i, kind, start, end, label="Word choice", gold_id=None):
    return adj.Decision(i, kind, start, end, label, (), "rev", "", gold_id)


def gold(start, end, label="Word choice", gid=1, **kw):
    return GoldSpan("rev", start, end, label, id=gid, **kw)


def test_the_newest_decision_decides():
    doc = adj.candidates_of(record(span("alice", 4, 8), span("bob", 4, 8)))
    key = (4, 8, "Word choice")
    states = adj.candidate_states(doc, [decision(1, adj.ACCEPT, 4, 8),
                                        decision(2, adj.REJECT, 4, 8)], [])
    assert states[key].state == adj.REJECTED
    states = adj.candidate_states(doc, [decision(2, adj.ACCEPT, 4, 8),
                                        decision(1, adj.REJECT, 4, 8)], [gold(4, 8)])
    assert states[key].state == adj.ACCEPTED and states[key].gold.id == 1


def test_gold_without_a_decision_accepts_and_an_edit_points_at_its_gold():
    doc = adj.candidates_of(record(span("alice", 4, 8), span("bob", 4, 9)))
    states = adj.candidate_states(doc, [decision(1, adj.EDIT, 4, 9, gold_id=7)],
                                  [gold(4, 8, gid=3), gold(4, 10, gid=7)])
    assert states[(4, 8, "Word choice")].state == adj.ACCEPTED
    assert states[(4, 8, "Word choice")].decision is None
    assert states[(4, 9, "Word choice")].state == adj.EDITED
    assert states[(4, 9, "Word choice")].gold.key == (4, 10, "Word choice")


def test_a_decision_whose_gold_is_gone_is_open_again():
    doc = adj.candidates_of(record(span("alice", 4, 8)))
    states = adj.candidate_states(doc, [decision(1, adj.EDIT, 4, 8, gold_id=9)], [])
    assert states[(4, 8, "Word choice")].state == adj.OPEN


def test_summary_counts_and_adjudicated_when_nothing_is_open():
    rec = record(span("alice", 4, 8), span("bob", 4, 8), span("carol", 4, 8),
                 span("alice", 9, 17), span("bob", 9, 17),
                 span("carol", 10, 17))
    doc = adj.candidates_of(rec)
    states = adj.candidate_states(doc, [], [gold(4, 8)])
    s = adj.summarise(doc, states, 1)
    assert (s.participants, s.candidates, s.unanimous, s.majority, s.disputed) == (3, 3, 1, 1, 1)
    assert (s.conflicting, s.open, s.gold, s.adjudicated) == (2, 2, 1, False)
    states = adj.candidate_states(doc, [decision(1, adj.REJECT_ALL, 9, 17),
                                        decision(2, adj.REJECT_ALL, 10, 17)], [gold(4, 8)])
    assert adj.summarise(doc, states, 1).adjudicated


def test_everyone_finished_with_nothing_marked_is_adjudicated_but_no_one_is_not():
    done = adj.candidates_of(record(status={"alice": DONE, "bob": DONE}))
    assert adj.summarise(done, {}, 0).adjudicated
    assert not adj.summarise(adj.candidates_of(record()), {}, 0).adjudicated


def test_annotators_see_accepted_changed_rejected_pending():
    rec = record(span("alice", 4, 8, attributes={"polarity": "negative"}),
                 span("alice", 9, 17), span("alice", 18, 26), span("alice", 27, 32),
                 span("alice", 33, 38),
                 span("bob", 4, 8, attributes={"polarity": "negative"}))
    doc = adj.candidates_of(rec)
    golds = [gold(4, 8, gid=1, attributes={"polarity": "negative"}),
             gold(9, 17, gid=2, attributes={"polarity": "neutral"}), gold(26, 32, gid=3)]
    states = adj.candidate_states(doc, [decision(1, adj.ACCEPT, 4, 8),
                                        decision(2, adj.ACCEPT, 9, 17),
                                        decision(3, adj.REJECT_ALL, 18, 26),
                                        decision(4, adj.EDIT, 27, 32, gold_id=3)], golds)
    alices = [s for s in rec.annotations if s.annotator == "alice"]
    verdicts = [(j.span.start, j.verdict) for j in adj.judge(alices, doc, states)]
    assert verdicts == [(4, adj.ACCEPTED), (9, adj.CHANGED), (18, adj.REJECTED),
                        (27, adj.CHANGED), (33, adj.PENDING)]


# ---------------------------------------------------------------- properties

NAMES = ("alice", "bob", "carol", "dave")
LABELS = ("Word choice", "Loaded language", "Political")
spans_st = st.lists(st.builds(
    lambda who, start, length, label: span(who, start, start + length, label),
    st.sampled_from(NAMES), st.integers(0, 40), st.integers(1, 12), st.sampled_from(LABELS)),
    max_size=25)
status_st = st.dictionaries(st.sampled_from(NAMES), st.sampled_from([DONE, IN_PROGRESS]))


@settings(max_examples=150)
@given(spans_st, status_st, st.booleans())
def test_policy_properties(spans, status, grouped):
    doc = adj.candidates_of(record(*spans, status=status), GROUPS if grouped else None)
    unanimous = set(keys(doc.accepted_by(adj.UNANIMOUS)))
    majority = set(keys(doc.accepted_by(adj.MAJORITY)))
    assert unanimous <= majority
    n = len(doc.participants)
    for c in doc.candidates:
        assert set(c.annotators) <= set(doc.participants)
        assert (c.key in majority) == (n >= 2 and 2 * c.votes > n)
        assert (c.key in unanimous) == (n >= 2 and c.votes == n)
        # everyone marked it, so anyone marking an overlap marked both: no conflict
        if c.level == adj.UNANIMOUS:
            assert not c.conflicts
        for other in c.conflicts:
            assert c.key in doc.candidate(other).conflicts  # symmetric
    # two majorities share an annotator: the majority policy never accepts alternatives
    for c in doc.accepted_by(adj.MAJORITY):
        assert not set(c.conflicts) & majority


@settings(max_examples=150)
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.integers(0, 6), st.integers(1, 3),
                          st.sampled_from(LABELS)), max_size=30))
def test_a_candidates_voters_come_by_name_each_with_the_first_of_their_duplicates(marked):
    spans = [span(who, start, start + length, label, note=str(i))
             for i, (who, start, length, label) in enumerate(marked)]
    for c in adj.candidates_of(record(*spans)).candidates:
        assert list(c.annotators) == sorted(set(c.annotators))
        for row in c.spans:
            first = next(s for s in spans if s.key == (row.annotator, *c.key))
            assert row.note == first.note


@settings(max_examples=150)
@given(spans_st, st.booleans())
def test_each_candidates_conflicts_are_every_candidate_conflicting_with_it_in_key_order(
        spans, grouped):
    groups = GROUPS if grouped else None
    cands = adj.candidates_of(record(*spans), groups).candidates
    for c in cands:
        assert c.conflicts == tuple(o.key for o in cands if adj.conflicting(c, o, groups))
