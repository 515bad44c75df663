"""Two imports at the same moment: every check happens after the write lock, so the one
that writes second sees what the first wrote. On both backends."""

from __future__ import annotations

import threading

from annotator.core.errors import InputError
from annotator.services.exporting import load_corpus
from annotator.services.importing import import_paths
from annotator.services.project import open_project
from annotator.services.waiting import Patience, patience


def race(project, *jobs):
    """Run each job(project) in its own thread with its own project connection, all of
    them queued behind a write lock held until every one is waiting for it; returns what
    each returned or raised."""
    holder = open_project(project.target)
    lock = holder.store.write()
    lock.__enter__()
    waiting = [threading.Event() for _ in jobs]
    results: list[object] = [None] * len(jobs)

    def run(i, job):
        mine = open_project(project.target)
        try:
            with patience(Patience(timeout=60, waiting=lambda s: waiting[i].set())):
                results[i] = job(mine)
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            results[i] = exc
        finally:
            mine.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    try:
        for t in threads:
            t.start()
        for event in waiting:
            assert event.wait(60), "a writer never queued for the lock"
    finally:
        lock.__exit__(None, None, None)
        for t in threads:
            t.join(120)
        holder.close()
    return results


TEXT_A = "The sham election gave Putin a fifth term."
TEXT_B = "Putin won re-election with a record turnout."


def test_the_same_document_id_with_two_texts_is_refused_once(project, write_jsonl):
    files = [write_jsonl({"id": "same", "text": text, "annotations": [
        {"annotator": who, "start": 4, "end": 17, "label": "Word choice"}]})
        for text, who in ((TEXT_A, "alice"), (TEXT_B, "bob"))]
    results = race(project, *(lambda p, f=f: import_paths(p, [f]) for f in files))
    refused = [r for r in results if isinstance(r, InputError)]
    assert len(refused) == 1 and "different text" in str(refused[0])
    (record,) = load_corpus(project).documents
    # the spans stored are those of the file whose text was stored, on that text
    assert len(record.annotations) == 1
    owner = record.annotations[0].annotator
    assert record.document.text == (TEXT_A if owner == "alice" else TEXT_B)


def test_two_imports_adding_different_attributes_keep_both(project, write_jsonl):
    def attribute_file(name):
        return write_jsonl(
            {"codebook": {"name": "c", "labels": [{"name": "Word choice"}],
                          "attributes": [{"name": name, "values": ["a", "b"]}]}},
            {"id": f"d-{name}", "text": TEXT_A, "annotations": [
                {"annotator": "alice", "start": 4, "end": 17, "label": "Word choice",
                 "attributes": {name: "a"}}]})

    files = [attribute_file("certainty"), attribute_file("register")]
    results = race(project, *(lambda p, f=f: import_paths(p, [f], add_labels=True)
                              for f in files))
    assert not [r for r in results if isinstance(r, Exception)]
    project.forget_codebook()
    names = {a.name for a in project.codebook.attributes}
    assert {"certainty", "register"} <= names


def test_two_imports_creating_the_same_annotator_and_label(project, write_jsonl):
    files = [write_jsonl({"id": f"d{i}", "text": TEXT_A, "annotations": [
        {"annotator": "newcomer", "start": 4, "end": 17, "label": "Spin"}]})
        for i in range(2)]
    results = race(project, *(lambda p, f=f: import_paths(p, [f], add_labels=True)
                              for f in files))
    assert not [r for r in results if isinstance(r, Exception)], results
    corpus = load_corpus(project)
    assert sorted((r.id, s.annotator, s.label) for r in corpus.documents
                  for s in r.annotations) == [("d0", "newcomer", "Spin"),
                                              ("d1", "newcomer", "Spin")]
    assert [lab.name for lab in corpus.codebook.labels].count("Spin") == 1
