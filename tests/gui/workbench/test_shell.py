"""The window gives its parts every member gui.shell.Shell names (they are typed against
it, never against the window itself)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from annotator.gui.shell import Shell


def test_the_main_window_is_a_shell(window, qtbot):
    assert isinstance(window, Shell)
    assert window.review.window is window and window.agreement.window is window
    bare = QMainWindow()  # has Qt's members, not the workbench's
    qtbot.addWidget(bare)
    assert not isinstance(bare, Shell)
