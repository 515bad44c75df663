"""`annotator adjudicate`: the policies on multi-annotator data with missing annotators,
overlaps and partial agreement; re-runs; bad input; the decisions CSV."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.cli import main

TEXT = "The sham election gave Putin a fifth term in office, critics said."
WC, LL, POL = "Word choice", "Loaded language", "Political"


def doc(doc_id, spans, status=None):
    out = {"id": doc_id, "text": TEXT,
           "annotations": [{"annotator": a, "start": s, "end": e, "label": lab}
                           for a, s, e, lab in spans]}
    if status:
        out["status"] = status
    return out


@pytest.fixture
def db(tmp_path, write_jsonl, capsys):
    """Four annotators; dave takes part only in `d`; carol finishes `b` without a span."""
    data = write_jsonl(
        # a: unanimous, majority, a conflicting minority, a lone minority
        doc("a", [(a, 4, 8, WC) for a in ("alice", "bob", "carol")]
            + [("alice", 9, 17, LL), ("bob", 9, 17, LL), ("carol", 13, 17, LL),
               ("alice", 18, 28, POL)]),
        # b: carol said "nothing here", dave has not finished (missing, not a "no")
        doc("b", [("alice", 4, 8, WC), ("bob", 4, 8, WC), ("alice", 30, 35, WC)],
            {"carol": "done", "dave": "in_progress"}),
        # c: one participant, left to the reviewer
        doc("c", [("alice", 4, 8, WC)]),
        # d: everyone who took part agrees
        doc("d", [("alice", 4, 8, WC), ("dave", 4, 8, WC)]),
        # e: nobody
        doc("e", []),
    )
    path = tmp_path / "p.db"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(data)]) == 0
    capsys.readouterr()
    return path


def gold(db, tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["export", str(db), "-o", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    return {d["id"]: [(g["start"], g["end"], g["label"], g["decided_by"], g.get("sources"))
                      for g in d.get("gold", [])] for d in lines if "id" in d}


def run(capsys, *args):
    code = main(["adjudicate", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_unanimous(db, tmp_path, capsys):
    code, out, _ = run(capsys, db, "--auto", "unanimous", "--reviewer", "rita")
    assert code == 0 and "Added rita as a reviewer." in out
    assert gold(db, tmp_path) == {
        "a": [(4, 8, WC, "rita", ["alice", "bob", "carol"])],
        "b": [],  # carol took part and marked nothing
        "c": [], "e": [],
        "d": [(4, 8, WC, "rita", ["alice", "dave"])],  # dave's absence elsewhere is no vote
    }
    assert "Accepted 2 spans into gold (unanimous) in 2 of 5 documents" in out
    line = {ln.split()[0]: ln for ln in out.splitlines() if ln[:2] in
            ("a ", "b ", "c ", "d ", "e ")}
    assert "one participant" in line["c"] and "no participant" in line["e"]
    assert line["d"].endswith("adjudicated")


def test_majority(db, tmp_path, capsys):
    code, out, _ = run(capsys, db, "--auto", "majority", "--reviewer", "rita")
    assert code == 0
    got = gold(db, tmp_path)
    assert got["a"] == [(4, 8, WC, "rita", ["alice", "bob", "carol"]),
                        (9, 17, LL, "rita", ["alice", "bob"])]
    assert got["b"] == [(4, 8, WC, "rita", ["alice", "bob"])]  # 2 of 3, dave not counted
    assert got["c"] == []
    assert "Accepted 4 spans" in out


def test_rerunning_keeps_decisions_and_changes_nothing(db, tmp_path, capsys):
    run(capsys, db, "--auto", "unanimous", "--reviewer", "rita")
    first = gold(db, tmp_path)
    code, out, _ = run(capsys, db, "--auto", "unanimous", "--reviewer", "rita")
    assert code == 0 and "Accepted 0 spans" in out and "Added" not in out
    assert gold(db, tmp_path) == first
    code, out, _ = run(capsys, db, "--auto", "majority", "--reviewer", "rita")
    assert "Accepted 2 spans" in out  # only what unanimity left


def test_finish_touches_only_documents_everyone_agreed_on(db, tmp_path, capsys):
    code, out, _ = run(capsys, db, "--auto", "unanimous", "--reviewer", "rita", "--finish")
    assert code == 0
    got = gold(db, tmp_path)
    assert got["a"] == [] and got["d"] == [(4, 8, WC, "rita", ["alice", "dave"])]
    assert "disagreement" in out


def test_chosen_documents(db, tmp_path, capsys):
    code, _, _ = run(capsys, db, "--auto", "majority", "--reviewer", "rita",
                     "--document", "b", "--document", "c")
    assert code == 0
    got = gold(db, tmp_path)
    assert got["a"] == [] and got["b"] == [(4, 8, WC, "rita", ["alice", "bob"])]


@pytest.mark.parametrize("args, message", [
    (["--auto", "majority", "--reviewer", "rita", "--document", "zz"], "no document 'zz'"),
    (["--auto", "majority", "--reviewer", "alice"], "not a reviewer"),
    (["--auto", "majority"], "--reviewer"),
    (["--reviewer", "rita"], "say what to do"),
    (["--finish", "--decisions-csv", "x.csv"], "--finish goes with --auto"),
])
def test_bad_input_exits_2_and_changes_nothing(db, tmp_path, capsys, args, message):
    before = gold(db, tmp_path)
    code, out, err = run(capsys, db, *args)
    assert code == 2 and message in err and err.startswith("annotator: error:")
    assert "Added" not in out
    assert gold(db, tmp_path) == before


def test_an_unknown_policy_is_an_argparse_error(db, capsys):
    with pytest.raises(SystemExit) as info:
        main(["adjudicate", str(db), "--auto", "plurality", "--reviewer", "rita"])
    assert info.value.code == 2


def test_a_project_that_does_not_exist(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "none.db", "--auto", "majority", "--reviewer", "r")
    assert code == 2 and "no such project" in err


def test_decisions_csv(db, tmp_path, capsys):
    out = tmp_path / "decisions.csv"
    code, text, _ = run(capsys, db, "--auto", "majority", "--reviewer", "rita",
                        "--decisions-csv", out)
    assert code == 0 and "Wrote 4 decisions" in text
    with open(out, encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert [(r["document"], r["decision"], r["start"], r["label"], r["annotators"])
            for r in got] == [("a", "accept", "4", WC, "alice;bob;carol"),
                              ("a", "accept", "9", LL, "alice;bob"),
                              ("b", "accept", "4", WC, "alice;bob"),
                              ("d", "accept", "4", WC, "alice;dave")]
    assert {r["reviewer"] for r in got} == {"rita"} and got[0]["text"] == "sham"


def test_every_format_exports_the_gold_layer(db, tmp_path, capsys):
    from annotator.services.exporting import export
    from annotator.services.file_formats import ExportOptions, export_formats
    from annotator.services.project import open_project

    run(capsys, db, "--auto", "majority", "--reviewer", "rita")
    with open_project(db) as project:
        for fmt in export_formats():
            if fmt == "jsonl":  # the whole project, gold included (the tests above)
                continue
            if fmt == "label-studio-config":  # the codebook: no spans
                continue
            result = export(project, fmt, tmp_path / f"gold-{fmt}", ExportOptions(layer="gold"))
            assert (fmt, result.spans) == (fmt, 4)
    with open(tmp_path / "gold-csv", encoding="utf-8-sig", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert {(r["layer"], r["annotator"]) for r in got} == {("gold", "rita")}
    assert sorted(r["sources"] for r in got) == ["alice bob", "alice bob", "alice bob carol",
                                                 "alice dave"]
