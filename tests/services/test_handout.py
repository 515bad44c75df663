"""Hand out and collect: a package holds one annotator's documents and own work only
(every table of the file checked), opens as a project, and comes back by the merge rules;
collecting twice changes nothing; packages of another project, non-packages and work
that no longer fits the codebook are refused with nothing written."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.activity import ActivityClock
from annotator.core.errors import InputError
from annotator.services import (
    activity,
    adjudicate,
    annotate,
    assignments,
    handout,
    packages,
    reading,
)
from annotator.services.importing import import_paths
from annotator.services.layer import read_document
from annotator.services.project import SEEDS, init_project, open_project
from annotator.store.row_objects import PACKAGE
from tests.services.study_seed import dump, spans_of

D0, D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246", "002_3c10f19e7635cd43"

# Tables a package may hold rows in, and those that must be empty.
SHARED = {"settings", "labels", "attributes", "doc_label_schemes", "concepts", "documents",
          "alembic_version", "journal"}
PEOPLE = ("annotator_id", "owner_id", "decided_by", "reviewer_id", "actor_id", "by")
OWN = {"spans", "doc_labels", "statuses", "document_notes", "activity", "assignments"}
NEVER = {"gold_spans", "gold_doc_labels", "decisions", "actions", "assignment_batches",
         "codebook_versions", "rounds", "round_documents", "suggestions",
         "suggestion_rejections"}


def time_on(project, who, doc, *times):
    clock = ActivityClock(who)
    done = [clock.event(doc, t) for t in times] + [clock.stop()]
    activity.record(project, [s for s in done if s is not None])


@pytest.fixture
def study(seeded_project):
    """alice on D0 and D1, bob on D1 and D2 (spans, notes, active time), dana's decisions
    and gold on D1, erin with nothing assigned."""
    p = seeded_project
    annotate.add_annotator(p, "dana", "reviewer")
    annotate.add_annotator(p, "erin")
    assignments.assign(p, ["alice", "bob"], documents=[D1], add_annotators=True)
    assignments.assign_by_hand(p, [D0], ["alice"])
    assignments.assign_by_hand(p, [D2], ["bob"])
    for who in ("alice", "bob"):
        annotate.add_span(p, who, D1, 0, 5, "Word choice")
    annotate.add_span(p, "alice", D0, 10, 20, "Loaded language")
    annotate.add_span(p, "bob", D2, 10, 20, "Loaded language")
    annotate.set_doc_label(p, "bob", D1, "tone", "positive")
    annotate.set_status(p, "bob", D1, "done")
    annotate.set_document_note(p, "alice", D0, "alice's note")
    annotate.set_document_note(p, "bob", D1, "bob's note")
    adjudicate.accept(p, "dana", D1, (0, 5, "Word choice"))
    adjudicate.add_gold(p, "dana", D0, 30, 40, "Word choice")
    time_on(p, "alice", D0, 1000.0, 1030.0)
    time_on(p, "bob", D1, 1000.0, 1060.0)
    return p


def test_alice_package_holds_none_of_anyone_elses_work(study, tmp_path):
    out = tmp_path / "alice.annot"
    packed = handout.pack(study, "alice", out)
    assert packed.info.annotator == "alice" and packed.info.documents > 0
    con = sqlite3.connect(str(out))
    try:
        people = con.execute("SELECT id, name, role FROM annotators").fetchall()
        assert [(n, r) for _, n, r in people] == [("alice", "annotator")]
        alice = people[0][0]
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        assert set(tables) == SHARED | OWN | NEVER | {"annotators"}  # a new table: decide
        for table in tables:
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            cols = [c[1] for c in con.execute(f"PRAGMA table_info({table})")]
            if table in NEVER:
                assert rows == [], table
            for column in PEOPLE:
                if column in cols:
                    i = cols.index(column)
                    assert {r[i] for r in rows} <= {alice, None}, (table, column)
            if table not in SHARED:  # (article texts may hold any word)
                flat = " ".join(str(v) for r in rows for v in r)
                for other in ("bob", "dana", "erin"):
                    assert other not in flat, (table, other)
        assert con.execute("SELECT start, end FROM spans ORDER BY start").fetchall() == [
            (0, 5), (10, 20)]
        assert con.execute("SELECT count(*) FROM doc_labels").fetchone()[0] == 0
        assert {r[0] for r in con.execute("SELECT id FROM documents")} == {D0, D1}
        assert con.execute("SELECT count(*) FROM statuses").fetchone()[0] == 0
        assert con.execute("SELECT note FROM document_notes").fetchall() == [("alice's note",)]
        assert con.execute("SELECT count(*) FROM activity").fetchone()[0] == 1
    finally:
        con.close()
    with open_project(out) as package:  # a project like any other
        assert [s.id for s in reading.documents(package, "alice")] == [D1, D0]  # her queue
        assert packages.package_info(package).annotator == "alice"
        assert handout.project_id(package) != handout.project_id(study)


def test_work_comes_back_and_collecting_twice_changes_nothing(study, tmp_path):
    a, b = tmp_path / "alice.annot", tmp_path / "bob.annot"
    handout.pack(study, "alice", a)
    handout.pack(study, "bob", b)
    with open_project(a) as package:
        annotate.add_span(package, "alice", D1, 3, 9, "Loaded language")
        annotate.set_doc_label(package, "alice", D1, "tone", "negative")
        annotate.set_document_note(package, "alice", D1, "done on the train")
        annotate.set_status(package, "alice", D1, "done")
        time_on(package, "alice", D1, 50.0, 80.0, 400.0, 410.0)  # the gap is left out
        annotate.add_span(package, "mallory", D1, 0, 2, "Word choice")
    with open_project(b) as package:
        annotate.add_span(package, "bob", D2, 3, 9, "Word choice")
    results, changes = handout.collect(study, [a, b])
    assert results[0].added["spans"] == 1 and results[0].added["doc_labels"] == 1
    assert results[0].time == 2 and results[0].ignored == {"mallory": 1}
    assert results[1].added["spans"] == 1
    assert {D1, D2} <= changes.documents
    mine = set(spans_of(study, D1, "alice"))
    assert (3, 9, "Loaded language") in mine
    assert "mallory" not in dict(annotate.list_annotators(study))
    view = read_document(study, D1, "alice")
    assert view.status == "done" and view.note == "done on the train"
    before = dump(study)
    again, changes = handout.collect(study, [a, b])
    assert not changes and all(not any(r.added.values()) and not r.time for r in again)
    assert dump(study) == before


def test_statuses_only_move_forward_and_nothing_is_deleted(study, tmp_path):
    out = tmp_path / "alice.annot"
    annotate.set_status(study, "alice", D1, "done")
    handout.pack(study, "alice", out)
    with open_project(out) as package:
        annotate.set_status(package, "alice", D1, "in_progress")
        layer = read_document(package, D0, "alice").layer
        victim = layer.span(0)
        annotate.delete_span(package, "alice", victim.id)
    results, _ = handout.collect(study, [out])
    assert read_document(study, D1, "alice").status == "done"
    assert results[0].kept == 1
    assert (victim.start, victim.end, victim.label) in spans_of(study, D0, "alice")


def test_a_package_of_another_project_is_refused(study, tmp_path):
    other = init_project(tmp_path / "other.db")
    import_paths(other, [SEEDS])
    annotate.add_span(other, "alice", D0, 0, 4, "Word choice")
    out = tmp_path / "other-alice.annot"
    handout.pack(other, "alice", out)
    other.close()
    before = dump(study)
    with pytest.raises(InputError, match="made for another project .*other.db"):
        handout.collect(study, [out])
    assert dump(study) == before


def test_not_a_package_is_refused(study, tmp_path):
    (tmp_path / "notes.annot").write_text("hello")
    with pytest.raises(InputError, match="notes.annot: not a hand-out package"):
        handout.collect(study, [tmp_path / "notes.annot"])
    init_project(tmp_path / "plain.db").close()
    with pytest.raises(InputError, match="plain.db: a project, but not a hand-out package"):
        handout.collect(study, [tmp_path / "plain.db"])
    with pytest.raises(InputError, match="no such file"):
        handout.collect(study, [tmp_path / "missing.annot"])


def test_work_that_no_longer_fits_the_codebook_is_refused(study, tmp_path, write_jsonl):
    out = tmp_path / "alice.annot"
    handout.pack(study, "alice", out)
    with open_project(out) as package:  # the package's codebook changed under her
        import_paths(package, [write_jsonl(
            {"codebook": {"name": "x", "labels": [{"name": "Sarcasm"}]}})], add_labels=True)
        package.forget_codebook()
        annotate.add_span(package, "alice", D0, 0, 4, "Sarcasm")
    before = dump(study)
    with pytest.raises(InputError, match=r"labels the codebook does not have: 'Sarcasm' "
                                         r"\(1 span\).*Nothing was collected"):
        handout.collect(study, [out])
    assert dump(study) == before


def test_a_codebook_grown_since_still_takes_the_work(study, tmp_path, write_jsonl):
    out = tmp_path / "alice.annot"
    handout.pack(study, "alice", out)
    with open_project(out) as package:
        annotate.add_span(package, "alice", D0, 0, 4, "Word choice")
    import_paths(study, [write_jsonl(
        {"codebook": {"name": "x", "labels": [{"name": "Sarcasm"}]}})], add_labels=True)
    study.forget_codebook()
    results, _ = handout.collect(study, [out])
    assert results[0].codebook_changed and results[0].added["spans"] == 1


@pytest.mark.parametrize("who, message", [
    ("zed", "no annotator 'zed'"), ("dana", "'dana' is a reviewer"),
    ("erin", "'erin' has no documents assigned"),
])
def test_packing_refuses_plainly(study, tmp_path, who, message):
    with pytest.raises(InputError, match=message):
        handout.pack(study, who, tmp_path / "x.annot")
    assert {p.name for p in tmp_path.iterdir()} <= {"project.db", "project.db-wal",
                                                     "project.db-shm"}


def test_packing_never_writes_over_a_file(study, tmp_path):
    out = tmp_path / "alice.annot"
    out.write_text("alice's returned work")
    with pytest.raises(InputError, match="already exists"):
        handout.pack(study, "alice", out)
    assert out.read_text() == "alice's returned work"


@pytest.mark.parametrize("damage", ['"documents": "many"', '"format": "1"',
                                    '"codebook_version": true'])
def test_a_damaged_description_is_refused(study, tmp_path, damage):
    out = tmp_path / "alice.annot"
    handout.pack(study, "alice", out)
    key, value = damage.split(": ")
    with sqlite3.connect(out) as db:
        db.execute("UPDATE settings SET value = json_set(value, ?, json(?)) WHERE key = ?",
                   (f"$.{key.strip(chr(34))}", value, PACKAGE))
    before = dump(study)
    with pytest.raises(InputError, match="alice.annot: the package's description is "
                                         "damaged"):
        handout.collect(study, [out])
    assert dump(study) == before


def test_a_package_says_which_codebook_version_it_was_made_under(study, tmp_path):
    out = tmp_path / "alice.annot"
    handout.pack(study, "alice", out)
    with open_project(out) as package:
        info = packages.package_info(package)
    assert info.codebook_version == 1  # the project's version when it was packed
    numbered = info.__class__.from_dict({**info.as_dict(), "codebook_version": 3}, "x")
    assert numbered.codebook_then(5) == (f"the package was made under codebook version 3 "
                                         f"({info.made[:10]}); the project is at version 5")
    unnumbered = info.__class__.from_dict({**info.as_dict(), "codebook_version": None}, "x")
    assert unnumbered.codebook_then(5) == f"the package was made ({info.made[:10]})"
