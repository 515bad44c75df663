"""Small hostile inputs, written at test time: each one a file (or folder) that an import
must refuse whole, with the file, the line and the problem named.

CASES maps a name to (make, where, words): `make(folder)` writes the input and returns
the path to import (and extra CLI arguments); `where` is the file:line the message must
start with, relative to the folder (None: the file, no line); `words` must be in it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

EMOJI_TEXT = "Putin 😀 sham election."  # 😀 is code point 6, UTF-16 units 6 and 7
LONG_INT = "9" * 5000
GOOD_SPAN = {"annotator": "alice", "start": 0, "end": 5, "label": "Word choice"}

TYPESYSTEM = """<?xml version="1.0" encoding="UTF-8"?>
<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier">
<types>
<typeDescription><name>webanno.custom.FramingSpan</name>
<supertypeName>uima.tcas.Annotation</supertypeName>
<features>
<featureDescription><name>label</name><rangeTypeName>uima.cas.String</rangeTypeName>
</featureDescription>
<featureDescription><name>annotator</name><rangeTypeName>uima.cas.String</rangeTypeName>
</featureDescription>
</features></typeDescription>
</types></typeSystemDescription>
"""


def xmi_text(text: str, begin: str, end: str, xmi_id: str = "2", prologue: str = "") -> str:
    """A CAS with one FramingSpan, on line 4 of the file."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prologue}\n'
            '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
            'xmlns:custom="http:///webanno/custom.ecore" xmi:version="2.0">\n'
            '<cas:NULL xmi:id="0"/>\n'
            f'<custom:FramingSpan xmi:id="{xmi_id}" sofa="1" begin="{begin}" end="{end}" '
            'label="Word choice" annotator="alice"/>\n'
            '<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" '
            f'sofaString="{text}"/>\n'
            f'<cas:View sofa="1" members="{xmi_id}"/>\n'
            '</xmi:XMI>\n')


def write_xmi(folder: Path, name: str, body: str) -> Path:
    out = folder / "xmi"
    out.mkdir(exist_ok=True)
    (out / "TypeSystem.xml").write_text(TYPESYSTEM, encoding="utf-8")
    (out / name).write_text(body, encoding="utf-8")
    return out


def write_lines(path: Path, *lines: object) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for line in lines:
            fh.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False))
                     + "\n")
    return path


def doc(**more) -> dict:
    return {"id": "d1", "text": "Sham election in Russia.", **more}


def jsonl(*lines: object) -> Callable[[Path], Path]:
    return lambda folder: write_lines(folder / "in.jsonl", *lines)


def semeval(begin: str, end: str) -> Callable[[Path], tuple[Path, list[str]]]:
    def make(folder: Path):
        out = folder / "se"
        out.mkdir()
        (out / "article1.txt").write_text("Sham election in Russia.", encoding="utf-8")
        (out / "labels.tsv").write_text(f"1\tLoaded_Language\t0\t4\n1\tLoaded_Language\t"
                                        f"{begin}\t{end}\n", encoding="utf-8")
        return out, ["--add-labels"]
    return make


def xmi(begin: str, end: str, xmi_id: str = "2", prologue: str = ""):
    return lambda folder: write_xmi(folder, "a.xmi", xmi_text(EMOJI_TEXT, begin, end, xmi_id,
                                                              prologue))


