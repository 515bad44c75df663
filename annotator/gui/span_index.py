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
from functools import partial
from itertools import accumulate, islice, repeat
from operator import add, gt, itemgetter

from annotator.core.model import Span
from annotator.core.text import Utf16Map
from annotator.services.layer import Layer, decode_attributes

# QTextDocument starts a new block at each of these; "\r\n" would be one separator,
# so the view shows "\r" before "\n" as a space to keep every position where it is.
_BREAKS = re.compile("[\n\r\u2029]")
# QTextDocument reads these as frame markers; shown as a replacement character instead.
_FRAME_MARK_CHARS = "\ufdd0\ufdd1\ufdef\ufffc"
_FRAME_MARKS = re.compile(f"[{_FRAME_MARK_CHARS}]")


def display_text(text: str) -> str:
    """The text as given to Qt: same length in UTF-16, one block per line."""
    # a character looked for alone is found in C at memory speed; "\r\n" looked for in a
    # 1 MB text took 1.3-1.9 ms, and most texts hold no "\r"
    if "\r" in text and "\r\n" in text:
        text = text.replace("\r\n", " \n")
    if any(mark in text for mark in _FRAME_MARK_CHARS):  # faster than the search
        text = _FRAME_MARKS.sub("\ufffd", text)
    return text


def _line_starts(display: str) -> list[int]:
    """Where each of Qt's blocks starts (code points)."""
    if "\r" in display or "\u2029" in display:
        return [0] + [m.end() for m in _BREAKS.finditer(display)]
    lines = display.split("\n")  # in C, twice as fast as the regular expression
    lines.pop()
    return list(accumulate(map(add, map(len, lines), repeat(1)), initial=0))


def _in_text_order(layer: Layer) -> Layer:
    starts, ends, ids = layer.starts, layer.ends, layer.ids
    rows = sorted(range(len(ids)), key=lambda i: (starts[i], ends[i], ids[i]))
    return Layer(*([col[i] for i in rows] for col in (
        ids, starts, ends, layer.labels, layer.attributes, layer.concepts, layer.notes,
        layer.annotators)))


class SpanItem(tuple):
    """A span of the open layer; start/end in code points, s16/e16 in UTF-16.

    A tuple, so that an index of 10,000 spans is made in C from the layer's columns
    (`tuple.__new__` over `zip`) instead of by 10,000 calls of an `__init__` in Python;
    the UTF-16 positions are worked out when asked for (only the spans on screen are),
    and the attributes stay as the stored JSON text until then.
    """

    __slots__ = ()

    def __new__(cls, id: int, start: int, end: int, label: str,
                attributes: Mapping[str, str] | str | None, concept: str | None,
                note: str | None, annotator: str, u16: Utf16Map):
        return tuple.__new__(cls, (id, start, end, label, attributes, concept, note,
                                   annotator, u16))

    id = property(itemgetter(0))
    start = property(itemgetter(1))
    end = property(itemgetter(2))
    label = property(itemgetter(3))
    concept = property(itemgetter(5))
    note = property(itemgetter(6))
    annotator = property(itemgetter(7))

    @property
    def s16(self) -> int:
        return self[8].to_utf16(self[1])

    @property
    def e16(self) -> int:
        return self[8].to_utf16(self[2])

    @property
    def attributes(self) -> Mapping[str, str]:
        held = self[4]
        return decode_attributes(held) if held is None or isinstance(held, str) else held

    @property
    def key(self) -> tuple[int, int, int]:
        return (self[1], self[2], self[0])

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
        self._block_cps = _line_starts(self.display)  # as code points
        self.block_starts = self.u16.to_utf16_all(self._block_cps)
        self.by_id: dict[int, SpanItem] = {}
        self.order: list[tuple[int, int, int]] = []  # keys, sorted: rows of the span list
        self._blocks: dict[int, list[SpanItem]] = {}
        self._paint: dict[int, BlockPaint] = {}

    def qt_text(self) -> str:
        """The display text as Qt holds it, to fill a document with (`Utf16Map.units`):
        made when asked, not kept (a 1 MB text's units are another 2 MB)."""
        return self.u16.units(self.display)

    # ---------------------------------------------------------------- building

    @classmethod
    def from_layer(cls, text: str, layer: Layer) -> SpanIndex:
        """The index of a layer, built column by column in C (map, zip, bisect) rather
        than span by span in Python: a third of switching documents went here."""
        index = cls(text)
        if any(map(gt, layer.starts, islice(layer.starts, 1, None))):  # not in text order
            layer = _in_text_order(layer)
        ids, starts, ends = layer.ids, layer.starts, layer.ends
        items = list(map(tuple.__new__, repeat(SpanItem),
                         zip(ids, starts, ends, layer.labels, layer.attributes,
                             layer.concepts, layer.notes, layer.annotators,
                             repeat(index.u16), strict=False)))
        index.by_id = dict(zip(ids, items, strict=True))
        index.order = list(zip(starts, ends, ids, strict=True))
        index.order.sort()
        index._file_in_order(items, starts, ends)
        return index

    def _file_in_order(self, items: list[SpanItem], starts: list[int], ends: list[int]
                       ) -> None:
        """File items sorted by start (code points, as `_block_cps`): those starting in a
        block are a slice of them; the few running on past a line break are added to the
        blocks after it."""
        bstarts = self._block_cps
        cuts = list(map(partial(bisect_left, starts), bstarts))
        cuts.append(len(items))
        blocks = {b: items[lo:hi]
                  for b, (lo, hi) in enumerate(zip(cuts, islice(cuts, 1, None), strict=False))
                  if lo != hi}
        block_of = partial(bisect_right, bstarts)
        longer: dict[int, list[SpanItem]] = {}
        last = len(bstarts) - 1
        for b in blocks:
            lo, hi = cuts[b], cuts[b + 1]
            # only where the farthest-reaching span of a block runs past it are its spans
            # looked at one by one (bisecting every span's two ends took 4 ms)
            if b == last or max(ends[lo:hi]) <= bstarts[b + 1]:
                continue
            for i in range(lo, hi):
                for k in range(b + 1, block_of(ends[i] - 1)):
                    longer.setdefault(k, []).append(items[i])
        for b, carried in longer.items():
            blocks[b] = carried + blocks.get(b, [])
        self._blocks = blocks

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
        return SpanItem(span.id, span.start, span.end, span.label, dict(span.attributes),
                        span.concept, span.note, span.annotator, self.u16)

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
