"""A read-only text pane whose spans are painted by the workbench's highlighter.

The text and its blocks follow the workbench's rule (gui.span_index: one block per line,
positions kept), and the highlighter formats only the blocks on screen. Paints are
(start, end, format) in code points, the later winning where they overlap. Offsets are
code points outside this module, UTF-16 inside.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from operator import itemgetter, sub

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.gui.highlighter import SpanHighlighter, match_blocks
from annotator.gui.span_index import BlockPaint, SpanIndex

Paint = tuple[int, int, QTextCharFormat]  # start, end (code points), format
# A named range to paint: start, end (code points), rank (the higher wins where ranges
# overlap), style key (the highlighter makes one format per key)
Item = tuple[int, int, tuple, Hashable]
# ranges in order: by start, end, then rank (the rank decides which paints over which)
_place = itemgetter(0, 1, 2)
_start, _end = itemgetter(0), itemgetter(1)


def _not_empty(item: Item) -> bool:
    return item[1] > item[0]


class Paints:
    """Named ranges by text block, as the highlighter reads them. Changing some ranges
    names the blocks to format again, so that a decision repaints what it changed and not
    the whole text. Ranges are kept in code points as given: only those of a block being
    formatted are turned into UTF-16 positions."""

    def __init__(self, text: SpanIndex):
        self.text = text
        self._items: dict[Hashable, Item] = {}
        self._ordered: list[Item] | None = None
        self._starts: list[int] = []
        self._longest = 0
        self._paint: dict[int, BlockPaint] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: Hashable) -> bool:
        return name in self._items

    def __iter__(self):
        return iter(self._items)

    def replace(self, items: dict[Hashable, Item]) -> None:
        self._items = items
        self._ordered = None
        self._paint.clear()

    def change(self, drop: Iterable[Hashable], put: Mapping[Hashable, Item]) -> set[int]:
        """Take out the ranges named in `drop`, add or replace those in `put`; returns the
        blocks whose paint changed. The ranges stay in order by position as they change
        (a selection moved re-sorted the thousands of ranges before)."""
        blocks: set[int] = set()
        items = self._items
        to16, of = self.text.u16.to_utf16, self.text.blocks_of
        for name in drop:
            old = items.pop(name, None)
            if old is not None:
                blocks.update(of(to16(old[0]), to16(old[1])))
                self._unorder(old)
        for name, item in put.items():
            old = items.get(name)
            if old == item:
                continue
            if old is not None:
                blocks.update(of(to16(old[0]), to16(old[1])))
                self._unorder(old)
            items[name] = item
            blocks.update(of(to16(item[0]), to16(item[1])))
            self._reorder(item)
        for n in blocks:
            self._paint.pop(n, None)
        return blocks

    def _unorder(self, item: Item) -> None:
        ordered = self._ordered
        if ordered is None or item[1] <= item[0]:
            return
        at = bisect_left(ordered, item[:3], key=_place)
        while ordered[at] != item:  # equal places: the same paint, but find this one
            at += 1
        del ordered[at]
        del self._starts[at]

    def _reorder(self, item: Item) -> None:
        ordered = self._ordered
        if ordered is None or item[1] <= item[0]:
            return
        at = bisect_right(ordered, item[:3], key=_place)
        ordered.insert(at, item)
        self._starts.insert(at, item[0])
        self._longest = max(self._longest, item[1] - item[0])

    def _order(self) -> list[Item]:
        if self._ordered is None:
            self._ordered = sorted(filter(_not_empty, self._items.values()), key=_place)
            self._starts = list(map(_start, self._ordered))
            self._longest = max(map(sub, map(_end, self._ordered), self._starts), default=0)
        return self._ordered

    def paint(self, block: int) -> BlockPaint:
        got = self._paint.get(block)
        if got is None:
            ordered = self._order()
            start16, end16 = self.text.block_range(block)
            u16 = self.text.u16
            start, end = u16.to_codepoint(start16), u16.to_codepoint(end16)
            lo = bisect_left(self._starts, start - self._longest)
            hi = bisect_left(self._starts, end)
            hits = sorted((r for r in ordered[lo:hi] if r[1] > start), key=itemgetter(2))
            to16 = u16.to_utf16
            segments = []
            for s, e, _rank, key in hits:
                s, e = max(s, start), min(e, end)
                if e > s:
                    s16 = to16(s)
                    segments.append((s16 - start16, to16(e) - s16, key))
            got = self._paint[block] = BlockPaint(segments, [])
        return got


class TextPane(QPlainTextEdit):
    """The document's text, read-only, with painted spans."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, readOnly=True, undoRedoEnabled=False,
                         lineWrapMode=QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self._index = SpanIndex("")
        self.paints = Paints(self._index)
        self.highlighter = SpanHighlighter(self.document())
        self._formats_held = 0  # `formatting_once` under way: the blocks shown wait
        self.verticalScrollBar().valueChanged.connect(self._format_visible)

    @property
    def text(self) -> str:
        return self._index.text

    def set_text(self, text: str, index: SpanIndex | None = None) -> None:
        """Show a text; `index`, one the workbench has made of the same text, gives its
        blocks and UTF-16 positions without working them out again. The pane's one
        document is filled in place: one filled in ahead beside the read and put in place
        (setDocument) cost more CPU than it saved, the process being CPU-bound (a
        first-visit switch to a 1 MB text: 172 -> 157 ms of CPU, medians of 12)."""
        self._index = index if index is not None and index.text == text else SpanIndex(text)
        self.highlighter.attach(None, None)
        self.paints = Paints(self._index)
        with self.highlighter.deaf():  # it formats the blocks on screen once attached
            self.setPlainText(self._index.qt_text())
        match_blocks(self.document(), self._index)

    def paint(self, paints: Iterable[Paint]) -> None:
        """Paint these ranges instead of any before, each with its own format (the later
        winning where they overlap)."""
        formats = []
        items = {}
        for i, (s, e, fmt) in enumerate(paints):
            formats.append(fmt)
            items[i] = (s, e, (i,), i)
        self.show_items(items, formats.__getitem__)

    def show_items(self, items: Mapping[Hashable, Item] | Iterable[tuple[Hashable, Item]],
                   style: Callable[[Hashable], QTextCharFormat]) -> None:
        """Paint these named ranges (code points; a mapping or (name, item) pairs) instead
        of any before, each key's format made by `style` once."""
        self.paints.replace(dict(items.items() if isinstance(items, Mapping) else items))
        self.highlighter.attach(self.paints, style)
        self._format_visible()

    def change_items(self, drop: Iterable[Hashable], put: Mapping[Hashable, Item]) -> None:
        """Take out or put named ranges (code points): only the blocks they touch are
        formatted again (those on screen now, the others when shown)."""
        blocks = self.paints.change(drop, put)
        if blocks:
            self.highlighter.refresh(blocks)

    @contextmanager
    def formatting_once(self) -> Iterator[None]:
        """The blocks on screen are formatted once, when this ends: a text shown whole and
        then scrolled to a place in it (a document shown, its first open candidate
        revealed) formatted the blocks at its top first, for nothing when the place is
        further down."""
        self._formats_held += 1
        try:
            yield
        finally:
            self._formats_held -= 1
            self._format_visible()

    def _format_visible(self, *_args) -> None:
        if not self._formats_held:
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
