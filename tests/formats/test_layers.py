"""One rule picks what every span format writes (formats.export_spec.choose_layer)."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.core.gold import GoldSpan
from annotator.core.model import Document, Span
from annotator.core.records import Corpus, DocumentRecord
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


def test_the_interchange_takes_layer(tricky, exported, tmp_path, capsys):
    """`export -f jsonl --layer gold` writes the gold layer alone, `--layer annotations`
    the annotators' work alone; without --layer, everything."""
    import json

    from annotator.cli import main

    def lines(path):
        return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x]

    out, result = exported(tricky, "jsonl", "gold.jsonl", layer="gold")
    docs = [x for x in lines(out) if "id" in x]
    assert result.layer == "the gold layer" and result.spans == 2
    assert all("annotations" not in d and "status" not in d for d in docs)
    assert sum(len(d.get("gold", [])) for d in docs) == 2
    out, result = exported(tricky, "jsonl", "work.jsonl", layer="annotations")
    docs = [x for x in lines(out) if "id" in x]
    assert all("gold" not in d for d in docs) and result.spans == 9
    assert sum(len(d.get("annotations", [])) for d in docs) == 9
    whole, _ = exported(tricky, "jsonl", "all.jsonl")
    assert any("gold" in d for d in lines(whole)) and any("annotations" in d for d in lines(whole))
    capsys.readouterr()
    db = str(tmp_path / "project.db")
    assert main(["export", db, "-f", "jsonl", "--layer", "gold", "-o", "-"]) == 0
    printed = [json.loads(x) for x in capsys.readouterr().out.split("\n") if x]
    assert printed == lines(tmp_path / "gold.jsonl")
    assert main(["export", db, "-f", "jsonl", "--layer", "gold", "--annotator", "alice",
                 "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "two different layers" in capsys.readouterr().err


def test_no_gold_layer_is_refused_for_the_interchange(project, write_jsonl, exported):
    from annotator.services.importing import import_paths

    import_paths(project, [write_jsonl({"id": "d", "text": "sham", "annotations": [
        {"annotator": "a", "start": 0, "end": 4, "label": "Political"}]})])
    with pytest.raises(InputError, match="no gold spans"):
        exported(project, "jsonl", "g.jsonl", layer="gold")
