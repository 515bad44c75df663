"""Label confusion: a hand-computed case, a literal reading on random projects, and the
spans behind every cell."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from annotator.core.agreement import NONE, SPANS, TOKENS, build_report, meetings
from annotator.core.model import Document, Span
from annotator.core.records import DocumentRecord
from tests.core.agreement.agreement_oracle import Oracle
from tests.core.agreement.agreement_strategies import projects

TEXT = "The sham election was held."  # The sham election was held .


def test_hand_computed():
    # alice: "sham election" L; bob: "The" M, "sham election" L, "election was" N
    record = DocumentRecord(Document("d", TEXT), (
        Span("alice", 4, 17, "L"), Span("bob", 0, 3, "M"), Span("bob", 4, 17, "L"),
        Span("bob", 9, 21, "N")))
    c = build_report([record], bootstrap=0).confusion
    assert c.labels == ("L", "M", "N", "O")
    # tokens, (alice, bob): The O/M, sham L/L, election L/L and L/N, was O/N, held O/O, . O/O
    # plus the transpose (bob, alice)
    assert c.tokens == ((4, 0, 1, 0), (0, 0, 0, 1), (1, 0, 0, 1), (0, 1, 1, 4))
    # spans, (alice, bob): alice's L meets bob's L and N; bob's M meets nothing of alice's
    assert c.spans == ((2, 0, 1, 0), (0, 0, 0, 1), (1, 0, 0, 0), (0, 1, 0, 0))


def _tokens_oracle(records):
    o = Oracle(records)
    index = {lab: i for i, lab in enumerate([*o.labels, NONE])}
    out = np.zeros((len(index), len(index)), dtype=int)
    for a, b in o.pairs():
        for d in o.shared_docs(a, b):
            for tok in o.tokens(d):
                for x in o.category(d, a, tok).split("+"):
                    for y in o.category(d, b, tok).split("+"):
                        out[index[x], index[y]] += 1
                        out[index[y], index[x]] += 1
    return out


def _spans_oracle(records):
    o = Oracle(records)
    index = {lab: i for i, lab in enumerate([*o.labels, NONE])}
    out = np.zeros((len(index), len(index)), dtype=int)
    for first, second in o.pairs():
        for a, b in ((first, second), (second, first)):
            for d in o.shared_docs(a, b):
                mine = [s for s in o.spans[d] if s[0] == a]
                theirs = [s for s in o.spans[d] if s[0] == b]
                for _, s, e, lab in mine:
                    met = [t for t in theirs if t[1] < e and s < t[2]]
                    for t in met:
                        out[index[lab], index[t[3]]] += 1
                    if not met:
                        out[index[lab], index[NONE]] += 1
                for _, s, e, lab in theirs:
                    if not any(m[1] < e and s < m[2] for m in mine):
                        out[index[NONE], index[lab]] += 1
    return out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_matrices_are_the_literal_reading(records):
    c = build_report(records, bootstrap=0).confusion
    assert np.array_equal(np.array(c.tokens).reshape(len(c.labels), -1), _tokens_oracle(records))
    assert np.array_equal(np.array(c.spans).reshape(len(c.labels), -1), _spans_oracle(records))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_the_spans_behind_a_cell_add_up_to_it(records):
    c = build_report(records, bootstrap=0).confusion
    for i, row in enumerate(c.labels):
        for j, column in enumerate(c.labels):
            found = list(meetings(records, row, column, SPANS))
            if NONE in (row, column):
                assert len(found) == c.spans[i][j]
            elif row == column:  # listed once per pair; counted in both orders
                assert 2 * len(found) == c.spans[i][j]
            else:
                assert len(found) == c.spans[i][j]


def test_tokens_cell_lists_spans_sharing_a_token_and_spans_partly_unmarked():
    record = DocumentRecord(Document("d", TEXT), (
        Span("alice", 4, 17, "L"), Span("bob", 4, 8, "L"), Span("bob", 10, 12, "N")))
    # at token level, bob's N (inside "election") shares the token with alice's L
    found = list(meetings([record], "L", "N", TOKENS))
    assert [(m.first, m.first_span[:3], m.second, m.second_span[:3]) for m in found] == [
        ("alice", (4, 17, "L"), "bob", (10, 12, "N"))]
    assert [m.first_span[3] for m in found] == ["sham election"]
    # alice's L is wholly under bob's spans token by token: nothing left unmarked
    assert list(meetings([record], "L", NONE, TOKENS)) == []
    # by characters, alice's L meets bob's spans too
    assert list(meetings([record], "L", NONE, SPANS)) == []
    # the O row is the other half of the O column
    other = DocumentRecord(Document("d", TEXT), (Span("alice", 0, 3, "M"),),
                           status={"bob": "done"})
    assert [(m.first, m.second) for m in meetings([other], NONE, "M", SPANS)] == [
        ("alice", "bob")]
    assert list(meetings([other], NONE, NONE, SPANS)) == []
