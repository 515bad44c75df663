"""Importing a document the project has: what the file adds is merged, nothing stored is
deleted or overwritten."""

from __future__ import annotations

from annotator.services.exporting import load_corpus
from annotator.services.importing import import_paths

TEXT = "The sham election gave Putin a fifth term."


def record(project, doc_id="d"):
    return next(r for r in load_corpus(project).documents if r.id == doc_id)


def test_merge_keeps_what_is_stored(project, write_jsonl):
    import_paths(project, [write_jsonl(
        {"id": "d", "text": TEXT, "title": "Old", "meta": {"a": 1},
         "status": {"alice": "done", "bob": "in_progress"},
         "annotations": [{"annotator": "alice", "start": 4, "end": 17, "label": "Word choice",
                          "attributes": {"polarity": "negative"}}],
         "doc_labels": [{"annotator": "alice", "name": "tone", "value": "negative"}]})])
    summary = import_paths(project, [write_jsonl(
        {"id": "d", "text": TEXT, "title": "New", "source": "NTD", "meta": {"a": 2, "b": 3},
         "status": {"alice": "in_progress", "bob": "done", "carol": "in_progress"},
         "annotations": [{"annotator": "alice", "start": 4, "end": 17, "label": "Word choice",
                          "attributes": {"polarity": "positive"}},
                         {"annotator": "bob", "start": 23, "end": 28, "label": "Political"}],
         "doc_labels": [{"annotator": "alice", "name": "tone", "value": "positive"},
                        {"annotator": "bob", "name": "tone", "value": "neutral"}]})])
    assert summary.added["documents"] == 0 and summary.added["spans"] == 1
    rec = record(project)
    assert rec.document.title == "Old" and rec.document.source == "NTD"
    assert dict(rec.document.meta) == {"a": 1, "b": 3}
    # a status only moves forward
    assert dict(rec.status) == {"alice": "done", "bob": "done", "carol": "in_progress"}
    spans = {(s.annotator, s.label): s for s in rec.annotations}
    assert spans[("alice", "Word choice")].attributes == {"polarity": "negative"}
    assert ("bob", "Political") in spans
    labels = {(d.annotator, d.value) for d in rec.doc_labels}
    assert labels == {("alice", "negative"), ("bob", "neutral")}


def test_per_annotator_document_notes_travel_in_meta(project, write_jsonl, tmp_path):
    from annotator.services.annotate import set_document_note
    from annotator.services.exporting import export

    import_paths(project, [write_jsonl({"id": "d", "text": TEXT})])
    set_document_note(project, "alice", "d", "Quotes the Kremlin only.")
    export(project, "jsonl", tmp_path / "out.jsonl")
    line = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[-1]
    assert '"meta": {"annotator_notes": {"alice": "Quotes the Kremlin only."}}' in line
    assert dict(record(project).notes) == {"alice": "Quotes the Kremlin only."}
