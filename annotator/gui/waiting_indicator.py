"""The status bar's word that the window is waiting for another program to finish writing
to the project (gui.writes), with a busy cursor over the window meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from annotator.gui.qt_namespace import Qt
from annotator.gui.writes import Writes


class WaitingIndicator(QLabel):
    def __init__(self, writes: Writes, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("waiting_indicator")
        self.setStyleSheet("QLabel { color: #8a4b00; font-weight: bold; padding: 0 6px; }")
        self._cursor = [False]  # shared with the clean-up below, which outlives self
        self.hide()
        writes.waiting.connect(self._waiting)
        writes.waited.connect(self._waited)
        cursor = self._cursor
        self.destroyed.connect(lambda *_a: _restore(cursor))

    @property
    def waiting(self) -> bool:
        return self._cursor[0]

    def _waiting(self, seconds: float) -> None:
        self.setText(f"Waiting: another program is writing to the project "
                     f"({seconds:.0f} s); your change is saved once it is done")
        self.show()
        if not self._cursor[0]:
            self._cursor[0] = True
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def _waited(self) -> None:
        self.hide()
        _restore(self._cursor)


def _restore(cursor: list[bool]) -> None:
    if cursor[0]:
        cursor[0] = False
        QApplication.restoreOverrideCursor()
