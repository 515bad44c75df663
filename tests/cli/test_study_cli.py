"""The study commands on real files: assign, assignments, pack, collect, progress; refusals
in one line with exit status 2 and nothing written."""

from __future__ import annotations

import csv

import pytest

from annotator.cli import main
from annotator.services import annotate, reading
from annotator.services.project import open_project
from tests.refusal import dump

ABC = "alice,bob,carol"


@pytest.fixture
def db(seeded_project):
    target = seeded_project.target
    seeded_project.close()
    return target


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_assign_then_assignments(capsys, db):
    code, out, err = run(capsys, "assign", db, "--annotators", ABC, "--per-document", "2",
                         "--overlap", "40%", "--seed", "7", "--add-annotators")
    assert code == 0 and err == ""
    assert "7 assignments added over 5 documents." in out
    assert "Then 2 documents with 2 annotators, 3 documents with 1 annotator." in out
    code, out, _ = run(capsys, "assignments", db, "--queues")
    assert code == 0
    assert "2 per document, overlap 0.4, seed 7 (alice, bob, carol)" in out
    assert "Documents by number of annotators: 2: 2, 1: 3." in out
    before = dump(db)
    code, out, _ = run(capsys, "assign", db, "--annotators", ABC, "--per-document", "2",
                       "--overlap", "0.4", "--seed", "7")
    assert code == 0 and "Nothing new to assign" in out
    assert dump(db) == before  # the same command again changes nothing


@pytest.mark.parametrize("args, message", [
    (["--annotators", "alice,zed"], "no annotator 'alice', 'zed' in the project"),
    (["--annotators", "a,b", "--per-document", "3", "--add-annotators"],
     "3 annotators per document needs at least 3 annotators"),
    (["--annotators", "a", "--overlap", "0.2"], "--overlap goes with --per-document"),
    (["--annotators", "a,b", "--per-document", "2", "--overlap", "1.5",
      "--add-annotators"], "the overlap is a share between 0 and 1"),
    (["--annotators", "a", "--document", "nope", "--add-annotators"], "no document 'nope'"),
])
def test_assign_refuses_in_one_line(capsys, db, args, message):
    before = dump(db)
    code, out, err = run(capsys, "assign", db, *args)
    assert code == 2 and out == ""
    assert err.startswith("annotator: error: ") and message in err
    assert err.count("\n") == 1
    assert dump(db) == before


def test_overlap_that_is_not_a_number_is_a_usage_error(capsys, db):
    with pytest.raises(SystemExit) as info:
        main(["assign", db, "--annotators", "a", "--per-document", "2", "--overlap", "lots"])
    assert info.value.code == 2
    assert "'lots' is not a share" in capsys.readouterr().err


def test_pack_collect_progress_round_trip(capsys, db, tmp_path):
    run(capsys, "assign", db, "--annotators", "alice,bob", "--per-document", "1",
        "--add-annotators")
    out_file = tmp_path / "alice.annot"
    code, out, _ = run(capsys, "pack", db, "--annotator", "alice", "-o", str(out_file))
    assert code == 0 and f"Wrote {out_file} for alice" in out
    with open_project(out_file) as package:
        doc = reading.documents(package, "alice")[0].id
        annotate.add_span(package, "alice", doc, 0, 4, "Word choice")
        annotate.set_status(package, "alice", doc, "done")
    code, out, _ = run(capsys, "collect", db, str(out_file))
    assert code == 0 and "added 1 span, 0 document labels, 1 status, 0 notes" in out
    code, out, _ = run(capsys, "collect", db, str(out_file))
    assert code == 0 and "nothing new" in out
    code, out, _ = run(capsys, "progress", db, "-o", str(tmp_path / "p.csv"))
    assert code == 0 and "alice" in out and "Wrote" in out
    with open(tmp_path / "p.csv", encoding="utf-8", newline="") as fh:
        rows = {(r["section"], r["annotator"], r["measure"]): r["value"]
                for r in csv.DictReader(fh)}
    assert rows["queues", "alice", "done"] == "1"
    code, out, _ = run(capsys, "progress", db, "-o", "-")
    assert code == 0 and out.startswith("section,annotator,document,label,measure,value")


def refused(capsys, db, *args) -> str:
    """The command fails with exit status 2 in one line, the project as it was."""
    before = dump(db)
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "", err
    assert err.startswith("annotator: error: ") and err.count("\n") == 1, err
    assert dump(db) == before
    return err


def test_pack_and_collect_refuse_in_one_line(capsys, db, tmp_path):
    assert "no annotator 'zed'" in refused(capsys, db, "pack", db, "--annotator", "zed",
                                           "-o", str(tmp_path / "z.annot"))
    assert "refusing to write over it" in refused(capsys, db, "pack", db, "--annotator",
                                                  "zed", "-o", db)
    long_name = tmp_path / ("a" * 300 + ".annot")
    assert "longer than the file system allows" in refused(
        capsys, db, "pack", db, "--annotator", "alice", "-o", str(long_name))
    assert "does not exist" in refused(capsys, db, "pack", db, "--annotator", "alice",
                                       "-o", str(tmp_path / "no" / "a.annot"))
    assert "not a hand-out package" in refused(capsys, db, "collect", db, db)
    (tmp_path / "x.annot").write_bytes(b"\x00" * 100)
    assert f"{tmp_path / 'x.annot'}: not a hand-out package" in refused(
        capsys, db, "collect", db, str(tmp_path / "x.annot"))
    assert "not a file" in refused(capsys, db, "collect", db, str(tmp_path))
    assert "refusing to write over it" in refused(capsys, db, "progress", db, "-o", db)
    assert [p.name for p in tmp_path.iterdir()
            if not p.name.startswith("project.db")] == ["x.annot"]  # no package written


def test_collect_takes_every_package_or_none(capsys, db, tmp_path):
    """A good package beside a bad one: nothing of the good one is collected either."""
    run(capsys, "assign", db, "--annotators", "alice,bob", "--per-document", "1",
        "--add-annotators")
    good = tmp_path / "alice.annot"
    run(capsys, "pack", db, "--annotator", "alice", "-o", str(good))
    with open_project(good) as package:
        doc = reading.documents(package, "alice")[0].id
        annotate.add_span(package, "alice", doc, 0, 4, "Word choice")
    (tmp_path / "bob.annot").write_text("bob's notes, not a package")
    err = refused(capsys, db, "collect", db, str(good), str(tmp_path / "bob.annot"))
    assert "bob.annot: not a hand-out package" in err
