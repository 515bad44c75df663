"""The built-in recommenders: phrases labelled elsewhere, and the span tagger trained on
the project's gold (its held-out scores checked against sklearn.metrics)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from annotator.core.errors import InputError
from annotator.core.suggest.tagging import held_out
from annotator.services import annotate, suggest_phrases, suggest_tagger, suggestions
from annotator.services.importing import import_paths
from annotator.store.corpus_rows import load_records

LOADED = "Loaded language"
WORDS = "Word choice"


def test_phrases_labelled_by_an_annotator_are_suggested_to_them_alone(project, write_jsonl):
    import_paths(project, [write_jsonl(
        {"id": "a", "text": "A sham election was held."},
        {"id": "b", "text": "Critics called it a Sham\nElection, and a sham election again."},
        {"id": "c", "text": "No such words here."})])
    annotate.add_span(project, "alice", "a", 2, 15, LOADED)
    annotate.add_annotator(project, "bob")
    suggest_phrases.run(project)
    got = suggestions.offered(project, "b", "alice").suggestions()
    text = "Critics called it a Sham\nElection, and a sham election again."
    assert [(text[s.start:s.end], s.label, s.score, s.source) for s in got] == [
        ("Sham\nElection", LOADED, 1.0, "phrases"), ("sham election", LOADED, 1.0, "phrases")]
    # alice's work does not leak to bob, and her own span is not suggested back to her
    assert len(suggestions.offered(project, "b", "bob")) == 0
    assert len(suggestions.offered(project, "a", "alice")) == 0
    assert len(suggestions.offered(project, "c", "alice")) == 0


def test_gold_phrases_are_suggested_to_everyone_with_counts(project, write_jsonl):
    gold = [{"start": 2, "end": 15, "label": LOADED, "decided_by": "rev"}]
    import_paths(project, [write_jsonl(
        {"id": "a", "text": "A sham election was held.", "gold": gold},
        {"id": "a2", "text": "A sham election again.", "gold": gold},
        {"id": "b", "text": "It was a sham election.", })])
    annotate.add_annotator(project, "bob")
    suggest_phrases.run(project)
    (s,) = suggestions.offered(project, "b", "bob").suggestions()
    assert (s.start, s.end, s.label, s.score) == (9, 22, LOADED, 2.0)
    # not suggested on adjudicated documents
    assert len(suggestions.offered(project, "a", "bob")) == 0


WORDS_POOL = ["the", "talks", "the", "leaders", "the", "visit", "trade", "deal", "sanctions",
              "the", "summit", "officials", "said", "on", "Tuesday", "in", "Beijing", "a",
              "statement", "was", "issued", "by"]
CUES = [("sham election", LOADED), ("regime", LOADED), ("so-called", WORDS),
        ("strongman", WORDS)]


def _prepared(project, write_jsonl, docs=12, seed=7):
    """Documents whose gold marks every cue phrase (so the tagger has something to learn)."""
    rng = random.Random(seed)
    lines = []
    for d in range(docs):
        parts, gold = [], []
        pos = 0
        for _ in range(40):
            if rng.random() < 0.2:
                phrase, label = rng.choice(CUES)
                gold.append({"start": pos, "end": pos + len(phrase), "label": label,
                             "decided_by": "rev"})
                word = phrase
            else:
                word = rng.choice(WORDS_POOL)
            parts.append(word)
            pos += len(word) + 1
        lines.append({"id": f"doc{d:02d}", "text": " ".join(parts) + ".",
                      "gold": gold if d < docs - 2 else []})
    import_paths(project, [write_jsonl(*lines)])


def test_the_tagger_learns_and_reports_scores_equal_to_sklearn(project, write_jsonl):
    metrics = pytest.importorskip("sklearn.metrics")
    _prepared(project, write_jsonl)
    report = suggest_tagger.train(project)
    with project.store.read() as conn:
        records = load_records(conn)
    gold_docs = [r for r in records if r.gold]
    train_ids, test_ids = held_out([r.id for r in gold_docs])
    assert report.basis == "gold" and report.tested_on == tuple(test_ids)
    assert report.trained_on == len(gold_docs)

    # the same split, trained again here; every predicted or reference span is an item
    by_id = {r.id: r for r in records}
    model = suggest_tagger.Tagger([suggest_tagger.Example(
        by_id[d].text, tuple((g.start, g.end, g.label) for g in by_id[d].gold))
        for d in train_ids])
    ref = {(d, g.start, g.end, g.label) for d in test_ids for g in by_id[d].gold}
    pred = {(d, s, e, lab) for d in test_ids for s, e, lab, _ in model.spans(by_id[d].text)}
    items = sorted(ref | pred)
    for label, scores in report.labels.items():
        y_true = np.array([k in ref and k[3] == label for k in items])
        y_pred = np.array([k in pred and k[3] == label for k in items])
        if scores.precision is not None:
            assert scores.precision == pytest.approx(metrics.precision_score(y_true, y_pred))
        if scores.recall is not None:
            assert scores.recall == pytest.approx(metrics.recall_score(y_true, y_pred))
        if scores.f1 is not None:
            assert scores.f1 == pytest.approx(metrics.f1_score(y_true, y_pred))
    y_true = np.array([k in ref for k in items])
    y_pred = np.array([k in pred for k in items])
    assert report.overall.f1 == pytest.approx(metrics.f1_score(y_true, y_pred))
    assert report.overall.f1 > 0.8  # the cues are learnable

    # suggestions only where it did not learn: the two documents without gold
    with project.store.read() as conn:
        suggested = {r.id for r in load_records(conn) if r.suggestions}
    assert suggested and suggested <= {"doc10", "doc11"}
    assert suggest_tagger.last(project).overall == report.overall
    assert not suggestions.tagger_due(project)


def test_the_tagger_refuses_a_project_with_nothing_to_learn(seeded_project):
    pytest.importorskip("sklearn")
    with pytest.raises(InputError, match="at least 2 documents"):
        suggest_tagger.train(seeded_project)
    assert suggestions.overview(seeded_project).sources == ()
