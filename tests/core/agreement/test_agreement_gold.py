"""Annotators against gold on adjudicated documents: hand-computed values, sklearn's
precision_recall_fscore_support, and which documents count."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import precision_recall_fscore_support

from annotator.core.agreement import build_report, partial_span_f1
from annotator.core.agreement.gold import adjudicated
from annotator.core.gold import DecisionRecord, GoldSpan
from annotator.core.model import DONE, Document, Span
from annotator.core.records import DocumentRecord

TEXT = "The sham election was held in a landslide, officials said on Monday."


def _reject(start, end, label):
    return DecisionRecord("dana", "2026-01-01T00:00:00", "reject", start, end, label)


def finished():
    """alice: sham election WC (accepted, same polarity), landslide LL (rejected),
    officials said ATT (accepted); bob: sham election WC (accepted, other polarity),
    sham LL (rejected); gold also has Monday WC that the reviewer added."""
    spans = (Span("alice", 4, 17, "WC", {"polarity": "negative"}),
             Span("alice", 32, 41, "LL"), Span("alice", 43, 57, "ATT"),
             Span("bob", 4, 17, "WC", {"polarity": "neutral"}), Span("bob", 4, 8, "LL"))
    gold = (GoldSpan("dana", 4, 17, "WC", {"polarity": "negative"}),
            GoldSpan("dana", 43, 57, "ATT"), GoldSpan("dana", 61, 67, "WC"))
    return DocumentRecord(Document("d1", TEXT), spans, gold=gold,
                          decisions=(_reject(32, 41, "LL"), _reject(4, 8, "LL")))


def open_document():
    """bob marked something nobody decided on: not adjudicated."""
    return DocumentRecord(Document("d2", TEXT), (Span("alice", 4, 17, "WC"),
                                                 Span("bob", 4, 8, "LL")),
                          gold=(GoldSpan("dana", 4, 17, "WC"),))


def test_which_documents_are_adjudicated():
    assert adjudicated(finished())
    assert not adjudicated(open_document())
    nothing = DocumentRecord(Document("d3", TEXT), status={"alice": DONE, "bob": DONE})
    assert adjudicated(nothing)  # everyone finished without a span: an empty gold layer
    assert not adjudicated(DocumentRecord(Document("d4", TEXT)))  # nobody took part


def test_hand_computed():
    report = build_report([finished(), open_document()], bootstrap=0)
    alice, bob = report.against_gold["alice"], report.against_gold["bob"]
    assert alice.documents == bob.documents == 1  # d2 is still open
    # alice: 3 spans, gold 3, both 2
    m = alice.measures
    assert (m.spans, m.gold, m.precision, m.recall, m.f1) == (3, 3, 2 / 3, 2 / 3, 2 / 3)
    assert m.accepted_unchanged == 2 / 3
    # bob: 2 spans, both 1; his WC was accepted with alice's polarity: changed, not unchanged
    m = bob.measures
    assert (m.spans, m.precision, m.recall, m.f1) == (2, 1 / 2, 1 / 3, 2 * 1 / 5)
    assert m.accepted_unchanged == 0
    assert list(alice.labels) == ["ATT", "LL", "WC"]
    wc = alice.labels["WC"]
    assert (wc.spans, wc.gold, wc.precision, wc.recall, wc.f1) == (1, 2, 1.0, 0.5, 2 / 3)
    ll = alice.labels["LL"]
    assert (ll.precision, ll.recall, ll.f1, ll.gold) == (0.0, None, 0.0, 0)
    assert any(n.startswith("against_gold[alice].labels: recall is null for LL")
               for n in report.notes)


def _sklearn(mine, gold):
    keys = sorted(mine | gold)
    truth = np.array([k in gold for k in keys])
    pred = np.array([k in mine for k in keys])
    p, r, f, _ = precision_recall_fscore_support(truth, pred, average="binary",
                                                 zero_division=np.nan)
    return p, r, f


@pytest.mark.parametrize("seed", range(20))
def test_precision_recall_and_f1_are_sklearns(seed):
    rng = np.random.default_rng(seed)
    records = []
    for d in range(int(rng.integers(1, 5))):
        places = [(int(s), int(s) + int(rng.integers(1, 8)), str(rng.choice(["A", "B"])))
                  for s in rng.integers(0, 55, 8)]
        spans = tuple(Span(who, *p) for who in ("alice", "bob") for p in places
                      if rng.random() < 0.5)
        gold = tuple(GoldSpan("dana", *p) for p in places if rng.random() < 0.5)
        # everything not in gold rejected, so that the document is adjudicated
        gold_keys = {g.key for g in gold}
        decisions = tuple(_reject(*s.key[1:]) for s in spans
                          if (s.start, s.end, s.label) not in gold_keys)
        records.append(DocumentRecord(Document(f"d{d}", TEXT), spans, gold=gold,
                                      decisions=decisions, status={"alice": DONE,
                                                                   "bob": DONE}))
    report = build_report(records, bootstrap=0)
    for who in ("alice", "bob"):
        mine = {(r.id, s.start, s.end, s.label) for r in records for s in r.annotations
                if s.annotator == who}
        gold = {(r.id, g.start, g.end, g.label) for r in records for g in r.gold}
        m = report.against_gold[who].measures
        for ours, theirs in zip((m.precision, m.recall, m.f1), _sklearn(mine, gold),
                                strict=True):
            if ours is None:
                assert np.isnan(theirs)
            else:
                assert ours == pytest.approx(theirs, abs=1e-12)
        if mine or gold:
            assert m.f1_partial == pytest.approx(partial_span_f1(mine, gold), abs=1e-12)
        for label, lm in report.against_gold[who].labels.items():
            p, r, f = _sklearn({k for k in mine if k[3] == label},
                               {k for k in gold if k[3] == label})
            assert lm.f1 == pytest.approx(f, abs=1e-12)
            assert (lm.precision is None and np.isnan(p)) or lm.precision == pytest.approx(p)
            assert (lm.recall is None and np.isnan(r)) or lm.recall == pytest.approx(r)


def test_no_adjudicated_document():
    report = build_report([open_document()], bootstrap=0)
    assert report.against_gold == {}
    assert "against_gold: empty: no document is adjudicated" in report.notes


def test_an_annotator_on_no_adjudicated_document_is_listed_with_nulls():
    late = DocumentRecord(Document("d9", TEXT), (Span("carol", 0, 3, "WC"),))
    report = build_report([finished(), late], bootstrap=0)
    carol = report.against_gold["carol"]
    assert carol.documents == 0 and carol.measures.f1 is None and carol.labels == {}
    assert any(n.startswith("against_gold[carol]: every measure is null") for n in report.notes)


def test_label_filter():
    report = build_report([finished()], bootstrap=0, labels=["WC"])
    m = report.against_gold["alice"].measures
    assert (m.spans, m.gold, m.precision, m.recall) == (1, 2, 1.0, 0.5)
    assert list(report.against_gold["alice"].labels) == ["WC"]
