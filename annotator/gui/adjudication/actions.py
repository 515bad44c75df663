"""The reviewer's actions with their shortcuts, built once per view.

Shortcuts hold while focus is inside the view (WidgetWithChildrenShortcut), so the main
window's own shortcuts for annotation keep working elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton, QWidget


@dataclass
class Actions:
    accept: QAction
    reject: QAction
    reject_all: QAction
    edit: QAction
    add_gold: QAction
    remove_gold: QAction
    unanimous_doc: QAction
    unanimous_corpus: QAction
    majority_doc: QAction
    majority_corpus: QAction
    finish: QAction
    undo: QAction
    redo: QAction

    def all(self) -> list[QAction]:
        return list(vars(self).values())


def _action(owner: QWidget, text: str, shortcut, tip: str) -> QAction:
    action = QAction(text, owner)
    keys = shortcut if isinstance(shortcut, list) else [shortcut]
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shown = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shown})")
    owner.addAction(action)
    return action


# name in Actions, text, key(s), tooltip
SPECS = (
    ("accept", "Accept", "A", "Accept the candidate into gold"),
    ("reject", "Reject", "R", "Reject the candidate"),
    ("reject_all", "Reject all here", "Shift+R",
     "Reject the candidate and every alternative to it: none of the annotators is right "
     "here"),
    ("edit", "Accept with edit…", "E",
     "Accept the candidate with other boundaries, label, attributes or concept"),
    ("add_gold", "Add gold…", "G", "Add a gold span no annotator made, from the text selection"),
    ("remove_gold", "Remove gold", [QKeySequence.StandardKey.Delete],
     "Take the selected gold span out"),
    ("unanimous_doc", "Accept all unanimous", "U",
     "Accept every open candidate all participants marked, in this document"),
    ("unanimous_corpus", "Accept all unanimous in the corpus…", "Shift+U",
     "The same over every document, in the background"),
    ("majority_doc", "Accept all majority", "M",
     "Accept every open candidate more than half of the participants marked, in this "
     "document"),
    ("majority_corpus", "Accept all majority in the corpus…", "Shift+M",
     "The same over every document, in the background"),
    ("finish", "Finish document", "Ctrl+Return",
     "Reject every candidate still open: the document is adjudicated"),
    ("undo", "Undo", [QKeySequence.StandardKey.Undo], "Undo your last decision"),
    ("redo", "Redo", [QKeySequence.StandardKey.Redo, "Ctrl+Y"], "Redo the decision you undid"),
)


def build_actions(owner: QWidget) -> Actions:
    return Actions(**{name: _action(owner, text, keys, tip)
                      for name, text, keys, tip in SPECS})


def split_button(main, more, parent: QWidget) -> QToolButton:
    """A tool button doing `main`, with `more` in its menu."""
    button = QToolButton(parent)
    button.setDefaultAction(main)
    menu = QMenu(button)
    menu.addAction(main)
    menu.addAction(more)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button
