"""Export through services.exporting, on both backends."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError
from annotator.formats.export_spec import ExportOptions, filter_labels, only_annotator
from annotator.services import annotate as an
from annotator.services import exporting
from annotator.services.exporting import export, load_corpus
from annotator.store import corpus_rows

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


@pytest.mark.parametrize("options", [ExportOptions(), ExportOptions(annotator="alice"),
                                     ExportOptions(labels=("Word choice",))])
def test_a_file_written_in_chunks_is_the_stream_written_whole(demo_project, tmp_path, capsys,
                                                              monkeypatch, options):
    # to a file the interchange is written as the documents are read, a few at a time;
    # to standard output from the whole project: the two must be the same bytes
    monkeypatch.setattr(corpus_rows, "CHUNK", 2)
    out = tmp_path / "out.jsonl"
    result = export(demo_project, "jsonl", out, options)
    capsys.readouterr()
    export(demo_project, "jsonl", "-", options)
    assert out.read_text(encoding="utf-8") == capsys.readouterr().out
    whole = filter_labels(load_corpus(demo_project), options.labels)
    if options.annotator:
        whole = only_annotator(whole, options.annotator)
    assert (result.documents, result.spans) == (5, sum(len(r.annotations)
                                                       for r in whole.documents))
    assert result.spans > 0


def test_a_chunked_export_is_one_snapshot(demo_project, tmp_path, monkeypatch):
    # a span added while the export is between chunks belongs to the next export
    monkeypatch.setattr(corpus_rows, "CHUNK", 1)
    last = load_corpus(demo_project).documents[-1].id
    chunks = corpus_rows.iter_records

    def meanwhile(conn, chunk=None):
        for i, record in enumerate(chunks(conn, chunk)):
            if i == 1:
                an.add_span(demo_project, "zoe", last, 0, 3, "Word choice")
            yield record

    monkeypatch.setattr(exporting, "iter_records", meanwhile)
    out = tmp_path / "out.jsonl"
    export(demo_project, "jsonl", out)
    assert '"zoe"' not in out.read_text(encoding="utf-8")
    assert "zoe" in {s.annotator for s in load_corpus(demo_project, [last]).documents[0]
                     .annotations}


def test_a_refused_chunked_export_writes_nothing(demo_project, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_rows, "CHUNK", 1)
    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match="no annotator 'zed'"):
        export(demo_project, "jsonl", tmp_path / "out" / "z.jsonl",
               ExportOptions(annotator="zed"))
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])  # streamed, and read whole
@pytest.mark.parametrize("was_on", [True, False])
def test_the_collector_is_off_while_exporting_and_as_it_was_after(seeded_project, tmp_path,
                                                                  fmt, was_on):
    import gc

    seen = []
    (gc.enable if was_on else gc.disable)()
    try:
        export(seeded_project, fmt, tmp_path / f"out.{fmt}",
               progress=lambda *_: seen.append(gc.isenabled()))
        assert gc.isenabled() is was_on
        with pytest.raises(InputError):
            export(seeded_project, fmt, tmp_path / "x", ExportOptions(annotator="nobody"))
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
    assert seen and not any(seen)
    assert (tmp_path / f"out.{fmt}").stat().st_size > 0
