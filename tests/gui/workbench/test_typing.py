"""Typed text is saved like everything else (when the typing pauses, and on leaving), and
Ctrl+Z in a field whose text is saved steps back through the project's history instead
of rubbing the text out (gui.autosave)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.services import layer, reading

CTRL = Qt.KeyboardModifier.ControlModifier


def _shown(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _note(project, doc_id):
    return layer.read_document(project, doc_id, "alice").note


def _status(project, doc_id):
    return next(s.status for s in reading.documents(project, "alice") if s.id == doc_id)


def test_ctrl_z_in_the_saved_note_undoes_mark_done(make_window, seeded_project, wb, qtbot):
    window = make_window(seeded_project, doc=wb.SAMPLE)
    _shown(window, qtbot)
    panel = window.panel("document")
    note = panel.note
    qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(note, "worth a second look")
    qtbot.waitUntil(lambda: _note(seeded_project, wb.SAMPLE) == "worth a second look")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert _status(seeded_project, wb.SAMPLE) == "done" and note.hasFocus()

    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)  # the last thing done was Mark done
    assert _status(seeded_project, wb.SAMPLE) is None  # as before Mark done
    assert _note(seeded_project, wb.SAMPLE) == "worth a second look"
    assert note.toPlainText() == "worth a second look"
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)  # then the note as it was saved
    assert _note(seeded_project, wb.SAMPLE) is None and note.toPlainText() == ""
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert note.toPlainText() == "worth a second look"

    # what is typed and not saved yet is the field's own to take back
    note.moveCursor(note.textCursor().MoveOperation.End)
    qtbot.keyClicks(note, ", later")
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)
    assert note.toPlainText() == "worth a second look"
    assert _note(seeded_project, wb.SAMPLE) == "worth a second look"


def test_span_fields_save_when_the_typing_pauses(make_window, seeded_project, wb, qtbot):
    window = make_window(seeded_project, doc=wb.SAMPLE)
    _shown(window, qtbot)
    wb.label(window, "Political Relief", "Word choice")
    wb.label(window, "Xi Offers", "Word choice")
    first, second = sorted(window.session.doc.index.by_id)
    window.session.select(first)
    inspector = window.panel("inspector")
    qtbot.mouseClick(inspector.note, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(inspector.note, "check the source")
    # no Enter, no leaving the field: saved once the typing pauses
    qtbot.waitUntil(lambda: _span(seeded_project, wb.SAMPLE, first).note == "check the source")
    assert inspector.note.hasFocus()

    alternative = inspector.editors["neutral_alternative"]
    qtbot.mouseClick(alternative, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(alternative, "relief")
    window.session.select(second)  # another span before the pause: saved to the first
    assert _span(seeded_project, wb.SAMPLE, first).attributes == {
        "neutral_alternative": "relief"}
    assert _span(seeded_project, wb.SAMPLE, second).attributes == {}
    qtbot.mouseClick(inspector.note, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(inspector.note, "the headline")
    window.close()  # closing saves what was typed
    assert _span(seeded_project, wb.SAMPLE, second).note == "the headline"


def _span(project, doc_id, span_id):
    spans = layer.read_document(project, doc_id, "alice").layer.spans()
    return next(s for s in spans if s.id == span_id)
