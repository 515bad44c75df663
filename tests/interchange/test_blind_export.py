"""`--annotator NAME` exports that annotator's work only, in every format, the interchange
included: what an annotator exports from the app stays blind."""

from __future__ import annotations

import json

from annotator.cli import main


def test_jsonl_for_one_annotator_holds_nothing_of_the_others(tmp_path, write_jsonl, capsys):
    db = tmp_path / "p.db"
    main(["init", str(db)])
    text = "The sham election gave Putin a fifth term."
    main(["import", str(db), str(write_jsonl({
        "id": "d", "text": text,
        "annotations": [{"annotator": "alice", "start": 4, "end": 17, "label": "Word choice"},
                        {"annotator": "bob", "start": 31, "end": 41, "label": "Political"}],
        "doc_labels": [{"annotator": "bob", "name": "tone", "value": "negative"}],
        "status": {"alice": "done", "bob": "done"},
        "meta": {"annotator_notes": {"bob": "bob's note"}},
        "gold": [{"decided_by": "rev", "start": 4, "end": 17, "label": "Word choice"}]}))])
    out = tmp_path / "alice.jsonl"
    assert main(["export", str(db), "--annotator", "alice", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    assert [a["annotator"] for a in doc["annotations"]] == ["alice"]
    assert doc["status"] == {"alice": "done"}
    for key in ("doc_labels", "gold", "meta"):
        assert key not in doc
    capsys.readouterr()
    assert main(["export", str(db), "--annotator", "zed", "-o", str(tmp_path / "z")]) == 2
    assert "no annotator 'zed'" in capsys.readouterr().err
