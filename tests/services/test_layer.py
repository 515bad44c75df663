"""One annotator's layer of a document, through services.layer, on both backends."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services import annotate as an
from annotator.services import layer

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"
WC, POL = "Word choice", "Political"


@pytest.fixture
def marked(seeded_project):
    p = seeded_project
    an.add_span(p, "alice", D1, 6, 15, WC, attributes={"polarity": "negative"}, note="why")
    an.add_span(p, "alice", D1, 0, 5, POL)
    an.add_span(p, "bob", D1, 0, 5, WC)
    an.add_span(p, "alice", D2, 0, 5, WC)
    an.set_status(p, "alice", D1, "in_progress")
    an.set_document_note(p, "alice", D1, "mine")
    return p


def test_a_layer_is_one_annotators_in_order(marked):
    doc = layer.read_document(marked, D1, "alice")
    assert doc.document.id == D1 and doc.annotator == "alice"
    got = [(s.annotator, s.start, s.end, s.label) for s in doc.layer.spans()]
    assert got == [("alice", 0, 5, POL), ("alice", 6, 15, WC)]
    assert doc.layer.span(1).attributes == {"polarity": "negative"}
    assert doc.layer.span(1).note == "why" and doc.layer.attributes[0] in (None, "null")
    assert doc.status == "in_progress" and doc.note == "mine"


def test_a_reviewers_layer_is_everyones_without_personal_state(marked):
    doc = layer.read_document(marked, D1, None)
    assert sorted(s.annotator for s in doc.layer.spans()) == ["alice", "alice", "bob"]
    assert doc.status is None and doc.note is None


def test_someone_new_has_an_empty_layer(marked):
    doc = layer.read_document(marked, D1, "zed")
    assert len(doc.layer) == 0 and doc.status is None


def test_read_spans_by_id_keeps_to_the_annotator_and_document(marked):
    everyone = layer.read_document(marked, D1, None).layer
    ids = list(everyone.ids) + list(layer.read_document(marked, D2, "alice").layer.ids)
    assert {s.annotator for s in layer.read_spans(marked, ids, "bob")} == {"bob"}
    assert len(layer.read_spans(marked, ids, "alice", D1)) == 2
    assert len(layer.read_spans(marked, ids, None)) == 4
    assert layer.read_spans(marked, [], "alice") == []
    assert layer.read_spans(marked, ids, "zed") == []


def test_document_state_and_an_unknown_document(marked):
    labels, status, note = layer.read_document_state(marked, D1, "alice")
    assert (labels, status, note) == ((), "in_progress", "mine")
    with pytest.raises(InputError, match="no document"):
        layer.read_document(marked, "nope", "alice")
