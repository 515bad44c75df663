"""Suggestions: import (and refusal), what is offered, accepting with provenance, rejecting,
undo, the project setting, and agreement with and without suggestion-derived spans."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.services import agreement, annotate, suggestions
from annotator.services.suggest_sources import import_file, run_command
from annotator.store.corpus_rows import load_records

COMMANDS = Path(__file__).parent / "suggest_commands"
LOADED = "Loaded language"
WORDS = "Word choice"


def _doc(project, n=0):
    with project.store.read() as conn:
        return load_records(conn)[n].document


def _spans(project, who):
    with project.store.read() as conn:
        return [s for r in load_records(conn) for s in r.annotations if s.annotator == who]


def _sources(project):
    return {s.source: s.suggestions for s in suggestions.overview(project).sources}


@pytest.fixture
def offered_doc(seeded_project, write_jsonl):
    """Two suggestions on the first document from an imported file."""
    doc = _doc(seeded_project)
    path = write_jsonl({"id": doc.id, "annotations": [
        {"start": 0, "end": 5, "label": WORDS, "score": 0.9, "text": doc.text[0:5]},
        {"start": 10, "end": 20, "label": LOADED, "score": 0.4}]})
    run = import_file(seeded_project, path, "llm")
    assert (run.suggestions, run.documents) == (2, 1)
    annotate.add_annotator(seeded_project, "alice")
    annotate.add_annotator(seeded_project, "bob")
    return seeded_project, doc


def test_imported_suggestions_are_offered_and_count_nowhere(offered_doc):
    project, doc = offered_doc
    got = suggestions.offered(project, doc.id, "alice")
    assert [(s.source, s.start, s.end, s.label, s.score) for s in got.suggestions()] == [
        ("llm", 0, 5, WORDS, 0.9), ("llm", 10, 20, LOADED, 0.4)]
    assert _spans(project, "alice") == []
    report = agreement.compute(project, bootstrap=0)
    assert report.annotators == () or report.overall.span_f1_mean is None


def test_accepting_makes_the_annotators_own_span_with_provenance_and_undo(offered_doc):
    project, doc = offered_doc
    first = suggestions.offered(project, doc.id, "alice").suggestion(0)
    changes = suggestions.accept(project, "alice", first.id)
    assert changes.span_ids
    (span,) = _spans(project, "alice")
    assert (span.start, span.end, span.label) == (0, 5, WORDS)
    assert span.suggested.source == "llm" and span.suggested.score == 0.9
    assert span.suggested.unchanged(span)
    # no longer offered to alice, still offered to bob
    assert [s.start for s in suggestions.offered(project, doc.id, "alice").suggestions()] == [10]
    assert len(suggestions.offered(project, doc.id, "bob")) == 2
    (alice,) = [a for a in suggestions.acceptance(project) if a.annotator == "alice"]
    assert (alice.spans, alice.suggested, alice.unchanged) == (1, 1, 1)
    annotate.undo(project, "alice")
    assert _spans(project, "alice") == []
    assert len(suggestions.offered(project, doc.id, "alice")) == 2


def test_accepting_with_another_label_is_not_unchanged(offered_doc):
    project, doc = offered_doc
    first = suggestions.offered(project, doc.id, "alice").suggestion(0)
    suggestions.accept(project, "alice", first.id, label=LOADED)
    (span,) = _spans(project, "alice")
    assert span.label == LOADED and span.suggested.label == WORDS
    assert not span.suggested.unchanged(span)
    (alice,) = [a for a in suggestions.acceptance(project) if a.annotator == "alice"]
    assert (alice.suggested, alice.unchanged) == (1, 0)
    # the suggestion it came from is not offered again either
    assert [s.start for s in suggestions.offered(project, doc.id, "alice").suggestions()] == [10]


def test_a_rejection_is_remembered_across_sources_and_undone(offered_doc, write_jsonl):
    project, doc = offered_doc
    second = suggestions.offered(project, doc.id, "alice").suggestion(1)
    suggestions.reject(project, "alice", second.id)
    assert [s.start for s in suggestions.offered(project, doc.id, "alice").suggestions()] == [0]
    # another source suggesting the same span and label is not offered either
    import_file(project, write_jsonl({"id": doc.id, "annotations": [
        {"start": 10, "end": 20, "label": LOADED, "score": 0.99}]}), "other model")
    assert [s.start for s in suggestions.offered(project, doc.id, "alice").suggestions()] == [0]
    annotate.undo(project, "alice")
    again = suggestions.offered(project, doc.id, "alice").suggestions()
    assert [(s.start, s.source) for s in again] == [(0, "llm"), (10, "other model")]


def test_accept_above_a_score_is_one_undoable_action(offered_doc):
    project, doc = offered_doc
    suggestions.accept_above(project, "bob", doc.id, 0.5)
    assert [(s.start, s.label) for s in _spans(project, "bob")] == [(0, WORDS)]
    suggestions.accept_above(project, "bob", doc.id, 0.0)
    assert len(_spans(project, "bob")) == 2
    annotate.undo(project, "bob")
    assert len(_spans(project, "bob")) == 1


def test_turned_off_for_annotators(offered_doc):
    project, doc = offered_doc
    suggestions.set_enabled(project, False)
    assert len(suggestions.offered(project, doc.id, "alice")) == 0
    with project.store.read() as conn:
        sid = load_records(conn)[0].suggestions[0].id
    with pytest.raises(InputError, match="turned off"):
        suggestions.accept(project, "alice", sid)
    assert _spans(project, "alice") == []
    suggestions.set_enabled(project, True)
    assert len(suggestions.offered(project, doc.id, "alice")) == 2


def test_a_reimport_replaces_the_sources_suggestions(offered_doc, write_jsonl):
    project, doc = offered_doc
    import_file(project, write_jsonl({"id": doc.id, "annotations": []}), "llm")
    assert _sources(project) == {}


BAD_LINES = [
    ({"id": "nope", "annotations": []}, "not in the project"),
    ({"id": "{doc}", "annotations": [{"start": 0, "end": 5, "label": "Nope"}]}, "Nope"),
    ({"id": "{doc}", "annotations": [{"start": 0, "end": 5, "label": WORDS, "score": "hi"}]},
     "'score' must be a number"),
    ({"id": "{doc}", "annotations": [{"start": 5, "end": 10 ** 9, "label": WORDS}]},
     "out of range"),
    ({"id": "{doc}", "annotations": [{"start": 0, "end": 5, "label": WORDS,
                                      "text": "not these words"}]}, "text"),
    ({"id": "{doc}", "gold": []}, "not 'gold'"),
    ({"id": "{doc}", "annotations": [], "colour": 1}, "unknown key 'colour'"),
    ("{not json", "JSON"),
]


@pytest.mark.parametrize(("line", "problem"), BAD_LINES)
def test_a_bad_file_is_refused_whole_naming_its_line(seeded_project, write_jsonl, line,
                                                     problem):
    doc = _doc(seeded_project)
    good = {"id": doc.id, "annotations": [{"start": 0, "end": 5, "label": WORDS}]}
    other = _doc(seeded_project, 1)
    if isinstance(line, dict):
        line = {k: (v.format(doc=other.id) if isinstance(v, str) else v)
                for k, v in line.items()}
    path = write_jsonl(good, line)
    with pytest.raises(InputError) as refused:
        import_file(seeded_project, path, "llm")
    assert refused.value.file == str(path) and refused.value.line == 2
    assert problem in refused.value.problem
    assert _sources(seeded_project) == {}


def test_label_studio_predictions(seeded_project, tmp_path):
    import json

    doc = _doc(seeded_project)
    task = {"id": 7, "data": {"doc_id": doc.id, "text": doc.text},
            "annotations": [{"result": [{"id": "h", "type": "labels", "from_name": "label",
                                         "to_name": "text", "value": {
                                             "start": 1, "end": 4, "labels": [LOADED]}}]}],
            "predictions": [{"model_version": "m1", "score": 0.5, "result": [
                {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
                 "value": {"start": 0, "end": 5, "text": doc.text[:5], "labels": [WORDS]},
                 "score": 0.75},
                {"id": "b", "type": "labels", "from_name": "label", "to_name": "text",
                 "value": {"start": 6, "end": 9, "text": doc.text[6:9], "labels": [LOADED]}}]}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    import_file(seeded_project, path, "ls")
    annotate.add_annotator(seeded_project, "alice")
    got = suggestions.offered(seeded_project, doc.id, "alice").suggestions()
    # the people's annotation is not a suggestion; a region's score wins over its prediction's
    assert [(s.start, s.end, s.label, s.score) for s in got] == [
        (0, 5, WORDS, 0.75), (6, 9, LOADED, 0.5)]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_imported_offsets_come_back_as_written(seeded_project, write_jsonl, data):
    """Offsets count code points, whatever the characters (astral ones included)."""
    doc = _doc(seeded_project, 2)
    n = len(doc.text)
    places = data.draw(st.lists(
        st.tuples(st.integers(0, n - 1), st.integers(1, 40), st.floats(0, 1)),
        max_size=6, unique_by=lambda t: t[:2]))
    items = [{"start": s, "end": min(n, s + w), "label": WORDS, "score": sc,
              "text": doc.text[s:min(n, s + w)]} for s, w, sc in places]
    import_file(seeded_project, write_jsonl({"id": doc.id, "annotations": items}), "prop")
    with seeded_project.store.read() as conn:
        (rec,) = [r for r in load_records(conn) if r.id == doc.id]
    got = sorted((s.start, s.end, s.score) for s in rec.suggestions if s.source == "prop")
    # two places clamped to the text's end are one suggestion with the better score
    best: dict[tuple[int, int], float] = {}
    for i in items:
        at = (i["start"], i["end"])
        best[at] = max(best.get(at, i["score"]), i["score"])
    assert got == sorted((start, end, score) for (start, end), score in best.items())


def test_offsets_past_the_basic_plane(project, write_jsonl):
    from annotator.services.importing import import_paths

    text = "😀 sham 😀 election 😀"
    import_paths(project, [write_jsonl({"id": "d", "text": text})])
    start = text.index("sham")
    import_file(project, write_jsonl({"id": "d", "annotations": [
        {"start": start, "end": start + 4, "label": LOADED, "text": "sham"}]}), "x")
    annotate.add_annotator(project, "alice")
    (s,) = suggestions.offered(project, "d", "alice").suggestions()
    suggestions.accept(project, "alice", s.id)
    (span,) = _spans(project, "alice")
    assert text[span.start:span.end] == "sham" and span.start == 2


# ---------------------------------------------------------------- external commands

def _cmd(name: str) -> str:
    return f"{sys.executable} {COMMANDS / name}"


def test_an_external_command_suggests(seeded_project):
    run = run_command(seeded_project, _cmd("keyword.py"), source="keywords")
    assert run.suggestions >= 1
    with seeded_project.store.read() as conn:
        records = load_records(conn)
    for r in records:
        for s in r.suggestions:
            assert r.text[s.start:s.end].lower() in ("sham", "lifeline")
            assert (s.source, s.label, s.score) == ("keywords", LOADED, 0.9)


@pytest.mark.parametrize(("script", "timeout", "problem"), [
    ("failing.py", 60, "exit status 1): model weights not found"),
    ("hanging.py", 1, "did not finish within 1 s"),
    ("invalid.py", 60, "the command's output:2:"),
])
def test_a_bad_command_stores_nothing(seeded_project, script, timeout, problem):
    with pytest.raises(InputError) as refused:
        run_command(seeded_project, _cmd(script), source="bad", timeout=timeout)
    assert problem in str(refused.value)
    assert "nothing was stored" in str(refused.value)
    assert _sources(seeded_project) == {}


def test_a_missing_program_is_named(seeded_project):
    with pytest.raises(InputError, match="no such program"):
        run_command(seeded_project, "no-such-program-here --x")


# ---------------------------------------------------------------- agreement

def test_agreement_with_and_without_spans_from_suggestions(offered_doc):
    project, doc = offered_doc
    annotate.add_span(project, "bob", doc.id, 0, 5, WORDS)
    annotate.add_span(project, "bob", doc.id, 30, 40, LOADED)
    annotate.add_span(project, "alice", doc.id, 30, 40, LOADED)
    first = suggestions.offered(project, doc.id, "alice").suggestion(0)
    suggestions.accept(project, "alice", first.id)
    with_them = agreement.compute(project, bootstrap=0)
    without = agreement.compute(project, bootstrap=0, without_suggested=True)
    assert with_them.overall.span_f1_mean == 1.0
    assert without.overall.span_f1_mean == pytest.approx(2 / 3)
    assert any("included (alice 1)" in n for n in with_them.notes)
    assert any("left out (alice 1)" in n for n in without.notes)


# ---------------------------------------------------------------- the interchange

def test_suggestions_rejections_and_provenance_travel_in_the_interchange(offered_doc, tmp_path,
                                                                         backend, request):
    from annotator.services.exporting import export
    from annotator.services.importing import import_paths
    from tests.conftest import backend_project

    project, doc = offered_doc
    first, second = suggestions.offered(project, doc.id, "alice").suggestions()
    suggestions.accept(project, "alice", first.id, label=LOADED)
    suggestions.reject(project, "bob", second.id)
    out1 = tmp_path / "one.jsonl"
    export(project, "jsonl", out1)
    line = next(json.loads(x) for x in out1.read_text("utf-8").splitlines()
                if json.loads(x).get("id") == doc.id)
    assert line["suggestions"][0] == {"source": "llm", "start": 0, "end": 5, "label": WORDS,
                                      "score": 0.9}
    assert line["suggestion_rejections"] == [
        {"annotator": "bob", "start": 10, "end": 20, "label": LOADED}]
    (span,) = line["annotations"]
    assert span["suggested"] == {"source": "llm", "score": 0.9, "start": 0, "end": 5,
                                 "label": WORDS}
    (tmp_path / "two").mkdir()
    other = backend_project(backend, tmp_path / "two", request)
    try:
        import_paths(other, [out1])
        out2 = tmp_path / "two.jsonl"
        export(other, "jsonl", out2)
        assert out2.read_bytes() == out1.read_bytes()
        # bob's rejection holds in the copy; alice's accepted suggestion is not offered
        assert [s.start for s in suggestions.offered(other, doc.id, "bob").suggestions()] == [0]
        assert len(suggestions.offered(other, doc.id, "alice")) == 1
    finally:
        other.close()


def test_an_interchange_suggestion_with_an_unknown_label_is_refused(seeded_project,
                                                                    write_jsonl):
    from annotator.services.importing import import_paths

    doc = _doc(seeded_project)
    path = write_jsonl({"id": doc.id, "text": doc.text, "suggestions": [
        {"source": "m", "start": 0, "end": 5, "label": "Nope"}]})
    with pytest.raises(InputError, match="Nope"):
        import_paths(seeded_project, [path])
    assert _sources(seeded_project) == {}
