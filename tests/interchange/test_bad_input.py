"""Bad input is refused whole: exit status 2, one message naming file, line and problem,
no traceback, and the database exactly as before."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from tests.refusal import assert_refused, dump

GOOD = {"id": "good", "text": "A sham election in Russia.",
        "annotations": [{"annotator": "alice", "start": 2, "end": 15, "label": "Word choice"}]}
TEXT = "Putin's re-election 😀 was a sham."


@pytest.fixture
def db(tmp_path, write_jsonl):
    path = tmp_path / "p.db"
    assert main(["init", str(path)]) == 0
    # something already stored, so that "unchanged" means more than "empty"
    assert main(["import", str(path), str(write_jsonl(
        {"id": "stored", "text": "Stored text.", "status": {"bob": "done"}},
        name="stored.jsonl"))]) == 0
    return path


def refuse(db, capsys, *files, args=()):
    return assert_refused(db, capsys, *files, args=args)


def doc(**over):
    base = {"id": "d1", "text": TEXT}
    base.update(over)
    return base


def span(**over):
    base = {"annotator": "alice", "start": 8, "end": 19, "label": "Word choice"}
    base.update(over)
    return base


CASES = [
    # (lines, line of the error, words in the message)
    ([GOOD, GOOD | {"id": "g2"}, '{"id": "x", "text": '], 3, "invalid JSON"),
    ([GOOD, {"text": "no id"}], 2, "missing 'id'"),
    ([GOOD, {"id": "x"}], 2, "missing 'text'"),
    ([doc(id="")], 1, "'id' is empty"),
    ([doc(annotations=[span(start=8.0)])], 1, "must be integers"),
    ([doc(annotations=[span(start="8")])], 1, "must be integers"),
    ([doc(annotations=[span(end=True)])], 1, "must be integers"),
    ([doc(annotations=[span(end=len(TEXT) + 1)])], 1,
     f"document 'd1': span 8-{len(TEXT) + 1} is out of range (0 <= start < end <= {len(TEXT)})"),
    ([doc(annotations=[span(start=-1)])], 1, "document 'd1': span -1-19 is out of range"),
    ([doc(annotations=[span(start=8, end=8)])], 1, "document 'd1': empty span 8-8"),
    ([doc(gold=[{"start": 8, "end": 99, "label": "Word choice", "decided_by": "r"}])], 1,
     "document 'd1': gold span 8-99 is out of range"),
    ([doc(annotations=[span(start="8")])], 1, "document 'd1': span offsets must be integers"),
    ([doc(text_sha256="0" * 64)], 1, "text_sha256 does not match"),
    ([doc(anotations=[])], 1, "unknown key 'anotations'"),
    ([doc(annotations=[span(colour="red")])], 1, "unknown key 'colour'"),
    ([doc(), doc()], 2, "appears twice"),
    ([doc(published="16 May 2024")], 1, "ISO 8601"),
    ([doc(annotations=[span(label="Economic", attributes={"polarity": "negative"})])], 1,
     "attribute 'polarity' is not one the codebook gives label 'Economic'"),
    ([doc(annotations=[span(attributes={"polarity": 1})])], 1, "must be a string"),
    ([doc(annotations=[span(attributes={"polarity": "angry"})])], 1, "'angry' is not one of"),
    ([doc(annotations=[span(), span(note="other")])], 1, "different attributes, concept or note"),
    ([doc(doc_labels=[{"annotator": "a", "name": "tone", "value": "negative"},
                      {"annotator": "a", "name": "tone", "value": "neutral"}])], 1,
     "two values for doc label"),
    ([doc(doc_labels=[{"annotator": "a", "name": "tone", "value": "furious"}])], 1,
     "'furious' is not one of"),
    ([doc(annotations=[span(concept="war")])], 1, "concept 'war'"),
    ([{"concepts": [{"id": "c", "name": "A"}]}, {"concepts": [{"id": "c", "name": "B"}]}], 2,
     "declared twice"),
    ([doc(status={"alice": "finished"})], 1, "'in_progress' or 'done'"),
    (['{"id": "x", "text": "a", "n": NaN}'], 1, "NaN is not allowed"),
    (['{"id": "x", "text": "\\ud800"}'], 1, "lone surrogate"),
    ([GOOD, '{"id": "x", "text": "ab", "meta": {"k\\uDC00": "v"}}'], 2, "lone surrogate"),
    (['{"id": "x", "text": "\\ud83d\\ude00 \\ud83d"}'], 1, "lone surrogate"),
    (['["not", "an", "object"]'], 1, "must be a JSON object"),
    ([GOOD, doc(annotations=[span(label="Propaganda")])], 2, "Propaganda"),
    # a rejection's unknown label was an unexpected error (exit 1) before
    ([GOOD, doc(suggestion_rejections=[span(label="Spin")])], 2,
     "labels the project's codebook does not know: 'Spin' (line 2)"),
    ([doc(annotations=[span(codebook_version=0)])], 1, "'codebook_version' must be"),
    ([doc(annotations=[span(codebook_version="2")])], 1, "'codebook_version' must be"),
]


@pytest.mark.parametrize("lines, line, words", CASES)
def test_refused_with_file_line_and_problem(db, write_jsonl, capsys, lines, line, words):
    path = write_jsonl(*lines)
    err = refuse(db, capsys, path)
    assert f"{path}:{line}:" in err
    assert words in err


def test_invalid_utf8_names_the_line(db, tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + b'{"id": "x", "text": "caf\xe9"}\n')
    err = refuse(db, capsys, path)
    assert f"{path}:2:" in err and "UTF-8" in err


def test_unknown_labels_are_listed_together(db, write_jsonl, capsys):
    path = write_jsonl(doc(annotations=[span(label="Propaganda")]),
                       doc(id="d2", annotations=[span(label="Spin"), span(label="Propaganda")]))
    err = refuse(db, capsys, path)
    assert "'Propaganda' (line 1, 2)" in err and "'Spin' (line 2)" in err
    assert "--add-labels" in err


def test_add_labels_adds_unknown_labels(db, write_jsonl, capsys):
    path = write_jsonl(doc(annotations=[span(label="Propaganda")]))
    assert main(["import", str(db), str(path), "--add-labels"]) == 0
    out = tmp = db.parent / "out.jsonl"
    assert main(["export", str(db), "-o", str(out)]) == 0
    lines = tmp.read_text(encoding="utf-8").splitlines()
    labels = [lab["name"] for lab in json.loads(lines[0])["codebook"]["labels"]]
    assert labels[-1] == "Propaganda"
    assert any('"label": "Propaganda"' in line for line in lines)


def test_a_known_id_with_a_different_text_is_refused(db, write_jsonl, capsys):
    path = write_jsonl({"id": "stored", "text": "Stored text, edited."})
    err = refuse(db, capsys, path)
    assert f"{path}:1:" in err and "different text" in err


def test_all_or_nothing_over_all_files(db, write_jsonl, capsys):
    good = write_jsonl(GOOD)
    bad = write_jsonl(doc(annotations=[span(end=999)]))
    err = refuse(db, capsys, good, bad)
    assert f"{bad}:1:" in err


def test_a_missing_file_or_project(db, tmp_path, capsys):
    err = refuse(db, capsys, tmp_path / "nope.jsonl")
    assert "no such file" in err
    assert main(["import", str(tmp_path / "nothing.db"), str(tmp_path)]) == 2
    assert "annotator init" in capsys.readouterr().err
    assert not (tmp_path / "nothing.db").exists()


def test_a_codebook_line_declaring_more_is_refused_without_add_labels(db, write_jsonl, capsys):
    path = write_jsonl({"codebook": {"name": "x", "labels": [{"name": "Spin"}]}}, doc())
    err = refuse(db, capsys, path)
    assert "label 'Spin'" in err and f"{path}:1:" in err
    assert main(["import", str(db), str(path), "--add-labels"]) == 0


def test_bom_crlf_and_blank_lines_are_accepted(db, tmp_path):
    path = tmp_path / "win.jsonl"
    body = json.dumps(GOOD, ensure_ascii=False) + "\r\n\r\n" + json.dumps(doc()) + "\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert main(["import", str(db), str(path)]) == 0


def test_null_optional_keys_count_as_absent(db, write_jsonl):
    path = write_jsonl(doc(title=None, meta=None, annotations=[span(note=None, concept=None)]))
    assert main(["import", str(db), str(path)]) == 0


def test_importing_the_same_file_twice_changes_nothing(db, write_jsonl, capsys):
    path = write_jsonl(GOOD, doc(annotations=[span()], status={"alice": "done"}))
    assert main(["import", str(db), str(path)]) == 0
    before = dump(db)
    capsys.readouterr()
    assert main(["import", str(db), str(path)]) == 0
    assert "Nothing new" in capsys.readouterr().out
    assert dump(db) == before
