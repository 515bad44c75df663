"""Import through services.importing, on both backends: what it reports (the summary and
the Changes the open views update from), all or nothing, and checks made inside the
writing transaction against the project as it is then."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services.changes import ANNOTATORS, CODEBOOK, DOCUMENTS, SPANS, STATUSES
from annotator.services.exporting import load_corpus
from annotator.services.importing import import_paths
from annotator.services.progress import Cancelled
from annotator.services.project import init_project, open_project

TEXT = "The sham election gave Putin a fifth term."


def span(who="alice", start=4, end=17, label="Word choice", **extra):
    return {"annotator": who, "start": start, "end": end, "label": label, **extra}


def test_an_import_reports_its_changes(project, write_jsonl):
    summary = import_paths(project, [write_jsonl(
        {"id": "d1", "text": TEXT, "annotations": [span(), span("bob")],
         "status": {"alice": "done"}},
        {"id": "d2", "text": "Another text."})], actor="carol")
    assert summary.added["documents"] == 2 and summary.added["spans"] == 2
    assert summary.describe().startswith("Read 2 documents from 1 file; added 2 new documents")
    changes = summary.changes
    assert changes.tables >= {DOCUMENTS, SPANS, STATUSES, ANNOTATORS}
    assert changes.documents == {"d1", "d2"} and changes.annotators == {"alice", "bob"}
    # bulk inserts do not list span ids: a view showing d1 re-reads it
    assert not changes.complete and changes.span_ids == ()
    again = import_paths(project, [write_jsonl({"id": "d1", "text": TEXT,
                                                "annotations": [span()]})])
    assert not again.changes and not any(again.added.values())
    assert "Nothing new" in again.describe()


def test_merging_into_a_stored_document_names_only_it(project, write_jsonl):
    import_paths(project, [write_jsonl({"id": "d1", "text": TEXT}, {"id": "d2", "text": "x"})])
    summary = import_paths(project, [write_jsonl(
        {"id": "d1", "text": TEXT, "annotations": [span("bob", 23, 28, "Political")]})])
    assert summary.changes.documents == {"d1"} and DOCUMENTS not in summary.changes.tables


def test_a_refused_file_writes_nothing(project, write_jsonl):
    good = write_jsonl({"id": "d1", "text": TEXT, "annotations": [span()]})
    bad = write_jsonl({"id": "d2", "text": TEXT, "annotations": [span(end=999)]})
    with pytest.raises(InputError, match="out of range"):
        import_paths(project, [good, bad])
    assert load_corpus(project).documents == ()


def test_a_cancelled_import_writes_nothing(project, write_jsonl):
    def cancel(done, total, message):
        if message.startswith("Storing"):
            raise Cancelled

    with pytest.raises(Cancelled):
        import_paths(project, [write_jsonl({"id": "d1", "text": TEXT})], progress=cancel)
    assert load_corpus(project).documents == ()


def test_a_known_id_with_another_text_is_refused(project, write_jsonl):
    import_paths(project, [write_jsonl({"id": "d1", "text": TEXT})])
    path = write_jsonl({"id": "d1", "text": TEXT + " Edited.", "annotations": [span()]})
    with pytest.raises(InputError, match="different text") as got:
        import_paths(project, [path])
    assert got.value.file == str(path) and got.value.line == 1
    a, b = write_jsonl({"id": "d9", "text": "one"}), write_jsonl({"id": "d9", "text": "two"})
    with pytest.raises(InputError, match="was read from"):
        import_paths(project, [a, b])


def _attribute_file(write_jsonl, name):
    codebook = {"name": "c", "labels": [{"name": "Word choice"}],
                "attributes": [{"name": name, "values": ["a", "b"]}]}
    return write_jsonl({"codebook": codebook},
                       {"id": f"doc-{name}", "text": TEXT,
                        "annotations": [span(attributes={name: "a"})]})


def test_add_labels_from_two_windows_merge_into_the_codebook(project, write_jsonl):
    """Two processes that read the codebook before either imports: the second import used
    to write its stale copy back over the first one's addition."""
    other = open_project(project.target)
    try:
        assert project.codebook.labels and other.codebook.labels  # both cached, stale soon
        first = import_paths(project, [_attribute_file(write_jsonl, "certainty")],
                             add_labels=True)
        assert CODEBOOK in first.changes.tables
        import_paths(other, [_attribute_file(write_jsonl, "register")], add_labels=True)
    finally:
        other.close()
    project.forget_codebook()
    names = [a.name for a in project.codebook.attributes]
    assert "certainty" in names and "register" in names
    assert {a for r in load_corpus(project).documents for s in r.annotations
            for a in s.attributes} == {"certainty", "register"}


def test_an_unknown_label_needs_add_labels(project, write_jsonl):
    path = write_jsonl({"id": "d1", "text": TEXT, "annotations": [span(label="Spin")]})
    with pytest.raises(InputError, match="Spin"):
        import_paths(project, [path])
    summary = import_paths(project, [path], add_labels=True)
    assert summary.labels_added == ("label 'Spin'",)
    assert project.codebook.label("Spin") is not None


def test_a_status_only_moves_forward(project, write_jsonl):
    def imported(**status):
        return import_paths(project, [write_jsonl(
            {"id": "d1", "text": TEXT, "status": status},
            {"id": "d2", "text": "x", "status": {"bob": "in_progress"}})])

    def statuses():
        return {r.id: dict(r.status) for r in load_corpus(project).documents}

    imported(alice="in_progress", bob="in_progress")
    summary = imported(alice="done", bob="in_progress")
    assert statuses() == {"d1": {"alice": "done", "bob": "in_progress"},
                          "d2": {"bob": "in_progress"}}
    assert summary.changes.documents == {"d1"} and STATUSES in summary.changes.tables
    again = imported(alice="in_progress", bob="in_progress")
    assert statuses()["d1"] == {"alice": "done", "bob": "in_progress"}
    assert not again.changes


def _indexes(project) -> list[tuple[str, str]]:
    with project.store.read() as conn:
        return sorted(conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'").all())


@pytest.mark.parametrize("cancelled", [False, True])
def test_an_import_into_empty_tables_leaves_their_indexes_as_they_were(tmp_path, write_jsonl,
                                                                        cancelled):
    """The spans' label index is made after the rows (bulk_indexes): after the import, or
    its cancel at the end, the project has the same indexes, and queries use it."""
    project = init_project(tmp_path / "p.db")
    before = _indexes(project)
    assert "ix_spans_label" in dict(before)

    def cancel_when_stored(done, total, message):
        if cancelled and message == "Done":
            raise Cancelled

    lines = [{"id": f"d{i}", "text": TEXT, "annotations": [span(), span("bob")],
              "gold": [{"decided_by": "rev", "start": 4, "end": 17, "label": "Word choice"}]}
             for i in range(3)]
    try:
        import_paths(project, [write_jsonl(*lines)], progress=cancel_when_stored)
    except Cancelled:
        assert cancelled
    assert _indexes(project) == before
    with project.store.read() as conn:
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN SELECT count(*) FROM spans "
                                    "WHERE label_id = 3").all()
        assert "ix_spans_label" in str(plan)
        stored = conn.exec_driver_sql("SELECT count(*) FROM spans").scalar()
    assert stored == (0 if cancelled else 6)
    project.close()
