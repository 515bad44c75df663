"""Span backgrounds for the blocks on screen only.

Qt calls highlightBlock for every block when a text is set; blocks outside the visible
range return at once, and the text view asks for the newly visible ones as it scrolls.
A 1 MB document therefore costs one cheap call per block to show, and one formatted
block per change afterwards. No QTextCursor is created here (PySide6 6.12 on Python 3.11
aborts after a few hundred QTextCursor/QTextBlock round trips): the index gives
block-relative UTF-16 offsets directly.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRectF
from PySide6.QtGui import QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from annotator.gui.colors import LabelColors
from annotator.gui.span_index import SpanIndex

Style = Callable[[Hashable], QTextCharFormat]  # a segment's key -> its format



def label_style(colors: LabelColors) -> Style:
    """The workbench's style: a segment's key is the labels covering it, bottom first."""
    def style(labels: tuple[str, ...]) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(colors.background(labels))
        return fmt
    return style


def blocks_down(edit: QPlainTextEdit, bottom: float) -> Iterator[tuple[QTextBlock, QRectF]]:
    """The blocks from the first on screen down to viewport height `bottom`, each with its
    geometry on the viewport: what `blockBoundingGeometry(block).translated(
    contentOffset())` gives, worked out as Qt does (the heights of the blocks above it,
    from the first shown, added up) in one pass, where asking Qt block by block adds
    them up again for each (ten blocks on screen: 55 steps)."""
    block = edit.firstVisibleBlock()
    if not block.isValid():
        return
    layout = edit.document().documentLayout()
    offset = edit.contentOffset()
    below = 0.0  # the heights of the blocks shown above this one
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        geo = rect.translated(offset.x(), below + offset.y())
        if geo.top() > bottom:
            return
        yield block, geo
        below += rect.height()
        block = block.next()


def visible_blocks(edit: QPlainTextEdit) -> tuple[int, int]:
    """The first and last block numbers on screen (0, -1: none)."""
    first, last = 0, -1
    for block, _geo in blocks_down(edit, edit.viewport().height()):
        if last < 0:
            first = block.blockNumber()
        last = block.blockNumber()
    return first, last


def match_blocks(document: QTextDocument, index: SpanIndex) -> None:
    """If Qt split the text into blocks differently from our rule, take its positions."""
    if document.blockCount() != len(index.block_starts):
        starts, block = [], document.begin()
        while block.isValid():
            starts.append(block.position())
            block = block.next()
        index.rebase(starts)


class SpanHighlighter(QSyntaxHighlighter):
    """Formats the blocks on screen from a source of segments: `source.paint(n).segments`
    gives a block's (block-relative UTF-16 start, length, key), applied in order (a later
    one wins where they overlap), each key's format made once by `style`. The workbench's
    source is its SpanIndex (keys: label stacks); the reviewer's panes have their own."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.index: SpanIndex | None = None  # the source
        self.style: Style | None = None
        self.active = False
        self.lo, self.hi = 0, -1  # block numbers worth formatting now
        self.formatted: set[int] = set()  # blocks whose formats match the index
        self._formats: dict[Hashable, QTextCharFormat] = {}
        self.calls = 0  # highlightBlock calls that formatted something (for tests)
        self.asked = 0  # highlightBlock calls of any kind (for tests)

    def attach(self, source, style: Style | None) -> None:
        """Start over on a newly shown text (it is already set)."""
        self.index = source
        self.formatted.clear()
        self.restyle(style)
        self.active = source is not None

    @contextmanager
    def deaf(self) -> Iterator[None]:
        """While a new text is set: Qt would call highlightBlock for each of its blocks
        (2,857 calls into Python for a 1 MB text, half the time of setPlainText), to no
        purpose, since blocks are formatted as they are shown (attach, then show_visible).

        The document's signals are blocked, not the highlighter's connection to them
        taken apart: that connection is Qt's private one, named differently from one Qt
        release to another. Nothing else needs those signals while a whole text is set:
        the layout is told of the change directly, and the edit resets its cursor, its
        scroll bars and its textChanged itself."""
        doc = self.document()
        quiet = doc.blockSignals(True)
        try:
            yield
        finally:
            doc.blockSignals(quiet)

    def restyle(self, style: Style | None) -> None:
        self.style = style
        self._formats.clear()
        self.formatted.clear()

    def _format(self, key: Hashable) -> QTextCharFormat:
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self.style(key)
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self.asked += 1
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
        for start, length, key in segments:
            self.setFormat(start, length, self._format(key))

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

    def show_visible(self, edit: QPlainTextEdit) -> None:
        """Format what `edit` shows, and a little ahead, so that scrolling a line shows
        formatted text at once."""
        first, last = visible_blocks(edit)
        self.show_range(max(0, first - 2), last + 4)

    def refresh(self, blocks: Iterable[int], quiet: bool = False) -> None:
        """Blocks whose spans changed: redo those on screen now, the others when shown.

        `quiet`: the caller repaints these blocks itself. Qt would repaint the whole view:
        a block formatted again is marked changed for twice its length, which its text
        layout takes for a change running on into the next block, and answers by
        repainting everything (a new span's two lines cost a repaint of all forty)."""
        if not self.active:
            return
        doc = self.document()
        layout = doc.documentLayout()
        deaf = layout.blockSignals(True) if quiet else None
        try:
            for n in sorted(blocks):
                self.formatted.discard(n)
                if self.lo <= n <= self.hi:
                    block = doc.findBlockByNumber(n)
                    if block.isValid():
                        self.rehighlightBlock(block)
        finally:
            if quiet:
                layout.blockSignals(deaf)
