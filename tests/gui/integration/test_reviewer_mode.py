"""A reviewer adjudicates inside the main window: the Adjudicate mode, the document list's
disagreement counts, real key presses for decisions, Edit ▸ Undo, the list and the view
kept on one document; an annotator cannot get in."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox, QSplitter, QTableWidget

from annotator.core import adjudication as adj
from annotator.gui.adjudication import AdjudicationView
from annotator.gui.document_list import DOC_ID, REVIEW_COLUMNS, SPANS
from annotator.gui.highlighter import blocks_down
from annotator.gui.review_mode import DOCUMENTS_WIDTH
from annotator.services import adjudication_view as reading
from tests.gui.adjudication.adjudication_seed import D0, D1, D2, D3, D4, WC, shown
from tests.gui.integration.keys import CTRL, SHIFT, press
from tests.gui.integration.spies import Paints, documents_read

summaries = reading.summaries  # the tests' own reads, not counted by the spies
read_now = reading.open_adjudication


def hold_reads(monkeypatch, only: str | None = None) -> threading.Event:
    """The view's reads (of `only`, else of every document) wait until the test sets the
    event it gets back."""
    gate = threading.Event()
    real = reading.open_adjudication

    def held(project, reviewer, doc_id, *text):
        if only is None or doc_id == only:
            gate.wait(300)  # set by the test; the limit only keeps a broken run from hanging
        return real(project, reviewer, doc_id, *text)

    monkeypatch.setattr(reading, "open_adjudication", held)
    return gate


@pytest.fixture
def summary_reads(monkeypatch):
    """Which documents each summaries() call asked for (None: all of them)."""
    calls = []
    real = reading.summaries

    def spy(project, reviewer, doc_ids=None, known=None):
        calls.append(None if doc_ids is None else sorted(doc_ids))
        return real(project, reviewer, doc_ids, known)

    monkeypatch.setattr(reading, "summaries", spy)
    return calls


def row_cells(window, doc_id) -> list[str]:
    """What the document list shows for a document: mark, then U / M / D / open."""
    model = window.panel("documents").model
    row = model.row_of(doc_id)
    return [model.index(row, c).data() for c in (0, *REVIEW_COLUMNS)]


def expected_cells(project, doc_id) -> list[str]:
    s = summaries(project, "dana", [doc_id])[doc_id]
    mark = "✔" if s.adjudicated else ("◐" if s.open < s.candidates or s.gold else "")
    compared = [str(s.unanimous), str(s.majority), str(s.disputed)] if s.participants > 1 \
        else ["–"] * 3  # one annotator: nothing to compare, neither agreed nor disputed
    return [mark, *compared, str(s.open)]


def state(project, doc_id, key) -> str:
    return read_now(project, "dana", doc_id).row(key).state


def enter(qtbot, window):
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    review = window.review
    assert review.active and window.stack.currentWidget() is review.page
    qtbot.waitUntil(lambda: not review.busy() and review.summaries is not None)
    shown(qtbot, review.view, window.session.doc.id)
    return review.view


def label_in_workbench(window, phrase: str) -> int:
    """The reviewer's own span on the first occurrence of `phrase`; where it starts."""
    start = window.session.doc.text.index(phrase)
    window.text_view.select_range(start, start + len(phrase))
    window.text_view.apply_label(WC)
    return start


def in_view(view) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is view or view.isAncestorOf(focus))


# ---------------------------------------------------------------- the reviewer


