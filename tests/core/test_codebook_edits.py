"""Each codebook edit as people read it (the version list, the undo menu) and as its
version records it (the entries a version's `changes` holds, key order included)."""

from __future__ import annotations

from annotator.core import codebook_edits as ce
from annotator.core.model import Label

EDITS = [
    (ce.Add(ce.LABEL, Label("Spin")), "Add label 'Spin'",
     {"op": "add", "kind": ce.LABEL, "name": "Spin"}),
    (ce.Change(ce.LABEL, "Spin", (("color", None, "#aabbcc"), ("hotkey", "s", None))),
     "Set label 'Spin': colour '#aabbcc', key none",
     {"op": "change", "kind": ce.LABEL, "name": "Spin", "fields": ["color", "hotkey"]}),
    (ce.Rename(ce.ATTRIBUTE, "polarity", "stance"), "Rename attribute 'polarity' to 'stance'",
     {"op": "rename", "kind": ce.ATTRIBUTE, "name": "polarity", "to": "stance"}),
    (ce.Retire(ce.DOC_LABEL, "tone"), "Retire document label 'tone'",
     {"op": "retire", "kind": ce.DOC_LABEL, "name": "tone"}),
    (ce.Retire(ce.LABEL, "Spin", False), "Restore label 'Spin'",
     {"op": "restore", "kind": ce.LABEL, "name": "Spin"}),
    (ce.RenameValue(ce.ATTRIBUTE, "stance", "negative", "against"),
     "Rename attribute 'stance''s value 'negative' to 'against'",
     {"op": "rename_value", "kind": ce.ATTRIBUTE, "name": "stance", "value": "negative",
      "to": "against"}),
    (ce.Merge("Spin", "Word choice"), "Merge label 'Spin' into 'Word choice'",
     {"op": "merge", "kind": ce.LABEL, "name": "Spin", "to": "Word choice"}),
    (ce.SetText("guidelines", None, "Mark words."), "Edit the guidelines",
     {"op": "set", "kind": "guidelines"}),
    (ce.SetText("name", "Old", "New"), "Name the codebook 'New'", {"op": "set", "kind": "name"}),
]


def test_every_edit_says_what_it_does_and_records_its_entry_in_order():
    for edit, line, entry in EDITS:
        assert edit.describe() == line
        [got] = ce.entries([edit])
        assert list(got.items()) == list(entry.items())


def test_several_edits_are_one_line():
    edits = [e for e, _, _ in EDITS]
    assert ce.describe(edits) == "Add label 'Spin' and 8 more changes"
    assert ce.describe(edits[:2]) == "Add label 'Spin' and 1 more change"
    assert ce.describe([]) == "No change"
