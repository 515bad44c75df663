"""The spec's tokens (``TOKEN_RE``: ``\\w+|[^\\w\\s]``) of many texts in one vectorised pass.

Running the regular expression and building a Python tuple per match costs about half
a second per million tokens; classifying each character as word / space / other with a
lookup table and finding run boundaries with numpy gives the same tokens several times
faster. ``tests/core/agreement`` checks the two agree on arbitrary Unicode text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

_WORD = re.compile(r"\w")
_SPACE = re.compile(r"\s")
_OTHER, _WORDCH, _SPACECH = 0, 1, 2

# One separator between texts: white space, so no token can run across it.
SEPARATOR = "\n"
# Characters classified at once (see token_bounds_many).
CHUNK_CHARS = 4_000_000


def _classes(text: str) -> np.ndarray:
    """Per character: 1 word (``\\w``), 2 space (``\\s``), 0 anything else."""
    if not text:
        return np.zeros(0, dtype=np.uint8)
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    chars = set(text)
    table = np.zeros(max(map(ord, chars)) + 1, dtype=np.uint8)
    for ch in chars:
        if _WORD.match(ch):
            table[ord(ch)] = _WORDCH
        elif _SPACE.match(ch):
            table[ord(ch)] = _SPACECH
    return table[points]


def token_bounds_many(
    texts: Iterable[str], chunk: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Tokens of every text, numbered across texts in order.

    Returns ``(start, end, pointer, char_offset)``: token ``i``'s offsets on the line of
    all texts joined by ``SEPARATOR`` (subtract ``char_offset[d]`` for offsets into text
    ``d``); the tokens of text ``d`` are ``pointer[d]:pointer[d + 1]``. See ``Tokenizer``
    for ``chunk``.
    """
    tokens = Tokenizer(chunk, keep=True)
    for text in texts:
        tokens.add(text)
    pointer, char_offset, _, _ = tokens.finish()
    return tokens.start, tokens.end, pointer, char_offset


class Tokenizer:
    """Tokens of texts given one at a time (none of them kept), numbered across texts in
    order, and the tokens each span covers.

    Texts are classified a group of about ``chunk`` characters at a time: the per-character
    arrays of a whole large corpus (UTF-32 and several masks per character) would
    otherwise take gigabytes for a moment. No token crosses a separator, so the groups'
    tokens are the whole line's. A span's tokens are found within its group (the tokens
    of the groups before all end before it, those after all begin after it), so the
    tokens themselves need not be kept (``keep``: keep them, as ``start`` and ``end``).
    """

    def __init__(self, chunk: int | None = None, keep: bool = False):
        self.chunk = CHUNK_CHARS if chunk is None else chunk
        self.keep = keep
        self.lengths: list[int] = []
        self.pending: list[str] = []
        self.pending_spans: list[tuple[Sequence[int], Sequence[int]]] = []
        self.pending_chars = 0
        self.line = 0  # where the pending group starts on the line of all texts
        self.base = 0  # tokens before the pending group
        self.pieces: dict[str, list[np.ndarray]] = {
            "pointer": [], "t0": [], "t1": [], "start": [], "end": []}
        self.start = self.end = np.zeros(0, dtype=np.int64)

    def add(self, text: str, starts: Sequence[int] = (), ends: Sequence[int] = ()) -> None:
        """The next text, and the code point offsets of spans on it."""
        if self.pending and self.pending_chars + len(text) > self.chunk:
            self._classify()
        self.lengths.append(len(text))
        self.pending.append(text)
        self.pending_spans.append((starts, ends))
        self.pending_chars += len(text) + len(SEPARATOR)

    def _classify(self) -> None:
        start, end = _bounds(SEPARATOR.join(self.pending))
        lengths = np.array([len(t) for t in self.pending], dtype=np.int64)
        offset = np.zeros(len(lengths), dtype=np.int64)
        offset[1:] = np.cumsum(lengths[:-1] + len(SEPARATOR))
        put = self.pieces
        put["pointer"].append(np.searchsorted(start, offset + lengths, side="left") + self.base)
        shift = np.repeat(offset, [len(s) for s, _ in self.pending_spans])
        g0 = np.fromiter((x for s, _ in self.pending_spans for x in s), dtype=np.int64,
                         count=len(shift)) + shift
        g1 = np.fromiter((x for _, e in self.pending_spans for x in e), dtype=np.int64,
                         count=len(shift)) + shift
        put["t0"].append(np.searchsorted(end, g0, side="right") + self.base)
        put["t1"].append(np.searchsorted(start, g1, side="left") + self.base)
        if self.keep:
            put["start"].append(start + self.line)
            put["end"].append(end + self.line)
        self.base += len(start)
        self.line += self.pending_chars
        self.pending, self.pending_spans, self.pending_chars = [], [], 0

    def finish(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(pointer, char_offset, t0, t1)``: as ``token_bounds_many``'s, and the tokens
        ``t0[i]:t1[i]`` that the ``i``-th span given shares a character with."""
        if self.pending:
            self._classify()
        lengths = np.array(self.lengths, dtype=np.int64)
        char_offset = np.zeros(len(lengths), dtype=np.int64)
        if len(lengths) > 1:
            char_offset[1:] = np.cumsum(lengths[:-1] + len(SEPARATOR))
        got = {}
        for name, pieces in self.pieces.items():
            got[name] = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
            pieces.clear()
        self.start, self.end = got["start"], got["end"]
        pointer = np.concatenate([np.zeros(1, dtype=np.int64), got["pointer"]])
        return pointer, char_offset, got["t0"], got["t1"]


def _bounds(joined: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the tokens of one line."""
    kind = _classes(joined)
    word = kind == _WORDCH
    other = kind == _OTHER
    begins = other.copy()
    ends = other.copy()
    if len(kind):
        begins[0] |= word[0]
        begins[1:] |= word[1:] & ~word[:-1]
        ends[-1] |= word[-1]
        ends[:-1] |= word[:-1] & ~word[1:]
    start = np.flatnonzero(begins).astype(np.int64)
    end = np.flatnonzero(ends).astype(np.int64) + 1
    return start, end