def csv(body: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "in.csv"
        path.write_bytes(body.encode("utf-8"))
        return path
    return make


def label_studio(body: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "ls.json"
        path.write_text(body, encoding="utf-8")
        return path
    return make


def manifest(body: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        out = folder / "txt"
        out.mkdir()
        (out / "a.txt").write_text("Title\nText.\n", encoding="utf-8")
        (out / "manifest.json").write_text(body, encoding="utf-8")
        return out
    return make


LS_TASK = ('[{"data": {"text": "Sham election."}, "annotations": [{"result": '
           '[{"id": "r1", "type": "labels", "from_name": "label", "to_name": "text", '
           '"value": {"start": 0, "end": 4, "labels": ["Word choice"]}}]}]}')
DEEP = "[" * 100_000 + "]" * 100_000
BILLION_LAUGHS = ('\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                  + "".join(f'<!ENTITY a{i + 1} "{(f"&a{i};" if i else "&a;") * 10}">'
                            for i in range(9)) + "]>")
XXE = '\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'

CASES: dict[str, tuple[Callable, str | None, str]] = {
    # numbers and keys JSON would change silently
    "1e309 in meta": (jsonl(doc(), '{"id": "d2", "text": "x", "meta": {"n": 1e309}}'),
                      "in.jsonl:2", "1e309 is too large"),
    "-1e400 in decision details": (jsonl(
        '{"id": "d1", "text": "Sham election.", "meta": {"adjudication_decisions": [{'
        '"reviewer": "r", "at": "t", "decision": "accept", "start": 0, "end": 4, '
        '"details": {"w": -1e400}}]}}'), "in.jsonl:1", "-1e400 is too large"),
    "duplicate annotations key": (
        jsonl('{"id": "d1", "text": "Sham election.", "annotations": '
              f'[{json.dumps(GOOD_SPAN)}], "annotations": []}}'),
        "in.jsonl:1", "the key 'annotations' appears twice"),
    "duplicate key in a span": (
        jsonl('{"id": "d1", "text": "Sham election.", "annotations": [{"annotator": "a", '
              '"start": 0, "end": 4, "label": "Word choice", "label": "Political"}]}'),
        "in.jsonl:1", "the key 'label' appears twice"),
    "duplicate key in Label Studio JSON": (label_studio(LS_TASK.replace(
        '"labels": ["Word choice"]', '"labels": ["Word choice"], "start": 1')),
        "ls.json:1", "the key 'start' appears twice"),
    "duplicate key in a manifest": (manifest('{"documents": [], "documents": [{"file": '
                                             '"a.txt", "title": "T"}]}'),
                                    "txt/manifest.json:1", "appears twice"),
    "5000-digit offset": (jsonl(doc(), '{"id": "d2", "text": "x", "annotations": [{"annotator":'
                                f' "a", "start": 0, "end": {LONG_INT}, "label": "Political"}}]}}'),
                          "in.jsonl:2", "more than 4300 digits"),
    "5000-digit number in meta": (
        jsonl(f'{{"id": "d1", "text": "x", "meta": {{"n": {LONG_INT}}}}}'),
        "in.jsonl:1", "more than 4300 digits"),
    "5000-digit offset in Label Studio": (
        label_studio(LS_TASK.replace('"end": 4', f'"end": {LONG_INT}')),
        "ls.json:1", "more than 4300 digits"),
    "JSON nested 100,000 deep": (
        jsonl(doc(), f'{{"id": "d2", "text": "x", "meta": {{"a": {DEEP}}}}}'),
        "in.jsonl:2", "nested too deeply"),
    # only null counts as absent
    "status false": (jsonl(doc(status=False)), "in.jsonl:1", "'status' must be an object"),
    "attributes []": (jsonl(doc(annotations=[{**GOOD_SPAN, "attributes": []}])), "in.jsonl:1",
                      "'attributes' must be an object"),
    "gold sources false": (jsonl(doc(gold=[{"decided_by": "r", "start": 0, "end": 4,
                                            "label": "Political", "sources": False}])),
                           "in.jsonl:1", "'sources' must be a list"),
    "decision annotators 0": (jsonl(doc(meta={"adjudication_decisions": [
        {"reviewer": "r", "at": "t", "decision": "accept", "start": 0, "end": 4,
         "annotators": 0}]})), "in.jsonl:1", "'annotators' must be a list"),
    "decision details []": (jsonl(doc(meta={"adjudication_decisions": [
        {"reviewer": "r", "at": "t", "decision": "accept", "start": 0, "end": 4,
         "details": []}]})), "in.jsonl:1", "'details' must be an object"),
    # CSV quoting
    "CSV unterminated quote": (csv('id,text\na,"Sham election.\nb,Second row.\nc,Third.\n'),
                               "in.csv:2", "never closed"),
    "CSV stray quote": (csv('id,text\na,ok\nb,"Sham "election" here"\n'), "in.csv:3",
                        "not valid CSV"),
    # offsets
    "XMI begin inside a surrogate pair": (xmi("7", "13"), "xmi/a.xmi:4",
                                          "begin 7 falls inside a UTF-16 surrogate pair"),
    "XMI end inside a surrogate pair": (xmi("0", "7"), "xmi/a.xmi:4",
                                        "end 7 falls inside a UTF-16 surrogate pair"),
    "XMI 5000-digit offset": (xmi("0", LONG_INT), "xmi/a.xmi:4", "whole number"),
    "XMI 5000-digit xmi:id": (xmi("0", "5", xmi_id=LONG_INT), "xmi/a.xmi:4", "whole number"),
    "XMI Arabic-Indic offset": (xmi("0", "\u0665"), "xmi/a.xmi:4", "whole number"),
    "XMI billion laughs": (lambda folder: write_xmi(folder, "a.xmi", xmi_text(
        "&a9;", "0", "1", prologue=BILLION_LAUGHS)), "xmi/a.xmi:6", "amplification"),
    "XMI external entity": (lambda folder: write_xmi(folder, "a.xmi", xmi_text(
        "&e;", "0", "1", prologue=XXE)), "xmi/a.xmi:6", "external entity"),
    "XMI with a NUL byte": (lambda folder: write_xmi(folder, "a.xmi", xmi_text(
        "Sham\x00", "0", "4")), "xmi/a.xmi:5", "not well-formed XML: invalid character"),
    "SemEval Arabic-Indic digits": (semeval("\u0660", "\u0664"), "se/labels.tsv:2",
                                    "digits 0-9"),
    "SemEval fullwidth digits": (semeval("０", "４"), "se/labels.tsv:2", "digits 0-9"),
    "SemEval 5000-digit offset": (semeval("0", LONG_INT), "se/labels.tsv:2", "out of range"),
}
