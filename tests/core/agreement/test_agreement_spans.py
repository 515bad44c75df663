"""Span F1, the SemEval partial score, unitizing alpha against DKPro's walk, and the most
disagreed spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    Undefined,
    most_disagreed_spans,
    partial_span_f1,
    span_f1,
    unitizing_disagreement,
    voted_spans,
)
from annotator.core.model import DONE, Document, Span
from annotator.core.records import DocumentRecord
from tests.core.agreement.agreement_oracle import dkpro_category
from tests.core.agreement.agreement_strategies import projects


def test_exact_span_f1():
    a = {("d", 0, 4, "L"), ("d", 5, 9, "L"), ("d", 5, 9, "M")}
    b = {("d", 0, 4, "L"), ("d", 5, 9, "M"), ("e", 0, 4, "L")}
    assert span_f1(a, b) == pytest.approx(2 * 2 / 6)
    assert span_f1(a, set()) == 0.0
    with pytest.raises(Undefined):
        span_f1(set(), set())


def test_partial_f1_merges_overlaps_but_not_touching_spans():
    # A's two overlapping spans [0,6) and [4,10) merge into [0,10); B has [0,10).
    assert partial_span_f1({("d", 0, 6, "L"), ("d", 4, 10, "L")}, {("d", 0, 10, "L")}) == 1.0
    # touching spans stay two: P = (1 + 1) / 2, R = (5/10 + 5/10) / 1
    assert partial_span_f1({("d", 0, 5, "L"), ("d", 5, 10, "L")}, {("d", 0, 10, "L")}) == 1.0
    # P = (4/8) / 1, R = (4/4) / 2 = 1/2 → F1 = 1/2
    got = partial_span_f1({("d", 0, 8, "L")}, {("d", 4, 8, "L"), ("d", 20, 24, "L")})
    assert got == pytest.approx(0.5)
    # a different label never counts
    assert partial_span_f1({("d", 0, 8, "L")}, {("d", 0, 8, "M")}) == 0.0
    with pytest.raises(Undefined):
        partial_span_f1(set(), set())


def test_partial_f1_is_micro_over_documents():
    # d1: P_num 1 of 1 span, R_num 1 of 1; d2: A has 3 spans and B none.
    a = {("d1", 0, 4, "L"), ("d2", 0, 1, "L"), ("d2", 2, 3, "L"), ("d2", 4, 5, "L")}
    b = {("d1", 0, 4, "L")}
    p, r = 1 / 4, 1 / 1
    assert partial_span_f1(a, b) == pytest.approx(2 * p * r / (p + r))


units = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 29), st.integers(1, 8), st.sampled_from("XY")),
    max_size=10,
)


@settings(max_examples=150, deadline=None)
@given(units, st.integers(2, 3))
def test_unitizing_matches_dkpro_walk(raw, raters):
    length = 30
    specs = [(r % raters, s, min(length, s + n), c) for r, s, n, c in raw]
    got = unitizing_disagreement(specs, length=length, raters=raters)
    for cat in {c for *_, c in specs}:
        merged = {}
        for r in range(raters):
            spans = sorted((s, e) for rr, s, e, c in specs if rr == r and c == cat)
            out = []
            for s, e in spans:
                if out and s < out[-1][1]:
                    out[-1][1] = max(out[-1][1], e)
                else:
                    out.append([s, e])
            merged[r] = [tuple(x) for x in out]
        observed, expected = dkpro_category(merged, list(range(raters)), length)
        assert got[cat][0] == pytest.approx(observed, rel=1e-12, abs=1e-15)
        assert got[cat][1] == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_most_disagreed_spans():
    text = "The sham election was held today."
    records = [
        DocumentRecord(Document("d1", text), (
            Span("a", 4, 8, "L"), Span("b", 4, 8, "L"),                      # 2 of 3
            Span("a", 9, 17, "L"),                                           # 1 of 3
            Span("c", 9, 21, "L"),                                           # overlaps a's
            Span("a", 0, 3, "M"), Span("b", 0, 3, "M"), Span("c", 0, 3, "M"),  # unanimous
        ), status={"a": DONE, "b": DONE, "c": DONE}),
        DocumentRecord(Document("d2", text), (Span("a", 4, 8, "L"),), status={"b": DONE}),
        DocumentRecord(Document("d3", text), (Span("a", 4, 8, "L"),)),  # one participant
    ]  # fmt: skip
    found = most_disagreed_spans(records, limit=10)
    assert list(found) == ["L", "M"]
    assert found["M"] == []
    top = found["L"]
    # d2's split of two (score 1) comes first; then d1's 2-of-3 and 1-of-3 spans (2/3 each)
    assert [(x.document, x.start, x.end) for x in top] == [
        ("d2", 4, 8), ("d1", 4, 8), ("d1", 9, 17), ("d1", 9, 21),
    ]  # fmt: skip
    assert top[0].score == 1.0 and top[1].score == pytest.approx(2 / 3)
    assert top[2].marked_by == ("a",) and top[2].not_marked_by == ("b", "c")
    assert top[2].overlapping == ("c",)
    assert top[2].text == "election"
    assert len(most_disagreed_spans(records, limit=1)["L"]) == 1
    assert list(most_disagreed_spans(records, labels=["Z"])) == ["Z"]


@settings(max_examples=150, deadline=None)
@given(projects(max_docs=5, max_annotators=4, max_spans=5), st.integers(0, 4))
def test_most_disagreed_spans_are_the_best_ranked_of_all(records, limit):
    # the ranking over every disagreed span, sorted whole: what the report promises
    ranked: dict[str, list] = {}
    for order, m, item in voted_spans(records):
        if item.score:
            ranked.setdefault(item.label, []).append(
                ((-item.score, -m, order, item.start, item.end), item))
    found = most_disagreed_spans(records, limit=limit)
    assert set(found) == {item.label for _, _, item in voted_spans(records)}
    for label, items in found.items():
        best = sorted(ranked.get(label, []), key=lambda pair: pair[0])[:limit]
        assert items == [item for _, item in best]
