"""A view in a top-level window of its own beside the main window (agreement, comparison,
progress): they need more room than a dock leaves, and the text stays in view."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget


def tool_window(parent: QWidget, name: str, title: str, view: QWidget, width: int,
                height: int, close_keys: Iterable[str] = ()) -> QWidget:
    """A window owned by ``parent`` (closed with it) that ``view`` fills."""
    frame = QWidget(parent, Qt.WindowType.Window)
    frame.setObjectName(name)
    frame.setWindowTitle(title)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view)
    for keys in close_keys:
        QShortcut(QKeySequence(keys), frame, frame.close)
    frame.resize(width, height)
    return frame


def bring_forward(frame: QWidget) -> None:
    frame.show()
    frame.raise_()
    frame.activateWindow()
