"""export → import into an empty project → export is byte-identical, with everything kept."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.formats import jsonl
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.services.project import init_project
from tests.interchange.strategies import CONCEPTS, documents


def write_lines(path: Path, objs) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for obj in objs:
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


def import_export(new_project, folder: Path, source: Path, name: str) -> bytes:
    with new_project(folder / f"{name}.db") as project:
        import_paths(project, [source])
        out = folder / f"{name}.jsonl"
        export(project, "jsonl", out)
    return out.read_bytes()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=4, unique=True).flatmap(
    lambda ids: st.tuples(*(documents(f"doc-{i}") for i in ids))))
def test_round_trip_is_byte_identical_and_keeps_everything(new_project, docs):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "in.jsonl"
        write_lines(source, [CONCEPTS, *docs])
        first = import_export(new_project, folder, source, "a")
        second = import_export(new_project, folder, folder / "a.jsonl", "b")
        assert first == second
        # nothing lost: every input document comes back with the same content
        back = jsonl.parse(first, "a.jsonl")
        given_ = jsonl.parse(source.read_bytes(), "in.jsonl")
        assert [r.id for r in back.records] == [d["id"] for d in docs]
        for got, want in zip(back.records, given_.records, strict=True):
            assert got.document == want.document
            assert sorted(got.annotations, key=repr) == sorted(want.annotations, key=repr)
            assert sorted(got.gold, key=repr) == sorted(want.gold, key=repr)
            assert set(got.doc_labels) == set(want.doc_labels)
            assert set(got.gold_doc_labels) == set(want.gold_doc_labels)
            assert dict(got.status) == dict(want.status)
        assert back.concepts == given_.concepts


def test_sample_corpus_round_trip_through_the_cli(tmp_path):
    from annotator.services.project import SEEDS

    assert main(["init", str(tmp_path / "a.db")]) == 0
    assert main(["import", str(tmp_path / "a.db"), str(SEEDS)]) == 0
    assert main(["export", str(tmp_path / "a.db"), "--format", "jsonl", "-o",
                 str(tmp_path / "a.jsonl")]) == 0
    assert main(["init", str(tmp_path / "b.db")]) == 0
    assert main(["import", str(tmp_path / "b.db"), str(tmp_path / "a.jsonl")]) == 0
    assert main(["export", str(tmp_path / "b.db"), "-o", str(tmp_path / "b.jsonl")]) == 0
    a = (tmp_path / "a.jsonl").read_bytes()
    assert a == (tmp_path / "b.jsonl").read_bytes()
    lines = a.decode("utf-8").splitlines()
    assert json.loads(lines[0])["codebook"]["name"] == "News framing"
    assert json.loads(lines[1])["concepts"][0]["id"] == "putin-china-2024"
    docs = [json.loads(line) for line in lines[2:]]
    assert len(docs) == 5 and {d["event"] for d in docs} == {"putin-china-2024"}
    # CRLF and special characters are never normalised away
    assert all(d["text_sha256"] for d in docs)


def test_output_is_canonical(tmp_path, write_jsonl):
    text = "Putin's re-election\r\n\tin 😀 שלום"
    src = write_jsonl(
        {"id": "d", "text": text, "status": {"zed": "done", "amy": "in_progress"},
         "meta": {"z": 1, "a": [1, 2]}, "source": "NTD",
         "annotations": [
             {"annotator": "bob", "start": 8, "end": 19, "label": "Word choice",
              "attributes": {"speaker": "x", "polarity": "negative"}},
             {"annotator": "amy", "start": 8, "end": 19, "label": "Word choice"},
             {"annotator": "amy", "start": 0, "end": 5, "label": "Political"}],
         "doc_labels": [{"annotator": "zed", "name": "tone", "value": "neutral"},
                        {"annotator": "amy", "name": "tone", "value": "negative"}]})
    with init_project(tmp_path / "p.db") as project:
        import_paths(project, [src])
        export(project, "jsonl", tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").split("\n")
    assert json.loads(lines[0])["codebook"] and lines[2] == ""  # no concepts line: none
    line = lines[1]
    obj = json.loads(line)
    assert list(obj) == ["id", "text", "text_sha256", "source", "meta", "annotations",
                         "doc_labels", "status"]
    assert obj["meta"] == {"z": 1, "a": [1, 2]} and list(obj["meta"]) == ["z", "a"]
    assert [(a["start"], a["label"], a["annotator"]) for a in obj["annotations"]] == [
        (0, "Political", "amy"), (8, "Word choice", "amy"), (8, "Word choice", "bob")]
    assert list(obj["annotations"][2]["attributes"]) == ["polarity", "speaker"]
    assert [d["annotator"] for d in obj["doc_labels"]] == ["amy", "zed"]
    assert list(obj["status"]) == ["amy", "zed"]
    assert obj["text"] == text
    assert line == json.dumps(obj, ensure_ascii=False)
    assert "\\u" not in line.replace("\\u2028", "")  # raw characters, not escapes
