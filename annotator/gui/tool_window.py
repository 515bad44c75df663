"""A view in a top-level window of its own beside the main window (agreement, comparison,
progress): they need more room than a dock leaves, and the text stays in view."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.gui.qt_namespace import Qt

if TYPE_CHECKING:
    from annotator.gui.jobs import Job
    from annotator.gui.shell import Shell


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


class ToolWindowPart(QObject):
    """The part of the main window that shows ``view`` in a tool window (``frame``), built
    the first time it is asked for and kept, hidden when closed, until ``shutdown``
    cancels the view's work and deletes it. Subclasses say what a change of identity
    does to it."""

    def __init__(self, window: Shell):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.frame: QWidget | None = None
        self.view: Any = None
        self.session.identity_changed.connect(self._identity_changed)

    def _identity_changed(self) -> None:
        raise NotImplementedError

    def show_view(self, name: str, title: str, build: Callable[[], QWidget], width: int,
                  height: int, close_keys: Iterable[str] = ()) -> bool:
        """Bring the window forward, building its view with ``build`` the first time
        (True then); ``title`` is followed by the project's name."""
        built = self.frame is None
        if built:
            self.view = build()
            self.frame = tool_window(self.window, name,
                                     f"{title} — {self.session.project.target}", self.view,
                                     width, height, close_keys)
        bring_forward(self.frame)
        return built

    def jobs(self) -> Iterable[Job | None]:
        """The view's work to cancel when it closes."""
        return (self.view.job,)

    def shutdown(self) -> None:
        """Close it for good (the main window closing, or the user no longer allowed)."""
        if self.frame is None:
            return
        for job in self.jobs():
            if job is not None:
                job.cancel()
        self.frame.close()
        self.frame.deleteLater()
        self.frame = self.view = None
