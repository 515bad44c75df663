"""What the agreement view's and the comparison's charts share: each draws itself with
QPainter, smooth-edged; the charts with hover tooltips fill the room they are given."""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget


class Painted(QWidget):
    """Drawn by ``draw(painter)`` on an antialiased painter, ended however it returns."""

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self.draw(p)
        finally:
            p.end()

    def draw(self, p: QPainter) -> None:
        raise NotImplementedError


class Chart(Painted):
    """A chart named ``name`` that grows to fill its room and follows the mouse (hover)."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
