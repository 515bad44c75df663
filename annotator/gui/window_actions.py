"""An action of the window's menus: bound to the window (so its shortcut works wherever
the focus is) and findable by name in `actions_by_name` (tests, the toolbar, tool windows);
or a menu entry that only shows a key the text view handles itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from annotator.gui.shell import Shell


def window_action(window: Shell, text: str, slot, shortcut=None, name: str | None = None,
                  checkable: bool = False, tip: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    if checkable:
        action.setCheckable(True)
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    if tip:
        action.setToolTip(tip)
    if name:
        action.setObjectName(name)
        window.actions_by_name[name] = action
    window.addAction(action)
    return action


def key_hint(window: Shell, text: str, keys: str, slot) -> QAction:
    """A menu entry for a key the text view handles (shown, not bound here)."""
    action = QAction(f"{text}\t{keys}", window)
    action.triggered.connect(lambda _checked=False: slot())
    return action
