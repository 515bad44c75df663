"""The workbench's model without a window: a Session over a real project file labels,
undoes and redoes through the services, keeps the document list's summaries, and follows
Changes made elsewhere. Only a QApplication (pytest-qt's qapp) is needed: it is a QObject."""

from __future__ import annotations

import pytest

from annotator.core.model import DONE, IN_PROGRESS
from annotator.gui.session import Identity, Session
from annotator.services import annotate, layer
from annotator.services.importing import import_paths

SAMPLE = "002_3c10f19e7635cd43"  # "Xi Offers Putin Political Relief With China State Visit"
OTHER = "000_d2e00c955d6db165"


def u16(text: str, start: int, end: int) -> tuple[int, int]:
    """Qt's UTF-16 positions of a code point range, computed independently."""
    return (len(text[:start].encode("utf-16-le")) // 2,
            len(text[:end].encode("utf-16-le")) // 2)


def select(session: Session, phrase: str) -> tuple[int, int]:
    start = session.doc.text.index(phrase)
    return u16(session.doc.text, start, start + len(phrase))


def stored(project, doc_id: str, annotator: str = "alice") -> set[tuple[int, int, str]]:
    spans = layer.read_document(project, doc_id, annotator).layer.spans()
    return {(s.start, s.end, s.label) for s in spans}


def record(signal) -> list:
    """What the signal carried, each time (the session emits synchronously)."""
    got: list = []
    signal.connect(lambda *args: got.append(args))
    return got


def summary(session: Session, doc_id: str):
    return next(s for s in session.summaries if s.id == doc_id)


@pytest.fixture
def session(qapp, seeded_project):
    session = Session(seeded_project, Identity("alice"))
    assert session.open(SAMPLE)
    return session


def test_labelling_stores_the_span_and_updates_the_open_document(session):
    text = session.doc.text
    start = text.index("Political Relief")
    got = record(session.spans_changed)
    span_id = session.label_selection(*select(session, "Political Relief"), "Loaded language")
    assert span_id is not None
    assert stored(session.project, SAMPLE) == {(start, start + 16, "Loaded language")}
    item = session.doc.index.by_id[span_id]
    assert (item.start, item.end, item.label) == (start, start + 16, "Loaded language")
    assert [d.ops for (d,) in got] == [[("insert", 0)]] and got[0][0].ids == {span_id}
    assert session.selected == span_id


def test_a_selection_grows_to_whole_words_unless_snapping_is_off(session):
    text = session.doc.text
    start = text.index("Political Relief")
    s16, e16 = select(session, "Political Relief")
    session.label_selection(s16 + 2, e16 - 2, "Loaded language")  # "litical Reli"
    session.set_snap(False)
    session.label_selection(s16 + 2, e16 - 2, "Word choice")
    assert stored(session.project, SAMPLE) == {(start, start + 16, "Loaded language"),
                                               (start + 2, start + 14, "Word choice")}


def test_labelling_twice_or_white_space_adds_nothing(session):
    first = session.label_selection(*select(session, "Political Relief"), "Loaded language")
    session.select(None)
    said = record(session.message)
    assert session.label_selection(*select(session, "Political Relief"), "Loaded language") \
        is None
    assert "Already labelled" in said[-1][0]
    assert session.selected == first  # the span that is there
    blank = session.doc.text.index(" ")
    assert session.label_selection(*u16(session.doc.text, blank, blank + 1),
                                   "Loaded language") is None
    assert "Select some text" in said[-1][0]
    assert len(stored(session.project, SAMPLE)) == 1


def test_offsets_after_a_character_outside_the_bmp(qapp, project, write_jsonl):
    text = "\U0001F600 Sham election in \U0001F1F7\U0001F1FA today."
    import_paths(project, [write_jsonl({"id": "emoji", "text": text})])
    session = Session(project, Identity("alice"))
    assert session.open("emoji")
    session.set_snap(False)
    start = text.index("Sham election")
    session.label_selection(*u16(text, start, start + 13), "Loaded language")
    flag = text.index("\U0001F1F7")
    s16, e16 = u16(text, flag, flag + 2)
    session.label_selection(s16, e16 - 1, "Word choice")  # an end inside a surrogate pair
    assert stored(project, "emoji") == {(start, start + 13, "Loaded language"),
                                        (flag, flag + 2, "Word choice")}


def test_undo_and_redo_go_through_the_database_log(session):
    span_id = session.label_selection(*select(session, "Political Relief"), "Loaded language")
    session.relabel(span_id, "Word choice")
    assert session.undo_redo_texts()[0] is not None
    session.undo()
    assert {s.label for s in session.doc.index.by_id.values()} == {"Loaded language"}
    session.undo()
    assert session.doc.index.by_id == {} and stored(session.project, SAMPLE) == set()
    assert session.selected is None
    said = record(session.message)
    session.undo()
    assert said == [("Nothing to undo.",)]
    session.redo()
    session.redo()
    assert {s.label for s in session.doc.index.by_id.values()} == {"Word choice"}
    assert {label for *_, label in stored(session.project, SAMPLE)} == {"Word choice"}
    assert session.undo_redo_texts()[1] is None


def test_undoing_an_action_on_another_document_opens_it(session):
    session.label_selection(*select(session, "Political Relief"), "Loaded language")
    assert session.open(OTHER)
    session.undo()
    assert session.doc.id == SAMPLE
    assert session.doc.index.by_id == {}


def test_summaries_follow_status_and_skip_done_documents(session):
    assert summary(session, SAMPLE).status is None
    session.set_status(DONE)
    assert session.doc.status == DONE and summary(session, SAMPLE).status == DONE
    ids = [s.id for s in session.summaries]
    for doc_id in ids:
        if doc_id != SAMPLE:
            assert session.open(doc_id)
            session.toggle_done()
    assert all(s.status == DONE for s in session.summaries)
    said = record(session.message)
    session.go(1, not_done=True)
    assert said == [("Every document is done.",)]
    assert session.open(SAMPLE)
    session.toggle_done()
    assert summary(session, SAMPLE).status == IN_PROGRESS
    assert session.open(ids[-1])
    assert session.neighbour(1, not_done=True) == SAMPLE  # wraps round
    assert session.neighbour(1) is None


def test_changes_made_elsewhere_update_the_open_document(session):
    text = session.doc.text
    start = text.index("Political Relief")
    changes = annotate.add_span(session.project, "alice", SAMPLE, start, start + 9,
                                "Loaded language")
    assert session.doc.index.by_id == {}  # not yet told
    changed, deltas = record(session.changed), record(session.spans_changed)
    session.absorb(changes)
    assert changed == [(changes,)] and len(deltas) == 1
    assert [(s.start, s.end) for s in session.doc.index.by_id.values()] == \
        [(start, start + 9)]
    other = annotate.add_span(session.project, "alice", OTHER, 0, 5, "Loaded language")
    session.absorb(other)  # another document's row in the list is read again
    assert summary(session, OTHER).spans == 1
    state = annotate.set_status(session.project, "alice", SAMPLE, DONE)
    states = record(session.document_state_changed)
    session.absorb(state)
    assert states and session.doc.status == DONE


def test_another_annotators_changes_stay_hidden(session):
    annotate.add_annotator(session.project, "bob")
    changes = annotate.add_span(session.project, "bob", SAMPLE, 0, 5, "Loaded language")
    changed, deltas = record(session.changed), record(session.spans_changed)
    session.absorb(changes)
    assert changed == [(changes,)]
    assert session.doc.index.by_id == {} and all(not d.ids for (d,) in deltas)
    assert summary(session, SAMPLE).spans == 0
