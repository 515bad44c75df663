"""pytest-qt drives the adjudication view: accept, reject, reject all, edit, add gold,
bulk accept (document and corpus, in the background), undo/redo, blind rules."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPushButton
from sqlalchemy import event

from annotator.core import adjudication as adj
from annotator.core.errors import InputError
from annotator.gui.adjudication import AdjudicationView
from annotator.gui.adjudication.session import AdjudicationSession
from annotator.gui.adjudication.text_pane import TextPane
from annotator.gui.highlighter import SpanHighlighter
from annotator.gui.jobs import Job
from annotator.services import adjudication_view as reading
from annotator.services import annotate
from tests.gui.adjudication.adjudication_seed import D0, D1, D4, LL, WC, shown


def key_of(view, phrase, label, doc=None):
    text = view.adjudication.document.text
    start = text.index(phrase)
    return (start, start + len(phrase), label)


def state(view, key):
    return reading.open_adjudication(view.project, "dana", view.current_document()).row(
        key).state


def gold_keys(view):
    return [g.key for g in reading.open_adjudication(view.project, "dana",
                                                     view.current_document()).gold]


# ---------------------------------------------------------------- blind rules

@pytest.mark.parametrize("who", ["alice", "nobody"])
def test_an_annotator_cannot_open_it(qtbot, review_project, who):
    with pytest.raises(InputError, match="not a reviewer"):
        AdjudicationView(review_project, who)


def test_it_opens_on_the_first_document_with_every_candidate(view):
    assert view.current_document() == D0
    expected = reading.open_adjudication(view.project, "dana", D0)
    assert view.model.rowCount() == len(expected.candidates) == 9
    assert "9</b> candidates from <b>3</b> annotators" in view.summary.text()
    assert view.documents.count() == 5
    # the first open candidate is selected and the details say who marked it
    row = view.selected_row()
    assert row is not None and row.state == adj.OPEN
    assert "participants" in view.details.toPlainText()


# ---------------------------------------------------------------- decisions

def test_accept_by_shortcut_and_move_on_to_the_next_open(qtbot, view):
    key = key_of(view, "re-election", WC)
    view.select_candidate(key)
    with qtbot.waitSignal(view.changed) as signal:
        view.table.setFocus()
        qtbot.keyClick(view.table, Qt.Key.Key_A)
    assert signal.args[0].touches("gold_spans", D0)
    assert state(view, key) == adj.ACCEPTED and key in gold_keys(view)
    assert view.selected_row().key != key and view.selected_row().state == adj.OPEN
    assert "accepted" in view.model.data(view.model.index(view.model.row_of(key), 0))


def test_a_decision_that_moves_on_shows_the_details_and_lays_out_once(view, monkeypatch):
    # the details of the candidate just decided, and a layout before moving on, were
    # work that no paint showed
    from annotator.gui.adjudication import view as view_module

    key = key_of(view, "re-election", WC)
    view.select_candidate(key)
    shown_rows, layouts = [], []
    show_row = view.details.show_row
    monkeypatch.setattr(view.details, "show_row",
                        lambda row, participants: (shown_rows.append(row),
                                                   show_row(row, participants)))
    lay_out = view_module._lay_out_now
    monkeypatch.setattr(view_module, "_lay_out_now", lambda: (layouts.append(1), lay_out()))
    view.actions.accept.trigger()
    following = view.selected_row()
    assert following.key != key and following.state == adj.OPEN
    assert [r.key for r in shown_rows] == [following.key] and len(layouts) == 1
    assert "No decision yet" in view.details.toPlainText()


def test_the_last_open_candidate_decided_its_details_say_so(view):
    view.select_candidate(next(r.key for r in view.model.rows if r.state == adj.OPEN))
    for _ in range(len(view.model.rows)):
        if not any(r.state == adj.OPEN for r in view.model.rows):
            break
        view.actions.accept.trigger()
    row = view.selected_row()
    assert row.state == adj.ACCEPTED  # nothing left to move on to: it stays selected
    assert "Accepted" in view.details.toPlainText()
    assert "dana" in view.details.toPlainText()


def test_reject(view):
    key = key_of(view, "unprecedented sanctions", LL)
    view.select_candidate(key)
    view.actions.reject.trigger()
    assert state(view, key) == adj.REJECTED
    assert view.model.rows[view.model.row_of(key)].state == adj.REJECTED


def test_reject_all_here_rejects_the_alternatives(view):
    key = key_of(view, "economic lifeline", LL)
    view.select_candidate(key)
    view.actions.reject_all.trigger()
    other = key_of(view, "crucial economic lifeline", LL)
    assert state(view, key) == state(view, other) == adj.REJECTED
    assert state(view, key_of(view, "re-election", WC)) == adj.OPEN


def test_accept_with_an_edit_through_the_dialog(qtbot, view):
    key = key_of(view, "economic lifeline", LL)
    view.select_candidate(key)
    dialog = view.edit_selected()
    assert dialog is not None and dialog.isVisible()
    assert dialog.values()["attributes"] == {"polarity": "neutral"}
    dialog.start.setValue(key[0] - len("crucial "))
    dialog.set_attribute("polarity", "negative")
    dialog.note.setText("the adjective is part of it")
    with qtbot.waitSignal(view.changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert state(view, key) == adj.EDITED
    row = reading.open_adjudication(view.project, "dana", D0).row(key)
    assert row.gold.key == key_of(view, "crucial economic lifeline", LL)
    assert dict(row.gold.attributes) == {"polarity": "negative"}
    assert row.gold.note == "the adjective is part of it"


def test_the_dialog_refuses_an_empty_span(qtbot, view):
    view.select_candidate(key_of(view, "re-election", WC))
    dialog = view.edit_selected()
    dialog.end.setValue(dialog.start.value())
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and "after the start" in dialog.problem.text()
    dialog.reject()
    assert gold_keys(view) == []


def test_add_gold_from_a_selection(qtbot, view):
    text = view.adjudication.document.text
    start = text.index("cheap Russian energy")
    cursor = QTextCursor(view.gold_pane.document())
    cursor.setPosition(start + 2)  # inside "cheap": snapped to whole words
    cursor.setPosition(start + len("cheap Russian energy") - 1,
                       QTextCursor.MoveMode.KeepAnchor)
    view.gold_pane.setTextCursor(cursor)
    dialog = view.add_gold_from_selection()
    assert (dialog.start.value(), dialog.end.value()) == (start, start + 20)
    dialog.label.setCurrentText(LL)
    with qtbot.waitSignal(view.changed):
        dialog.accept()
    assert (start, start + 20, LL) in gold_keys(view)
    added = view.model.rows[view.model.row_of((start, start + 20, LL))]
    assert added.state == "added" and added.candidate is None
    # and it can be taken out again
    view.select_candidate(added.key)
    view.actions.remove_gold.trigger()
    assert (start, start + 20, LL) not in gold_keys(view)


def test_add_gold_without_a_selection_says_so(view):
    view.gold_pane.moveCursor(QTextCursor.MoveOperation.Start)
    assert view.add_gold_from_selection() is None
    assert "Select some text" in view.status.text()


# ---------------------------------------------------------------- bulk and undo

def test_accept_all_in_the_document_then_undo_and_redo(qtbot, view):
    view.actions.majority_doc.trigger()
    s = reading.summaries(view.project, "dana", [D0])[D0]
    assert s.gold == 6 and s.open == 3
    assert "Accepted 6 majority" in view.status.text()
    with qtbot.waitSignal(view.changed):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_keys(view) == []
    view.actions.redo.trigger()
    assert len(gold_keys(view)) == 6


def test_a_main_window_can_take_over_the_undo_keys(qtbot, view):
    view.actions.accept.trigger()
    view.set_undo_shortcuts(False)
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(gold_keys(view)) == 1
    view.undo()  # what the window's Edit > Undo calls
    assert gold_keys(view) == []
    view.set_undo_shortcuts(True)
    assert view.actions.undo.shortcut().toString() == "Ctrl+Z"


def test_accept_all_on_a_document_with_one_annotator_explains(qtbot, view):
    view.show_document(D4)
    shown(qtbot, view, D4)
    view.actions.unanimous_doc.trigger()
    assert "one participant" in view.status.text() and gold_keys(view) == []


def test_accept_all_unanimous_in_the_corpus_runs_in_the_background(qtbot, view):
    with qtbot.waitSignal(view.bulkFinished, timeout=10_000) as signal:
        view.actions.unanimous_corpus.trigger()
        # nothing else happens meanwhile, but the progress dialog can cancel
        assert view.is_busy() and not view.actions.accept.isEnabled()
        assert view.bulk.dialog.isEnabled()
    run = signal.args[0]
    assert run is not None and run.accepted == 8
    assert not view.is_busy() and view.actions.accept.isEnabled()
    assert view.actions.majority_corpus.isEnabled()
    sums = reading.summaries(view.project, "dana")
    assert sums[D0].gold == 3 and sums[D1].gold == 2
    assert view.documents.itemText(0).endswith("6 open")  # the document list is refreshed
    view.undo()
    assert all(s.gold == 0 for s in reading.summaries(view.project, "dana").values())


def test_a_cancelled_corpus_run_changes_nothing(qtbot, review_project):
    session = AdjudicationSession(review_project, "dana")
    cancelled = []
    job = Job(lambda progress: session.auto(adj.MAJORITY, None, progress), "run",
              dialog=False, on_cancel=lambda: cancelled.append(True))
    with review_project.store.write():  # the run cannot be done before it is cancelled
        job.start()
        job.cancel()
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=120_000)
    job.wait()
    assert job.outcome == "cancelled" and cancelled
    assert all(s.gold == 0 for s in reading.summaries(review_project, "dana").values())


def test_cancelling_from_the_progress_dialog(qtbot, view):
    # hold the database so that the run is surely still waiting when cancel is pressed
    with qtbot.waitSignal(view.bulkFinished, timeout=10_000), view.project.store.write():
        view.actions.majority_corpus.trigger()
        view.bulk.dialog.findChild(QPushButton).click()  # its Cancel button
    assert "Cancelled" in view.status.text() and not view.is_busy()
    assert all(s.gold == 0 for s in reading.summaries(view.project, "dana").values())


def test_finish_document(qtbot, view):
    view.show_document(D1)
    shown(qtbot, view, D1)
    view.actions.unanimous_doc.trigger()
    view.actions.finish.trigger()
    assert reading.summaries(view.project, "dana", [D1])[D1].adjudicated
    assert "adjudicated" in view.summary.text()
    assert view.documents.itemText(1).startswith("✓")


def test_the_reviewers_undo_does_not_touch_annotators_work(view):
    view.actions.accept.trigger()
    annotate.undo(view.project, "alice")  # alice's own history
    view.refresh()
    view.undo()
    assert gold_keys(view) == []
    assert "Nothing to undo" in view.actions.undo.toolTip()


def test_selecting_candidates_asks_nothing_of_the_database(qtbot, view):
    statements = []

    def count(*_args):
        statements.append(1)
    event.listen(view.project.store.engine, "before_cursor_execute", count)
    try:
        for row in range(view.model.rowCount()):
            view.table.selectRow(row)
            assert view.selected_row() is view.model.rows[row]
        view.select_candidate(None)
    finally:
        event.remove(view.project.store.engine, "before_cursor_execute", count)
    assert statements == []
    assert view.actions.undo.toolTip() == "Nothing to undo"


# ---------------------------------------------------------------- text and layers

def test_clicking_a_span_in_the_text_selects_its_candidate(qtbot, view):
    key = key_of(view, "increased anxiety", LL)
    pane = view.gold_pane
    pane.reveal(*key[:2])
    cursor = QTextCursor(pane.document())
    cursor.setPosition(key[0] + 3)
    # revealed once the pane is laid out (it centres again then): wait for the span to show
    qtbot.waitUntil(lambda: pane.viewport().rect().contains(pane.cursorRect(cursor).center()))
    point = pane.cursorRect(cursor).center()
    qtbot.mouseClick(view.gold_pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected_row().key == key


def test_the_annotators_layers_side_by_side(qtbot, view):
    view.show_layers.setChecked(True)
    assert list(view.layers.panes) == ["alice", "bob", "carol"]
    assert view.layers.isVisible()
    view.show_document(D1)
    shown(qtbot, view, D1)
    assert all(p.text == view.adjudication.document.text for p in view.layers.panes.values())
    view.show_layers.setChecked(False)
    assert not view.layers.isVisible()


def test_filters(view):
    view.filter.setCurrentIndex(view.filter.findData("disputed"))
    assert {r.candidate.candidate.level for r in view.model.rows} <= {
        adj.MINORITY, adj.MAJORITY}
    assert all(r.candidate.candidate.level == adj.MINORITY or r.candidate.candidate.conflicting
               for r in view.model.rows)
    view.filter.setCurrentIndex(view.filter.findData("decided"))
    assert view.model.rowCount() == 0


def test_astral_characters_convert_at_the_edge(qtbot):
    pane = TextPane()
    qtbot.addWidget(pane)
    text = "😀 sham election 😀 again"
    pane.set_text(text)
    start = text.index("sham")
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start + 1)  # one emoji before: UTF-16 is one further
    cursor.setPosition(start + 1 + 13, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    assert pane.selection() == (start, start + 13)


def test_thousands_of_highlights_on_a_long_text(qtbot):
    """The PySide6 6.12 QTextCursor pitfall: thousands of highlights, then scrolling to
    them, without crashing (the speed is benchmarks/run.py's)."""
    pane = TextPane()
    qtbot.addWidget(pane)
    line = "The sham election returned him for a fifth term, critics said.\n"
    text = line * 16000
    pane.set_text(text)
    fmt = QTextCharFormat()
    fmt.setBackground(Qt.GlobalColor.yellow)
    paints = [(i * 97 % (len(text) - 20), i * 97 % (len(text) - 20) + 11, fmt)
              for i in range(10000)]
    pane.paint(paints)
    pane.show()
    qtbot.waitExposed(pane)
    middle = len(text) // 2
    pane.reveal(middle, middle + 5)
    shown = pane.document().findBlock(middle)
    qtbot.waitUntil(lambda: pane.firstVisibleBlock().blockNumber() <= shown.blockNumber()
                    and pane.viewport().rect().contains(pane.cursorRect().center()))
    # the block in the middle carries each paint that falls on it (97 characters apart,
    # they never overlap on one line)
    start = shown.position()
    expected = sum(1 for s, e, _ in paints if s < start + len(line) - 1 and e > start)
    assert expected and len(shown.layout().formats()) == expected
    # the workbench's highlighter: a block far from the screen is not formatted yet
    assert isinstance(pane.highlighter, SpanHighlighter)
    assert pane.document().lastBlock().layout().formats() == []


# ---------------------------------------------------------------- what a decision updates

def _tinted_at(pane, key) -> bool:
    """Whether Qt holds a gold tint over the key on its block (the samples are BMP)."""
    block = pane.document().findBlock(key[0])
    ranges = block.layout().formats()
    return any(r.start + block.position() <= key[0]
               and key[1] <= r.start + block.position() + r.length
               and r.format.background().style() != Qt.BrushStyle.NoBrush
               and r.format.fontWeight() != 700 for r in ranges)


def test_a_decision_reads_only_around_its_candidate_and_updates_in_place(qtbot, view):
    key = key_of(view, "re-election", WC)
    view.select_candidate(key)
    rows_before = list(view.model.rows)
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()))
    event.listen(view.project.store.engine, "before_cursor_execute", count)
    try:
        view.actions.accept.trigger()
    finally:
        event.remove(view.project.store.engine, "before_cursor_execute", count)
    spans_reads = [s for s in statements if "FROM spans" in s]
    # the service reads the spans around the candidate and who took part; the view reads
    # the document's gold and decisions, and no span at all
    assert spans_reads and all("spans.start <" in s or "DISTINCT" in s for s in spans_reads)
    assert resets == []
    at = view.model.row_of(key)
    assert view.model.rows[at].state == adj.ACCEPTED
    assert all(a is b for i, (a, b) in enumerate(zip(rows_before, view.model.rows, strict=True))
               if i != at)
    (gold,) = view.adjudication.gold
    assert ("gold", gold.id) in view.gold_pane.paints
    assert ("open", key) not in view.gold_pane.paints
    view.gold_pane.reveal(*key[:2])
    qtbot.waitUntil(lambda: _tinted_at(view.gold_pane, key))
    # the session's model is what the whole document reads as now
    assert view.adjudication == reading.open_adjudication(view.project, "dana", D0)


