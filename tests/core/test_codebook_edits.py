"""Each codebook edit as people read it (the version list, the undo menu) and as its
version records it (the entries a version's `changes` holds, key order included)."""

from __future__ import annotations

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
    describe,
    entries,
)
from annotator.core.model import Label

EDITS = [
    (Add(LABEL, Label("Spin")), "Add label 'Spin'",
     {"op": "add", "kind": LABEL, "name": "Spin"}),
    (Change(LABEL, "Spin", (("color", None, "#aabbcc"), ("hotkey", "s", None))),
     "Set label 'Spin': colour '#aabbcc', key none",
     {"op": "change", "kind": LABEL, "name": "Spin", "fields": ["color", "hotkey"]}),
    (Rename(ATTRIBUTE, "polarity", "stance"), "Rename attribute 'polarity' to 'stance'",
     {"op": "rename", "kind": ATTRIBUTE, "name": "polarity", "to": "stance"}),
    (Retire(DOC_LABEL, "tone"), "Retire document label 'tone'",
     {"op": "retire", "kind": DOC_LABEL, "name": "tone"}),
    (Retire(LABEL, "Spin", False), "Restore label 'Spin'",
     {"op": "restore", "kind": LABEL, "name": "Spin"}),
    (RenameValue(ATTRIBUTE, "stance", "negative", "against"),
     "Rename attribute 'stance''s value 'negative' to 'against'",
     {"op": "rename_value", "kind": ATTRIBUTE, "name": "stance", "value": "negative",
      "to": "against"}),
    (Merge("Spin", "Word choice"), "Merge label 'Spin' into 'Word choice'",
     {"op": "merge", "kind": LABEL, "name": "Spin", "to": "Word choice"}),
    (SetText("guidelines", None, "Mark words."), "Edit the guidelines",
     {"op": "set", "kind": "guidelines"}),
    (SetText("name", "Old", "New"), "Name the codebook 'New'", {"op": "set", "kind": "name"}),
]


def test_every_edit_says_what_it_does_and_records_its_entry_in_order():
    for edit, line, entry in EDITS:
        assert edit.describe() == line
        [got] = entries([edit])
        assert list(got.items()) == list(entry.items())


def test_several_edits_are_one_line():
    edits = [e for e, _, _ in EDITS]
    assert describe(edits) == "Add label 'Spin' and 8 more changes"
    assert describe(edits[:2]) == "Add label 'Spin' and 1 more change"
    assert describe([]) == "No change"
