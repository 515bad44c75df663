"""brat standoff: every line checked against the published grammar, read back by our
importer, and bad folders refused whole."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.formats.brat import escape, unescape
from annotator.formats.common import id_to_stem
from tests.formats.helpers import (
    TEXT,
    TRICKY_ID,
    expected_spans,
    fresh_import,
    refuse,
    tricky_lines,
)

# brat's standoff grammar (brat.nlplab.org/standoff.html) for the lines we write
T_LINE = re.compile(r"T\d+\t[^\s]+ \d+ \d+(;\d+ \d+)*\t[^\n\r]*")
A_LINE = re.compile(r"A\d+\t[^\s]+ T\d+( [^\s]+)?")
NOTE_LINE = re.compile(r"#\d+\t[^\s]+ T\d+\t[^\n\r]*")


def check_grammar(ann: str, text: str) -> list[str]:
    assert ann.endswith("\n") or ann == ""
    lines = ann.split("\n")[:-1]
    ids = set()
    for line in lines:
        assert T_LINE.fullmatch(line) or A_LINE.fullmatch(line) or NOTE_LINE.fullmatch(line), \
            line
        ident = line.split("\t")[0]
        assert ident not in ids
        ids.add(ident)
        if line.startswith("T"):
            _, head, covered = line.split("\t")
            frags = [tuple(map(int, f.split())) for f in head.split(" ", 1)[1].split(";")]
            assert covered == " ".join(text[a:b] for a, b in frags)
        else:
            target = line.split("\t")[1].split(" ")[1]
            assert target in ids  # refers to a T line above it
    return lines


def test_brat_folder_round_trip(tricky, exported, tmp_path):
    out, result = exported(tricky, "brat", "brat", layer="annotations")
    stem = id_to_stem(TRICKY_ID)
    assert stem.startswith("emoji_doc 1_~") and "%" not in stem  # brat decodes %XX in URLs
    assert json.loads((out / "document_ids.json").read_text(encoding="utf-8")) == {
        stem: TRICKY_ID}
    assert (out / f"{stem}.txt").read_bytes() == TEXT.encode("utf-8")
    lines = check_grammar((out / f"{stem}.ann").read_text(encoding="utf-8"), TEXT)
    assert "Word_choice" in (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Word_choice | Word choice" in (out / "visual.conf").read_text(encoding="utf-8")
    assert any(line.startswith("A") and line.endswith(" negative") for line in lines)
    assert any("\tAttribute T" in line and "speaker=Vladimir Putin" in line for line in lines)
    # the CRLF inside "re-election\r\nwas" makes two fragments
    assert any(re.search(r"Loaded_language \d+ \d+;\d+ \d+\tre-election was", line)
               for line in lines)
    assert result.spans == 9
    stored = fresh_import(tmp_path, out)
    assert stored == expected_spans(tricky_lines())


def test_gold_layer_carries_the_reviewer(tricky, exported):
    out, _ = exported(tricky, "brat", "gold")
    ann = (out / f"{id_to_stem(TRICKY_ID)}.ann").read_text(encoding="utf-8")
    assert "\tDecidedBy T1\tcarol" in ann and "\tSources T1\talice" in ann


def test_a_span_ending_in_a_line_break_keeps_its_extent(project, write_jsonl, exported,
                                                        tmp_path):
    from annotator.services.importing import import_paths

    text = "one\ntwo\n\nthree"
    line = {"id": "d", "text": text, "annotations": [
        {"annotator": "a", "start": 0, "end": 4, "label": "Political"},
        {"annotator": "a", "start": 4, "end": 9, "label": "Economic"}]}
    import_paths(project, [write_jsonl(line)])
    out, _ = exported(project, "brat", "b")
    ann = (out / "d.ann").read_text(encoding="utf-8")
    assert "T1\tPolitical 0 3\tone" in ann and "Extent T1\t0 4" in ann
    assert fresh_import(tmp_path, out) == expected_spans([line])


def test_other_tools_brat_folder(tmp_path):
    folder = tmp_path / "theirs"
    folder.mkdir()
    text = "\ufeffSony 😀 formed a joint venture\r\nwith Ericsson."
    (folder / "doc-1.txt").write_bytes(text.encode("utf-8"))
    (folder / "doc-1.ann").write_text(
        "T1\tWord_choice 1 5\tSony\n"
        "T2\tLoaded_language 8 30;32 36\tformed a joint venture with\n"
        "A1\tNegation T1\n"
        "#1\tAnnotatorNotes T2\ta note\n"
        "R1\tOrigin Arg1:T1 Arg2:T2\n"
        "T3\tPolitical 37 45\tEricsson\n", encoding="utf-8")
    (folder / "doc-2.txt").write_text("no annotations", encoding="utf-8")
    stored = fresh_import(tmp_path, folder, args=["--annotator", "alice", "--add-labels"])
    assert stored["doc-2"] == set()
    assert {s[:4] for s in stored["doc-1"]} == {
        ("alice", 1, 5, "Word choice"), ("alice", 8, 36, "Loaded language"),
        ("alice", 37, 45, "Political")}
    word = next(s for s in stored["doc-1"] if s[3] == "Word choice")
    assert word[4] == '{"Negation": "true"}'


@pytest.mark.parametrize(("ann", "line", "words"), [
    ("T1\tWord_choice 0 4\tsham\nT2\tPolitical 5 99\telection\n", 2, "out of range"),
    ("T1\tWord_choice 0 4\tSHAM\n", 1, "is not the document's"),
    ("T1\tWord_choice 0 4 sham\n", 1, "T<n><TAB>Type start end<TAB>text"),
    ("T1\tWord_choice 0 4\tsham\nT1\tPolitical 5 13\telection\n", 2, "used twice"),
    ("T1\tWord_choice 0 4\tsham\nA1\tpolarity T9 negative\n", 2, "T9 is not"),
    ("T1\tWord_choice 0 1;2 4\ts am\n", 1, "discontinuous"),
    ("X1\tthing\n", 1, "unknown kind"),
    ("T1\tWord_choice 0 4\tsham\nT2\tPolitical \u0665 \u0661\u0663\telection\n", 2,
     "T<n><TAB>Type start end<TAB>text"),
    ("T1\tWord_choice 0 " + "4" * 5000 + "\tsham\n", 1, "out of range"),
    ("T1\tWord_choice 0 4\tsham\n#1\tExtent T1\t0 \uff14\n", 2, "'start end'"),
    ("T1\tWord_choice 0 4\tsham\n#1\tAnnotatorNotes T1\tbad \\ud800 half\n", 2,
     "lone surrogate"),
    ("T1\tWord_choice 0 4\tsham\n#1\tAttribute T1\tno equals sign\n", 2, "name=value"),
])
def test_bad_brat_is_refused(tmp_path, capsys, ann, line, words):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "d.txt").write_text("sham election", encoding="utf-8")
    (folder / "d.ann").write_text(ann, encoding="utf-8")
    err = refuse(tmp_path, capsys, folder, args=["--add-labels"])
    assert f"d.ann:{line}: " in err and words in err


def test_missing_text_and_unknown_labels(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "d.ann").write_text("T1\tWord_choice 0 4\tsham\n", encoding="utf-8")
    assert "no text file d.txt beside it" in refuse(tmp_path, capsys, folder)
    (folder / "d.txt").write_text("sham election", encoding="utf-8")
    (folder / "d.ann").write_text("T1\tSpin 0 4\tsham\n", encoding="utf-8")
    assert "'Spin'" in refuse(tmp_path, capsys, folder)


def test_escapes_are_reversible():
    for note in ["a\\nb", "line\nbreak\r\u2028\x85", "\\", "tab\tok"]:
        assert "\n" not in escape(note) and unescape(escape(note)) == note


LEGALITY = "Legality, constitutionality and jurisprudence"
BRAT_TYPE = re.compile(r"[A-Za-z0-9_-]+")  # what brat stores without renaming


def conf_entities(folder) -> list[str]:
    lines = (folder / "annotation.conf").read_text(encoding="utf-8").split("\n")
    return lines[lines.index("[entities]") + 1: lines.index("")]


def test_types_follow_brats_rule_and_come_back(project, write_jsonl, exported, tmp_path):
    """brat renames a type outside [A-Za-z0-9_-]+ (with a warning on every page), and a
    span made in brat then carries brat's name for it: both map back to the label."""
    from annotator.services.importing import import_paths

    line = {"id": "d", "text": "a sham election", "annotations": [
        {"annotator": "ann", "start": 2, "end": 6, "label": LEGALITY},
        {"annotator": "ann", "start": 7, "end": 15, "label": "Word choice"}]}
    import_paths(project, [write_jsonl(line)])
    out, _ = exported(project, "brat", "b")
    types = conf_entities(out)
    assert types and all(BRAT_TYPE.fullmatch(t) for t in types), types
    assert "[search]" in (out / "tools.conf").read_text(encoding="utf-8")  # brat asks for it
    ann = (out / "d.ann").read_text(encoding="utf-8")
    assert "T1\tLegality__constitutionality_and_jurisprudence 2 6\tsham" in ann
    assert all(BRAT_TYPE.fullmatch(x.split("\t")[1].split(" ")[0])
               for x in ann.splitlines() if x.startswith("T"))
    assert fresh_import(tmp_path, out, name="with-conf.db") == expected_spans([line])
    # without the folder's visual.conf, and with types as brat wrote an old export's
    (out / "visual.conf").unlink()
    (out / "d.ann").write_text(
        "T1\tLegality__constitutionality_and_jurisprudence 2 6\tsham\n"
        "T2\tLegality,_constitutionality_and_jurisprudence 2 6\tsham\n"
        "T3\tword_choice 7 15\telection\n", encoding="utf-8")
    stored = fresh_import(tmp_path, out, args=["--annotator", "ann"], name="bare.db")
    assert stored == expected_spans([line])