def test_a_reviewer_adjudicates_from_the_main_window(qtbot, open_main, review_project,
                                                     summary_reads):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    action = window.actions_by_name["adjudicate"]
    assert action.isVisible() and action.isEnabled() and not action.isChecked()
    assert window.panel("documents").model.review is None  # nothing read before entering
    assert summary_reads == []

    view = enter(qtbot, window)
    assert action.isChecked() and isinstance(view, AdjudicationView)
    assert view.current_document() == D0 and in_view(view)
    assert view.documents.isHidden()  # the main document list drives it
    assert not window.docks["labels"].isVisible() and window.docks["documents"].isVisible()
    assert "Adjudicating as dana" in window.findChild(type(window._who),
                                                      "identity_label").text()
    # the list: every document's disagreement, read once for the whole corpus
    listing = window.panel("documents")
    assert summary_reads == [None]
    # the document on show is not read a second time for its counts: its summary is the
    # one the view made
    assert view.session.summaries[D0] is view.adjudication.summary
    assert row_cells(window, D0) == ["", "3", "3", "3", "9"]
    # one annotator: nothing to compare, so not "disputed"; the two wait for a decision
    assert row_cells(window, D4) == ["", "–", "–", "–", "2"]
    assert "nothing to compare" in listing.model.index(
        listing.model.row_of(D4), 1).data(Qt.ItemDataRole.ToolTipRole)
    for doc in (D1, D2, D3):
        assert row_cells(window, doc) == expected_cells(review_project, doc)
    assert listing.view.isColumnHidden(SPANS)
    assert not any(listing.view.isColumnHidden(c) for c in REVIEW_COLUMNS)
    assert listing.progress_text.text() == "0 of 5 adjudicated · 23 candidates open"

    # A on the shown window accepts the selected candidate; the count comes from the view,
    # which has just read D0 again, not from another read
    first = view.selected_row().key
    assert view.selected_row().state == adj.OPEN
    with qtbot.waitSignal(view.changed):
        press(qtbot, Qt.Key.Key_A)
    assert state(review_project, D0, first) == adj.ACCEPTED
    assert summary_reads == [None]
    assert row_cells(window, D0) == ["◐", "3", "3", "3", "8"]
    # one cache of summaries: the list shows the adjudication session's
    assert window.review.summaries is view.session.summaries
    assert view.session.summaries[D0].open == 8

    # Edit ▸ Undo (its text names the decision) takes it back
    edit = window.actions_by_name["undo"]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    menu.aboutToShow.emit()
    assert edit.text().startswith("&Undo Accept")
    edit.trigger()
    assert state(review_project, D0, first) == adj.OPEN
    assert row_cells(window, D0) == ["", "3", "3", "3", "9"]
    # and the real keys reach the window's Undo/Redo, not two bindings cancelling out
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert state(review_project, D0, first) == adj.ACCEPTED
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert state(review_project, D0, first) == adj.OPEN

    # U: accept all unanimous in the document; the counts follow
    assert in_view(view)
    press(qtbot, Qt.Key.Key_U)
    s = summaries(review_project, "dana", [D0])[D0]
    assert s.gold == 3 and s.open == 6
    assert row_cells(window, D0) == ["◐", "3", "3", "3", "6"]
    assert listing.progress_text.text() == "0 of 5 adjudicated · 20 candidates open"
    # Ctrl+Return finishes the document (the workbench's "done, then next" is hidden)
    assert not window.actions_by_name["done_next"].isVisible()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert row_cells(window, D0)[0] == "✔" and row_cells(window, D0)[-1] == "0"
    assert window.session.doc.id == D0
    assert summary_reads == [None]  # the corpus once, then what the view had made


def test_leaving_takes_the_views_last_line_off_the_status_bar(qtbot, open_main,
                                                              review_project):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    view = enter(qtbot, window)
    with qtbot.waitSignal(view.changed):
        press(qtbot, Qt.Key.Key_A)  # accepted: the status bar says so
    said = window.statusBar().currentMessage()
    assert said
    window.review.leave()
    assert window.statusBar().currentMessage() == ""
    # a line said since the view's stays
    view = enter(qtbot, window)
    view.message.emit("from the view")
    window.statusBar().showMessage("from elsewhere")
    window.review.leave()
    assert window.statusBar().currentMessage() == "from elsewhere"


