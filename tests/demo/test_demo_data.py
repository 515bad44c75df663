"""The demo annotations (seeds/demo/annotations.jsonl) are people's reading of the five
articles: every span says the words it covers, and this checks the file against the
articles themselves, independently of the project's own reader."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from annotator.core.codebook import load_codebook_file
from annotator.services import reading
from annotator.services.demo import DEMO_FILE, open_demo_project
from annotator.services.importing import import_paths
from annotator.services.layer import read_document
from annotator.services.project import DEFAULT_CODEBOOK, SEEDS

WORD = re.compile(r"\w")


def _lines() -> list[dict]:
    return [json.loads(line) for line in DEMO_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _documents() -> list[dict]:
    return [o for o in _lines() if "id" in o]


def _article(doc_id: str) -> str:
    return (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")


def test_the_texts_are_the_sample_articles():
    docs = _documents()
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in docs] == [Path(m["file"]).stem for m in manifest["documents"]]
    for d in docs:
        assert d["text"] == _article(d["id"])


def test_every_span_covers_the_words_it_says_at_word_edges():
    checked = 0
    for d in _documents():
        text = _article(d["id"])
        for span in d.get("annotations", []) + d.get("gold", []):
            start, end = span["start"], span["end"]
            assert text[start:end] == span["text"], (d["id"], span)
            assert span["text"] == span["text"].strip()
            # whole words: a selection snapped to words, as the app makes them
            assert not (start > 0 and WORD.match(text[start - 1]) and WORD.match(text[start]))
            assert not (end < len(text) and WORD.match(text[end]) and WORD.match(text[end - 1]))
            checked += 1
    assert checked > 250


def test_labels_attributes_and_concepts_are_the_codebooks():
    codebook = load_codebook_file(DEFAULT_CODEBOOK)
    concepts = {c["id"] for o in _lines() if "concepts" in o for c in o["concepts"]}
    bias = {lab.name for lab in codebook.labels if lab.group == "Bias"}
    for d in _documents():
        for span in d.get("annotations", []) + d.get("gold", []):
            assert codebook.label(span["label"]) is not None
            allowed = {a.name for a in codebook.attributes_for(span["label"])}
            assert set(span.get("attributes", {})) <= allowed
            if span["label"] in bias:  # the guidelines ask for a polarity on every Bias span
                assert span["attributes"]["polarity"] in ("negative", "neutral", "positive")
            assert span.get("concept") is None or span["concept"] in concepts
        for dl in d.get("doc_labels", []) + d.get("gold_doc_labels", []):
            assert dl["value"] in codebook.doc_label(dl["name"]).values


def test_three_annotators_who_partly_disagree_and_a_partial_adjudication():
    docs = _documents()
    by_annotator = Counter(s["annotator"] for d in docs for s in d["annotations"])
    assert set(by_annotator) == {"alice", "bob", "carol"}
    assert min(by_annotator.values()) >= 60
    keys = Counter((d["id"], s["start"], s["end"], s["label"])
                   for d in docs for s in d["annotations"])
    assert 0 < sum(1 for n in keys.values() if n == 3) < len(keys)
    assert any(n == 1 for n in keys.values())
    # every annotator gave every article a primary frame and a tone, not all the same
    frames = {(d["id"], dl["annotator"]): dl["value"] for d in docs for dl in d["doc_labels"]
              if dl["name"] == "primary_frame"}
    assert len(frames) == 15 and len(set(frames.values())) > 1
    gold = {d["id"]: len(d.get("gold", [])) for d in docs}
    assert 0 < sum(1 for n in gold.values() if n) < len(docs)
    decisions = [x for d in docs for x in d.get("meta", {}).get("adjudication_decisions", [])]
    assert {x["reviewer"] for x in decisions} == {"dana"}
    assert {"accept", "reject", "edit"} <= {x["decision"] for x in decisions}
    # most Bias spans say what they are about
    bias = [s for d in docs for s in d["annotations"] if "polarity" in s.get("attributes", {})]
    assert sum(1 for s in bias if s.get("concept")) > 0.9 * len(bias)


def test_the_demo_project_is_the_sample_project_plus_the_file(project):
    import_paths(project, [SEEDS])
    sample = {d.id: (d.title, d.source, d.event) for d in reading.documents(project, None)}
    with open_demo_project() as demo:
        docs = reading.documents(demo, None)
        assert {d.id: (d.title, d.source, d.event) for d in docs} == sample
        assert sum(d.gold for d in docs) == sum(len(d.get("gold", [])) for d in _documents())
        spans = read_document(demo, "001_32d5df32ea7c4246", "bob").layer.spans()
        text = _article("001_32d5df32ea7c4246")
        assert "a sham election" in {text[s.start:s.end] for s in spans}
        assert {c.id for c in reading.concepts(demo)} >= {"election", "china-role"}
