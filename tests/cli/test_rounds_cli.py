"""`annotator rounds` and `annotator agreement --round` on a real project."""

from __future__ import annotations

import json

from annotator.cli import main
from annotator.services import annotate as an

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"


def test_a_round_and_its_agreement(seeded_project, tmp_path, capsys):
    for doc in (D1, D2):
        for who in ("alice", "bob"):
            an.add_span(seeded_project, who, doc, 0, 5, "Word choice")
    db = seeded_project.target
    assert main(["rounds", "list", db]) == 0
    assert "No rounds yet" in capsys.readouterr().out
    assert main(["rounds", "start", db, "pilot", "--document", D1, "--reviewer", "dana"]) == 0
    assert "Start round 'pilot' (1 document)" in capsys.readouterr().out
    assert main(["rounds", "list", db]) == 0
    assert "pilot: 1 documents" in capsys.readouterr().out
    out = tmp_path / "pilot.json"
    assert main(["agreement", db, "--round", "pilot", "-o", str(out), "--bootstrap", "0"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["documents"] == 1
    missing = tmp_path / "none.json"
    assert main(["agreement", db, "--round", "nope", "-o", str(missing)]) == 2
    assert "no round 'nope' in the project (rounds: 'pilot')" in capsys.readouterr().err
    assert not missing.exists()
