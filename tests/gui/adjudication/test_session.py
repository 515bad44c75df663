"""The reviewer's model without a window: a real project in tmp_path, the services, and
what the session holds after each Changes."""

from __future__ import annotations

import pytest

from annotator.core import adjudication as adj
from annotator.core.errors import InputError
from annotator.gui.adjudication.session import AdjudicationSession
from annotator.services import adjudicate, annotate
from annotator.services import adjudication_view as reading
from annotator.services.changes import Changes
from tests.gui.adjudication.adjudication_seed import D0, D1, LL, WC


@pytest.fixture
def reads(monkeypatch):
    """Which reads the session makes (the real ones, counted)."""
    got: list[tuple[str, object]] = []
    for name in ("open_adjudication", "reviewed", "summaries"):
        real = getattr(reading, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            got.append((_name, args[2] if len(args) > 2 else kwargs.get("doc_ids")))
            return _real(*args, **kwargs)
        monkeypatch.setattr(reading, name, counted)
    return got


@pytest.fixture
def session(qapp, review_project):
    s = AdjudicationSession(review_project, "dana")
    s.show(s.read(D0))
    s.read_summaries()
    return s


def key_of(session, phrase, label):
    start = session.adjudication.document.text.index(phrase)
    return (start, start + len(phrase), label)


def test_only_a_reviewer_has_one(qapp, review_project):
    with pytest.raises(InputError, match="not a reviewer"):
        AdjudicationSession(review_project, "alice")


def test_a_decision_updates_from_its_changes_without_reading_the_document(session, reads):
    shown = []
    session.document_changed.connect(lambda: shown.append(session.adjudication))
    changed = []
    session.changed.connect(changed.append)
    key = key_of(session, "re-election", WC)
    open_before = session.summaries[D0].open

    changes = session.decide(adjudicate.accept, D0, key)

    assert changes and changed == [changes] and len(shown) == 1
    assert session.adjudication.row(key).state == adj.ACCEPTED
    assert [g.key for g in session.adjudication.gold] == [key]
    # its gold and decisions were read, not its spans, and not the summaries again
    assert [name for name, _ in reads] == ["reviewed"]
    assert session.summaries[D0].open == open_before - 1
    assert session.undo_texts[0] == changes.description
    # what it holds is what the whole document reads as now
    assert session.adjudication == reading.open_adjudication(session.project, "dana", D0)


def test_an_annotators_change_reads_the_shown_document_whole(session, reads):
    start = session.adjudication.document.text.index("increased anxiety")
    changes = annotate.add_span(session.project, "carol", D0, start, start + 9, LL)
    candidates = session.summaries[D0].candidates
    session.apply(changes)
    # the summary in the list is the one the document read made
    assert [name for name, _ in reads] == ["open_adjudication"]
    assert session.adjudication.row((start, start + 9, LL)).candidate.annotators == ("carol",)
    assert session.summaries[D0].candidates == candidates + 1


def test_changes_elsewhere_leave_the_shown_document_alone(session, reads):
    text = reading.open_adjudication(session.project, "dana", D1).document.text
    key = (text.index("sham election"), text.index("sham election") + 13, WC)
    before = session.adjudication
    reads.clear()
    session.apply(adjudicate.accept(session.project, "dana", D1, key))
    assert session.adjudication is before
    assert reads == [("summaries", [D1])]
    assert session.summaries[D1].open == reading.summaries(session.project, "dana",
                                                           [D1])[D1].open


def test_another_process_naming_nothing_reads_everything(session, reads):
    session.apply(Changes(tables=frozenset({"gold_spans"}), complete=False))
    assert [name for name, _ in reads] == ["open_adjudication", "summaries"]


def test_a_refusal_is_a_message_and_changes_nothing(session, reads):
    said = []
    session.message.connect(lambda text, error: said.append((text, error)))
    assert session.decide(adjudicate.accept, D0, (0, 1, WC)) is None
    assert said and said[0][1] is True and "no candidate" in said[0][0]
    assert reads == [] and session.undo_texts == (None, None)


def test_undo_of_a_corpus_run_updates_every_summary(session):
    run = session.auto(adj.UNANIMOUS)
    session.finish_run(run)
    assert session.summaries[D0].gold == 3 and session.summaries[D1].gold == 2
    assert session.adjudication.summary.gold == 3
    said = []
    session.message.connect(lambda text, error: said.append(text))
    session.undo()
    assert all(s.gold == 0 for s in session.summaries.values())
    assert session.adjudication.gold == ()
    session.undo()
    assert said[-1] == "Nothing to undo." and session.undo_texts[0] is None
