"""Tokens, word snapping, and the code point <-> UTF-16 conversion Qt needs."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from functools import partial
from itertools import accumulate
from operator import add
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
        # code point position of each astral character, and its UTF-16 position
        self._astral = _astral_points(text)
        self._astral16 = list(map(add, self._astral, range(len(self._astral))))
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


# 1 for a nonzero byte: the third byte of a character's UTF-32 code is its plane, nonzero
# outside the BMP
_BEYOND_BMP = bytes(1 if b else 0 for b in range(256))
# What CPython's str takes besides its characters, when they are held in two bytes each
# (the most it takes without a character outside the BMP; such a str holds four bytes a
# character): one such character's str less the character and its terminator
_UCS2_HEAD = chr(0x100).__sizeof__() - 2 * 2  # made here: no UTF-8 copy cached


def _astral_points(text: str) -> list[int]:
    """The code point positions of the characters outside the BMP. A str without any is
    not stored four bytes a character, which its size says at once (most news: nothing to
    scan); a size that does not say so (four bytes a character, or a cached UTF-8 copy) is
    checked by the scan. The scan is in C: the planes of the text's UTF-32 code, cut at
    the nonzero ones, give their places by the lengths of the pieces, in a few passes over
    it (a 1 MB text of the benchmarks, 14,000 such characters: about 6 ms, best of 41; cut
    at the high surrogates of its UTF-16 code about 7; a regular expression made one match
    object per character)."""
    if text.__sizeof__() <= _UCS2_HEAD + 2 * (len(text) + 1):
        return []
    pieces = text.encode("utf-32-le")[2::4].translate(_BEYOND_BMP).split(b"\x01")
    pieces.pop()  # what follows the last one
    return list(map(add, accumulate(map(len, pieces)), range(len(pieces))))
