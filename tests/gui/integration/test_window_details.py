"""What the main window shows and says: a reviewer's key pressed by an annotator, closing
the agreement window from the keyboard, the document list's columns, the codebook's
names as words, and an interval that cannot mean anything."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFormLayout, QMessageBox

from annotator.gui.agreement import AgreementView
from annotator.gui.document_list import SOURCE, SPANS, TITLE, TITLE_MIN
from annotator.services import annotate
from annotator.services.importing import import_paths
from tests.gui.adjudication.adjudication_seed import D2
from tests.gui.integration.keys import CTRL_SHIFT, press

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def test_an_annotator_pressing_a_reviewers_key_is_told_why(qtbot, open_main, review_project):
    window = open_main(review_project, "alice", doc=D2)
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    assert not window.review.active
    said = window.statusBar().currentMessage()
    assert "Adjudicating (Ctrl+Shift+A) is for reviewers" in said
    press(qtbot, Qt.Key.Key_G, CTRL_SHIFT)
    assert window.agreement.frame is None
    assert "(Ctrl+Shift+G) is for reviewers" in window.statusBar().currentMessage()
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    # a reviewer's keys do what they say, once
    window.set_identity("dana", "reviewer")
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    assert window.review.active


def test_esc_and_ctrl_w_close_the_agreement_window(qtbot, open_main, review_project):
    window = open_main(review_project, "dana", "reviewer", doc=D2)
    for key, modifiers in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        window.actions_by_name["agreement"].trigger()  # Ctrl+Shift+G: tested elsewhere
        frame = window.agreement.frame
        qtbot.waitExposed(frame)
        # the window system activates it when it is ready to be
        qtbot.waitUntil(lambda f=frame: f.activateWindow() or f.isActiveWindow())
        press(qtbot, key, modifiers)
        assert not frame.isVisible()
    view = window.agreement.view
    job = view.job
    qtbot.waitUntil(lambda: job is None or not job.running, timeout=30_000)


def test_titles_have_room_and_counts_show_whole(qtbot, open_main, seeded_project,
                                                write_jsonl):
    words = [f"word{k}" for k in range(10_000)]
    offsets, at = [], 0
    for w in words:
        offsets.append((at, at + len(w)))
        at += len(w) + 1
    path = write_jsonl({"id": "dense", "title": "A long article with ten thousand spans",
                        "source": "Somewhere", "text": " ".join(words), "annotations": [
                            {"annotator": "alice", "start": s, "end": e,
                             "label": "Word choice"} for s, e in offsets]})
    import_paths(seeded_project, [path])
    window = open_main(seeded_project, "alice", doc="dense")
    listing = window.panel("documents")
    view, header = listing.view, listing.view.horizontalHeader()
    row = listing.model.row_of("dense")
    count = listing.model.index(row, SPANS)
    assert count.data() == "10,000"
    bold = listing.model.bold_font  # the open document's row is bold
    assert header.sectionSize(SPANS) > QFontMetrics(bold).horizontalAdvance("10,000")
    # the title keeps its room in the default layout: Source gives way
    assert header.sectionSize(TITLE) >= TITLE_MIN
    assert view.isColumnHidden(SOURCE)
    assert "Somewhere" in listing.model.index(row, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    # a wider list shows Source again
    window.resizeDocks([window.docks["documents"]], [700], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: not view.isColumnHidden(SOURCE))
    assert header.sectionSize(TITLE) >= TITLE_MIN


def test_the_codebooks_names_read_as_words(qtbot, open_main, review_project):
    window = open_main(review_project, "alice", doc=D2)
    session = window.session
    span = min(session.doc.index.by_id.values(), key=lambda s: s.start)
    session.update_span(span.id, attributes={"polarity": "negative",
                                             "neutral_alternative": "relief"})
    session.select(span.id)
    inspector = window.panel("inspector")
    form = inspector.editors["neutral_alternative"].parentWidget().findChild(QFormLayout)
    assert form.labelForField(inspector.editors["neutral_alternative"]).text() == \
        "Neutral alternative"
    spans = window.panel("spans")
    shown = spans.model.index(session.doc.index.row_of(span.id), 2).data()
    assert shown == "Neutral alternative: relief; Polarity: negative"
    assert "Primary frame" in window.panel("guidelines").toPlainText()
    assert "primary_frame" not in window.panel("guidelines").toPlainText()
    tip = window.text_view.tooltip_html(session.doc.index.u16.to_utf16(span.start))
    assert "Neutral alternative: relief" in tip and "neutral_alternative" not in tip


def test_an_interval_from_one_document_says_so(qtbot, open_main, seeded_project):
    from annotator.services.reading import documents

    doc = documents(seeded_project, None)[0].id
    for name, spans in (("alice", [(0, 5, "Word choice")]),
                        ("bob", [(0, 5, "Word choice"), (20, 30, "Economic")])):
        for start, end, label in spans:
            annotate.add_span(seeded_project, name, doc, start, end, label)
    annotate.add_annotator(seeded_project, "dana", "reviewer")
    window = open_main(seeded_project, "dana", "reviewer", doc=doc)
    press(qtbot, Qt.Key.Key_G, CTRL_SHIFT)
    view = window.agreement.frame.findChild(AgreementView)
    qtbot.waitUntil(lambda: view.report is not None, timeout=30_000)
    assert view.report.overall.krippendorff_alpha_ci95 is not None
    assert "one document only" in view.summary.ci.text()
    assert "cannot show how much alpha varies" in view.summary.ci.toolTip()
