"""A reviewer's key pressed by an annotator: a status line saying why nothing happens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from annotator.gui.shell import Shell


def refusal(window: Shell, keys: str, what: str) -> QAction:
    """A reviewer's key, for annotators: says why nothing happens (the reviewer's action
    is hidden from them, and a hidden action's key does nothing). Enabled by its owner
    only while the reviewer's action is hidden, so that one key never has two actions."""
    action = QAction(window)
    # a list: setShortcut's overloads are told apart by Qt's key enums, which makes PySide
    # build the Qt namespace before the first paint (gui/qt_namespace); setShortcuts' are not
    action.setShortcuts([QKeySequence(keys)])
    action.triggered.connect(lambda _checked=False: window.statusBar().showMessage(
        f"{what} ({keys}) is for reviewers: choose a name with the reviewer role "
        "(File ▸ Switch annotator…).", 8000))
    window.addAction(action)
    return action
