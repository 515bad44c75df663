"""Document ids as file names in the per-document formats: any id fits a file system's
name limit, the same id always gets the same name, and import gives the id back."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.formats.common import ID_MAP_FILE, MAX_STEM_BYTES, id_to_stem, stem_to_id
from tests.formats.helpers import fresh_import

LONG = "Путин/" * 60 + "é" * 100  # 760 code points, 1,360 bytes of UTF-8
IDS = [LONG, LONG + "x", "CON", "short/one", "a" * 400, "50%? #1"]


@given(st.text(min_size=1, max_size=400))
def test_every_id_fits_and_is_stable(doc_id):
    stem = id_to_stem(doc_id)
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert not stem.startswith(".") and not stem.endswith((".", " "))
    # what a file name cannot hold, and what brat's URLs decode (%) or split at (? #)
    assert not any(c in '/\\:*?"<>|%#' or ord(c) < 32 for c in stem)
    assert stem == id_to_stem(doc_id)
    if stem_to_id(stem) != doc_id:  # shortened: only the export's id map gives it back
        assert stem_to_id(stem, {stem: doc_id}) == doc_id


def test_ids_sharing_a_long_prefix_get_different_names():
    stems = {id_to_stem(x) for x in IDS}
    assert len(stems) == len(IDS)
    assert id_to_stem("CON").startswith("CON~") and id_to_stem("con.x").startswith("con.x~")


@pytest.mark.parametrize("fmt", ["brat", "semeval", "xmi"])
def test_long_ids_export_and_come_back(project, write_jsonl, exported, tmp_path, fmt):
    if fmt == "xmi":
        pytest.importorskip("cassis")
    from annotator.services.importing import import_paths

    lines = [{"id": doc_id, "text": f"sham election {n}", "annotations": [
        {"annotator": "alice", "start": 0, "end": 4, "label": "Word choice"}]}
        for n, doc_id in enumerate(IDS)]
    import_paths(project, [write_jsonl(*lines)])
    out, result = exported(project, fmt, fmt)
    assert result.documents == len(IDS)
    assert all(len(p.name.encode("utf-8")) <= 255 for p in out.iterdir())
    if fmt != "xmi":  # XMI carries the id in DocumentMetaData
        ids = json.loads((out / ID_MAP_FILE).read_text(encoding="utf-8"))
        assert set(ids.values()) == set(IDS)
    stored = fresh_import(tmp_path, out, args=["--annotator", "alice"])
    assert {k: {s[:4] for s in v} for k, v in stored.items()} == {
        doc_id: {("alice", 0, 4, "Word choice")} for doc_id in IDS}
