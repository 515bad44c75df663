"""A span may say the words it covers (`text`): a file written or edited by hand whose
offsets point elsewhere is refused whole; a matching one imports, and exports leave the
derived key out, so the canonical output does not change."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from tests.refusal import assert_refused

TEXT = "Putin's re-election 😀 was a sham election."


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    assert main(["init", str(path)]) == 0
    return path


def _doc(**span):
    base = {"annotator": "alice", "start": 8, "end": 19, "label": "Word choice"}
    return {"id": "d1", "text": TEXT, "annotations": [{**base, **span}]}


def test_a_covered_text_that_is_not_there_is_refused(db, capsys, write_jsonl):
    line = assert_refused(db, capsys, write_jsonl(_doc(text="sham election")))
    assert ":1:" in line and "'sham election'" in line and "'re-election'" in line


def test_a_gold_span_is_checked_too(db, capsys, write_jsonl):
    doc = {"id": "d1", "text": TEXT, "gold": [
        {"decided_by": "dana", "start": 28, "end": 41, "text": "sham", "label": "Word choice"}]}
    assert "'sham'" in assert_refused(db, capsys, write_jsonl(doc))


def test_the_right_text_imports_and_is_not_exported(db, capsys, write_jsonl, tmp_path):
    # offsets after an emoji: code points, so "sham election" starts at 28
    assert TEXT[28:41] == "sham election"
    assert main(["import", str(db), str(write_jsonl(_doc(text="re-election")))]) == 0
    assert main(["import", str(db), str(write_jsonl(_doc(start=28, end=41,
                                                          text="sham election")))]) == 0
    out = tmp_path / "out.jsonl"
    assert main(["export", str(db), "-f", "jsonl", "-o", str(out)]) == 0
    doc = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()][-1]
    assert [(s["start"], s["end"]) for s in doc["annotations"]] == [(8, 19), (28, 41)]
    assert all("text" not in s for s in doc["annotations"])
