"""The codebook edited by the project lead, through the services on a real project (both
backends): renames carry spans, retiring keeps them, merge and undo, versions, stale
edits, refusals that write nothing, YAML import and export."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.codebook_edits import (
    ATTRIBUTE,
    DOC_LABEL,
    LABEL,
    Add,
    Change,
    Merge,
    Rename,
    RenameValue,
    Retire,
    SetText,
    find,
)
from annotator.core.errors import InputError
from annotator.core.model import Label
from annotator.services import annotate as an
from annotator.services import codebook as cbs
from annotator.services.changes import CODEBOOK, NOTHING
from annotator.services.exporting import load_corpus
from annotator.services.layer import read_document

D1 = "000_d2e00c955d6db165"
WC, LL, POL = "Word choice", "Loaded language", "Political"


@pytest.fixture
def lead(seeded_project):
    an.add_annotator(seeded_project, "dana", role="reviewer")
    an.add_span(seeded_project, "alice", D1, 0, 5, WC, attributes={"polarity": "negative"})
    an.add_span(seeded_project, "bob", D1, 0, 5, LL, attributes={"polarity": "negative"})
    an.add_span(seeded_project, "bob", D1, 10, 20, WC)
    an.set_doc_label(seeded_project, "alice", D1, "tone", "negative")
    return seeded_project


def layer(project, who):
    return sorted((s.start, s.end, s.label, dict(s.attributes))
                  for s in read_document(project, D1, who).layer.spans())


def state(project):
    """Everything an edit may touch: the codebook, its version, every layer."""
    return (cbs.codebook_at(project), cbs.current_version(project),
            layer(project, "alice"), layer(project, "bob"))


def test_rename_label_carries_spans_and_makes_a_version(lead):
    assert cbs.current_version(lead) == 1
    changes = cbs.edit(lead, "dana", [Rename(LABEL, WC, "Labeling")])
    assert CODEBOOK in changes.tables
    assert cbs.current_version(lead) == 2
    assert layer(lead, "alice") == [(0, 5, "Labeling", {"polarity": "negative"})]
    cb = cbs.codebook_at(lead)
    assert cb.label(WC) is None and cb.label("Labeling").hotkey == "w"
    # an attribute that named the label names it under its new name
    assert "Labeling" in find(cb, ATTRIBUTE, "polarity").labels
    [v1, v2] = cbs.versions(lead)
    assert v2.by == "dana" and v2.summary == "Rename label 'Word choice' to 'Labeling'"
    assert cbs.codebook_at(lead, 1).label(WC) is not None  # the old version is kept


def test_rename_attribute_and_value_carry_spans_and_doc_labels(lead):
    cbs.edit(lead, "dana", [Rename(ATTRIBUTE, "polarity", "stance"),
                            RenameValue(ATTRIBUTE, "stance", "negative", "against"),
                            RenameValue(DOC_LABEL, "tone", "negative", "critical")])
    assert layer(lead, "alice") == [(0, 5, WC, {"stance": "against"})]
    [rec] = [r for r in load_corpus(lead).documents if r.id == D1]
    assert {(d.annotator, d.name, d.value) for d in rec.doc_labels} == {
        ("alice", "tone", "critical")}
    assert cbs.current_version(lead) == 2  # one edit of three changes: one version


def test_a_value_renamed_to_another_merges_them(lead):
    before = layer(lead, "alice")
    cbs.edit(lead, "dana", [RenameValue(ATTRIBUTE, "polarity", "negative", "neutral")])
    assert find(cbs.codebook_at(lead), ATTRIBUTE, "polarity").values == ("neutral",
                                                                          "positive")
    assert layer(lead, "alice") == [(0, 5, WC, {"polarity": "neutral"})]
    an.replay(lead, "dana", redo=False, reviewer=True)
    assert layer(lead, "alice") == before
    assert find(cbs.codebook_at(lead), ATTRIBUTE, "polarity").values == (
        "negative", "neutral", "positive")


def test_retire_keeps_spans_and_refuses_new_ones(lead):
    cbs.edit(lead, "dana", [Retire(LABEL, WC)])
    assert layer(lead, "alice") == [(0, 5, WC, {"polarity": "negative"})]
    cb = cbs.codebook_at(lead)
    assert cb.label(WC).retired and cb.label(WC).hotkey is None
    assert cb.active().label(WC) is None  # the palette's codebook
    with pytest.raises(InputError, match="retired"):
        an.add_span(lead, "carol", D1, 0, 5, WC)
    # a span keeping its retired label may still be moved by its annotator
    [span] = read_document(lead, D1, "alice").layer.spans()
    an.update_span(lead, "alice", span.id, end=6)
    assert layer(lead, "alice") == [(0, 6, WC, {"polarity": "negative"})]
    # restoring offers it again
    cbs.edit(lead, "dana", [Retire(LABEL, WC, False)])
    an.add_span(lead, "carol", D1, 0, 5, WC)


def test_merge_is_previewed_undoable_and_versioned(lead):
    before = state(lead)
    preview = cbs.preview_merge(lead, LL, WC)
    assert (preview.spans, preview.annotators, preview.duplicates) == (1, 1, 0)
    assert "1 span of 'Loaded language' by 1 annotator become 'Word choice'" in \
        preview.sentence()
    assert state(lead) == before  # a preview writes nothing
    same = cbs.codebook_at(lead)
    cbs.merge(lead, "dana", LL, WC)
    assert layer(lead, "bob") == [(0, 5, WC, {"polarity": "negative"}), (10, 20, WC, {})]
    assert cbs.codebook_at(lead).label(LL).retired
    assert cbs.current_version(lead) == 2
    assert an.undo_redo_texts(lead, "dana")[0].startswith("Merge label 'Loaded language'")
    an.replay(lead, "dana", redo=False, reviewer=True)
    assert layer(lead, "bob") == before[3]
    assert replace(cbs.codebook_at(lead), version=None) == replace(same, version=None)
    # undoing is a change of the codebook too: the next version, never an old number again
    assert cbs.current_version(lead) == 3
    assert cbs.versions(lead)[-1].summary.startswith("Undo Merge label")
    an.replay(lead, "dana", redo=True, reviewer=True)
    assert layer(lead, "bob")[0][2] == WC and cbs.current_version(lead) == 4


def test_merge_drops_a_duplicate_and_undo_brings_it_back(lead):
    an.add_span(lead, "bob", D1, 0, 5, WC)  # bob has both labels at 0-5
    preview = cbs.preview_merge(lead, LL, WC)
    assert preview.duplicates == 1
    before = layer(lead, "bob")
    cbs.merge(lead, "dana", LL, WC)
    assert layer(lead, "bob") == [(0, 5, WC, {}), (10, 20, WC, {})]
    an.replay(lead, "dana", redo=False, reviewer=True)
    assert layer(lead, "bob") == before


def test_spans_record_the_version_they_were_made_under(lead):
    [old] = read_document(lead, D1, "alice").layer.spans()
    assert cbs.span_version(lead, old.id) == 1
    cbs.edit(lead, "dana", [Add(LABEL, Label("Hedging", "Bias"))])
    an.add_span(lead, "alice", D1, 30, 40, "Hedging")
    new = next(s for s in read_document(lead, D1, "alice").layer.spans() if s.start == 30)
    assert cbs.span_version(lead, new.id) == 2
    assert cbs.spans_by_version(lead) == {1: 3, 2: 1}
    # its annotator decides again under the codebook now: the span moves to version 2
    an.update_span(lead, "alice", old.id, label="Hedging")
    assert cbs.span_version(lead, old.id) == 2
    # exports say it too
    [rec] = [r for r in load_corpus(lead).documents if r.id == D1]
    assert {s.codebook_version for s in rec.annotations if s.annotator == "alice"} == {2}


@pytest.mark.parametrize("edits, problem", [
    ([Rename(LABEL, WC, POL)], "already a label 'Political'"),
    ([Rename(LABEL, WC, "O")], "O"),
    ([Rename(LABEL, WC, "a+b")], r"\+"),
    ([Change(LABEL, WC, (("hotkey", "w", "A"),))], "hotkey"),
    ([Change(LABEL, WC, (("color", "#d62728", "red"),))], "colou?r"),
    ([Add(LABEL, Label("  "))], "needs a name"),
    ([Merge(WC, WC)], "into itself"),
    # removing a value spans hold would orphan them: refused, rename it instead
    ([Change(ATTRIBUTE, "polarity", (("values", ("negative", "neutral", "positive"),
                                      ("neutral", "positive")),))], "rename the value"),
    ([Change(DOC_LABEL, "tone", (("values", ("negative", "neutral", "positive"),
                                  ("neutral", "positive")),))], "rename the value"),
    ([Change(ATTRIBUTE, "polarity",
             (("labels", (WC, LL, "Informational bias", "Attribution"), (LL,)),))],
     "keep those labels"),
    # made on a stale view: someone changed the colour meanwhile
    ([Change(LABEL, WC, (("color", "#000000", "#111111"),))], "changed since you saw"),
    ([Rename(LABEL, "Gone", "X")], "no label 'Gone' any more"),
    ([SetText("guidelines", "not what it says", "new")], "changed since you saw"),
])
def test_refused_edits_write_nothing(lead, edits, problem):
    before = state(lead)
    with pytest.raises(InputError, match=problem):
        cbs.edit(lead, "dana", edits)
    assert state(lead) == before
    assert an.undo_redo_texts(lead, "dana") == (None, None)


def test_only_a_reviewer_edits_the_codebook(lead):
    with pytest.raises(InputError, match="only a reviewer"):
        cbs.edit(lead, "alice", [Retire(LABEL, WC)])
    assert not cbs.codebook_at(lead).label(WC).retired


def test_an_edit_that_changes_nothing_is_no_version(lead):
    assert cbs.edit(lead, "dana", [Rename(LABEL, WC, WC)]) == NOTHING
    assert cbs.current_version(lead) == 1


def test_undo_refused_when_the_codebook_would_be_invalid(lead):
    an.add_annotator(lead, "erin", role="reviewer")
    cbs.edit(lead, "dana", [Retire(LABEL, WC)])  # frees the key "w"
    cbs.edit(lead, "erin", [Change(LABEL, POL, (("hotkey", "p", "w"),))])
    before = state(lead)
    # undoing dana's retirement would give "w" back to Word choice: two labels on one key
    with pytest.raises(InputError, match="hotkey"):
        an.replay(lead, "dana", redo=False, reviewer=True)
    assert state(lead) == before
    # once erin's change is undone, dana's undo goes through
    an.replay(lead, "erin", redo=False, reviewer=True)
    an.replay(lead, "dana", redo=False, reviewer=True)
    assert cbs.codebook_at(lead).label(WC).hotkey == "w"


# ------------------------------------------------------------------ files

def test_yaml_export_import_round_trip_changes_nothing(lead, tmp_path):
    cbs.edit(lead, "dana", [Retire(LABEL, LL), SetText("guidelines", cbs.codebook_at(
        lead).guidelines, "Mark *words*.\n\nyes: no\n")])
    out = cbs.export_file(lead, tmp_path / "cb.yaml")
    text = out.read_text(encoding="utf-8")
    assert LL not in text.split("labels:")[1].split("attributes:")[0]  # retired: left out
    v = cbs.current_version(lead)
    done = cbs.import_file(lead, "dana", out)
    assert done.edits == () and cbs.current_version(lead) == v


def test_an_old_export_keeps_what_changed_in_the_project_since(lead, tmp_path):
    old = cbs.export_file(lead, tmp_path / "v1.yaml")
    cbs.edit(lead, "dana", [Rename(LABEL, WC, "Labeling")])
    text = old.read_text(encoding="utf-8").replace('"#2ca02c"', '"#000000"')
    old.write_text(text, encoding="utf-8")
    done = cbs.import_file(lead, "dana", old)
    cb = cbs.codebook_at(lead)
    assert cb.label("Labeling") and not cb.label("Labeling").retired  # the rename stays
    assert cb.label(WC) is None
    assert cb.label("Economic").color == "#000000"
    assert done.base == 1 and len(done.edits) == 1


def test_a_file_leaving_a_label_out_retires_it(lead, tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text('name: Small\nlabels:\n  - name: Word choice\n    hotkey: "w"\n',
                    encoding="utf-8")
    cbs.import_file(lead, "dana", path)
    cb = cbs.codebook_at(lead)
    assert [lab.name for lab in cb.active().labels] == [WC]
    assert cb.label(LL).retired and layer(lead, "bob")[0][2] == LL  # spans kept


@pytest.mark.parametrize("text, line, problem", [
    ('name: x\nlabels:\n  - name: A\n    colour: "#ff0000"\n', 4, "unknown key 'colour'"),
    ("name: x\nlabels:\n  - name: A\n  - name: A\n", 4, "duplicate label"),
    ('name: x\nlabels:\n  - name: A\n    hotkey: "a"\n  - name: B\n    hotkey: "A"\n', 6,
     "hotkey"),
    ("name: x\nlabels: [\n", 3, "not valid YAML"),
    ("name: x\nlabels:\n  - name: O\n", 3, "O"),
])
def test_a_bad_file_is_refused_naming_its_line(lead, tmp_path, text, line, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = state(lead)
    with pytest.raises(InputError, match=problem) as caught:
        cbs.import_file(lead, "dana", path)
    assert caught.value.line == line and caught.value.file.endswith("bad.yaml")
    assert state(lead) == before


def test_a_file_dropping_a_used_value_is_refused(lead, tmp_path):
    text = cbs.yaml_text(lead).replace('  - "negative"\n', "", 1)
    path = tmp_path / "fewer.yaml"
    path.write_text(text, encoding="utf-8")
    before = state(lead)
    with pytest.raises(InputError, match="would no longer be a value") as caught:
        cbs.import_file(lead, "dana", path)
    assert caught.value.file.endswith("fewer.yaml")
    assert state(lead) == before
