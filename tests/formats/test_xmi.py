"""UIMA CAS XMI, read back by dkpro-cassis; UTF-16 offsets in the file, ours in Python."""

from __future__ import annotations

import re

import pytest

from annotator.formats.common import id_to_stem
from annotator.formats.xmi import META_TYPE, SPAN_TYPE
from tests.formats.helpers import (
    TEXT,
    TRICKY_ID,
    at,
    expected_spans,
    fresh_import,
    refuse,
    tricky_lines,
)

cassis = pytest.importorskip("cassis")


def load(folder, name):
    with open(folder / "TypeSystem.xml", "rb") as fh:
        ts = cassis.load_typesystem(fh)
    with open(folder / name, "rb") as fh:
        return cassis.load_cas_from_xmi(fh, typesystem=ts)


def test_cassis_reads_it(tricky, exported, tmp_path):
    out, _ = exported(tricky, "xmi", "xmi", layer="annotations")
    name = f"{id_to_stem(TRICKY_ID)}.xmi"
    cas = load(out, name)
    assert cas.sofa_string == TEXT
    meta = next(iter(cas.select(META_TYPE)))
    assert meta.documentId == TRICKY_ID and meta.documentTitle == "T"
    spans = {(a.begin, a.end, a.label, a.annotator): a for a in cas.select(SPAN_TYPE)}
    assert len(spans) == 8
    word = spans[(*at("sham re-election"), "Word choice", "alice")]
    assert word.get_covered_text() == "sham re-election"
    assert (word.polarity, word.speaker, word.concept) == ("negative", "Vladimir Putin",
                                                          "election")
    astronaut = spans[(*at("👩🏽‍🚀"), "Other", "bob")]
    assert astronaut.get_covered_text() == "👩🏽‍🚀"
    # in the file itself offsets are UTF-16 code units: 😀 counts two
    raw = (out / name).read_text(encoding="utf-8")
    utf16_begin = len(TEXT[:at("sham")[0]].encode("utf-16-le")) // 2
    assert re.search(rf'begin="{utf16_begin}" end="{utf16_begin + 16}" label="Word choice"',
                     raw)
    assert fresh_import(tmp_path, out) == expected_spans(tricky_lines())


def test_gold_carries_decided_by(tricky, exported):
    out, _ = exported(tricky, "xmi", "gold")
    cas = load(out, f"{id_to_stem(TRICKY_ID)}.xmi")
    assert {(a.label, a.decided_by, a.sources) for a in cas.select(SPAN_TYPE)} == {
        ("Word choice", "carol", "alice"), ("Loaded language", "dave", None)}


def inception_export(root, text="Die 😀 Wahl war eine Farce."):
    """An INCEpTION project export's layout, with a custom layer of its own."""
    ts = cassis.TypeSystem()
    framing = ts.create_type("webanno.custom.Framing", supertypeName="uima.tcas.Annotation")
    ts.create_feature(framing, "label", "uima.cas.String")
    ts.create_feature(framing, "tone", "uima.cas.String")
    ts.create_feature(framing, "sure", "uima.cas.Boolean")
    for user, (start, end) in {"alice": (6, 10), "bob": (21, 26)}.items():
        cas = cassis.Cas(typesystem=ts)
        cas.sofa_string = text
        cas.add(framing(begin=start, end=end, label="Loaded language", tone="negative",
                        sure=True))
        folder = root / "annotation" / "doc1.txt"
        folder.mkdir(parents=True, exist_ok=True)
        cas.to_xmi(folder / f"{user}.xmi")
    ts.to_xml(root / "TypeSystem.xml")
    return text


def test_inception_layout(tmp_path):
    root = tmp_path / "export"
    text = inception_export(root)
    stored = fresh_import(tmp_path, root, args=["--add-labels"])
    assert {s[:4] for s in stored["doc1.txt"]} == {("alice", 6, 10, "Loaded language"),
                                                  ("bob", 21, 26, "Loaded language")}
    assert text[6:10] == "Wahl"
    assert {s[4] for s in stored["doc1.txt"]} == {'{"sure": "true", "tone": "negative"}'}


def test_bad_xmi_is_refused(tmp_path, capsys):
    root = tmp_path / "export"
    inception_export(root)
    bad = root / "annotation" / "doc1.txt" / "alice.xmi"
    bad.write_text(bad.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    err = refuse(tmp_path, capsys, root, args=["--add-labels"])
    assert "alice.xmi" in err and "not well-formed XML" in err
    (root / "TypeSystem.xml").unlink()
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "x.xmi").write_text("<xmi/>", encoding="utf-8")
    assert "no TypeSystem.xml" in refuse(tmp_path, capsys, lone)


def test_control_characters_xml_cannot_hold(project, write_jsonl, exported):
    from annotator.services.importing import import_paths

    import_paths(project, [write_jsonl({"id": "ok", "text": "fine"},
                                       {"id": "vt", "text": "a\x0bb"})])
    out, result = exported(project, "xmi", "x")
    assert result.documents == 1 and not (out / "vt.xmi").exists()
    assert "'vt' (U+000B)" in result.warnings[0]
