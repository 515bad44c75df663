"""The open document as the text view sees it: spans in Qt's UTF-16 positions, indexed by
text block, so that highlighting and painting look only at the blocks on screen.

Pure Python (no Qt): Qt's QPlainTextEdit splits text into blocks at line breaks, and
everything here is computed from the text with the same rule (checked against Qt's block
count when a document is shown).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping

from annotator.core.model import Span
from annotator.core.text import Utf16Map
from annotator.services.layer import Layer, decode_attributes

# QTextDocument starts a new block at each of these; "\r\n" would be one separator,
# so the view shows "\r" before "\n" as a space to keep every position where it is.
_BREAKS = re.compile("[\n\r\u2029]")
# QTextDocument reads these as frame markers; shown as a replacement character instead.
_FRAME_MARKS = re.compile("[\ufdd0\ufdd1\ufdef\ufffc]")


def display_text(text: str) -> str:
    """The text as given to Qt: same length in UTF-16, one block per line."""
    if "\r\n" in text:
        text = text.replace("\r\n", " \n")
    if _FRAME_MARKS.search(text):
        text = _FRAME_MARKS.sub("\ufffd", text)
    return text


class SpanItem:
    """A span of the open layer; start/end in code points, s16/e16 in UTF-16."""

    __slots__ = ("id", "start", "end", "s16", "e16", "label", "raw_attributes",
                 "_attributes", "concept", "note", "annotator")

    def __init__(self, id: int, start: int, end: int, s16: int, e16: int, label: str,
                 raw_attributes: str | None, concept: str | None, note: str | None,
                 annotator: str, attributes: Mapping[str, str] | None = None):
        self.id = id
        self.start = start
        self.end = end
        self.s16 = s16
        self.e16 = e16
        self.label = label
        self.raw_attributes = raw_attributes
        self._attributes = attributes
        self.concept = concept
        self.note = note
        self.annotator = annotator

    @property
    def attributes(self) -> Mapping[str, str]:
        if self._attributes is None:
            self._attributes = decode_attributes(self.raw_attributes)
        return self._attributes

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.start, self.end, self.id)

    def __repr__(self) -> str:
        return f"SpanItem({self.id}, {self.start}, {self.end}, {self.label!r})"


class BlockPaint:
    """What one block shows: coloured segments and one underline per span part."""

    __slots__ = ("segments", "bars")

    def __init__(self, segments: list[tuple[int, int, tuple[str, ...]]],
                 bars: list[tuple[int, int, int, SpanItem]]):
        self.segments = segments  # (block-relative start, length, labels bottom-up)
        self.bars = bars  # (block-relative start, end, stacking level, span)


class SpanIndex:
    """The spans of one document, by id, in text order, and by Qt block."""

    def __init__(self, text: str):
        self.text = text
        self.display = display_text(text)
        self.u16 = Utf16Map(text)
        starts = [0] + [m.end() for m in _BREAKS.finditer(self.display)]
        if self.u16.length16 != self.u16.length:
            starts = [self.u16.to_utf16(p) for p in starts]
        self.block_starts = starts
        self.by_id: dict[int, SpanItem] = {}
        self.order: list[tuple[int, int, int]] = []  # keys, sorted: rows of the span list
        self._blocks: dict[int, list[SpanItem]] = {}
        self._paint: dict[int, BlockPaint] = {}

    # ---------------------------------------------------------------- building

    @classmethod
    def from_layer(cls, text: str, layer: Layer) -> SpanIndex:
        index = cls(text)
        to16 = index.u16.to_utf16
        astral = index.u16.length16 != index.u16.length
        items = [SpanItem(layer.ids[i], s, e, to16(s) if astral else s,
                          to16(e) if astral else e, layer.labels[i], layer.attributes[i],
                          layer.concepts[i], layer.notes[i], layer.annotators[i])
                 for i, (s, e) in enumerate(zip(layer.starts, layer.ends, strict=True))]
        index.by_id = {it.id: it for it in items}
        index.order = [(it.start, it.end, it.id) for it in items]
        index.order.sort()
        index._file(items)
        return index

    def _file(self, items: Iterable[SpanItem]) -> None:
        blocks = self._blocks
        bstarts = self.block_starts
        for it in items:
            first = bisect_right(bstarts, it.s16) - 1
            last = bisect_right(bstarts, it.e16 - 1) - 1
            for b in range(first, last + 1):
                if b in blocks:
                    blocks[b].append(it)
                else:
                    blocks[b] = [it]

    def rebase(self, block_starts: list[int]) -> None:
        """Use Qt's own block positions (if a text ever splits differently from ours)."""
        self.block_starts = block_starts
        self._blocks = {}
        self._paint.clear()
        self._file(self.by_id.values())

    def item_for(self, span: Span) -> SpanItem:
        to16 = self.u16.to_utf16
        return SpanItem(span.id, span.start, span.end, to16(span.start), to16(span.end),
                        span.label, None, span.concept, span.note, span.annotator,
                        dict(span.attributes))

    # ---------------------------------------------------------------- changing

    def blocks_of(self, s16: int, e16: int) -> range:
        first = bisect_right(self.block_starts, s16) - 1
        last = bisect_right(self.block_starts, max(s16, e16 - 1)) - 1
        return range(max(first, 0), last + 1)

    def put(self, span: Span) -> tuple[set[int], int | None, int]:
        """Add or replace a span; returns (blocks to repaint, old row or None, new row)."""
        touched: set[int] = set()
        old_row = None
        if span.id in self.by_id:
            old_row = self.row_of(span.id)
            touched |= self._drop(span.id)
        item = self.item_for(span)
        self.by_id[item.id] = item
        insort(self.order, item.key)
        for b in self.blocks_of(item.s16, item.e16):
            self._blocks.setdefault(b, []).append(item)
            touched.add(b)
        for b in touched:
            self._paint.pop(b, None)
        return touched, old_row, self.row_of(item.id)

    def remove(self, span_id: int) -> tuple[set[int], int | None]:
        """Forget a span; returns (blocks to repaint, its row or None)."""
        if span_id not in self.by_id:
            return set(), None
        row = self.row_of(span_id)
        touched = self._drop(span_id)
        for b in touched:
            self._paint.pop(b, None)
        return touched, row

    def _drop(self, span_id: int) -> set[int]:
        item = self.by_id.pop(span_id)
        del self.order[bisect_left(self.order, item.key)]
        touched = set()
        for b in self.blocks_of(item.s16, item.e16):
            items = self._blocks.get(b)
            if items is not None:
                self._blocks[b] = [it for it in items if it.id != span_id]
                touched.add(b)
        return touched

    def forget_paint(self) -> None:
        self._paint.clear()

    # ---------------------------------------------------------------- reading

    def __len__(self) -> int:
        return len(self.by_id)

    def row_of(self, span_id: int) -> int:
        return bisect_left(self.order, self.by_id[span_id].key)

    def at_row(self, row: int) -> SpanItem:
        return self.by_id[self.order[row][2]]

    def block_range(self, block: int) -> tuple[int, int]:
        """UTF-16 start and end (exclusive, before the line break) of a block."""
        start = self.block_starts[block]
        if block + 1 < len(self.block_starts):
            return start, self.block_starts[block + 1] - 1
        return start, self.u16.length16

    def in_block(self, block: int) -> list[SpanItem]:
        return self._blocks.get(block, [])

    def spans_at(self, pos16: int) -> list[SpanItem]:
        """The spans covering the character at `pos16`, shortest (innermost) first."""
        b = bisect_right(self.block_starts, pos16) - 1
        found = [it for it in self._blocks.get(b, ()) if it.s16 <= pos16 < it.e16]
        found.sort(key=lambda it: (it.e16 - it.s16, it.s16, it.id))
        return found

    def spans_between(self, s16: int, e16: int) -> list[SpanItem]:
        seen: dict[int, SpanItem] = {}
        for b in self.blocks_of(s16, e16):
            for it in self._blocks.get(b, ()):
                if it.s16 < e16 and it.e16 > s16:
                    seen[it.id] = it
        return sorted(seen.values(), key=lambda it: it.key)

    def paint(self, block: int) -> BlockPaint:
        """Segments and underlines of a block, computed once until the block changes."""
        got = self._paint.get(block)
        if got is None:
            got = self._paint[block] = _layout_block(self.block_range(block),
                                                     self._blocks.get(block, ()))
        return got


