"""Assignment policies: exact counts and overlap, balance, the same result for the same
seed, calibration documents for everyone, existing coders counted."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.assignment import (
    Policy,
    by_hand,
    overlapped_count,
    pick_calibration,
    plan,
)
from annotator.core.errors import InputError

DOCS = [f"d{i:02}" for i in range(50)]
ABC = ("alice", "bob", "carol")


def loads(p):
    return Counter(a for coders in p.added.values() for a in coders)


def test_overlap_is_the_share_of_documents_double_coded():
    p = plan(DOCS, Policy(ABC, per_document=2, overlap=0.2, seed=7))
    sizes = Counter(len(c) for c in p.coders.values())
    assert sizes == {2: 10, 1: 40}  # 20% of 50
    assert set(p.overlapped) == {d for d, c in p.coders.items() if len(c) == 2}
    assert sum(loads(p).values()) == 60
    assert sorted(loads(p).values()) == [20, 20, 20]


def test_every_document_to_n_annotators_without_an_overlap():
    p = plan(DOCS[:7], Policy(ABC, per_document=2, seed=1))
    assert all(len(c) == 2 for c in p.coders.values())
    assert sorted(loads(p).values()) == [4, 5, 5]


def test_calibration_documents_go_to_everyone_then_the_rest_is_split():
    calib = ("d03", "d10")
    p = plan(DOCS[:12], Policy(ABC, per_document=2, overlap=0.5, calibration=calib, seed=3))
    assert all(p.coders[d] == ABC for d in calib)
    rest = [d for d in DOCS[:12] if d not in calib]
    assert Counter(len(p.coders[d]) for d in rest) == {2: 5, 1: 5}
    # the queue starts with the calibration documents, then the project's order
    for name, queue in p.queues.items():
        assert queue[:2] == calib, name
        assert list(queue[2:]) == sorted(queue[2:])


def test_pairs_of_annotators_share_documents():
    p = plan(DOCS[:30], Policy(ABC, per_document=2, seed=11))
    pairs = Counter(tuple(c) for c in p.coders.values())
    assert set(pairs) == {("alice", "bob"), ("alice", "carol"), ("bob", "carol")}
    assert max(pairs.values()) - min(pairs.values()) <= 1


def test_same_seed_same_plan_other_seed_other_plan():
    policy = Policy(ABC, per_document=2, overlap=0.3, seed=7)
    assert plan(DOCS, policy) == plan(DOCS, policy)
    other = plan(DOCS, Policy(ABC, per_document=2, overlap=0.3, seed=8))
    assert other.coders != plan(DOCS, policy).coders


def test_a_documents_fate_does_not_depend_on_the_order_given():
    policy = Policy(ABC, per_document=2, overlap=0.3, seed=7)
    assert plan(DOCS, policy).coders == plan(list(reversed(DOCS)), policy).coders


def test_existing_coders_count_toward_a_documents_number():
    existing = {"d00": {"alice"}, "d01": {"dave"}}
    p = plan(DOCS[:4], Policy(ABC, per_document=2, seed=2), existing)
    assert "alice" in p.coders["d00"] and len(p.coders["d00"]) == 2
    assert "alice" not in p.added.get("d00", ())
    assert len(p.coders["d01"]) == 2 and "dave" in p.coders["d01"]


def test_loads_already_carried_are_balanced_against():
    p = plan(DOCS[:4], Policy(ABC, per_document=1, seed=0), loads={"alice": 3})
    assert "alice" not in loads(p)
    assert p.loads == {"alice": 3, "bob": 2, "carol": 2}


def test_by_hand_gives_everyone_named_every_document_they_lack():
    p = by_hand(["d1", "d2"], ["alice", "bob"], {"d1": {"alice"}})
    assert p.added == {"d1": ("bob",), "d2": ("alice", "bob")}
    assert p.queues == {"alice": ("d2",), "bob": ("d1", "d2")}


@pytest.mark.parametrize("policy, message", [
    (Policy(()), "at least one annotator"),
    (Policy(("a", "a")), "named twice"),
    (Policy(ABC, per_document=4), "needs at least 4 annotators"),
    (Policy(ABC, per_document=0), "at least 1"),
    (Policy(ABC, per_document=2, overlap=1.5), "between 0 and 1"),
    (Policy(ABC, calibration=("nope",)), "'nope'"),
])
def test_impossible_policies_are_refused_plainly(policy, message):
    with pytest.raises(InputError, match=message):
        plan(DOCS, policy)


def test_calibration_picked_by_the_seed():
    assert pick_calibration(DOCS, 5, 7) == pick_calibration(DOCS, 5, 7)
    assert len(set(pick_calibration(DOCS, 5, 7))) == 5
    with pytest.raises(InputError, match="only 50"):
        pick_calibration(DOCS, 51, 7)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 60), st.integers(1, 6), st.data())
def test_policy_counts_hold_for_any_size(m, a, data):
    names = tuple(f"a{i}" for i in range(a))
    docs = [f"doc{i}" for i in range(m)]
    n = data.draw(st.integers(1, a), label="per_document")
    overlap = data.draw(st.floats(0, 1), label="overlap")
    c = data.draw(st.integers(0, m), label="calibration")
    seed = data.draw(st.integers(0, 2**32), label="seed")
    calib = pick_calibration(docs, c, seed)
    p = plan(docs, Policy(names, n, overlap, calib, seed))
    rest = [d for d in docs if d not in calib]
    k = overlapped_count(len(rest), overlap) if n > 1 else 0
    assert all(len(p.coders[d]) == a for d in calib)
    assert Counter(len(p.coders[d]) for d in rest) == Counter(
        {n: k, 1: len(rest) - k} if n > 1 else {1: len(rest)}) - Counter()
    assert all(len(set(c)) == len(c) for c in p.coders.values())
    if names:
        got = [p.loads[x] for x in names]
        assert max(got) - min(got) <= 1
    assert sum(len(q) for q in p.queues.values()) == p.count
    assert plan(docs, Policy(names, n, overlap, calib, seed)) == p
