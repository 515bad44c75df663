"""Each participant's layer in its own read-only pane, side by side, scrolled together."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QLabel, QScrollBar, QSplitter, QVBoxLayout, QWidget

from annotator.core.model import Span
from annotator.gui.adjudication.text_pane import TextPane
from annotator.gui.colors import LabelColors

GOLD, OPEN_MARK, SELECTED = 1, 0, 2  # layers of paint: the higher wins where they overlap


def span_item(start: int, end: int, label: str, strength: float = 0.35, layer: int = GOLD):
    """A span's tint as a text pane's item: widest first, so that nested spans stay
    visible on top."""
    return (start, end, (layer, start - end, start, label), ("tint", label, strength))


def span_items(spans, strength: float = 0.35) -> dict:
    return {("span", i): span_item(s.start, s.end, s.label, strength)
            for i, s in enumerate(spans)}


def pane_style(colors: LabelColors):
    """The format of each kind of paint in the reviewer's panes, by style key."""
    def style(key) -> QTextCharFormat:
        kind, label = key[0], key[1]
        fmt = QTextCharFormat()
        if kind == "tint":
            fmt.setBackground(colors.tint(label, key[2]))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setToolTip(label)
        elif kind == "open":  # an open candidate: a dashed line where it is
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        else:  # the selected candidate
            fmt.setBackground(colors.tint(label, 0.6))
            fmt.setFontWeight(700)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(colors.color(label))
        return fmt
    return style


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
            pane.show_items(span_items(spans), pane_style(self.colors))
            col.addWidget(head)
            col.addWidget(pane)
            self._splitter.addWidget(box)
            self.panes[name] = pane
        self._sync()
