"""The text view shows the text on a viewport Python made (text_view._own_viewport): set
up as Qt sets up its own, the I-beam pointer once the window has first painted."""

from __future__ import annotations

from annotator.gui.qt_namespace import Qt


def test_the_pointer_over_the_text_is_an_i_beam_once_the_window_has_painted(window, qtbot):
    with qtbot.waitSignal(window.first_painted):
        window.show()
    viewport = window.text_view.viewport()
    assert viewport.cursor().shape() == Qt.CursorShape.IBeamCursor
    assert viewport.objectName() == "qt_scrollarea_viewport"


def test_the_text_view_paints_its_background_as_a_plain_text_edit_does(window, qtbot):
    from PySide6.QtWidgets import QPlainTextEdit

    with qtbot.waitSignal(window.first_painted):
        window.show()
    plain = QPlainTextEdit()
    qtbot.addWidget(plain)
    ours, theirs = window.text_view.viewport(), plain.viewport()
    assert ours.autoFillBackground() == theirs.autoFillBackground()
    assert ours.backgroundRole() == theirs.backgroundRole()
    assert ours.focusProxy() is window.text_view
