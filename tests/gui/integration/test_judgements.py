"""An annotator sees how the reviewer judged their own spans, in the span list's Review
column and the document header, once they marked the document done; never anyone else's
spans, and nothing is read while they are still working on a document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from annotator.services import adjudicate, layer
from annotator.services import adjudication_view as verdict_reads
from tests.gui.adjudication.adjudication_seed import D0, D4, LL, WC

CTRL = Qt.KeyboardModifier.ControlModifier
REVIEW = 3  # the span list's Review column


def key_of(project, doc_id, phrase, label):
    text = layer.read_document(project, doc_id, None).document.text
    start = text.index(phrase)
    return (start, start + len(phrase), label)


@pytest.fixture
def judged_project(review_project):
    """dana's decisions on D0 (which alice marked done) and on D4 (which she has not)."""
    p = review_project
    adjudicate.accept(p, "dana", D0, key_of(p, D0, "re-election", WC))
    adjudicate.reject(p, "dana", D0, key_of(p, D0, "unprecedented sanctions", LL))
    adjudicate.accept_with_edit(p, "dana", D0, key_of(p, D0, "crucial economic lifeline", LL),
                                attributes={"polarity": "neutral"})
    adjudicate.accept(p, "dana", D4, key_of(p, D4, "grand welcoming ceremony", LL))
    return p


@pytest.fixture
def judgement_reads(monkeypatch):
    calls = []
    real = verdict_reads.judgements

    def spy(project, annotator, doc_ids=None):
        calls.append((annotator, list(doc_ids or ())))
        return real(project, annotator, doc_ids)

    monkeypatch.setattr(verdict_reads, "judgements", spy)
    return calls


def review_column(window) -> dict[str, str]:
    """Covered text -> what the Review column says, for every row of the span list."""
    model = window.panel("spans").model
    full = Qt.ItemDataRole.ToolTipRole  # the cell itself may shorten the text
    return {model.index(r, 1).data(full): model.index(r, REVIEW).data()
            for r in range(model.rowCount())}


def header_line(window) -> str:
    doc = QTextDocument()
    doc.setHtml(window.header.review.text())
    return doc.toPlainText() if window.header.review.isVisibleTo(window) else ""


def settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.verdicts.busy(), timeout=5000)


def test_an_annotator_sees_the_verdicts_on_their_finished_document(
        qtbot, open_main, judged_project, judgement_reads):
    window = open_main(judged_project, "alice", doc=D0)
    settled(qtbot, window)
    assert judgement_reads == [("alice", [D0])]
    assert review_column(window) == {
        "according to the Interfax news agency": "… pending",
        "re-election": "✓ accepted",
        "increased anxiety": "… pending",
        "China has emerged as a crucial economic lifeline for Russia since the West imposed "
        "unprecedented sanctions over Moscow's military offensive in Ukraine.": "… pending",
        "crucial economic lifeline": "✎ changed",
        "unprecedented sanctions": "✗ rejected",
    }
    spans = window.panel("spans")
    assert not spans.view.isColumnHidden(REVIEW)
    assert header_line(window) == ("Adjudicated: 1 accepted, 1 changed, 1 rejected "
                                   "· 3 not decided yet")
    # why "changed": what the gold standard holds instead
    model = spans.model
    row = next(r for r in range(model.rowCount())
               if model.index(r, 1).data() == "crucial economic lifeline")
    tip = model.index(row, REVIEW).data(Qt.ItemDataRole.ToolTipRole)
    assert "Changed by dana" in tip and "Polarity: neutral" in tip
    # filtering by verdict works like any other column
    spans.filter.setText("rejected")
    assert spans.proxy.rowCount() == 1


def test_only_their_own_spans_are_judged(qtbot, open_main, judged_project):
    window = open_main(judged_project, "bob", doc=D0)
    settled(qtbot, window)
    own = {s.id for s in layer.read_document(judged_project, D0, "bob").layer.spans()}
    assert set(window.verdicts.by_span) == own
    assert set(review_column(window)) == {
        "according to the Interfax news agency", "re-election", "crucial economic lifeline",
        "China has emerged as a crucial economic lifeline for Russia since the West imposed "
        "unprecedented sanctions over Moscow's military offensive in Ukraine.",
        "military offensive", "increased anxiety"}
    # alice's rejected span is not shown to bob, nor counted for him
    assert "unprecedented sanctions" not in review_column(window)
    assert header_line(window) == "Adjudicated: 1 accepted, 1 changed · 4 not decided yet"


def test_nothing_before_the_document_is_done(qtbot, open_main, judged_project,
                                             judgement_reads):
    window = open_main(judged_project, "alice", doc=D4)
    settled(qtbot, window)
    # D4 is still being annotated: the reviewer's decision there stays out of sight
    assert judgement_reads == [] and window.verdicts.by_span == {}
    assert window.panel("spans").view.isColumnHidden(REVIEW)
    assert header_line(window) == ""
    assert set(review_column(window).values()) == {None}
    # Ctrl+D marks it done: now the verdicts come
    qtbot.keyClick(window.text_view, Qt.Key.Key_D, CTRL)
    settled(qtbot, window)
    assert window.session.doc.status == "done"
    assert review_column(window) == {"grand welcoming ceremony": "✓ accepted",
                                     "enduring bond": "… pending"}
    assert header_line(window) == "Adjudicated: 1 accepted · 1 not decided yet"
    # reopened for more work: hidden again, without another read
    qtbot.keyClick(window.text_view, Qt.Key.Key_D, CTRL)
    settled(qtbot, window)
    assert window.panel("spans").view.isColumnHidden(REVIEW)
    assert header_line(window) == ""
    assert judgement_reads == [("alice", [D4])]


def test_a_document_nobody_reviewed_shows_no_review(qtbot, open_main, review_project):
    window = open_main(review_project, "alice", doc=D0)  # done, but no decision yet
    settled(qtbot, window)
    assert window.panel("spans").view.isColumnHidden(REVIEW)
    assert header_line(window) == ""