def _layout_block(bounds: tuple[int, int], items: Iterable[SpanItem]) -> BlockPaint:
    bs, be = bounds
    parts = sorted(((max(it.s16, bs) - bs, min(it.e16, be) - bs, it) for it in items
                    if min(it.e16, be) > max(it.s16, bs)),
                   key=lambda p: (p[0], -p[1], p[2].id))
    if not parts:
        return BlockPaint([], [])
    # Stack levels: each part takes the lowest level free at its start, so nested and
    # crossing spans get distinct underlines.
    bars: list[tuple[int, int, int, SpanItem]] = []
    active: list[tuple[int, int]] = []  # (end, level)
    free: list[int] = []
    top = 0
    for s, e, it in parts:
        while active and active[0][0] <= s:
            heapq.heappush(free, heapq.heappop(active)[1])
        if free:
            level = heapq.heappop(free)
        else:
            level, top = top, top + 1
        heapq.heappush(active, (e, level))
        bars.append((s, e, level, it))
    # Segments between consecutive boundaries, with the labels covering each.
    cuts = sorted({p for s, e, _l, _it in bars for p in (s, e)})
    starts_at: dict[int, list[tuple[int, str]]] = {}
    ends_at: dict[int, list[int]] = {}
    for s, e, level, it in bars:
        starts_at.setdefault(s, []).append((level, it.label))
        ends_at.setdefault(e, []).append(level)
    on: dict[int, str] = {}
    segments: list[tuple[int, int, tuple[str, ...]]] = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        for level in ends_at.get(x, ()):
            on.pop(level, None)
        for level, label in starts_at.get(x, ()):
            on[level] = label
        if on:
            segments.append((x, y - x, tuple(on[k] for k in sorted(on))))
    return BlockPaint(segments, bars)
