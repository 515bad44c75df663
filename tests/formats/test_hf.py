"""The Hugging Face dataset, read back with datasets.load_from_disk."""

from __future__ import annotations

import json

import pytest

from annotator.core.text import TOKEN_RE
from tests.formats.helpers import TEXT, TRICKY_ID

datasets = pytest.importorskip("datasets")


def test_load_from_disk(tricky, exported):
    out, result = exported(tricky, "hf", "alice-hf", annotator="alice")
    ds = datasets.load_from_disk(str(out))
    assert isinstance(ds.features["ner_tags"].feature, datasets.ClassLabel)
    names = ds.features["ner_tags"].feature.names
    assert names[0] == "O" and "B-Word choice" in names and "I-Word choice" in names
    rows = {r["id"]: r for r in ds}
    row = rows[TRICKY_ID]
    assert row["text"] == TEXT and row["source"] == '=HYPERLINK("x")'
    spans = {(s["start"], s["end"], s["label"]) for s in row["spans"]}
    assert len(spans) == 3  # overlapping spans all kept in `spans`
    word = next(s for s in row["spans"] if s["label"] == "Word choice")
    assert json.loads(word["attributes"])["speaker"] == "Vladimir Putin"
    assert TEXT[word["start"]:word["end"]] == "sham re-election"
    assert row["tokens"] == TOKEN_RE.findall(TEXT)
    assert [TEXT[a:b] for a, b in zip(row["tokens_start"], row["tokens_end"], strict=True)] \
        == row["tokens"]
    tags = [names[t] for t in row["ner_tags"]]
    # "sham re-election" wins over "sham" (same start, longer) and "re-election was"
    tagged = [(tok, tag) for tok, tag in zip(row["tokens"], tags, strict=True) if tag != "O"]
    assert tagged == [("sham", "B-Word choice"), ("re", "I-Word choice"),
                      ("-", "I-Word choice"), ("election", "I-Word choice")]
    assert any("left out 2 span(s)" in w for w in result.warnings)
    assert rows["plain"]["ner_tags"][0] == names.index("B-Economic")


def test_missing_extra_is_named(tricky, tmp_path, monkeypatch, capsys):
    import sys

    from annotator.cli import main

    monkeypatch.setitem(sys.modules, "datasets", None)  # as if not installed
    status = main(["export", str(tmp_path / "project.db"), "-f", "hf", "--annotator",
                   "alice", "-o", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert status == 2 and "pip install 'framing-annotator[hf]'" in err
    assert not (tmp_path / "x").exists()
