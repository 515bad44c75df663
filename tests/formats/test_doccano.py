"""doccano JSONL: what doccano imports and exports, told apart from the interchange."""

from __future__ import annotations

import json

import pytest

from annotator.formats import registry
from tests.formats.helpers import (
    TEXT,
    TRICKY_ID,
    expected_spans,
    fresh_import,
    refuse,
    tricky_lines,
)


def test_round_trip(tricky, exported, tmp_path):
    out, _ = exported(tricky, "doccano", "bob.jsonl", annotator="bob")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").split("\n") if x]
    doc = next(x for x in lines if x["doc_id"] == TRICKY_ID)
    assert doc["text"] == TEXT and doc["annotator"] == "bob"
    for start, end, label in doc["label"]:
        assert isinstance(start, int) and isinstance(label, str) and start < end
    assert registry.reader_for(out).name == "doccano"
    stored = fresh_import(tmp_path, out)
    want = expected_spans(tricky_lines(), "bob")
    assert {k: {s[:4] for s in v} for k, v in stored.items()} == {
        k: {s[:4] for s in v} for k, v in want.items()}


def test_doccano_exports(tmp_path):
    path = tmp_path / "admin.jsonl"
    path.write_text(
        json.dumps({"id": 7, "text": "EU 😀 rejects German call", "label": [[0, 2, "Political"],
                    [5, 12, "Loaded language"]], "Comments": []}, ensure_ascii=False) + "\n"
        + json.dumps({"id": 8, "text": "Peter Blackburn", "entities": [
            {"id": 1, "label": "Attribution", "start_offset": 0, "end_offset": 15}],
            "relations": []}) + "\n", encoding="utf-8")
    stored = fresh_import(tmp_path, path, args=["--annotator", "admin"])
    assert {s[:4] for s in stored["7"]} == {("admin", 0, 2, "Political"),
                                           ("admin", 5, 12, "Loaded language")}
    assert {s[:4] for s in stored["8"]} == {("admin", 0, 15, "Attribution")}


def test_the_interchange_stays_strict(tmp_path, capsys, write_jsonl):
    """A typo'd interchange key is still refused as the interchange refuses it."""
    path = write_jsonl({"id": "d", "text": "x", "annotatons": []})
    assert registry.reader_for(path).name == "jsonl"
    assert "unknown key 'annotatons'" in refuse(tmp_path, capsys, path)
    path = write_jsonl({"text": "sham", "label": [[0, 4, "Political"]]})
    assert "unknown key 'label'" in refuse(tmp_path, capsys, path, args=["--from", "jsonl"])


@pytest.mark.parametrize(("obj", "words"), [
    ({"text": "sham", "label": [[0, 9, "Political"]]}, "out of range"),
    ({"text": "sham", "label": [[0, 4]]}, "[start, end, label]"),
    ({"text": "sham", "label": [[0, 4, 3]]}, "must be a name"),
    ({"text": 5, "label": []}, "no 'text' string"),
    ({"text": "sham", "label": "x"}, "must be a list"),
    ({"text": "sham", "label": [], "labels": [[0, 4, "P"]]}, "which are the spans"),
])
def test_bad_lines_are_refused(tmp_path, capsys, write_jsonl, obj, words):
    path = write_jsonl({"text": "good", "label": []}, obj)
    err = refuse(tmp_path, capsys, path, args=["--add-labels"])
    assert f"{path.name}:2: " in err and words in err
    err = refuse(tmp_path, capsys, write_jsonl({"text": "a", "label": []}, '{"text": "b",'))
    assert ":2: invalid JSON" in err


def test_every_line_has_the_same_keys(tricky, exported):
    """doccano reads the lines into one table (pandas): a key missing from some lines
    becomes NaN in their metadata, which its database refuses as not JSON."""
    pd = pytest.importorskip("pandas")
    out, _ = exported(tricky, "doccano", "gold.jsonl")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").split("\n") if x]
    assert len(lines) == 2 and lines[0].keys() == lines[1].keys()
    for row in pd.DataFrame(lines).to_dict(orient="records"):  # what doccano does
        meta = {k: v for k, v in row.items() if k not in ("text", "label")}
        json.dumps(meta, allow_nan=False)


def test_overlaps_doccano_would_drop_are_named(tricky, exported):
    out, result = exported(tricky, "doccano", "alice.jsonl", annotator="alice")
    assert len(result.warnings) == 1
    assert "1 span(s) overlap" in result.warnings[0] and TRICKY_ID in result.warnings[0]
    assert "Allow overlapping spans" in result.warnings[0]
    _, result = exported(tricky, "doccano", "gold.jsonl")
    assert result.warnings == []