def test_a_corpus_run_rereads_the_documents_it_touched(qtbot, open_main, review_project,
                                                      summary_reads):
    window = open_main(review_project, "dana", "reviewer", doc=D4)
    view = enter(qtbot, window)
    with qtbot.waitSignal(view.bulkFinished, timeout=10_000) as run:
        press(qtbot, Qt.Key.Key_U, SHIFT)
    touched = sorted(run.args[0].changes.documents)
    assert touched == [D0, D1, D2, D3]  # D4 has one annotator: left to the reviewer
    assert summary_reads == [None, touched]
    for doc in (D0, D1, D2, D3, D4):
        assert row_cells(window, doc) == expected_cells(review_project, doc)
    assert row_cells(window, D2)[-1] == "1" and row_cells(window, D3)[-1] == "2"
    assert view.current_document() == D4 == window.session.doc.id


def test_the_document_list_drives_the_view_and_follows_it(qtbot, open_main, review_project):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    view = enter(qtbot, window)
    listing = window.panel("documents")
    # a click on a row shows that document, ready for the keys
    index = listing.proxy.mapFromSource(listing.model.index(listing.model.row_of(D2), 1))
    qtbot.mouseClick(listing.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=listing.view.visualRect(index).center())
    assert index.data(DOC_ID) == D2
    shown(qtbot, view, D2)
    assert window.session.doc.id == D2 and in_view(view)
    # next document from the keyboard
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    shown(qtbot, view, D3)
    # a decision on D3, then Undo from D1: the view goes back to D3 and the list with it
    with qtbot.waitSignal(view.changed):
        press(qtbot, Qt.Key.Key_R)
    window.session.open(D1)
    shown(qtbot, view, D1)
    window.actions_by_name["undo"].trigger()
    shown(qtbot, view, D3)
    assert window.session.doc.id == D3
    selected = listing.view.selectionModel().currentIndex()
    assert selected.data(DOC_ID) == D3

    # back to annotating: the workbench, its panels and columns as they were
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    assert not window.review.active and window.stack.currentWidget() is window.workbench_page
    assert window.docks["labels"].isVisible() and window.docks["spans"].isVisible()
    assert listing.model.review is None and not listing.view.isColumnHidden(SPANS)
    assert all(listing.view.isColumnHidden(c) for c in REVIEW_COLUMNS)
    assert window.actions_by_name["done_next"].isVisible()
    assert window.text_view.hasFocus()


def test_the_views_read_starts_before_the_session_indexes_the_text(
        qtbot, open_main, review_project, monkeypatch):
    """Switching documents, the view's read (on a job's thread) and the session's own
    work on the text (its index, its views) overlap: the read is asked for first."""
    from annotator.gui import session as session_module

    window = open_main(review_project, "dana", "reviewer", doc=D0)
    view = enter(qtbot, window)
    seen = []
    real = session_module.OpenDocument

    def indexing(data):
        seen.append((data.document.id, view.wanted_document(), view.is_loading()))
        return real(data)

    monkeypatch.setattr(session_module, "OpenDocument", indexing)
    window.session.open(D2)
    assert seen == [(D2, D2, True)]
    shown(qtbot, view, D2)
    assert window.session.doc.id == D2 and view.current_document() == D2
    # the view took the session's index of the same text (one index, not two)
    assert view.gold_pane._index is window.session.doc.index
    # a document the session cannot open leaves the view where it is
    assert not window.session.open("no-such-document")
    assert view.wanted_document() == D2 and not view.is_loading()


def test_the_views_read_takes_the_text_the_session_has_just_read(
        qtbot, open_main, review_project, monkeypatch):
    """Entering and switching, the session has read the document's text a moment before:
    the view's read takes it rather than reading it again."""
    reads = []
    real = reading.open_adjudication

    def spy(project, reviewer, doc_id, text=None):
        reads.append((doc_id, text))
        return real(project, reviewer, doc_id, text)

    monkeypatch.setattr(reading, "open_adjudication", spy)
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    first = window.session.doc.document.text
    view = enter(qtbot, window)
    window.session.open(D2)
    shown(qtbot, view, D2)
    assert [doc for doc, _text in reads] == [D0, D2]
    assert reads[0][1] is first and reads[1][1] is window.session.doc.document.text
    assert view.adjudication == read_now(review_project, "dana", D2)


