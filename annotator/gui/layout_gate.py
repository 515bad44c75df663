"""A panel's box that passes a layout change on to the window only when the panel's size
constraints did change.

Qt passes every layout request up to the top of the window, changed or not: a label's
new text in a docked panel (the span count after each new span) or a page shown in the
inspector made the main window lay out all its docks again, creating and deleting an
animation object for each of them, and repaint them (the events of it all, through every
application-wide event filter, cost more than the change itself). A panel in a gate
still grows, shrinks and reports its sizes exactly as before: the gate holds no layout
of its own, fits the panel to itself, and asks the window for room again (updateGeometry)
only when the panel's size hints, limits or policy differ from those it last passed on.
The gate paints its own background, so that a panel's repaints stop there too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QWidget


def _constraints(widget: QWidget) -> tuple:
    return (widget.sizeHint(), widget.minimumSizeHint(), widget.minimumSize(),
            widget.maximumSize(), widget.sizePolicy(), widget.hasHeightForWidth(),
            widget.isHidden())


class LayoutGate(QWidget):
    """Holds one panel (`inner`), fitted to the gate's whole area."""

    def __init__(self, inner: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.inner = inner
        inner.setParent(self)
        self.setSizePolicy(inner.sizePolicy())
        self.setFocusProxy(inner)
        # Opaque: a change inside the panel repaints from the gate down. Otherwise Qt
        # repaints what lies behind it first, the dock and the window, and a dock's title
        # bar loads its buttons' icons from their files on every paint.
        self.setAutoFillBackground(True)
        self._passed = _constraints(inner)
        self._limits()

    def _limits(self) -> None:
        # a dock's layout reads explicit limits from the widget it holds
        self.setMinimumSize(self.inner.minimumSize())
        self.setMaximumSize(self.inner.maximumSize())

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.inner.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.inner.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return self.inner.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.inner.heightForWidth(width)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self.inner.setGeometry(self.rect())
        super().resizeEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            now = _constraints(self.inner)
            if now != self._passed:
                self._passed = now
                self.setSizePolicy(self.inner.sizePolicy())
                self._limits()
                self.updateGeometry()
            self.inner.setGeometry(self.rect())
            return True
        return super().event(event)
