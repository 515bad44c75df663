"""Select → label → the span is in the database with the right code point offsets;
snapping; emoji; undo and redo across a restart; the inspector; the span list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.services import annotate, layer


def test_select_and_label_stores_code_points(window, wb):
    project = window.session.project
    text = window.session.doc.text
    wb.label(window, "Political Relief", "Word choice")
    spans = wb.stored(project, wb.SAMPLE)
    start = text.index("Political Relief")
    assert [(s.start, s.end, s.label) for s in spans] == [
        (start, start + len("Political Relief"), "Word choice")]
    # the new span is selected, shown in the list and in the text's formats
    assert window.session.selected == spans[0].id
    assert window.panel("spans").model.rowCount() == 1
    block = window.text_view.document().findBlockByNumber(0)
    formats = block.layout().formats()
    assert [(f.start, f.length) for f in formats] == [(start, len("Political Relief"))]


def test_emoji_offsets_are_code_points(make_window, project, write_jsonl, wb):
    from annotator.services.importing import import_paths

    text = "Flags 🇷🇺🇨🇳 and 😀 before the sham election 🗳️ of 2024.\nSecond line 🙂 here."
    import_paths(project, [write_jsonl({"id": "emoji", "text": text})])
    window = make_window(project, doc="emoji")
    s16, e16 = wb.u16_range(window, "sham election")
    assert (s16, e16) != (text.index("sham election"), text.index("sham election") + 13)
    window.text_view.select_range(s16, e16)
    window.text_view.apply_label("Word choice")
    # a span that contains astral characters itself, on the second line
    wb.label(window, "line 🙂 here", "Loaded language")
    got = sorted((s.start, s.end, s.label) for s in wb.stored(project, "emoji"))
    a, b = text.index("sham election"), text.index("line 🙂 here")
    assert got == [(a, a + 13, "Word choice"), (b, b + len("line 🙂 here"), "Loaded language")]
    assert text[got[1][0]:got[1][1]] == "line 🙂 here"
    # and it is painted where it is, in Qt's UTF-16 positions
    second = window.text_view.document().findBlockByNumber(1)
    rel = len(text[text.index("\n") + 1:b].encode("utf-16-le")) // 2
    width = len("line 🙂 here".encode("utf-16-le")) // 2
    assert width == 12
    assert [(f.start, f.length) for f in second.layout().formats()] == [(rel, width)]


def test_snapping_to_words_and_turning_it_off(window, wb):
    project, text = window.session.project, window.session.doc.text
    s16, _ = wb.u16_range(window, "remaining")
    # "aining major al" snaps to "remaining major allies"
    window.text_view.select_range(s16 + 3, s16 + len("remaining major al"))
    window.text_view.apply_label("Word choice")
    start = text.index("remaining major allies")
    assert [(s.start, s.end) for s in wb.stored(project, wb.SAMPLE)] == [
        (start, start + len("remaining major allies"))]
    window.actions_by_name["snap"].trigger()
    assert window.session.snap is False
    window.text_view.select_range(s16 + 3, s16 + 7)
    window.text_view.apply_label("Loaded language")
    exact = [(s.start, s.end) for s in wb.stored(project, wb.SAMPLE)
             if s.label == "Loaded language"]
    assert exact == [(start + 3, start + 7)]


def test_whitespace_alone_is_not_labelled(window, wb):
    s16, _ = wb.u16_range(window, " With")
    window.text_view.select_range(s16, s16 + 1)
    window.text_view.apply_label("Word choice")
    assert wb.stored(window.session.project, wb.SAMPLE) == []


def test_undo_redo_and_after_a_restart(make_window, seeded_project, wb):
    window = make_window(seeded_project, doc=wb.SAMPLE)
    wb.label(window, "Political Relief", "Word choice")
    wb.label(window, "push back", "Loaded language")
    window.actions_by_name["undo"].trigger()
    assert [s.label for s in wb.stored(seeded_project, wb.SAMPLE)] == ["Word choice"]
    assert len(window.session.doc.index) == 1
    window.actions_by_name["redo"].trigger()
    assert len(wb.stored(seeded_project, wb.SAMPLE)) == 2
    assert len(window.session.doc.index) == 2
    window.close()

    project = wb.reopen(seeded_project)
    try:
        again = make_window(project, doc=wb.SAMPLE)
        assert len(again.session.doc.index) == 2
        again.actions_by_name["undo"].trigger()
        again.actions_by_name["undo"].trigger()
        assert wb.stored(project, wb.SAMPLE) == []
        assert len(again.session.doc.index) == 0
        again.actions_by_name["redo"].trigger()
        assert [s.label for s in wb.stored(project, wb.SAMPLE)] == ["Word choice"]
    finally:
        project.close()


def test_undo_of_an_action_elsewhere_opens_that_document(window, wb):
    wb.label(window, "Political Relief", "Word choice")
    window.session.go(1)
    assert window.session.doc.id != wb.SAMPLE
    window.session.undo()
    assert window.session.doc.id == wb.SAMPLE
    assert len(window.session.doc.index) == 0


def test_inspector_edits_label_attributes_note_and_deletes(window, wb, qtbot):
    project = window.session.project
    wb.label(window, "Political Relief", "Word choice")
    inspector = window.panel("inspector")
    polarity = inspector.editors["polarity"]
    polarity.setCurrentText("positive")
    polarity.activated.emit(polarity.currentIndex())
    alt = inspector.editors["neutral_alternative"]
    alt.setText("state visit")
    alt.editingFinished.emit()
    inspector.note.setText("framing the visit as a rescue")
    inspector.note.editingFinished.emit()
    (span,) = wb.stored(project, wb.SAMPLE)
    assert dict(span.attributes) == {"polarity": "positive", "neutral_alternative": "state visit"}
    assert span.note == "framing the visit as a rescue"
    # relabelling to a label without those attributes drops them
    inspector.label_box.setCurrentText("Political")
    inspector.label_box.activated.emit(inspector.label_box.currentIndex())
    (span,) = wb.stored(project, wb.SAMPLE)
    assert span.label == "Political" and "polarity" not in span.attributes
    assert "polarity" not in inspector.editors  # rebuilt for the new label
    qtbot.mouseClick(_delete_button(inspector), Qt.MouseButton.LeftButton)
    assert wb.stored(project, wb.SAMPLE) == []
    assert inspector.currentIndex() == 0


def _delete_button(inspector):
    from PySide6.QtWidgets import QPushButton

    return inspector.findChild(QPushButton, "inspector_delete")


def test_grow_and_shrink_from_the_keyboard(window, wb, qtbot):
    project, text = window.session.project, window.session.doc.text
    wb.label(window, "push back", "Loaded language")
    view = window.text_view
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    start = text.index("push back against")
    assert [(s.start, s.end) for s in wb.stored(project, wb.SAMPLE)] == [
        (start, start + len("push back against"))]
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert [(s.start, s.end) for s in wb.stored(project, wb.SAMPLE)] == [
        (start + 5, start + len("push back against"))]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert wb.stored(project, wb.SAMPLE) == []


def test_span_list_filters_and_jumps(window, wb, qtbot):
    wb.label(window, "Political Relief", "Word choice")
    wb.label(window, "crushing", "Loaded language")
    wb.label(window, "tightened the screws", "Loaded language")
    spans = window.panel("spans")
    assert spans.proxy.rowCount() == 3
    spans.filter.setText("loaded")
    assert spans.proxy.rowCount() == 2
    assert spans.count.text() == "2 of 3 spans"
    index = spans.proxy.index(1, 1)
    assert index.data() == "tightened the screws"
    window.session.select(None)
    rect = spans.view.visualRect(index)
    qtbot.mouseClick(spans.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    item = window.session.selected_item()
    assert window.session.doc.text[item.start:item.end] == "tightened the screws"
    # the text scrolled so that the span is on screen
    first, last = window.text_view.visible_blocks()
    block = window.text_view.document().findBlock(item.s16).blockNumber()
    assert first <= block <= last


def test_document_labels_and_note_are_saved(window, wb):
    project = window.session.project
    panel = window.panel("document")
    box = panel.boxes["tone"]
    box.setCurrentText("negative")
    box.activated.emit(box.currentIndex())
    panel.note.setPlainText("reposted article")
    panel.save_note()
    view = layer.read_document(project, wb.SAMPLE, "alice")
    assert [(d.name, d.value) for d in view.doc_labels] == [("tone", "negative")]
    assert view.note == "reposted article"
    # switching documents saves a note typed but not yet saved
    panel.note.setPlainText("changed my mind")
    window.session.go(1)
    assert layer.read_document(project, wb.SAMPLE, "alice").note == "changed my mind"


def test_a_refused_change_shows_a_plain_dialog(window, wb, qtbot):
    from PySide6.QtWidgets import QMessageBox

    wb.label(window, "Political Relief", "Word choice")
    span_id = window.session.selected
    annotate.delete_span(window.session.project, "alice", span_id)  # behind its back
    window.session.relabel(span_id, "Political")
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "no longer exists" in boxes[-1].text()
    assert "Traceback" not in boxes[-1].text()


def test_the_lists_headers_name_their_columns(window):
    from annotator.gui import document_list

    docs = window.findChild(document_list.DocumentList).view.horizontalHeader().model()
    spans = window.panel("spans").view.horizontalHeader().model()
    horizontal = Qt.Orientation.Horizontal
    assert [docs.headerData(c, horizontal) for c in range(docs.columnCount())] == list(
        document_list.COLUMNS)
    tips = [docs.headerData(c, horizontal, Qt.ItemDataRole.ToolTipRole)
            for c in range(docs.columnCount())]
    assert tips[:5] == [None] * 5 and tips[5:] == list(document_list.REVIEW_TIPS)
    assert [spans.headerData(c, horizontal) for c in range(spans.columnCount())] == [
        "Label", "Text", "Attributes", "Review"]


def test_the_document_filter_finds_titles_with_the_reviewers_columns_hidden(window, qtbot):
    from annotator.gui import document_list

    listing = window.findChild(document_list.DocumentList)
    titles = [s.title for s in window.session.summaries]
    listing.filter.setText(titles[1][:12].upper())
    shown = [listing.proxy.index(r, document_list.TITLE).data()
             for r in range(listing.proxy.rowCount())]
    assert titles[1] in shown and len(shown) < len(titles)


def test_the_span_count_column_is_as_wide_as_the_texts_it_shows(window, wb):
    from annotator.gui import document_list

    wb.label(window, "Political Relief", "Word choice")
    model = window.findChild(document_list.DocumentList).model
    shown = {model.index(r, document_list.SPANS).data() for r in range(model.rowCount())}
    assert model.texts_of(document_list.SPANS) == shown and "1" in shown