def test_the_gold_pane_fills_the_text_read_into_its_one_document(
        qtbot, open_main, review_project, monkeypatch):
    """Entering and switching, the gold pane shows what it showed while the view reads,
    then fills the text read into the document it has: no document of its own filled
    beside the read and put in place (that cost more CPU than it saved)."""
    gate = hold_reads(monkeypatch)
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    qtbot.waitUntil(lambda: window.review.view is not None)
    view = window.review.view
    pane = view.gold_pane
    document = pane.document()
    for doc in (D0, D2):
        if doc == D0:
            assert window.review.enter()
        else:
            window.session.open(doc)
        assert view.is_loading() and pane.text != window.session.doc.text
        assert pane.findChildren(QTextDocument) == [document]
        gate.set()
        shown(qtbot, view, doc)
        gate.clear()
        assert pane.document() is document and pane.text == window.session.doc.text
        assert document.toPlainText() == window.session.doc.index.display
    assert view.adjudication == read_now(review_project, "dana", D2)


class Resizes(QObject):
    """The widths a widget is resized from and to."""

    def __init__(self, widget):
        super().__init__()
        self.seen = []
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.seen.append((event.oldSize().width(), event.size().width()))
        return False


def laid_out_at_its_width(edit) -> bool:
    """No line of the edit's document runs past its edge: nothing to scroll sideways,
    and the lines on screen as wide as the viewport at most."""
    margin = edit.document().documentMargin()
    return edit.horizontalScrollBar().maximum() == 0 and all(
        block.layout().lineAt(i).naturalTextWidth() <= edit.viewport().width() - 2 * margin
        for block, _geo in blocks_down(edit, edit.viewport().height())
        for i in range(block.layout().lineCount()))


def test_entering_the_gold_pane_shows_at_its_width(qtbot, open_main, review_project):
    """Entering, first and again, the window is laid out for the view before its page
    shows: the gold pane is not resized once shown (its text laid out at each width,
    320, 385 and 356 px) and the workbench's hidden text view not at all; the pane
    is where it was in the text when entering again."""
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    qtbot.waitUntil(lambda: window.review.view is not None)
    pane = window.review.view.gold_pane
    for _ in range(2):
        resized, text_view_resized = Resizes(pane), Resizes(window.text_view)
        enter(qtbot, window)
        assert len(resized.seen) <= 1 and text_view_resized.seen == []
        assert laid_out_at_its_width(pane)
        top, value = pane.firstVisibleBlock().blockNumber(), pane.verticalScrollBar().value()
        window.review.leave()
    enter(qtbot, window)
    assert (pane.firstVisibleBlock().blockNumber(), pane.verticalScrollBar().value()) == (
        top, value)


def test_leaving_lays_the_workbench_out_before_its_page_shows(qtbot, open_main,
                                                              review_project):
    """Leaving, the workbench's docks come back before its page shows: shown first, its
    text view came at the view's width (722 px), then 496 as the docks came, then its
    own width again, its text on screen laid out at each."""
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    width = window.text_view.width()
    enter(qtbot, window)
    resized = Resizes(window.text_view)
    window.review.leave()
    assert resized.seen == [] and window.text_view.width() == width
    assert window.docks["labels"].isVisible()
    assert laid_out_at_its_width(window.text_view)


def test_a_document_shown_is_laid_out_before_it_paints(qtbot, open_main, review_project):
    """The counts' new texts relay out their boxes, and each box's splitter the next one
    up, one turn of the event loop a step: the window painted midway, then laid the
    view out again and painted it once more. The same after a decision."""
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    view = enter(qtbot, window)
    pane = view.gold_pane.viewport()
    events = []

    class Watch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.LayoutRequest:
                events.append("layout:" + type(watched).__name__)
            elif event.type() == QEvent.Type.Paint and watched is pane:
                events.append("paint")
            return False

    watch = Watch()
    watched = [*view.findChildren(QSplitter), view, pane]
    for widget in watched:
        widget.installEventFilter(watch)
    try:
        for act in (lambda: window.session.open(D2), view.actions.accept.trigger):
            events.clear()
            act()
            qtbot.waitUntil(lambda: not view.is_loading() and "paint" in events)
            for _ in range(10):
                QApplication.processEvents()
            after = events[events.index("paint"):]
            assert not any(e.startswith("layout") for e in after), events
    finally:
        for widget in watched:
            widget.removeEventFilter(watch)