def test_the_view_after_a_decision_an_undo_and_another_reviewers_decision(qtbot, view):
    key = key_of(view, "military offensive", WC)
    view.select_candidate(key)
    view.actions.accept.trigger()
    assert view.model.rows[view.model.row_of(key)].state == adj.ACCEPTED
    assert "0 open" not in view.summary.text()
    opened = view.adjudication.summary.open
    view.undo()
    assert view.model.rows[view.model.row_of(key)].state == adj.OPEN
    assert view.adjudication.gold == () and ("open", key) in view.gold_pane.paints
    assert not any(name[0] == "gold" for name in view.gold_pane.paints)
    assert view.adjudication.summary.open == opened + 1
    assert f"<b>{opened + 1}</b> open" in view.summary.text()
    # another reviewer, in another process: the watcher says which document, not which rows
    from annotator.services import adjudicate
    from annotator.services.changes import Changes

    annotate.add_annotator(view.project, "erin", role="reviewer")
    adjudicate.accept(view.project, "erin", D0, key)
    view.session.apply(Changes(tables=frozenset({"gold_spans", "decisions"}),
                               documents=frozenset({D0}), complete=False))
    assert view.model.rows[view.model.row_of(key)].state == adj.ACCEPTED
    (gold,) = view.adjudication.gold
    assert ("gold", gold.id) in view.gold_pane.paints and gold.decided_by == "erin"
    view.gold_pane.reveal(*key[:2])
    qtbot.waitUntil(lambda: _tinted_at(view.gold_pane, key))
    assert view.adjudication == reading.open_adjudication(view.project, "dana", D0)


