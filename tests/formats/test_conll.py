"""CoNLL: parsed back with a strict reader of the file's grammar, and read by spaCy's own
converter."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from annotator.core.text import TOKEN_RE
from annotator.formats.conll import DOCSTART
from tests.formats.helpers import TEXT, TRICKY_ID, at

TAG = re.compile(r"O|[BI]-\S+")


def parse(path):
    """[{"comments": [...], "sentences": [[(token, tag)]]}] in file order, strictly; every
    line that is not blank has four fields, as conlleval requires."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    docs, doc, sentence = [], None, None
    for n, line in enumerate(lines[:-1], start=1):
        if line == DOCSTART:
            doc = {"comments": [], "sentences": []}
            docs.append(doc)
            sentence = None
            continue
        assert doc is not None, n
        if line == "":
            sentence = None
            continue
        fields = line.split(" ")
        if line.startswith("# ") and fields[1] != "_":
            assert not doc["sentences"], f"line {n}: a comment after the tokens"
            doc["comments"].append(line[2:])
            continue
        assert len(fields) == 4 and fields[1:3] == ["_", "_"], (n, line)
        token, tag = fields[0], fields[3]
        assert token and not any(c.isspace() for c in token), n
        assert TAG.fullmatch(tag), (n, tag)
        if sentence is None:
            sentence = []
            doc["sentences"].append(sentence)
        sentence.append((token, tag))
    return docs


def by_id(docs):
    return {next(c[5:] for c in d["comments"] if c.startswith("id = ")): d for d in docs}


def spans_of(tokens):
    """(first token, last token + 1, label) from BIO tags; I- must continue its B-."""
    out, current = [], None
    for i, (_, tag) in enumerate(tokens + [("", "O")]):
        if tag.startswith("I-"):
            assert current and current[2] == tag[2:], "I- without its B-"
            continue
        if current:
            out.append((current[0], i, current[2]))
            current = None
        if tag.startswith("B-"):
            current = (i, None, tag[2:])
    return out


def test_conll_round_trip(tricky, exported):
    out, result = exported(tricky, "conll", "alice.conll", annotator="alice", comments=True)
    docs = by_id(parse(out))
    doc = docs[TRICKY_ID]
    tokens = [t for s in doc["sentences"] for t in s]
    assert [t for t, _ in tokens] == TOKEN_RE.findall(TEXT)
    # the CRLF, the LF and U+2028 each start a sentence
    assert len(doc["sentences"]) == 4
    starts = [m.start() for m in TOKEN_RE.finditer(TEXT)]
    ends = [m.end() for m in TOKEN_RE.finditer(TEXT)]
    found = [(starts[i], ends[j - 1], label) for i, j, label in spans_of(tokens)]
    assert found == [(*at("sham re-election"), "Word_choice")]
    left = [c for c in doc["comments"] if c.startswith("left out: ")]
    assert len(left) == 2
    assert any("'Political'" in c and "overlaps 'Word choice'" in c for c in left)
    assert any("'Loaded language'" in c for c in left)
    assert "source = =HYPERLINK(\"x\")" in doc["comments"]
    assert any(TRICKY_ID in w and "left out 2 span(s)" in w for w in result.warnings)
    assert spans_of([t for s in docs["plain"]["sentences"] for t in s]) == [(0, 1, "Economic")]


def test_conll_gold_names_the_reviewers(tricky, exported):
    out, _ = exported(tricky, "conll", "gold.conll", comments=True)
    doc = by_id(parse(out))[TRICKY_ID]
    assert "decided_by = carol dave" in doc["comments"]
    assert "layer = the gold layer" in doc["comments"]


def test_the_default_has_no_comment_lines(tricky, exported):
    out, _ = exported(tricky, "conll", "gold.conll")
    docs = parse(out)
    assert len(docs) == 2 and all(d["comments"] == [] for d in docs)
    assert not any(line.startswith("# ") for line in out.read_text(encoding="utf-8").split("\n"))


def test_spacy_convert_reads_it(tricky, exported, tmp_path):
    """`spacy convert -c ner`, the converter spaCy users run, gives one Doc per document
    with our tokens and the spans as entities."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out, _ = exported(tricky, "conll", "alice.conll", annotator="alice")
    converted = tmp_path / "converted"
    converted.mkdir()
    run = subprocess.run([sys.executable, "-m", "spacy", "convert", "-c", "ner", str(out),
                          str(converted)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    docs = list(DocBin().from_disk(converted / "alice.spacy").get_docs(
        spacy.blank("xx").vocab))
    assert len(docs) == 2
    assert [t.text for t in docs[0]] == TOKEN_RE.findall(TEXT)
    assert [(e.text, e.label_) for e in docs[0].ents] == [("sham re - election", "Word_choice")]
    assert [(e.text, e.label_) for e in docs[1].ents] == [("Nothing", "Economic")]


def test_comments_are_for_conll_only(tricky, tmp_path, capsys):
    from annotator.cli import main

    assert main(["export", str(tmp_path / "project.db"), "-f", "csv", "--comments", "-o",
                 str(tmp_path / "x.csv")]) == 2
    assert "--comments is for the conll format" in capsys.readouterr().err
