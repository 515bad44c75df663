"""A read-only text pane whose spans are painted by the workbench's highlighter.

The text and its blocks follow the workbench's rule (gui.span_index: one block per line,
positions kept), and the highlighter formats only the blocks on screen. Paints are
(start, end, format) in code points, the later winning where they overlap. Offsets are
code points outside this module, UTF-16 inside.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.gui.highlighter import SpanHighlighter, match_blocks
from annotator.gui.span_index import BlockPaint, SpanIndex

Paint = tuple[int, int, QTextCharFormat]  # start, end (code points), format


class Paints:
    """Paints by text block, as the highlighter reads them: a segment's key is the
    paint's place in the list, so that its format is the paint's own."""

    def __init__(self, text: SpanIndex, ranges: Sequence[tuple[int, int, QTextCharFormat]]):
        self.text = text
        self.formats = [f for _s, _e, f in ranges]
        ordered = sorted(((s, e, i) for i, (s, e, _f) in enumerate(ranges) if e > s))
        self._ranges = ordered
        self._starts = [r[0] for r in ordered]
        self._longest = max((e - s for s, e, _i in ordered), default=0)
        self._paint: dict[int, BlockPaint] = {}

    def paint(self, block: int) -> BlockPaint:
        got = self._paint.get(block)
        if got is None:
            start, end = self.text.block_range(block)
            lo = bisect_left(self._starts, start - self._longest)
            hi = bisect_left(self._starts, end)
            hits = sorted((r for r in self._ranges[lo:hi] if r[1] > start),
                          key=lambda r: r[2])
            got = self._paint[block] = BlockPaint(
                [(max(s, start) - start, min(e, end) - max(s, start), i)
                 for s, e, i in hits if min(e, end) > max(s, start)], [])
        return got

    def style(self, key: int) -> QTextCharFormat:
        return self.formats[key]


class TextPane(QPlainTextEdit):
    """The document's text, read-only, with painted spans."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self._index = SpanIndex("")
        self.highlighter = SpanHighlighter(self.document())
        self.verticalScrollBar().valueChanged.connect(self._format_visible)

    @property
    def text(self) -> str:
        return self._index.text

    def set_text(self, text: str) -> None:
        self._index = SpanIndex(text)
        self.highlighter.attach(None, None)
        self.setPlainText(self._index.display)
        match_blocks(self.document(), self._index)

    def paint(self, paints: Iterable[Paint]) -> None:
        to16 = self._index.u16.to_utf16
        source = Paints(self._index, [(to16(s), to16(e), f) for s, e, f in paints])
        self.highlighter.attach(source, source.style)
        self._format_visible()

    def _format_visible(self, *_args) -> None:
        self.highlighter.show_visible(self)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._format_visible()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._format_visible()

    def selection(self) -> tuple[int, int] | None:
        """The selected range in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        to_cp = self._index.u16.to_codepoint
        return to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())

    def position_at(self, point) -> int:
        """The code point under a viewport position."""
        return self._index.u16.to_codepoint(self.cursorForPosition(point).position())

    def reveal(self, start: int, end: int) -> None:
        """Bring [start, end) to the middle of the pane, without selecting it."""
        position = min(self._index.u16.to_utf16(start), self._index.u16.length16)
        self._center_on(position)
        # a pane that has just been filled or shown is laid out later: centre again then
        QTimer.singleShot(0, self, lambda: self._center_on(position))

    def _center_on(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.centerCursor()
        self._format_visible()
