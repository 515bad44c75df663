"""What an annotator does, through the services alone (no window), on both backends: each
call one transaction, the Changes it returns, undo and redo, the blind rules."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services import adjudicate as ad
from annotator.services import annotate as an
from annotator.services.changes import (
    DOC_LABELS,
    GOLD,
    NOTES,
    NOTHING,
    SPANS,
    STATUSES,
)
from annotator.services.layer import read_document

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"
WC, POL = "Word choice", "Political"


def spans(project, who, doc=D1):
    return [(s.start, s.end, s.label) for s in read_document(project, doc, who).layer.spans()]


def test_add_span_reports_what_changed(seeded_project):
    changes = an.add_span(seeded_project, "alice", D1, 0, 5, WC,
                          attributes={"polarity": "negative"})
    assert changes.tables >= {SPANS} and changes.documents == {D1}
    assert changes.annotators == {"alice"} and changes.complete
    [span] = read_document(seeded_project, D1, "alice").layer.spans()
    assert changes.span_ids == (span.id,) and span.attributes == {"polarity": "negative"}
    assert changes.description == "Add 'Word choice'"
    # the same span again changes nothing
    assert an.add_span(seeded_project, "alice", D1, 0, 5, WC) == NOTHING


@pytest.mark.parametrize("call, problem", [
    (lambda p: an.add_span(p, "alice", D1, 5, 3, WC), "out of range"),
    (lambda p: an.add_span(p, "alice", D1, 0, 10**6, WC), "out of range"),
    (lambda p: an.add_span(p, "alice", D1, 0, 5, "No such label"), "no label"),
    (lambda p: an.add_span(p, "alice", "nope", 0, 5, WC), "no document"),
    (lambda p: an.add_span(p, "", D1, 0, 5, WC), "say who you are"),
    (lambda p: an.add_span(p, "alice", D1, 0, 5, WC, concept="nothing"), "no concept"),
    (lambda p: an.set_status(p, "alice", D1, "finished"), "a status is one of"),
    (lambda p: an.set_doc_label(p, "alice", D1, "nope", "x"), "no document label"),
])
def test_refusals_write_nothing(seeded_project, call, problem):
    with pytest.raises(InputError, match=problem):
        call(seeded_project)
    assert spans(seeded_project, "alice") == []
    assert an.undo_redo_texts(seeded_project, "alice") == (None, None)


def test_label_every_occurrence_is_one_action(seeded_project):
    places = [an.Occurrence(D1, 0, 5), an.Occurrence(D2, 0, 5), an.Occurrence(D1, 0, 5)]
    changes = an.add_spans(seeded_project, "alice", POL, places)
    assert changes.documents == {D1, D2} and len(changes.span_ids) == 2
    assert changes.description == "Label 2 occurrences 'Political'"
    an.undo(seeded_project, "alice")
    assert spans(seeded_project, "alice") == [] and spans(seeded_project, "alice", D2) == []


def test_label_every_occurrence_reports_progress_and_cancelled_writes_nothing(seeded_project):
    from annotator.services.progress import Cancelled

    places = [an.Occurrence(D1, k, k + 3) for k in range(0, 30, 3)] + [an.Occurrence(D2, 0, 5)]
    reports = []

    def stop_at_the_end(done, total, message):
        reports.append((done, total))
        if message == "Saving…":
            raise Cancelled()

    with pytest.raises(Cancelled):
        an.add_spans(seeded_project, "alice", POL, places, progress=stop_at_the_end)
    assert reports == [(0, 11), (10, 11), (11, 11), (11, 11)]
    assert spans(seeded_project, "alice") == [] and spans(seeded_project, "alice", D2) == []
    assert an.undo_redo_texts(seeded_project, "alice") == (None, None)
    reports.clear()
    changes = an.add_spans(seeded_project, "alice", POL, places,
                           progress=lambda done, total, _m: reports.append((done, total)))
    assert len(changes.span_ids) == 11 and reports[-1] == (11, 11)


def test_label_every_occurrence_leaves_labelled_places_and_asks_in_bulk(seeded_project):
    """Hundreds of places cost the same few statements as one: the text's length, the
    label and the places already labelled are read once, the spans inserted together."""
    from sqlalchemy import event

    an.add_span(seeded_project, "alice", D1, 10, 13, POL)
    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    def label_all(places):
        statements.clear()
        event.listen(seeded_project.store.engine, "before_cursor_execute", count)
        try:
            return an.add_spans(seeded_project, "alice", POL, places)
        finally:
            event.remove(seeded_project.store.engine, "before_cursor_execute", count)

    one = label_all([an.Occurrence(D1, 0, 5)])
    few = len(statements)
    many = label_all([an.Occurrence(D1, k, k + 3) for k in range(10, 310)])
    assert len(statements) <= few + 2, statements[-20:]
    assert many.description == "Label 299 occurrences 'Political'"
    assert one.description == "Label 1 occurrences 'Political'"
    assert len(spans(seeded_project, "alice")) == 301
    an.undo(seeded_project, "alice")
    assert len(spans(seeded_project, "alice")) == 2


def test_update_and_delete_only_ones_own(seeded_project):
    an.add_span(seeded_project, "alice", D1, 0, 5, WC, attributes={"polarity": "negative"})
    [span] = read_document(seeded_project, D1, "alice").layer.spans()
    with pytest.raises(InputError, match="another annotator's"):
        an.update_span(seeded_project, "bob", span.id, end=9)
    with pytest.raises(InputError, match="another annotator's"):
        an.delete_span(seeded_project, "bob", span.id)
    changes = an.update_span(seeded_project, "alice", span.id, label=POL)
    assert changes.span_ids == (span.id,)
    [moved] = read_document(seeded_project, D1, "alice").layer.spans()
    # an attribute the new label does not carry is dropped, not kept invalid
    assert moved.label == POL and dict(moved.attributes) == {}
    assert an.update_span(seeded_project, "alice", span.id, label=POL) == NOTHING
    an.add_span(seeded_project, "alice", D1, 0, 5, WC)
    with pytest.raises(InputError, match="already have a span"):
        an.update_span(seeded_project, "alice", span.id, label=WC)
    changes = an.delete_span(seeded_project, "alice", span.id)
    assert changes.span_ids == (span.id,) and changes.tables >= {SPANS}
    assert spans(seeded_project, "alice") == [(0, 5, WC)]


def test_document_labels_status_and_note(seeded_project):
    p = seeded_project
    scheme = p.codebook.doc_labels[0]
    assert an.set_doc_label(p, "alice", D1, scheme.name, scheme.values[0]).tables >= {DOC_LABELS}
    assert an.set_status(p, "alice", D1, "done").tables >= {STATUSES}
    assert an.set_document_note(p, "alice", D1, "hard one").tables >= {NOTES}
    doc = read_document(p, D1, "alice")
    assert doc.status == "done" and doc.note == "hard one"
    assert [(d.name, d.value) for d in doc.doc_labels] == [(scheme.name, scheme.values[0])]
    # blind: bob sees none of it
    other = read_document(p, D1, "bob")
    assert other.status is None and other.note is None and other.doc_labels == ()
    an.set_doc_label(p, "alice", D1, scheme.name, None)
    an.set_document_note(p, "alice", D1, "")
    doc = read_document(p, D1, "alice")
    assert doc.doc_labels == () and doc.note is None


def test_the_undo_texts_read_no_changes(seeded_project):
    """Asked after each decision: a label of every occurrence's action holds 200 KB."""
    from sqlalchemy import event

    p = seeded_project
    an.add_spans(p, "alice", WC, [an.Occurrence(D1, k, k + 3) for k in range(0, 300, 4)])
    an.add_span(p, "alice", D1, 301, 305, POL)
    an.undo(p, "alice")
    statements = []

    def look(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(p.store.engine, "before_cursor_execute", look)
    try:
        texts = an.undo_redo_texts(p, "alice")
    finally:
        event.remove(p.store.engine, "before_cursor_execute", look)
    assert texts == ("Label 75 occurrences 'Word choice'", "Add 'Political'")
    assert statements and not any("changes" in s for s in statements)


def test_undo_and_redo_replay_in_order_and_survive_reopening(seeded_project, tmp_path):
    p = seeded_project
    an.add_span(p, "alice", D1, 0, 5, WC)
    an.add_span(p, "alice", D1, 6, 15, POL)
    assert an.undo_redo_texts(p, "alice") == ("Add 'Political'", None)
    changes = an.undo(p, "alice")
    assert changes.description == "Undo Add 'Political'" and changes.documents == {D1}
    assert spans(p, "alice") == [(0, 5, WC)]
    assert an.undo_redo_texts(p, "alice") == ("Add 'Word choice'", "Add 'Political'")
    assert an.redo(p, "alice").description == "Redo Add 'Political'"
    assert spans(p, "alice") == [(0, 5, WC), (6, 15, POL)]
    an.undo(p, "alice")
    an.add_span(p, "alice", D1, 20, 25, WC)  # a new action: the undone one is gone for good
    assert an.redo(p, "alice") == NOTHING
    assert an.undo(p, "nobody") == NOTHING


def test_each_annotator_undoes_only_their_own(seeded_project):
    p = seeded_project
    an.add_span(p, "alice", D1, 0, 5, WC)
    an.add_span(p, "bob", D1, 0, 5, WC)
    an.undo(p, "alice")
    assert spans(p, "alice") == [] and spans(p, "bob") == [(0, 5, WC)]


def test_a_reviewer_is_added_with_the_role(seeded_project):
    p = seeded_project
    an.add_annotator(p, "dana", role="reviewer")
    an.add_annotator(p, "alice")
    assert an.list_annotators(p) == [("alice", "annotator"), ("dana", "reviewer")]
    with pytest.raises(InputError, match="role"):
        an.add_annotator(p, "eve", role="boss")


def test_gold_changes_are_reported_as_gold(seeded_project):
    p = seeded_project
    for who in ("alice", "bob"):
        an.add_span(p, who, D1, 0, 5, WC)
    an.add_annotator(p, "dana", role="reviewer")
    changes = ad.accept(p, "dana", D1, (0, 5, WC))
    assert GOLD in changes.tables and SPANS not in changes.tables
    assert len(changes.gold_ids) == 1 and changes.span_ids == ()