def test_keys_act_only_on_the_document_shown(qtbot, open_main, review_project,
                                             monkeypatch):
    """A long document takes seconds to read: meanwhile the view says so and A decides
    nothing, neither on the old document still on screen nor on the new one unseen."""
    gate = hold_reads(monkeypatch, only=D2)
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    view = enter(qtbot, window)
    before = {d: summaries(review_project, "dana", [d])[d] for d in (D0, D2)}
    listing = window.panel("documents")
    index = listing.proxy.mapFromSource(listing.model.index(listing.model.row_of(D2), 1))
    qtbot.mouseClick(listing.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=listing.view.visualRect(index).center())
    assert window.session.doc.id == D2  # the list is on the new document
    assert view.is_loading() and view.current_document() == D0
    assert not view.actions.accept.isEnabled()  # at once
    # said (and greyed) only once the read has taken a while: saying it repainted the
    # whole view in the middle of a read that takes less
    assert "Loading" not in view.summary.text() and view.outer_split.isEnabled()
    qtbot.waitUntil(lambda: "Loading “Xi Offers Putin Political Relief" in view.summary.text())
    assert not view.actions.accept.isEnabled() and not view.outer_split.isEnabled()
    decided = []
    view.changed.connect(decided.append)
    for key in (Qt.Key.Key_A, Qt.Key.Key_R):
        qtbot.keyClick(view.table, key)
        press(qtbot, key)
    assert decided == []
    assert {d: summaries(review_project, "dana", [d])[d] for d in (D0, D2)} == before
    gate.set()
    shown(qtbot, view, D2)
    assert in_view(view) and view.actions.accept.isEnabled()
    key = view.selected_row().key
    with qtbot.waitSignal(view.changed):
        press(qtbot, Qt.Key.Key_A)
    assert state(review_project, D2, key) == adj.ACCEPTED
    assert summaries(review_project, "dana", [D0])[D0] == before[D0]


def test_coming_back_rereads_only_what_changed_meanwhile(qtbot, open_main, review_project,
                                                        summary_reads):
    window = open_main(review_project, "dana", "reviewer", doc=D1)
    view = enter(qtbot, window)
    window.review.leave()
    # the reviewer marks a span of their own in the workbench: D1 is read again, but a
    # reviewer never takes part (agreement.md counts annotators), so it still has three
    start = label_in_workbench(window, "sham election")
    window.review.enter()
    shown(qtbot, view, D1)
    assert summary_reads == [None, [D1]]
    assert summaries(review_project, "dana", [D1])[D1].participants == 3
    assert row_cells(window, D1) == expected_cells(review_project, D1)
    assert view.adjudication.participants == ("alice", "bob", "carol")
    assert view.adjudication.row((start, start + len("sham election"), WC)).candidate.votes == 3


def test_closing_the_window_during_a_corpus_run(qtbot, open_main, review_project):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    view = enter(qtbot, window)
    press(qtbot, Qt.Key.Key_M, SHIFT)
    assert view.is_busy()
    run = view.bulk
    window.close()  # cancels the run and waits for it: no thread outlives the window
    assert run.worker_done.is_set()
    qtbot.waitUntil(lambda: not view.is_busy())
    # one transaction: either the whole run is in or none of it
    gold = {d: summaries(review_project, "dana", [d])[d].gold for d in (D0, D1, D2, D3)}
    assert set(gold.values()) == {0} or all(gold.values())


def test_a_reviewers_view_is_built_once_the_window_has_painted_before_entering(
        qtbot, open_main, review_project, summary_reads):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    review = window.review
    qtbot.waitUntil(lambda: review.view is not None)  # built at idle, not on entering
    view = review.view
    assert not review.active and window.stack.currentWidget() is window.workbench_page
    assert summary_reads == [] and window.panel("documents").model.review is None
    assert enter(qtbot, window) is view  # the one built before
    assert view.current_document() == D0


