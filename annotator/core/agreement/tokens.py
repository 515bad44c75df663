"""The spec's tokens (``TOKEN_RE``: ``\\w+|[^\\w\\s]``) of many texts in one vectorised pass.

Running the regular expression and building a Python tuple per match costs about half
a second per million tokens; classifying each character as word / space / other with a
lookup table and finding run boundaries with numpy gives the same tokens several times
faster. ``tests/core/agreement`` checks the two agree on arbitrary Unicode text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    texts: Sequence[str], chunk: int = CHUNK_CHARS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Tokens of every text, numbered across texts in order.

    Returns ``(start, end, pointer, char_offset)``: token ``i``'s offsets on the line of
    all texts joined by ``SEPARATOR`` (subtract ``char_offset[d]`` for offsets into text
    ``d``); the tokens of text ``d`` are ``pointer[d]:pointer[d + 1]``.

    Texts are classified a group of about ``chunk`` characters at a time: the per-character
    arrays of a whole large corpus (UTF-32 and several masks per character) would
    otherwise take gigabytes for a moment. No token crosses a separator, so the groups'
    tokens are the whole line's.
    """
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    char_offset = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        char_offset[1:] = np.cumsum(lengths[:-1] + len(SEPARATOR))
    starts, ends = [], []
    lo = 0
    while lo < len(texts):
        hi, size = lo, 0
        while hi < len(texts) and (hi == lo or size + lengths[hi] <= chunk):
            size += int(lengths[hi]) + len(SEPARATOR)
            hi += 1
        start, end = _bounds(SEPARATOR.join(texts[lo:hi]))
        starts.append(start + char_offset[lo])
        ends.append(end + char_offset[lo])
        lo = hi
    start = np.concatenate(starts) if starts else np.zeros(0, dtype=np.int64)
    end = np.concatenate(ends) if ends else np.zeros(0, dtype=np.int64)
    text_end = char_offset + lengths
    pointer = np.zeros(len(texts) + 1, dtype=np.int64)
    pointer[1:] = np.searchsorted(start, text_end, side="left")
    return start, end, pointer, char_offset


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
