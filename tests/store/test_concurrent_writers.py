"""Four processes writing one project at once, on each backend: two imports of different
files that both create the same new annotator and label, edits through the services, and
an automatic adjudication. Every document, span and decision ends up stored; on SQLite the
file passes PRAGMA integrity_check."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from annotator.services import annotate as an
from annotator.services.exporting import load_corpus
from annotator.services.project import SEEDS

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("concurrent_writer.py")
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def _import_file(write_jsonl, prefix: str) -> Path:
    return write_jsonl(*({"id": f"{prefix}{i}", "text": f"Article {prefix}{i}: a sham vote.",
                          "annotations": [{"annotator": "newcomer", "start": 13, "end": 17,
                                           "label": "Spin"}]} for i in range(25)),
                       name=f"{prefix}.jsonl")


def test_four_writers_lose_nothing(seeded_project, write_jsonl, tmp_path):
    p = seeded_project
    judged, edited = SEED_IDS[:3], SEED_IDS[3:]  # carol's edits do not change the votes
    for who in ("alice", "bob"):  # unanimous candidates for the automatic adjudication
        for doc in judged:
            an.add_span(p, who, doc, 0, 5, "Political")
    an.add_annotator(p, "dana", role="reviewer")
    go = tmp_path / "go"
    jobs = [("import", str(_import_file(write_jsonl, "a"))),
            ("import", str(_import_file(write_jsonl, "b"))),
            ("edit", json.dumps(edited)),
            ("adjudicate", "")]
    procs = [subprocess.Popen([sys.executable, str(WRITER), role, p.target, str(go), arg],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for role, arg in jobs]
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        results.append(json.loads(out))

    corpus = load_corpus(p)
    docs = {r.id: r for r in corpus.documents}
    assert {f"a{i}" for i in range(25)} | {f"b{i}" for i in range(25)} | set(SEED_IDS) \
        == set(docs)
    newcomer = [(r.id, s.label) for r in corpus.documents for s in r.annotations
                if s.annotator == "newcomer"]
    assert len(newcomer) == 50 and {lab for _, lab in newcomer} == {"Spin"}
    assert [lab.name for lab in corpus.codebook.labels].count("Spin") == 1
    carol = [s for r in corpus.documents for s in r.annotations if s.annotator == "carol"]
    assert len(carol) == results[2]["spans"] > 0
    decisions = [d for r in corpus.documents for d in r.decisions]
    assert len(decisions) == results[3]["accepted"] == len(judged)
    assert all(d.gold is not None for d in decisions)
    assert sum(len(r.gold) for r in corpus.documents) == len(judged)
    assert docs[edited[0]].status.get("carol") == "done"
    if p.store.engine.dialect.name == "sqlite":
        con = sqlite3.connect(p.target)
        try:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            con.close()
