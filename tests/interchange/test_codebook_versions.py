"""Spans carry the codebook version they were made under through the interchange: written
as `codebook_version`, read back when the project has that version, else the version the
importing project has now."""

from __future__ import annotations

import json

from annotator.core.codebook_edits import LABEL, Add
from annotator.core.model import Label
from annotator.services import annotate as an
from annotator.services import codebook as cbs
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.services.project import init_project

D1 = "000_d2e00c955d6db165"


def spans_of(path):
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        out += [(s["annotator"], s["label"], s.get("codebook_version"))
                for s in obj.get("annotations", ())]
    return sorted(out)


def test_versions_travel_and_round_trip(seeded_project, tmp_path):
    p = seeded_project
    an.add_annotator(p, "dana", role="reviewer")
    an.add_span(p, "alice", D1, 0, 5, "Word choice")
    cbs.edit(p, "dana", [Add(LABEL, Label("Hedging"))])
    an.add_span(p, "bob", D1, 0, 5, "Hedging")
    first = tmp_path / "a.jsonl"
    export(p, "jsonl", first)
    assert spans_of(first) == [("alice", "Word choice", 1), ("bob", "Hedging", 2)]
    # into the same project again: nothing changes, the versions are kept
    import_paths(p, [first])
    again = tmp_path / "b.jsonl"
    export(p, "jsonl", again)
    assert again.read_bytes() == first.read_bytes()
    # into a new project made from the file's codebook: it has version 1 only, so the
    # version-2 span is counted as made under the codebook it arrives in
    other = init_project(tmp_path / "other.db", first)
    import_paths(other, [first])
    third = tmp_path / "c.jsonl"
    export(other, "jsonl", third)
    assert spans_of(third) == [("alice", "Word choice", 1), ("bob", "Hedging", 1)]
    other.close()
