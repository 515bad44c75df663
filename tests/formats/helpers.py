"""A small corpus that is hard for every format: emoji and other characters outside the
BMP, CRLF and other line breaks, a formula-like text, overlapping spans, several
annotators, a gold layer, attributes, a concept and notes."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.codebook import load_codebook_file
from annotator.services.project import DEFAULT_CODEBOOK
from tests.refusal import assert_refused

TEXT = ("Putin's 😀 sham re-election\r\nwas hailed as a \"lifeline\" — 👩🏽‍🚀 =cmd|' /C calc'!A0."
        "\n-dash start\u2028end")
TRICKY_ID = "emoji/doc 1%"


def at(word: str, n: int | None = None, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + (len(word) if n is None else n)


def span(who, where, label, **more):
    return {"annotator": who, "start": where[0], "end": where[1], "label": label, **more}


def tricky_lines() -> list[dict]:
    """Interchange lines: a concepts line and two documents."""
    anns = [
        span("alice", at("sham re-election"), "Word choice",
             attributes={"polarity": "negative", "speaker": "Vladimir Putin"},
             concept="election", note="line1\nline2 \\n = x"),
        span("alice", (at("re-election")[0], at("was")[1]), "Loaded language"),
        span("alice", at("sham"), "Political"),
        span("bob", at("lifeline"), "Loaded language", attributes={"polarity": "negative"}),
        span("bob", (at("😀")[0], at("sham")[0] + 2), "Political"),
        span("bob", (at("=cmd")[0], at("calc")[0]), "Attribution", note="@note"),
        span("bob", (at("-dash")[0], len(TEXT)), "Word choice"),
        span("bob", at("👩🏽‍🚀"), "Other"),
    ]
    gold = [{"decided_by": "carol", "start": at("sham re-election")[0],
             "end": at("sham re-election")[1], "label": "Word choice",
             "attributes": {"polarity": "negative"}, "sources": ["alice"]},
            {"decided_by": "dave", "start": at("lifeline")[0], "end": at("lifeline")[1],
             "label": "Loaded language"}]
    return [
        {"concepts": [{"id": "election", "name": "the election"}]},
        {"id": TRICKY_ID, "text": TEXT, "source": "=HYPERLINK(\"x\")", "title": "T",
         "annotations": anns, "gold": gold},
        {"id": "plain", "text": "Nothing to see here.",
         "annotations": [span("alice", (0, 7), "Economic")]},
    ]


def codebook():
    return load_codebook_file(DEFAULT_CODEBOOK)


def stored_spans(project) -> dict[str, set[tuple]]:
    """Every stored span per document, as (annotator, start, end, label, attributes,
    concept, note)."""
    from annotator.services.exporting import load_corpus

    out: dict[str, set[tuple]] = {}
    for record in load_corpus(project).documents:
        out[record.id] = {(s.annotator, s.start, s.end, s.label,
                           json.dumps(dict(s.attributes), sort_keys=True), s.concept, s.note)
                          for s in record.annotations}
    return out


def span_keys(spans) -> set[tuple]:
    return {(s[0], s[1], s[2], s[3]) for s in spans}


def fresh_import(tmp_path: Path, *paths, args=(), name="fresh.db") -> dict[str, set[tuple]]:
    """Import `paths` with the CLI into a new project; its stored spans per document."""
    from annotator.cli import main
    from annotator.services.project import open_project

    db = tmp_path / name
    assert main(["init", str(db)]) == 0
    assert main(["import", str(db), *map(str, paths), *args]) == 0
    with open_project(db) as project:
        return stored_spans(project)


def refuse(tmp_path: Path, capsys, *paths, args=()) -> str:
    """Import with the CLI into a project holding something; it must fail with exit status
    2, one line naming the problem, and the database exactly as before. Returns the line."""
    from annotator.cli import main

    db = tmp_path / "refuse.db"
    if not db.exists():
        assert main(["init", str(db)]) == 0
        stored = tmp_path / "stored.jsonl"
        stored.write_text(json.dumps({"id": "stored", "text": "Stored text.",
                                      "status": {"bob": "done"}}) + "\n", encoding="utf-8")
        assert main(["import", str(db), str(stored)]) == 0
    return assert_refused(db, capsys, *paths, args=args)


def expected_spans(lines: list[dict], who: str | None = None) -> dict[str, set[tuple]]:
    """The annotations of interchange lines in stored_spans' shape (one annotator's)."""
    out: dict[str, set[tuple]] = {}
    for line in lines:
        if "id" not in line:
            continue
        out[line["id"]] = {
            (s["annotator"], s["start"], s["end"], s["label"],
             json.dumps(s.get("attributes", {}), sort_keys=True), s.get("concept"),
             s.get("note"))
            for s in line.get("annotations", []) if who is None or s["annotator"] == who}
    return out
