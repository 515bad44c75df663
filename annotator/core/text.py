"""Tokens, word snapping, and the code point <-> UTF-16 conversion Qt needs."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from functools import partial
from itertools import accumulate
from operator import add, sub
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# The agreement spec's token: a run of word characters or one other non-space character.
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
WORD_RE = re.compile(r"\w+")


def token_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets (code points) of every token, as int64 arrays."""
    import numpy as np  # here, not above: the window imports this module and needs no NumPy

    bounds = [m.span() for m in TOKEN_RE.finditer(text)]
    if not bounds:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy()
    arr = np.asarray(bounds, dtype=np.int64)
    return arr[:, 0].copy(), arr[:, 1].copy()


def covered_tokens(starts: np.ndarray, ends: np.ndarray, start: int, end: int) -> tuple[int, int]:
    """Index range [i, j) of the tokens sharing at least one character with [start, end)."""
    import numpy as np

    i = int(np.searchsorted(ends, start, side="right"))
    j = int(np.searchsorted(starts, end, side="left"))
    return i, max(i, j)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) to whole tokens and trim surrounding white space.

    A selection that touches only white space is returned unchanged (trimmed
    to itself), so the caller can refuse it.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    # Grow left/right while inside a word.
    while start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while end < len(text) and _is_word(text[end]) and _is_word(text[end - 1]):
        end += 1
    return start, end


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or bool(WORD_RE.match(ch))


class Utf16Map:
    """Converts offsets between code points (ours) and UTF-16 code units (Qt's).

    Texts without characters outside the BMP (most news) convert for free; for
    the others the positions of the astral characters are kept sorted.
    """

    __slots__ = ("_astral", "_astral16", "length", "length16")

    def __init__(self, text: str):
        # UTF-16 position of each astral character, and its code point position
        self._astral16 = _astral_units(text)
        self._astral = list(map(sub, self._astral16, range(len(self._astral16))))
        self.length = len(text)
        self.length16 = len(text) + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def to_utf16_all(self, cps: list[int]) -> list[int]:
        """`to_utf16` of each, in C (map over bisect): a 10,000-span layer has 20,000."""
        if not self._astral:
            return cps
        return list(map(add, cps, map(partial(bisect_left, self._astral), cps)))

    def units(self, text: str) -> str:
        """`text` (this map's) as Qt holds it: each character outside the BMP written as
        its two UTF-16 surrogates, a str of Qt's code units, which PySide hands to Qt as
        they are. A str holding such characters it converts one by one: a 1 MB text of
        the benchmarks (14,000 of them) took 11-12 ms to reach Qt, of setPlainText's
        17; as units 1 ms, and 1.4 to make them. A text without any is itself."""
        return _as_units(text) if self._astral else text

    def to_codepoint(self, u16: int) -> int:
        """The code point at or before UTF-16 position u16 (a low surrogate rounds down)."""
        if not self._astral:
            return u16
        k = bisect_right(self._astral16, u16 - 1)
        # inside a surrogate pair: u16 is astral16[k-1] + 1
        if k and self._astral16[k - 1] + 1 == u16:
            return self._astral[k - 1]
        return u16 - k


_NATIVE_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
_UCS2 = 2  # PyUnicode_2BYTE_KIND: a str's code points held in two bytes each
_from_units = None  # CPython's PyUnicode_FromKindAndData, once a text needs it


def _as_units(text: str) -> str:
    """`text` encoded in UTF-16 and taken back as a str of those units, one code point
    each (surrogates included): no codec decodes UTF-16 without joining the pairs, and
    slicing the text around each such character cost 7-9 ms."""
    global _from_units
    if _from_units is None:
        import ctypes  # here: only texts with characters outside the BMP need it

        _from_units = ctypes.PYFUNCTYPE(ctypes.py_object, ctypes.c_int, ctypes.c_char_p,
                                        ctypes.c_ssize_t)(
            ("PyUnicode_FromKindAndData", ctypes.pythonapi))
    encoded = text.encode(_NATIVE_UTF16)
    return _from_units(_UCS2, encoded, len(encoded) // 2)


# 1 for the high byte of a high surrogate (D800-DBFF), the first unit of a character
# outside the BMP in UTF-16; 0 for any other
_HIGH_SURROGATE = bytes(1 if 0xD8 <= b <= 0xDB else 0 for b in range(256))


def _astral_units(text: str) -> list[int]:
    """The UTF-16 positions of the characters outside the BMP, found in C from one
    encoding: the text's UTF-16 units cut at those starting a surrogate pair give their
    places by the lengths of the pieces. (Encoding to UTF-16 to see whether there are
    any, then to UTF-32 to find them, took twice as long; a regular expression made one
    match object per character: 14,000 in a 1 MB text of the benchmarks.)"""
    units = text.encode("utf-16-le")
    if len(units) == 2 * len(text):  # none: most news
        return []
    pieces = units[1::2].translate(_HIGH_SURROGATE).split(b"\x01")
    pieces.pop()  # what follows the last one
    return list(map(add, accumulate(map(len, pieces)), range(len(pieces))))
