"""One rule picks what every span format writes (formats.export_spec.choose_layer)."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Corpus, Document, DocumentRecord, GoldSpan, Span
from annotator.formats.export_spec import GOLD, ExportOptions, choose_layer

DOC = Document("d", "a sham election")
ALICE = Span("alice", 2, 6, "Word choice")
BOB = Span("bob", 7, 15, "Political")
GOLD_SPAN = GoldSpan("carol", 2, 6, "Word choice")


def corpus(*spans, gold=()):
    return Corpus(None, (), (DocumentRecord(DOC, tuple(spans), gold=tuple(gold)),))


def spans_of(c, **options):
    return [(s.by, s.label, s.gold) for s in
            choose_layer(c, ExportOptions(**options), "x", several=True).spans(c.documents[0])]


def test_gold_is_the_default_when_there_is_one():
    c = corpus(ALICE, BOB, gold=[GOLD_SPAN])
    assert choose_layer(c, ExportOptions(), "x", several=False).kind == GOLD
    assert spans_of(c) == [("carol", "Word choice", True)]


def test_annotator_and_annotations():
    c = corpus(ALICE, BOB, gold=[GOLD_SPAN])
    assert spans_of(c, annotator="bob") == [("bob", "Political", False)]
    assert spans_of(c, layer="annotations") == [("alice", "Word choice", False),
                                                ("bob", "Political", False)]


def test_one_layer_formats_refuse_several_annotators():
    c = corpus(ALICE, BOB)
    with pytest.raises(InputError, match="holds one layer.*alice, bob.*--annotator"):
        choose_layer(c, ExportOptions(), "conll", several=False)
    layer = choose_layer(corpus(ALICE), ExportOptions(layer="annotations"), "conll", False)
    assert layer.annotator == "alice"


def test_mistakes_are_input_errors():
    with pytest.raises(InputError, match="no gold spans"):
        choose_layer(corpus(ALICE), ExportOptions(layer="gold"), "x", True)
    with pytest.raises(InputError, match="no annotator 'zoe'.*alice"):
        choose_layer(corpus(ALICE), ExportOptions(annotator="zoe"), "x", True)
    with pytest.raises(InputError, match="two different layers"):
        choose_layer(corpus(ALICE), ExportOptions(annotator="alice", layer="gold"), "x", True)
