"""Each participant's layer in its own read-only pane, side by side, scrolled together."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QLabel, QScrollBar, QSplitter, QVBoxLayout, QWidget

from annotator.core.model import Span
from annotator.gui.adjudication.text_pane import TextPane
from annotator.gui.colors import LabelColors


def span_paints(spans, colors: LabelColors, strength: float = 0.35):
    """Tints for spans, widest first so that nested spans stay visible on top."""
    out = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        fmt = QTextCharFormat()
        fmt.setBackground(colors.tint(s.label, strength))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(colors.color(s.label))
        fmt.setToolTip(s.label)
        out.append((s.start, s.end, fmt))
    return out


class LayersPanel(QWidget):
    def __init__(self, colors: LabelColors, parent: QWidget | None = None):
        super().__init__(parent)
        self.colors = colors
        self.panes: dict[str, TextPane] = {}
        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._splitter)
        self._leader: QScrollBar | None = None

    def follow(self, bar: QScrollBar) -> None:
        """Keep the panes scrolled like `bar` (the gold pane's), proportionally."""
        self._leader = bar
        bar.valueChanged.connect(self._sync)

    def _sync(self, _value: int = 0) -> None:
        bar = self._leader
        if bar is None:
            return
        share = bar.value() / bar.maximum() if bar.maximum() else 0.0
        for pane in self.panes.values():
            other = pane.verticalScrollBar()
            other.setValue(round(share * other.maximum()))

    def reveal(self, start: int, end: int) -> None:
        for pane in self.panes.values():
            pane.reveal(start, end)

    def set_layers(self, text: str, layers: dict[str, tuple[Span, ...]],
                   statuses: dict[str, str] | None = None) -> None:
        for i in reversed(range(self._splitter.count())):
            widget = self._splitter.widget(i)
            widget.setParent(None)
            widget.deleteLater()
        self.panes = {}
        for name, spans in layers.items():
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            status = (statuses or {}).get(name)
            head = QLabel(f"<b>{name}</b> <span style='color:gray'>· {len(spans)} spans"
                          + (f" · {status.replace('_', ' ')}" if status else "") + "</span>")
            head.setContentsMargins(6, 2, 6, 0)
            pane = TextPane()
            pane.set_text(text)
            pane.paint(span_paints(spans, self.colors))
            col.addWidget(head)
            col.addWidget(pane)
            self._splitter.addWidget(box)
            self.panes[name] = pane
        self._sync()
