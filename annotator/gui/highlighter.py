"""Span backgrounds for the blocks on screen only.

Qt calls highlightBlock for every block when a text is set; blocks outside the visible
range return at once, and the text view asks for the newly visible ones as it scrolls.
A 1 MB document therefore costs one cheap call per block to show, and one formatted
block per change afterwards. No QTextCursor is created here (see the PySide6 pitfall in
DESIGN.md): the index gives block-relative UTF-16 offsets directly.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.gui.colors import LabelColors
from annotator.gui.span_index import SpanIndex


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.index: SpanIndex | None = None
        self.colors: LabelColors | None = None
        self.active = False
        self.lo, self.hi = 0, -1  # block numbers worth formatting now
        self.formatted: set[int] = set()  # blocks whose formats match the index
        self._formats: dict[tuple[str, ...], QTextCharFormat] = {}
        self.calls = 0  # highlightBlock calls that formatted something (for tests)

    def attach(self, index: SpanIndex | None, colors: LabelColors | None) -> None:
        """Start over on a newly shown document (its text is already set)."""
        self.index = index
        self.formatted.clear()
        self.set_colors(colors)
        self.active = index is not None

    def set_colors(self, colors: LabelColors | None) -> None:
        self.colors = colors
        self._formats.clear()
        self.formatted.clear()

    def _format(self, labels: tuple[str, ...]) -> QTextCharFormat:
        fmt = self._formats.get(labels)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setBackground(self.colors.background(labels))
            self._formats[labels] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if not self.active:
            return
        n = self.currentBlock().blockNumber()
        if n < self.lo or n > self.hi:
            # Qt has just cleared this block's formats; it is redone when it shows
            self.formatted.discard(n)
            return
        self.formatted.add(n)
        segments = self.index.paint(n).segments
        if segments:
            self.calls += 1
        for start, length, labels in segments:
            self.setFormat(start, length, self._format(labels))

    def show_range(self, lo: int, hi: int) -> None:
        """Format the blocks lo..hi (inclusive) that are not formatted yet."""
        self.lo, self.hi = lo, hi
        if not self.active:
            return
        doc = self.document()
        for n in range(lo, hi + 1):
            if n not in self.formatted:
                block = doc.findBlockByNumber(n)
                if not block.isValid():
                    break
                self.rehighlightBlock(block)

    def refresh(self, blocks: Iterable[int]) -> None:
        """Blocks whose spans changed: redo those on screen now, the others when shown."""
        if not self.active:
            return
        doc = self.document()
        for n in sorted(blocks):
            self.formatted.discard(n)
            if self.lo <= n <= self.hi:
                block = doc.findBlockByNumber(n)
                if block.isValid():
                    self.rehighlightBlock(block)
