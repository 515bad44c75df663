"""Export through services.exporting, on both backends."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError
from annotator.formats.export_spec import ExportOptions
from annotator.services import annotate as an
from annotator.services.exporting import export, load_corpus

D1 = "000_d2e00c955d6db165"


def test_load_corpus_holds_the_whole_project(seeded_project):
    an.add_span(seeded_project, "alice", D1, 0, 5, "Word choice")
    corpus = load_corpus(seeded_project)
    assert len(corpus.documents) == 5 and corpus.codebook.labels
    assert [(s.annotator, s.start) for s in corpus.documents[0].annotations] == [("alice", 0)]
    assert [r.id for r in load_corpus(seeded_project, [D1]).documents] == [D1]


def test_jsonl_to_a_file_and_to_standard_output(seeded_project, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert export(seeded_project, "jsonl", out).documents == 5
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "codebook" in json.loads(lines[0]) and len(lines) >= 6
    capsys.readouterr()
    export(seeded_project, "jsonl", "-")
    assert capsys.readouterr().out.splitlines() == lines
    assert not list(tmp_path.glob(".*partial*"))


def test_one_annotators_layer_and_unknown_annotators(seeded_project, tmp_path):
    an.add_span(seeded_project, "alice", D1, 0, 5, "Word choice")
    an.add_span(seeded_project, "bob", D1, 6, 15, "Political")
    out = tmp_path / "alice.jsonl"
    export(seeded_project, "jsonl", out, ExportOptions(annotator="alice"))
    text = out.read_text(encoding="utf-8")
    assert '"alice"' in text and '"bob"' not in text
    with pytest.raises(InputError, match="no annotator 'zed'"):
        export(seeded_project, "jsonl", tmp_path / "z.jsonl", ExportOptions(annotator="zed"))


def test_a_folder_is_never_overwritten(seeded_project, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="is a folder"):
        export(seeded_project, "jsonl", tmp_path / "full")
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"
