"""The benchmark harness (benchmarks/run.py) as a smoke test: the small size measures every
figure and writes it with its floor and budget. Timings are not checked here (budgets are
for benchmarks/, never for tests); that every figure was measured is.

Also the synthetic corpora it measures: deterministic, and shaped as the issue asks
(several outlets, five annotators, overlapping spans, text outside the BMP, document
labels, some gold), with offsets that hold."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_small_run_measures_every_figure(tmp_path):
    out = tmp_path / "small.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--size", "small", "--json",
                           str(out)], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    expected = _load("run").FIGURES
    figures = report["figures"]
    assert set(expected) <= set(figures), set(expected) - set(figures)
    for key in expected:
        fig = figures[key]
        assert fig["runs"] >= 1 and len(fig["samples"]) == fig["runs"], key
        assert all(math.isfinite(v) and v >= 0 for v in fig["samples"]), key
        if fig["budget"] is not None:
            assert fig["ok"] in (True, False), key
        if "floor" in fig:
            assert fig["floor"]["median"] > 0 and math.isfinite(fig["ratio"]), key
        assert fig["what"] in proc.stdout, key  # one table line each
    # the ratios the issue sets have their floors
    for key in ("cli.help", "bulk.import", "bulk.export", "start.window"):
        assert figures[key]["budget_is"] == "ratio", key
    assert figures["occurrences.total"]["extra"]["matches"][0] == 60
    machine = report["machine"]
    assert machine["nproc"] >= 1 and len(machine["load_before"]) == 3
    assert report["corpora"]["corpus"]["documents"] == 30


def test_the_synthetic_corpus_is_deterministic_and_shaped_as_asked():
    synthetic = _load("synthetic")
    lines = synthetic.corpus_lines(20, words=200, spans_per_doc=40, seed=3)
    assert lines == synthetic.corpus_lines(20, words=200, spans_per_doc=40, seed=3)
    assert lines != synthetic.corpus_lines(20, words=200, spans_per_doc=40, seed=4)
    assert len({d["source"] for d in lines}) >= 5
    annotators = {s["annotator"] for d in lines for s in d["annotations"]}
    assert annotators == set(synthetic.ANNOTATORS) and len(annotators) == 5
    assert any(ord(ch) > 0xFFFF for d in lines for ch in d["text"])  # astral characters
    assert all(d["doc_labels"] for d in lines)
    assert sum(1 for d in lines if d.get("gold")) == 2
    overlapping = 0
    for d in lines:
        text, spans = d["text"], d["annotations"]
        for s in spans:
            assert 0 <= s["start"] < s["end"] <= len(text)
            piece = text[s["start"]:s["end"]]
            assert piece == piece.strip() and piece  # on words, not on spaces
        for name in annotators:
            mine = sorted((s["start"], s["end"]) for s in spans if s["annotator"] == name)
            overlapping += sum(1 for a, b in zip(mine, mine[1:], strict=False) if b[0] < a[1])
    assert overlapping > 0  # an annotator's own spans overlap


def test_the_big_document_holds_the_phrase_exactly_as_often_as_asked():
    import random

    synthetic = _load("synthetic")
    text, bounds = synthetic.big_document(random.Random(1), 20_000, phrase_times=37)
    assert text.count(synthetic.PHRASE) == 37
    spans = synthetic.layer_spans(random.Random(2), text, bounds, 300, "annotator1")
    assert len({(s["start"], s["end"], s["label"]) for s in spans}) == 300
    assert not any(synthetic.PHRASE in text[s["start"]:s["end"]] for s in spans)
