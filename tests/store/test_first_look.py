"""The start's first look (store.first_look): the same answers as the store's own reads,
taken only where that is safe, and a project seen through it opens its store as usual,
hearing what others wrote in between."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import ProjectError
from annotator.services import annotate, layer, packages, reading, suggestions, watching
from annotator.services.changes import SPANS, STATUSES
from annotator.services.importing import import_paths
from annotator.services.project import (
    SEEDS,
    ensure_writable,
    init_project,
    look_first,
    open_project,
)
from annotator.store.first_look import take
from annotator.store.revisions import REVISIONS

DOCS = ("000_d2e00c955d6db165", "001_32d5df32ea7c4246", "002_3c10f19e7635cd43")
PEOPLE = ("alice", "bob")
LABELS = ("Word choice", "Loaded language", "Economic", "Political")


@pytest.fixture
def sample(tmp_path):
    """A project file with the five sample articles (SQLite: the look reads files)."""
    project = init_project(tmp_path / "sample.db")
    import_paths(project, [SEEDS])
    for name in PEOPLE:
        annotate.add_annotator(project, name)
    yield project
    project.close()


def look_at(project, person: str | None, doc_id: str | None):
    return take(project.target, lambda _settings: person, lambda _summaries: doc_id)


def assert_as_the_store_reads(project, person: str, doc_id: str) -> None:
    look = look_at(project, person, doc_id)
    assert look is not None
    with project.store.read() as conn:
        assert look.codebook == project.codebook_in(conn)
    assert look.roles == dict(annotate.list_annotators(project))
    assert look.everyone == reading.documents(project, None)
    assert look.summaries == reading.documents(project, person)
    assert look.document == layer.read_document(project, doc_id, person)
    assert look.offered == suggestions.offered(project, doc_id, person)
    assert look.suggestions_on() == suggestions.enabled(project)
    assert look.journal_at == watching.position(project)
    assert look.person == person


work = st.lists(st.tuples(
    st.sampled_from(PEOPLE), st.sampled_from(DOCS), st.integers(0, 400), st.integers(1, 30),
    st.sampled_from(LABELS), st.sampled_from(("span", "note", "status", "doc label")),
    st.text(max_size=12)), max_size=8)


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(work=work, person=st.sampled_from(PEOPLE), doc_id=st.sampled_from(DOCS))
def test_the_first_look_reads_what_the_store_reads(sample, work, person, doc_id):
    for who, doc, start, length, label, what, text in work:
        if what == "span":
            attributes = {"polarity": "negative"} if label in LABELS[:2] else {}
            annotate.add_span(sample, who, doc, start, start + length, label, attributes,
                              note=text or None)
        elif what == "note":
            annotate.set_document_note(sample, who, doc, text)
        elif what == "status":
            annotate.set_status(sample, who, doc, "done" if start % 2 else "in_progress")
        else:
            annotate.set_doc_label(sample, who, doc, "tone",
                                   ("negative", "neutral", "positive")[start % 3])
    assert_as_the_store_reads(sample, person, doc_id)


def test_someone_who_has_done_nothing_yet_and_no_document(sample):
    look = look_at(sample, "nobody-yet", None)
    assert look.person is None and look.summaries is None and look.document is None
    assert look.documents("nobody-yet") is None  # left to the store, which says why
    assert look.everyone == reading.documents(sample, None)


def test_a_project_seen_through_its_look_answers_from_it_until_its_store_is_opened(sample):
    target = sample.target
    sample.close()
    project = look_first(target, lambda _settings: "alice", lambda summaries: DOCS[1])
    try:
        assert not project.attached
        assert project.first_look.document.document.id == DOCS[1]
        assert layer.read_document(project, DOCS[1], "alice") is project.look.document
        assert not project.attached
        assert packages.package_info(project) is None
        assert not project.attached
        layer.read_document(project, DOCS[2], "alice")  # not in the look: the store opens
        assert project.attached and project.first_look is None
    finally:
        project.close()


def test_a_write_opens_the_store_first(sample):
    target = sample.target
    sample.close()
    project = look_first(target, lambda _settings: "alice", lambda summaries: DOCS[0])
    try:
        annotate.add_span(project, "alice", DOCS[0], 0, 5, "Economic")
        assert project.attached
        assert len(layer.read_document(project, DOCS[0], "alice").layer) == 1
    finally:
        project.close()


def test_what_another_writer_commits_between_the_look_and_the_store_is_heard(sample):
    """The window's state is the look's; Live watches from the look's journal position,
    so a write by another process (another Store) in between reaches it."""
    target = sample.target
    look = look_first(target, lambda _settings: "alice", lambda summaries: DOCS[0])
    annotate.add_span(sample, "alice", DOCS[0], 0, 5, "Economic")  # the other writer
    annotate.set_status(sample, "alice", DOCS[1], "done")
    try:
        look.attach()
        watch = watching.Watch(look, "alice", look.look.journal_at)
        heard = watch.poll()
        assert heard.touches(SPANS, DOCS[0]) and heard.touches(STATUSES, DOCS[1])
        assert not watch.poll()  # heard once
        watch.close()
    finally:
        look.close()


# ---------------------------------------------------------------- where it is not taken


def test_no_look_at_a_server_url_or_a_missing_or_empty_file(tmp_path):
    assert look_at_target("postgresql://someone@localhost/project") is None
    assert look_at_target(str(tmp_path / "missing.db")) is None
    (tmp_path / "empty.db").write_bytes(b"")
    assert look_at_target(str(tmp_path / "empty.db")) is None
    (tmp_path / "thesis.docx").write_bytes(b"PK\x03\x04 not a database")
    assert look_at_target(str(tmp_path / "thesis.docx")) is None


def look_at_target(target: str):
    return take(target, lambda _settings: None, lambda _summaries: None)


def test_no_look_at_a_project_whose_schema_is_not_the_heads(tmp_path):
    """The usual way upgrades it (after a backup), which the look never does."""
    from tests.store.old_schema import at_revision

    target = str(tmp_path / "old.db")
    at_revision(target, REVISIONS[-2], ())
    assert look_at_target(target) is None


def test_no_look_at_a_project_another_program_keeps_locked(sample):
    target = sample.target
    other = sqlite3.connect(target, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        assert look_at_target(target) is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert look_at_target(target) is not None


def test_no_look_on_a_full_disk(sample, monkeypatch):
    from annotator.store import first_look

    monkeypatch.setattr(first_look, "free_space", lambda path: 1000)
    assert look_at_target(sample.target) is None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write to any file")
@pytest.mark.parametrize("folder_mode, refusal", [
    (0o555, r"its folder .* is read-only"), (0o755, "is read-only here")])
def test_no_look_at_a_read_only_project(sample, folder_mode, refusal):
    """A read-only project starts the usual way, which refuses it in words."""
    path = Path(sample.target)
    sample.close()
    path.chmod(0o444)
    path.parent.chmod(folder_mode)
    try:
        assert look_at_target(str(path)) is None
        with pytest.raises(ProjectError, match=refusal):
            ensure_writable(open_project(path))
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)


def test_a_store_that_cannot_be_written_when_first_used_is_refused_in_words(sample):
    target = sample.target
    sample.close()
    project = look_first(target, lambda _settings: "alice", lambda summaries: DOCS[0])
    other = sqlite3.connect(target, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ProjectError, match="is locked by another program"):
            project.attach()
        assert not project.attached
    finally:
        other.execute("ROLLBACK")
        other.close()
        project.close()
