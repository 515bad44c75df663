"""CoNLL: parsed back with a strict reader of the file's grammar."""

from __future__ import annotations

import re

from annotator.core.text import TOKEN_RE
from annotator.formats.conll import DOCSTART
from tests.formats.helpers import TEXT, TRICKY_ID, at

TAG = re.compile(r"O|[BI]-\S+")


def parse(path):
    """{doc id: {"comments": [...], "sentences": [[(token, tag)]]}}, strictly."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    docs, doc, sentence = {}, None, None
    for n, line in enumerate(lines[:-1], start=1):
        if line == f"{DOCSTART}\tO":
            doc = {"comments": [], "sentences": []}
            sentence = None
            continue
        assert doc is not None, n
        if line == "":
            sentence = None
        elif line.startswith("# ") and "\t" not in line:
            assert not doc["sentences"], f"line {n}: a comment after the tokens"
            key, _, value = line[2:].partition(" = ")
            if key == "id":
                docs[value] = doc
            doc["comments"].append(line[2:])
        else:
            token, tag = line.split("\t")  # exactly one tab
            assert token and not any(c.isspace() for c in token), n
            assert TAG.fullmatch(tag), (n, tag)
            if sentence is None:
                sentence = []
                doc["sentences"].append(sentence)
            sentence.append((token, tag))
    return docs


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
    out, result = exported(tricky, "conll", "alice.conll", annotator="alice")
    docs = parse(out)
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
    out, _ = exported(tricky, "conll", "gold.conll")
    doc = parse(out)[TRICKY_ID]
    assert "decided_by = carol dave" in doc["comments"]
    assert "layer = the gold layer" in doc["comments"]
