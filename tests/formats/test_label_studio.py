"""Label Studio JSON tasks: the shape Label Studio imports, read back, and refused."""

from __future__ import annotations

import json

import pytest

from tests.formats.helpers import (
    TEXT,
    TRICKY_ID,
    expected_spans,
    fresh_import,
    refuse,
    tricky_lines,
)


def test_tasks_round_trip(tricky, exported, tmp_path):
    out, _ = exported(tricky, "label-studio", "tasks.json", layer="annotations")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["doc_id"] == TRICKY_ID)
    assert task["data"]["text"] == TEXT
    assert task["data"]["annotators"] == ["alice", "bob"]
    for annotation in task["annotations"]:
        for item in annotation["result"]:
            assert {"id", "from_name", "to_name", "type", "value"} <= set(item)
            value = item["value"]
            if item["type"] == "labels":
                assert TEXT[value["start"]:value["end"]] == value["text"]
                assert len(value["labels"]) == 1
    assert fresh_import(tmp_path, out) == expected_spans(tricky_lines())


def test_gold_is_ground_truth(tricky, exported):
    out, _ = exported(tricky, "label-studio", "gold.json")
    task = next(t for t in json.loads(out.read_text(encoding="utf-8"))
                if t["data"]["doc_id"] == TRICKY_ID)
    assert task["data"]["annotators"] == ["carol", "dave"]
    assert all(a["ground_truth"] for a in task["annotations"])


def test_a_label_studio_export(tmp_path):
    text = "💩This is an annotation."
    export = [{"id": 12, "data": {"text": text}, "annotations": [
        {"id": 1, "completed_by": 3, "was_cancelled": False, "result": [
            {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 12, "end": 22, "text": "annotation", "labels": ["Political"]}},
            {"id": "a1", "from_name": "tone", "to_name": "text", "type": "choices",
             "value": {"start": 12, "end": 22, "choices": ["negative"]}},
            {"id": "doc", "from_name": "topic", "to_name": "text", "type": "choices",
             "value": {"choices": ["x"]}}]},
        {"id": 2, "completed_by": {"id": 4, "email": "eve@example.org"}, "result": [
            {"id": "b1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 1, "text": "💩", "labels": ["Other"]}}]},
        {"id": 3, "completed_by": 5, "was_cancelled": True, "result": [
            {"id": "c1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 1, "end": 5, "labels": ["Other"]}}]}],
        "predictions": []}]
    path = tmp_path / "project-1.json"
    path.write_text(json.dumps(export, ensure_ascii=False, indent=2), encoding="utf-8")
    stored = fresh_import(tmp_path, path, args=["--add-labels"])
    assert {s[:5] for s in stored["12"]} == {
        ("label-studio-user-3", 12, 22, "Political", '{"tone": "negative"}'),
        ("eve@example.org", 0, 1, "Other", "{}")}


def region(**value):
    return {"id": "r", "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": 0, "end": 4, "labels": ["Political"], **value}}


@pytest.mark.parametrize(("task", "words"), [
    ({"data": {"txt": "sham"}}, "no 'text' string"),
    ({"data": {"text": "sham"}, "annotations": [{"result": [region(end=9)]}]}, "out of range"),
    ({"data": {"text": "sham"}, "annotations": [{"result": [region(text="SHAM")]}]},
     "is not the task's"),
    ({"data": {"text": "sham"}, "annotations": [{"result": [region(labels="P")]}]},
     "list of names"),
    ("not a task", "a task is an object"),
    ({"data": {"text": "sham vote"}, "annotations": [{"result": [
        {k: v for k, v in region().items() if k != "id"}]}]}, "without an id"),
    ({"data": {"text": "sham vote"}, "annotations": [{"result": [
        region(), region(start=5, end=9, labels=["Other"])]}]}, "twice with different offsets"),
    ({"data": {"text": "sham vote"}, "annotations": [{"result": [region(), {
        "id": "r", "from_name": "tone", "to_name": "text", "type": "choices",
        "value": {"start": 5, "end": 9, "choices": ["x"]}}]}]}, "the region at 0-4"),
])
def test_bad_tasks_are_refused(tmp_path, capsys, task, words):
    path = tmp_path / "tasks.json"
    good = {"data": {"text": "fine"}}
    path.write_text("[\n" + json.dumps(good) + ",\n" + json.dumps(task) + "\n]",
                    encoding="utf-8")
    err = refuse(tmp_path, capsys, path, args=["--add-labels"])
    assert "tasks.json:3: task 2: " in err and words in err


def test_broken_json_names_its_line(tmp_path, capsys):
    path = tmp_path / "tasks.json"
    path.write_text('[\n{"data": {"text": "a"}},\n{"data": }\n]', encoding="utf-8")
    assert "tasks.json:3: invalid JSON" in refuse(tmp_path, capsys, path)


def test_each_region_names_its_annotator(tricky, exported, tmp_path):
    """Deleting one annotation in Label Studio must not hand the others' spans to the
    wrong annotators, and a region drawn there joins its annotation's annotator."""
    out, _ = exported(tricky, "label-studio", "tasks.json", layer="annotations")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["doc_id"] == TRICKY_ID)
    assert all(r["meta"]["annotator"] in ("alice", "bob") for a in task["annotations"]
               for r in a["result"] if r["type"] == "labels")
    del task["annotations"][0]  # alice's, deleted in Label Studio
    task["annotations"][0]["result"].append(
        {"id": "new", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 5, "text": TEXT[:5], "labels": ["Other"]}})
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    stored = fresh_import(tmp_path, out)
    want = expected_spans(tricky_lines())
    want[TRICKY_ID] = {s for s in want[TRICKY_ID] if s[0] == "bob"} | {
        ("bob", 0, 5, "Other", "{}", None, None)}
    assert stored == want


def test_the_labelling_config_matches_the_export(tricky, exported, capsys, tmp_path):
    """Every result of the export names a tag of the generated config, of its kind, with
    its values; the config holds the codebook's labels in order."""
    import xml.etree.ElementTree as ET

    from annotator.cli import main
    from annotator.core.errors import InputError
    from tests.formats.helpers import codebook

    out, _ = exported(tricky, "label-studio", "tasks.json", layer="annotations")
    config, result = exported(tricky, "label-studio-config", "config.xml")
    assert "label" in result.written
    view = ET.parse(config).getroot()
    assert view.tag == "View"
    tags = {t.get("name"): t for t in view.iter() if t.get("name")}
    assert tags["text"].tag == "Text" and tags["text"].get("value") == "$text"
    assert [x.get("value") for x in tags["label"]] == list(codebook().label_names())
    kinds = {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}
    for task in json.loads(out.read_text(encoding="utf-8")):
        for annotation in task["annotations"]:
            for r in annotation["result"]:
                tag = tags[r["from_name"]]
                assert tag.tag == kinds[r["type"]] and tag.get("toName") == "text"
                if r["type"] != "labels":
                    assert tag.get("perRegion") == "true"
                picked = r["value"].get("labels") or r["value"].get("choices") or []
                assert set(picked) <= {x.get("value") for x in tag}
    with pytest.raises(InputError, match="leave out --layer"):
        exported(tricky, "label-studio-config", "c2.xml", layer="gold")
    capsys.readouterr()
    db = str(tmp_path / "project.db")
    assert main(["export", db, "-f", "label-studio-config", "-o", "-"]) == 0
    assert capsys.readouterr().out == config.read_text(encoding="utf-8")
