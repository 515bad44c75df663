"""A dialog of the main window about its session's work (the concepts, the occurrences
of a linked span): named for tests, titled, first shown at a size that fits its lists,
its parts standing top to bottom in one column."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QVBoxLayout

if TYPE_CHECKING:
    from annotator.gui.shell import Shell


class ShellDialog(QDialog):
    """`main` is the window (its parent), `session` its session, `parts` the column."""

    def __init__(self, window: Shell, name: str, title: str, width: int, height: int):
        super().__init__(window)
        self.main = window
        self.session = window.session
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.resize(width, height)
        self.parts = QVBoxLayout(self)
