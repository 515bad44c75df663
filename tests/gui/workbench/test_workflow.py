"""Blind mode, overlaps and hover, done and navigation, label every occurrence, real key
presses on a shown window, and thousands of highlights."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.services import annotate, layer


def _point_of(view, pos16: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(pos16)
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())


def _hover(view, pos16: int) -> str:
    point = _point_of(view, pos16)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_blind_mode_hides_another_annotators_work(make_window, seeded_project, wb):
    text_id = wb.SAMPLE
    annotate.add_span(seeded_project, "bob", text_id, 0, 2, "Other")
    annotate.add_span(seeded_project, "bob", text_id, 3, 9, "Political")
    annotate.set_doc_label(seeded_project, "bob", text_id, "tone", "positive")
    annotate.set_status(seeded_project, "bob", text_id, "done")
    annotate.set_document_note(seeded_project, "bob", text_id, "bob's secret note")
    window = make_window(seeded_project, "alice", doc=text_id)
    session = window.session
    assert len(session.doc.index) == 0
    assert session.doc.doc_labels == {} and session.doc.status is None
    assert session.doc.note == ""
    assert window.panel("spans").model.rowCount() == 0
    assert window.panel("document").boxes["tone"].currentText() == "—"
    assert window.panel("document").note.toPlainText() == ""
    summary = next(s for s in session.summaries if s.id == text_id)
    assert (summary.status, summary.spans) == (None, 0)
    assert window.panel("documents").progress_text.text().startswith("0 of 5 done")
    view = window.text_view
    assert view.document().findBlockByNumber(0).layout().formats() == []
    assert _hover(view, 4) == ""
    # bob sees his own, and none of alice's
    wb.label(window, "Political Relief", "Word choice")
    bob = make_window(seeded_project, "bob", doc=text_id)
    assert sorted(it.label for it in bob.session.doc.index.by_id.values()) == [
        "Other", "Political"]
    assert bob.session.doc.status == "done"


def test_overlaps_blend_and_hover_lists_every_label(window, wb):
    view = window.text_view
    wb.label(window, "push back against the West", "External regulation and reputation")
    wb.label(window, "push back", "Loaded language")
    wb.label(window, "both countries push", "Political")
    index = window.session.doc.index
    s16, _ = wb.u16_range(window, "push back")
    block = view.document().findBlock(s16)
    rel = s16 - block.position()
    paint = index.paint(block.blockNumber())
    levels = sorted(level for _s, _e, level, _it in paint.bars)
    assert levels == [0, 1, 2]  # three stacked underlines
    colors = {}
    for f in block.layout().formats():
        colors[(f.start, f.length)] = f.format.background().color().name()
    by_start = {start: c for (start, _len), c in colors.items()}
    # "push" carries three labels, " back" two, " against the West" one: three tints
    assert len({by_start[rel], by_start[rel + 4], by_start[rel + 9]}) == 3
    tip = _hover(view, s16 + 1)
    for name in ("External regulation and reputation", "Loaded language", "Political"):
        assert name in tip
    tip = _hover(view, s16 + len("push back a"))
    assert "External regulation" in tip and "Loaded language" not in tip


def test_clicking_selects_and_cycles_through_stacked_spans(window, wb, qtbot):
    view = window.text_view
    wb.label(window, "push back against the West", "External regulation and reputation")
    wb.label(window, "push back", "Loaded language")
    window.session.select(None)
    s16, _ = wb.u16_range(window, "push back")
    point = _point_of(view, s16 + 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.session.selected_item().label == "Loaded language"  # innermost first
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.session.selected_item().label == "External regulation and reputation"
    # with a span selected and no text selection, a label's key relabels it
    qtbot.keyClick(view, "p")
    labels = sorted(s.label for s in wb.stored(window.session.project, wb.SAMPLE))
    assert labels == ["Loaded language", "Political"]


def test_mark_done_reopen_and_go_to_next_not_done(window, wb):
    project, session = window.session.project, window.session
    ids = [s.id for s in session.summaries]
    window.actions_by_name["done"].trigger()
    assert layer.read_document(project, wb.SAMPLE, "alice").status == "done"
    assert window.panel("documents").progress_text.text().startswith("1 of 5 done")
    assert window.panel("document").done_button.isChecked()
    window.actions_by_name["done"].trigger()
    assert layer.read_document(project, wb.SAMPLE, "alice").status == "in_progress"
    # done and next-not-done skip finished documents
    annotate.set_status(project, "alice", ids[3], "done")
    session.refresh_documents()
    window.actions_by_name["done_next"].trigger()
    assert session.doc.id == ids[4]
    window.actions_by_name["previous"].trigger()
    assert session.doc.id == ids[3]
    window.actions_by_name["next_not_done"].trigger()
    assert session.doc.id == ids[4]
    window.actions_by_name["next_not_done"].trigger()  # wraps around
    assert session.doc.id == ids[0]
    window.actions_by_name["next"].trigger()
    assert session.doc.id == ids[1]


def test_label_every_occurrence_in_the_corpus(window, wb):
    project = window.session.project
    texts = {r.id: r.text for r in _records(project)}
    expected = sum(_count_words(t, "sanctions") for t in texts.values())
    assert expected > 5
    wb.label(window, "sanctions", "Economic")  # one already labelled
    window.text_view.select_range(*wb.u16_range(window, "sanctions"))
    dialog = window.label_every_occurrence(None, corpus=True)
    dialog.label_box.setCurrentText("Economic")
    window.session.select(None)
    assert dialog.in_corpus.isChecked()
    _wait_matches(dialog, expected)
    assert sum(1 for m in dialog.matches if m.labelled) == 1
    first = next(k for k, m in enumerate(dialog.matches) if not m.labelled)
    dialog.tree.topLevelItem(first).setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.apply_button.text() == f"Label {expected - 2} occurrences"
    dialog.apply()
    spans = [s for r in _records(project) for s in r.annotations if s.annotator == "alice"]
    assert len(spans) == expected - 1
    assert all(texts[doc][s.start:s.end] == "sanctions" for doc, s in _with_doc(project))
    # one undo takes the whole batch back
    window.session.undo()
    assert len([s for r in _records(project) for s in r.annotations]) == 1


def test_label_every_occurrence_in_this_document_only(window, wb):
    project = window.session.project
    dialog = window.label_every_occurrence("Putin", corpus=False)
    dialog.label_box.setCurrentText("Political")
    dialog.find()
    text = window.session.doc.text
    assert len(dialog.matches) == _count_words(text, "Putin")
    deltas = []
    window.session.spans_changed.connect(deltas.append)
    dialog.apply()
    assert len(deltas) == 1  # the text and the lists update once, for every span at once
    spans = wb.stored(project, wb.SAMPLE)
    assert len(spans) == len(dialog.matches)
    assert len(window.session.doc.index) == len(spans)
    assert all(text[s.start:s.end] == "Putin" for s in spans)


def test_real_key_presses_on_a_shown_window(make_window, seeded_project, wb, qtbot):
    window = make_window(seeded_project, doc=wb.SAMPLE)
    window.show()
    qtbot.waitExposed(window)
    view = window.text_view
    text = window.session.doc.text
    start = text.index("Political Relief")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=_point_of(view, start))
    assert view.textCursor().position() in (start, start + 1)
    cursor = view.textCursor()
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    for _ in range(len("Political Relief")):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, "w")
    assert [(s.start, s.end, s.label) for s in wb.stored(seeded_project, wb.SAMPLE)] == [
        (start, start + len("Political Relief"), "Word choice")]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert wb.stored(seeded_project, wb.SAMPLE) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert len(wb.stored(seeded_project, wb.SAMPLE)) == 1
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "crushing")
    assert window.find_bar.count.text() == "1 of 1"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)  # hands the match to the text
    qtbot.keyClick(view, "l")
    got = {s.label for s in wb.stored(seeded_project, wb.SAMPLE)}
    assert got == {"Word choice", "Loaded language"}


def test_thousands_of_highlights_without_crashing(make_window, project, write_jsonl, qtbot):
    from annotator.services.importing import import_paths

    words = ("Moscow", "Beijing", "sanctions", "partnership", "visit", "trade", "war")
    paragraphs = [" ".join(words[(p + k) % len(words)] for k in range(60))
                  for p in range(400)]
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for k, para in enumerate(paragraphs):
        for w in range(0, 60, 4):  # 15 spans a paragraph, some stacked
            start = pos + sum(len(x) + 1 for x in para.split(" ")[:w])
            end = start + len(para.split(" ")[w]) + 1 + len(para.split(" ")[w + 1])
            label = ("Word choice", "Economic", "Political")[(k + w) % 3]
            spans.append({"annotator": "alice", "start": start, "end": end, "label": label})
            if w % 8 == 0:
                spans.append({"annotator": "alice", "start": start, "end": end + 8,
                              "label": "Loaded language"})
        pos += len(para) + 2
    assert len(spans) >= 5000
    path = write_jsonl({"id": "dense", "text": text, "annotations": spans})
    import_paths(project, [path])
    window = make_window(project, doc="dense")
    window.show()
    qtbot.waitExposed(window)
    view = window.text_view
    bar = view.verticalScrollBar()
    blocks = view.document().blockCount()
    # Page by page until the last block shows, each page starting where the last one
    # ended. The scroll bar counts lines, and a block not laid out yet counts as one line:
    # when the text is laid out again meanwhile (the window settling: a panel taking its
    # width), the line asked for lands elsewhere, so a page is shown again until it
    # starts at or before the block wanted.
    target, last = 0, -1
    for _ in range(10 * blocks):
        bar.setValue(view.document().findBlockByNumber(target).firstLineNumber())
        QApplication.processEvents()
        first, last = view.visible_blocks()
        if first > target:
            continue
        if last >= blocks - 1:
            break
        target = max(last, target + 1)
    assert last == blocks - 1
    missing = [n for n in range(0, blocks, 2) if n not in view.highlighter.formatted]
    assert missing == []
    assert view.highlighter.calls >= len(paragraphs)  # every paragraph formatted on the way
    first, last = view.visible_blocks()
    assert all(n in view.highlighter.formatted for n in range(first, last + 1))
    for k in range(0, 300, 3):  # and keep labelling there
        block = view.document().findBlockByNumber(view.visible_blocks()[0])
        view.select_range(block.position() + k % 50, block.position() + k % 50 + 5)
        view.apply_label("Attribution")
        QApplication.processEvents()
    assert len(window.session.doc.index) > len(spans)


def _records(project):
    from annotator.services.exporting import load_corpus

    return load_corpus(project).documents


def _with_doc(project):
    return [(r.id, s) for r in _records(project) for s in r.annotations]


def _count_words(text: str, word: str) -> int:
    import re

    return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text))


def _wait_matches(dialog, expected: int) -> None:
    from pytestqt.qtbot import QtBot

    QtBot(dialog).waitUntil(lambda: len(dialog.matches) == expected, timeout=5000)


def test_label_every_occurrence_offers_cancel_soon_and_cancelled_writes_nothing(window, wb):
    """Its dialog comes up after 0.3 s, not the 3 s of a plain save: here the work waits
    for another program's write lock, and Cancel gives up with nothing written."""
    import sqlite3

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    project = window.session.project
    dialog = window.label_every_occurrence("Putin", corpus=False)
    dialog.label_box.setCurrentText("Political")
    dialog.find()
    assert len(dialog.matches) > 1
    holder = sqlite3.connect(project.target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    seen = []

    def tick():
        shown = [d for d in window.findChildren(QProgressDialog, "job_progress")
                 if d.isVisible()]
        if shown and not seen:
            seen.append((shown[0].windowTitle(), shown[0].minimumDuration()))
            next(b for b in shown[0].findChildren(QPushButton) if b.text() == "Cancel").click()

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(20)
    try:
        dialog.apply()  # returns once cancelled
    finally:
        timer.stop()
        holder.execute("ROLLBACK")
        holder.close()
    assert seen == [("Labelling every occurrence", 300)]
    assert window.statusBar().currentMessage() == "Not labelled: cancelled, nothing was changed."
    assert wb.stored(project, wb.SAMPLE) == [] and len(window.session.doc.index) == 0
    assert dialog.isVisible() or dialog.result() != dialog.DialogCode.Accepted
