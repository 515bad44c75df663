"""Finding text in a document and across the corpus, through services.search."""

from __future__ import annotations

import pytest

from annotator.services import annotate as an
from annotator.services import search
from annotator.services.progress import Cancelled


@pytest.fixture
def texts(project, write_jsonl):
    from annotator.services.importing import import_paths

    lines = [{"id": f"d{i}", "title": f"T{i}", "text": text} for i, text in enumerate([
        "The war began.\nA warning came: war\tis near.",
        "No match here.",
        "WAR and war, the war.",
    ])]
    import_paths(project, [write_jsonl(*lines)])
    return project


def test_whole_words_case_and_white_space():
    assert search.find_in_text("war warning War", "war") == [(0, 3), (12, 15)]
    assert search.find_in_text("war warning War", "war", case_sensitive=True) == [(0, 3)]
    assert search.find_in_text("war warning", "war", whole_words=False) == [(0, 3), (4, 7)]
    assert search.find_in_text("is\nnear", "is near") == [(0, 7)]
    assert search.find_in_text("anything", "  ") == []


def test_find_across_the_corpus_in_order_with_context(texts):
    got = search.find(texts, "war")
    assert [(m.doc_id, m.start) for m in got] == [
        ("d0", 4), ("d0", 31), ("d2", 0), ("d2", 8), ("d2", 17)]
    assert got[1].before == "A warning came: " and got[1].after == "\tis near."
    assert got[1].title == "T0" and got[1].text == "war"
    assert [m.start for m in search.find(texts, "war", doc_id="d2")] == [0, 8, 17]
    assert len(search.find(texts, "war", limit=2)) == 2
    assert search.find(texts, "") == []


def test_matches_the_annotator_already_labelled_are_flagged(texts):
    an.add_span(texts, "alice", "d2", 8, 11, "Word choice")
    an.add_span(texts, "bob", "d2", 17, 20, "Word choice")
    got = search.find(texts, "war", doc_id="d2", annotator="alice", label="Word choice")
    assert [m.labelled for m in got] == [False, True, False]  # bob's is not hers
    assert search.find(texts, "war", doc_id="d2", annotator="zed",
                       label="Word choice")[1].labelled is False
    assert got[1].place == an.Occurrence("d2", 8, 11)


def test_a_search_can_be_cancelled(texts):
    def stop(done, total, message):
        raise Cancelled

    with pytest.raises(Cancelled):
        search.find(texts, "war", progress=stop)
