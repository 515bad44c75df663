"""A large import stores its documents in rounds of `batch_size` inside its one
transaction: the rounds add up to what one round would store, a cancel between rounds
and a bad line after many good ones leave the project as it was."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services.exporting import export, load_corpus
from annotator.services.importing import import_paths
from annotator.services.progress import Cancelled
from annotator.services.project import init_project
from annotator.services.reading import documents

TEXT = "The sham election gave Putin a fifth term, critics say."


def doc(n: int, **extra) -> dict:
    """Document n with spans of two annotators, a doc label, statuses and gold."""
    line = {"id": f"d{n:03d}", "text": TEXT, "source": "Reuters",
            "annotations": [
                {"annotator": "alice", "start": 4, "end": 17, "label": "Word choice",
                 "attributes": {"polarity": "negative"}},
                {"annotator": "bob", "start": 4 + n % 3, "end": 17, "label": "Loaded language"},
                {"annotator": "bob", "start": 31, "end": 41, "label": "Political"}],
            "doc_labels": [{"annotator": "alice", "name": "tone", "value": "negative"}],
            "status": {"alice": "done", "bob": "in_progress"}}
    if n % 4 == 0:
        line["gold"] = [{"decided_by": "rev", "start": 4, "end": 17, "label": "Word choice",
                         "sources": ["alice"]}]
    line.update(extra)
    return line


def first_and_more(write_jsonl):
    """A corpus of 23 documents, then a file adding to 10 of them (a new span, bob done)
    and 4 new ones."""
    first = write_jsonl(*(doc(n) for n in range(23)))
    more = [doc(n, status={"bob": "done"}) for n in range(5, 15)]
    for line in more:
        line["annotations"].append({"annotator": "carol", "start": 0, "end": 3,
                                    "label": "Attribution"})
    more += [doc(n) for n in range(23, 27)]
    return first, write_jsonl(*more)


def reports(seen: list):
    def progress(done: int, total: int, message: str) -> None:
        seen.append(message)
    return progress


def test_rounds_of_any_size_store_what_one_round_stores(project, write_jsonl, tmp_path):
    first, more = first_and_more(write_jsonl)
    seen: list[str] = []
    summaries = [import_paths(project, [first], batch_size=4, progress=reports(seen)),
                 import_paths(project, [more], batch_size=3)]
    # 23 documents in rounds of 4: six rounds, each reported before it is stored
    assert seen.count(f"Storing {first.name}") == 6
    with init_project(tmp_path / "whole.db") as whole:
        expected = [import_paths(whole, [first]), import_paths(whole, [more])]
        assert [s.added for s in summaries] == [s.added for s in expected]
        assert summaries[1].added["spans"] == 10 + 4 * 3
        assert load_corpus(project).documents == load_corpus(whole).documents
        ours, theirs = tmp_path / "ours.jsonl", tmp_path / "theirs.jsonl"
        export(project, "jsonl", ours)
        export(whole, "jsonl", theirs)
    assert ours.read_bytes() == theirs.read_bytes()


def test_a_cancel_between_rounds_stores_nothing(project, write_jsonl):
    first, _more = first_and_more(write_jsonl)
    rounds: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        if message.startswith("Storing"):
            rounds.append(message)
            if len(rounds) == 3:  # two rounds of five documents are stored by now
                raise Cancelled

    with pytest.raises(Cancelled):
        import_paths(project, [first], batch_size=5, progress=progress)
    assert documents(project, None) == []
    assert import_paths(project, [first], batch_size=5).added["documents"] == 23


def test_a_bad_line_after_many_good_ones_stores_nothing(project, write_jsonl):
    good = [doc(n) for n in range(300)]
    bad = doc(300)
    bad["annotations"][1]["end"] = len(TEXT) + 1
    path = write_jsonl(*good, bad, doc(301))
    with pytest.raises(InputError, match="out of range") as got:
        import_paths(project, [path], batch_size=25)
    assert (got.value.file, got.value.line) == (str(path), 301)
    assert load_corpus(project).documents == ()
    # an unknown label is found only once the whole file is read: nothing stored either
    unknown = doc(299)
    unknown["annotations"][0]["label"] = "No such label"
    path = write_jsonl(*good[:299], unknown)
    with pytest.raises(InputError, match="No such label") as got:
        import_paths(project, [path], batch_size=25)
    assert got.value.line == 300
    assert load_corpus(project).documents == ()


@pytest.mark.parametrize("was_on", [True, False])
def test_the_collector_is_off_while_importing_and_as_it_was_after(project, write_jsonl,
                                                                  was_on):
    """Full collections walked every parsed span (a fifth of an import); the GUI keeps
    collection off for good, so an import must not turn it back on."""
    import gc

    seen = []
    good = write_jsonl(*(doc(n) for n in range(3)))
    bad = write_jsonl(doc(1), "{not json")
    (gc.enable if was_on else gc.disable)()
    try:
        import_paths(project, [good], progress=lambda *_: seen.append(gc.isenabled()))
        assert gc.isenabled() is was_on
        with pytest.raises(InputError):
            import_paths(project, [bad])
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
    assert seen and not any(seen)
    assert len(documents(project, None)) == 3
