"""Building the comparison: columns per source, expressions grouped as written, places
counted once for the statistics, documents without a source under their own id."""

from __future__ import annotations

from annotator.core.compare import MarkedSpan, SourceDocument, build
from annotator.core.compare.tables import DocumentLabel
from annotator.core.model import Concept

DOCS = [SourceDocument("d1", "NTD"), SourceDocument("d2", None, "Untitled"),
        SourceDocument("d3", "NTD")]
ELECTION = Concept("election", "the election")


def span(doc, start, text, label="Word choice", who="alice", polarity=None,
         concept="election"):
    attrs = {"polarity": polarity} if polarity else {}
    return MarkedSpan(doc, start, start + len(text), text, label, attrs, concept, (who,), who)


def test_columns_expressions_and_places():
    spans = [
        span("d1", 10, "sham election", who="alice", polarity="negative"),
        span("d1", 10, "sham election", who="bob", polarity="negative"),
        span("d3", 5, "sham\nelection", who="carol"),
        span("d1", 10, "sham election", label="Loaded language", who="carol"),
        span("d2", 0, "re-election", who="alice", polarity="neutral"),
        span("d2", 40, "the vote", who="bob", concept=None),
        span("elsewhere", 0, "ignored", who="bob"),
    ]
    got = build(DOCS, spans, [ELECTION, Concept("war")])
    assert got.source_keys == ("NTD", "d2")
    assert got.sources[0].documents == ("d1", "d3")
    assert "1 document has no source and is counted under its own id: d2." in got.notes
    election = got.concepts[0]
    ntd = election.sources["NTD"]
    assert [(e.text, e.label, e.count, e.annotators, dict(e.polarity)) for e in ntd] == [
        ("sham election", "Word choice", 3, ("alice", "bob", "carol"), {"negative": 2}),
        ("sham election", "Loaded language", 1, ("carol",), {})]
    assert [p.doc_id for p in ntd[0].places] == ["d1", "d1", "d3"]
    assert election.sources["d2"][0].text == "re-election"
    assert got.concepts[1].sources == {"NTD": (), "d2": ()}
    # spans, every annotator's
    assert got.labels_by_source == {"NTD": {"Loaded language": 1, "Word choice": 3},
                                    "d2": {"Word choice": 2}}
    # places: alice's and bob's "sham election" in d1 are one place
    assert got.label_places == {"Loaded language": {"NTD": 1, "d2": 0},
                                "Word choice": {"NTD": 2, "d2": 2}}
    rows = {(r.source, r.item): r for r in election.expressions.rows}
    assert rows[("NTD", "sham election")].count == 2
    assert rows[("d2", "re-election")].count == 1


def test_document_labels_per_source():
    labels = [DocumentLabel("d1", "alice", "tone", "negative"),
              DocumentLabel("d3", "bob", "tone", "negative"),
              DocumentLabel("d2", "alice", "tone", "neutral")]
    got = build(DOCS, [], [], labels)
    assert got.doc_labels == {"tone": {"NTD": {"negative": 2}, "d2": {"neutral": 1}}}
    assert got.doc_label_tests["tone"].p_value is None
    assert got.label_test.reason.startswith("fewer than two")


def test_a_document_id_that_is_also_a_source_name_stays_apart():
    docs = [SourceDocument("NTD", None), SourceDocument("x", "NTD")]
    assert build(docs, [], []).source_keys == ("NTD (document)", "NTD")
