"""Typed text is saved like everything else: when the typing pauses, and at once when the
user leaves the field, the span, the document or the window. Each save is one step of
the project's undo history.

Undo in a text field: Ctrl+Z takes back what was typed since the last save, as in any
text field; once that is saved (nothing left to take back in the field), Ctrl+Z is the
window's Undo, which steps back through the project's history in order: the document
marked done, then the saved note, and so on. Without this, Ctrl+Z in a field that has
already been saved would rub out text the user never meant to touch (the last thing
they did was elsewhere) and save the empty field.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from annotator.gui.debounce import debounced

PAUSE_MS = 700


class AutoSave(QObject):
    """Calls `save` once the typing pauses for PAUSE_MS, or on flush()."""

    def __init__(self, save: Callable[[], None], parent: QObject):
        super().__init__(parent)
        self._save = save
        self.pending = False
        self._timer = debounced(self, PAUSE_MS, self.flush)

    def typed(self) -> None:
        self.pending = True
        self._timer.start()

    def typing(self) -> bool:
        """Text typed and not saved yet."""
        return self.pending

    def flush(self) -> None:
        """Save now what was typed, if anything."""
        self._timer.stop()
        if self.pending:
            self.pending = False
            self._save()

    def cancel(self) -> None:
        self._timer.stop()
        self.pending = False


class _UndoFallsThrough(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the window when the field has nothing of its own
    to take back (see the module's note)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.keyCombination().toCombined() == QKeySequence("Ctrl+Y")[0].toCombined())
            if (undo and not _can(watched, undo=True)) or (redo and not _can(watched,
                                                                             undo=False)):
                event.ignore()  # not the field's: the shortcut (Edit ▸ Undo) takes it
                return True
        return super().eventFilter(watched, event)


def _can(widget: QObject, undo: bool) -> bool:
    if isinstance(widget, QPlainTextEdit):
        doc = widget.document()
        return doc.isUndoAvailable() if undo else doc.isRedoAvailable()
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable() if undo else widget.isRedoAvailable()
    return True


def undo_falls_through(field: QWidget) -> None:
    """Install the Ctrl+Z rule of the module's note on a text field."""
    field.installEventFilter(_UndoFallsThrough(field))


def forget_typing_history(field: QWidget) -> None:
    """What was typed is saved: from now on the project's history undoes it."""
    if isinstance(field, QPlainTextEdit):
        field.document().clearUndoRedoStacks()
    elif isinstance(field, QLineEdit) and field.isUndoAvailable():
        # setting the text is the only way to clear a line edit's history: keep where
        # the user is in it
        position, start = field.cursorPosition(), field.selectionStart()
        length = len(field.selectedText())
        field.setText(field.text())
        if length:
            field.setSelection(start, length)
        else:
            field.setCursorPosition(position)