def test_labels_brat_cannot_spell_get_distinct_types(tmp_path):
    from annotator.formats.brat import brat_types, label_for

    labels = ["Word choice", "Word_choice", "Выбор слов", "Économie", "a|b <x>"]
    types = brat_types(labels)
    assert len(set(types.values())) == len(labels)
    assert all(BRAT_TYPE.fullmatch(t) for t in types.values())
    assert types["Économie"] == "Economie"
    for label, t in types.items():
        assert label_for(t, labels) == label


def test_an_unknown_type_is_named_at_its_own_line(tmp_path, capsys):
    folder = tmp_path / "theirs"
    folder.mkdir()
    (folder / "d.txt").write_text("a sham election", encoding="utf-8")
    (folder / "d.ann").write_text("T1\tWord_choice 2 6\tsham\n#1\tAnnotatorNotes T1\tx\n"
                                  "T2\tSpin 7 15\telection\n", encoding="utf-8")
    err = refuse(tmp_path, capsys, folder)
    assert "d.ann:3: " in err and "'Spin' (line 3)" in err


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=8, unique=True))
def test_any_labels_get_brat_types_that_map_back(labels):
    from annotator.formats.brat import brat_types, label_for

    types = brat_types(labels)
    assert len(set(types.values())) == len(labels)
    assert all(BRAT_TYPE.fullmatch(t) for t in types.values())
    assert all(label_for(types[label], labels) == label for label in labels)