def test_no_collection_runs_from_a_document_read_until_its_paint(qtbot, view, qapp):
    """A collection on the GUI thread would take Python's lock from the read (a job's
    thread) and go over the read's new objects before their paint."""
    from annotator.gui.collector import GuiThreadCollector

    collector = qapp.findChild(GuiThreadCollector)
    qtbot.waitUntil(lambda: not collector.held())  # the first document's paint is over
    collector.collect_due()
    painted = []
    view.settled.connect(lambda: painted.append(collector.held()))
    view.show_document(D1)
    assert collector.held() and collector.tick() is None  # a tick now: skipped
    shown(qtbot, view, D1)
    qtbot.waitUntil(lambda: bool(painted))
    assert painted == [False] and not collector.held()  # released as it settles


def test_a_document_shown_formats_only_the_blocks_around_its_first_open_candidate(
        qtbot, project, write_jsonl):
    """Shown, a document is scrolled to its first open candidate: its blocks are formatted
    there, once, not first at the top of the text (for nothing when it is further down)."""
    from annotator.services.importing import import_paths

    lines = [f"Line {k}: the weather was mild and nothing happened." for k in range(400)]
    text = "\n".join(lines)
    start = sum(len(line) + 1 for line in lines[:300]) + len("Line 300: the ")
    path = write_jsonl({"id": "long", "title": "Long", "text": text, "annotations": [
        {"annotator": name, "start": start, "end": start + len("weather"), "label": WC}
        for name in ("alice", "bob")]})
    import_paths(project, [path])
    annotate.add_annotator(project, "dana", role="reviewer")
    view = AdjudicationView(project, "dana")
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    qtbot.waitExposed(view)
    shown(qtbot, view, "long")
    pane = view.gold_pane
    assert view.selected_row().key == (start, start + len("weather"), WC)
    qtbot.waitUntil(lambda: pane.firstVisibleBlock().blockNumber() > 250)
    first = pane.firstVisibleBlock().blockNumber()
    assert pane.highlighter.formatted and min(pane.highlighter.formatted) >= first - 2