def test_entering_gives_the_document_list_its_width_at_once(qtbot, open_main, review_project):
    """Not at the event loop's next turn: the window had painted once more by then (a
    whole paint of the view, with the table and the text)."""
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    qtbot.waitUntil(lambda: window.review.view is not None)
    documents = window.docks["documents"]
    window.resizeDocks([documents], [250], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert documents.width() != DOCUMENTS_WIDTH
    assert window.review.enter()
    assert documents.width() == DOCUMENTS_WIDTH
    assert [v for v, d in window.docks.items() if d.isVisible()] == ["documents"]


def test_entering_starts_the_views_read_before_laying_the_window_out(
        qtbot, open_main, review_project, monkeypatch):
    """The read runs on a job's thread: the window is laid out for the view (its page,
    the docks) while it runs, not before it starts."""
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    qtbot.waitUntil(lambda: window.review.view is not None)
    view = window.review.view
    seen = []
    real = view.show_document

    def reading_starts(doc_id, *title_text):
        seen.append((doc_id, window.stack.currentWidget() is window.workbench_page,
                     window.docks["labels"].isVisible()))
        return real(doc_id, *title_text)

    monkeypatch.setattr(view, "show_document", reading_starts)
    assert window.review.enter()
    assert seen == [(D0, True, True)]
    assert window.stack.currentWidget() is window.review.page
    shown(qtbot, view, D0)
    assert view.adjudication == read_now(review_project, "dana", D0)


def test_entering_paints_the_view_once_its_document_is_shown(
        qtbot, open_main, review_project, monkeypatch):
    """While the read runs the window goes on showing the workbench: painted then, the
    view stood empty (a whole paint of the window in the middle of the read); a read
    that takes long is said after a while, and leaving paints at once."""
    gate = hold_reads(monkeypatch)
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    review = window.review
    qtbot.waitUntil(lambda: review.view is not None)
    view = review.view
    table = Paints(view.table.viewport())
    try:
        assert review.enter() and view.is_loading()
        for _ in range(5):
            QApplication.processEvents()
        assert table.count == 0 and not window.updatesEnabled()
        gate.set()
        shown(qtbot, view, D0)
        assert window.updatesEnabled()
        qtbot.waitUntil(lambda: table.count > 0)
        gate.clear()
        review.leave()
        window.session.open(D1)
        assert review.enter() and view.is_loading()
        assert not window.updatesEnabled()
        # a long read: the window paints the view saying so
        qtbot.waitUntil(lambda: window.updatesEnabled() and not view.outer_split.isEnabled())
        assert view.is_loading()
        assert review.leave() and window.updatesEnabled()
        assert review.enter() and not window.updatesEnabled()
        assert review.leave() and window.updatesEnabled()
    finally:
        gate.set()
    shown(qtbot, view, D1)


def test_the_counts_are_read_once_the_document_shown_has_painted(
        qtbot, open_main, review_project, summary_reads):
    """The read of every document's summary runs beside the GUI in one interpreter: it
    would hold up the first paint of the document just shown, so it waits for the view
    to settle, which it does once its text has painted."""
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    review = window.review
    qtbot.waitUntil(lambda: review.view is not None)
    view = review.view
    pane = view.gold_pane.viewport()
    happened = []

    class Watch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and not view.is_loading():
                happened.append("painted")
            return False

    watch = Watch()
    pane.installEventFilter(watch)
    view.settled.connect(lambda: happened.append("settled"))  # and the read starts
    try:
        enter(qtbot, window)
    finally:
        pane.removeEventFilter(watch)
    assert happened.index("painted") < happened.index("settled")
    assert summary_reads == [None]  # read all the same, once painted


def test_a_window_closed_before_its_document_came_reads_no_counts(
        qtbot, open_main, review_project, summary_reads):
    """The counts wait for the document's read; the window closed meanwhile went on to
    read every document's summary once it came (in the next test, under load)."""
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    review = window.review
    qtbot.waitUntil(lambda: review.view is not None)
    view = review.view
    with qtbot.waitSignal(view.settled):
        assert review.enter() and view.is_loading()
        window.close()
    assert not review.busy()
    assert summary_reads == []


def test_an_annotator_who_becomes_a_reviewer_gets_the_view_built_then(
        qtbot, open_main, review_project):
    window = open_main(review_project, "alice", doc=D0)
    qtbot.waitUntil(lambda: window.review.painted)
    QApplication.processEvents()  # what it would have built at idle after that paint
    assert window.review.view is None and window.findChildren(AdjudicationView) == []
    window.set_identity("dana", "reviewer")
    qtbot.waitUntil(lambda: window.review.view is not None)
    window.set_identity("alice", "annotator")
    assert window.review.view is None


def test_switching_identity_leaves_the_mode(qtbot, open_main, review_project):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    enter(qtbot, window)
    window.set_identity("alice", "annotator")
    assert not window.review.active and window.review.view is None
    assert window.stack.currentWidget() is window.workbench_page
    assert not window.actions_by_name["adjudicate"].isVisible()
    assert window.panel("documents").model.review is None


def test_the_shortcuts_list_has_the_reviewer_keys(qtbot, open_main, review_project):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    dialog = window.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Adjudicate"] == "Ctrl+Shift+A"
    assert rows["Adjudicate: Accept"] == "A" and rows["Adjudicate: Finish document"]
    dialog.close()


# ---------------------------------------------------------------- an annotator


def test_an_annotator_cannot_adjudicate(qtbot, open_main, review_project, summary_reads):
    window = open_main(review_project, "alice", doc=D0)
    action = window.actions_by_name["adjudicate"]
    assert not action.isVisible() and not action.isEnabled()
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    assert not window.review.active
    # even calling the entry point is refused, with a reason, and nothing is read
    assert window.review.enter() is False
    assert not window.review.active and window.review.view is None
    assert window.stack.currentWidget() is window.workbench_page
    assert window.findChildren(AdjudicationView) == []
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "Only a reviewer adjudicates" in boxes[-1].text()
    assert window.panel("documents").model.review is None
    assert summary_reads == []
    dialog = window.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    assert not any("Adjudicate" in table.item(r, 0).text() for r in range(table.rowCount()))
    dialog.close()


def test_a_decision_loads_no_numpy_for_the_tagger(review_project, tmp_path):
    """Each decision asks whether a trained tagger is due for retraining: asking must not
    import the tagger (numpy and the agreement measures), which made the first decision
    of a session take half a second."""
    import subprocess
    import sys

    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from annotator.gui.app import application, open_window
from annotator.gui.settings import Settings
from annotator.services.changes import GOLD, Changes
from annotator.services.project import open_project
app = application()
window = open_window(open_project({str(tmp_path / "project.db")!r}),
                     Settings({str(tmp_path / "settings.ini")!r}))
window.set_identity("dana", "reviewer")
window.session.open({D0!r})
before = "numpy" in sys.modules
window.session.absorb(Changes(frozenset({{GOLD}}), frozenset({{{D0!r}}})))
print(before, "numpy" in sys.modules, "annotator.core.agreement" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False", "False"]


def test_the_hidden_workbench_catches_up_on_return(qtbot, open_main, review_project):
    """While reviewer mode is shown, the workbench's text view does not lay out the
    documents opened from the list; back in the workbench it shows the current one as it
    is then, with the span that dana, in another window, added meanwhile."""
    from annotator.services import annotate
    from annotator.services.project import open_project

    window = open_main(review_project, "dana", "reviewer", doc=D0)
    view = enter(qtbot, window)
    text_view = window.text_view
    laid_out = text_view.toPlainText()
    window.session.open(D2)
    shown(qtbot, view, D2)
    assert text_view.toPlainText() == laid_out  # still D0's: D2 is not laid out unseen

    doc = window.session.doc
    at = doc.text.index("Political Relief")
    other = open_project(review_project.target)  # another window's connection
    try:
        annotate.add_span(other, "dana", D2, at, at + len("Political Relief"), WC)
    finally:
        other.close()
    qtbot.waitUntil(lambda: any(it.start == at for it in doc.index.by_id.values()))
    assert text_view.toPlainText() == laid_out

    window.review.leave()
    assert text_view.toPlainText() == doc.index.display
    s16 = doc.index.u16.to_utf16(at)
    block = text_view.document().findBlock(s16)
    rel = s16 - block.position()
    qtbot.waitUntil(lambda: any(f.start == rel and f.length == len("Political Relief")
                                for f in block.layout().formats()))
    assert text_view.highlighter.index is doc.index


@pytest.fixture
def adjudication_reads(monkeypatch):
    """The documents the view read, in order."""
    return documents_read(monkeypatch, reading, "open_adjudication", 2)


def test_going_back_to_a_document_shown_before_reads_nothing(
        qtbot, open_main, review_project, adjudication_reads):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    view = enter(qtbot, window)
    for doc in (D1, D0, D1, D0):
        window.session.open(doc)
        shown(qtbot, view, doc)
    assert adjudication_reads == [D0, D1]
    # what is shown is what a read would give, and the keys act on it
    assert view.adjudication == read_now(review_project, "dana", D0)
    key = view.selected_row().key
    with qtbot.waitSignal(view.changed):
        press(qtbot, Qt.Key.Key_A)
    assert state(review_project, D0, key) == adj.ACCEPTED
    # D0 left with the decision: coming back shows it without a read
    window.session.open(D1)
    shown(qtbot, view, D1)
    window.session.open(D0)
    shown(qtbot, view, D0)
    assert adjudication_reads == [D0, D1]
    assert view.adjudication.row(key).state == adj.ACCEPTED
    assert view.adjudication == read_now(review_project, "dana", D0)


def test_a_document_kept_is_read_again_once_another_process_changed_it(
        qtbot, open_main, review_project, adjudication_reads):
    """Even before the window's next look for others' changes: the switch asks."""
    from annotator.services import adjudicate as ad
    from annotator.services import annotate as an
    from annotator.services.project import open_project

    an.add_annotator(review_project, "sam", role="reviewer")
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    # no look at others' changes but the one the switch makes; stopped once the window
    # has started it, after its first paint (else it polled, under load: one more read)
    qtbot.waitUntil(lambda: window.review.painted)
    window.live.timer.stop()
    view = enter(qtbot, window)
    key = next(r.key for r in view.adjudication.candidates if r.state == adj.OPEN)
    window.session.open(D1)
    shown(qtbot, view, D1)
    other = open_project(review_project.target)  # sam, at another desk
    try:
        ad.accept(other, "sam", D0, key)
    finally:
        other.close()
    window.session.open(D0)
    shown(qtbot, view, D0)
    assert adjudication_reads == [D0, D1, D0]
    assert view.adjudication.row(key).state == adj.ACCEPTED
    # a change elsewhere (D2) leaves D1 kept
    other = open_project(review_project.target)
    try:
        d2 = read_now(other, "sam", D2)
        ad.accept(other, "sam", D2, next(r.key for r in d2.candidates
                                         if r.state == adj.OPEN))
    finally:
        other.close()
    window.session.open(D1)
    shown(qtbot, view, D1)
    assert adjudication_reads == [D0, D1, D0]


def test_a_document_kept_is_read_again_after_the_workbench_changed_it(
        qtbot, open_main, review_project, adjudication_reads):
    window = open_main(review_project, "dana", "reviewer", doc=D1)
    view = enter(qtbot, window)
    window.session.open(D0)
    shown(qtbot, view, D0)
    window.review.leave()
    # dana labels D1 in the workbench (her own span: D1 changed, D0 not)
    window.session.open(D1)
    qtbot.waitUntil(lambda: window.session.doc is not None and window.session.doc.id == D1)
    label_in_workbench(window, "sham election")
    window.review.enter()
    shown(qtbot, view, D1)
    assert adjudication_reads == [D1, D0, D1]
    assert view.adjudication == read_now(review_project, "dana", D1)
    # D0, kept and changed by nobody, is not
    window.session.open(D0)
    shown(qtbot, view, D0)
    assert adjudication_reads == [D1, D0, D1]
