"""The spaCy DocBin, read back by spaCy itself."""

from __future__ import annotations

import pytest

from tests.formats.helpers import TEXT, TRICKY_ID

spacy = pytest.importorskip("spacy")


def read_docs(path):
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))
    return {d.user_data["id"]: d for d in docs}


def trim(a, b):
    while TEXT[a].isspace():
        a += 1
    while TEXT[b - 1].isspace():
        b -= 1
    return a, b


def test_docbin_round_trip(tricky, exported):
    out, result = exported(tricky, "spacy", "bob.spacy", annotator="bob")
    docs = read_docs(out)
    doc = docs[TRICKY_ID]
    assert doc.text == TEXT
    assert doc.user_data["source"] == '=HYPERLINK("x")'
    exact = {(s["start"], s["end"], s["label"]) for s in doc.user_data["spans"]}
    spans = list(doc.spans["sc"])
    assert len(spans) == len(exact) == 5
    assert result.spans == 5 + 0  # bob has no span in "plain"
    by_label = {s["label"]: s for s in doc.user_data["spans"]}
    assert by_label["Attribution"]["note"] == "@note"
    for span in spans:
        # each spaCy span covers its exact span (less white space at its ends, which
        # belongs to no spaCy token), grown only to the tokens it touches
        match = [trim(a, b) for a, b, lab in exact if lab == span.label_
                 and span.start_char <= trim(a, b)[0] and trim(a, b)[1] <= span.end_char]
        assert match, (span, span.label_)
        a, b = match[0]
        assert doc[span.start].idx <= a < doc[span.start].idx + len(doc[span.start])
        assert span.end_char - len(doc[span.end - 1]) < b <= span.end_char
    assert any("grew to whole spaCy tokens" in w for w in result.warnings)
    assert doc.spans["sc"].has_overlap is False


def test_overlapping_gold_and_annotator_spans(tricky, exported):
    out, _ = exported(tricky, "spacy", "alice.spacy", annotator="alice")
    doc = read_docs(out)[TRICKY_ID]
    assert doc.spans["sc"].has_overlap  # overlapping spans stay overlapping
    out, _ = exported(tricky, "spacy", "gold.spacy")
    doc = read_docs(out)[TRICKY_ID]
    assert {s["decided_by"] for s in doc.user_data["spans"]} == {"carol", "dave"}
    assert doc.user_data["layer"] == "the gold layer"
