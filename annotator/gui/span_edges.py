"""Growing and shrinking a span from the keyboard: one token at a time when snapping to
words (tokens as the agreement measures count them), one character otherwise.

Works on the few characters around the edge, never on the whole (possibly 1 MB) text.
"""

from __future__ import annotations

from annotator.core.text import WORD_RE

START, END = "start", "end"


def _word(ch: str) -> bool:
    return bool(WORD_RE.match(ch))


def _token_after(text: str, i: int) -> int:
    """The end of the token starting at or after i (skipping white space)."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    if i >= n:
        return n
    if _word(text[i]):
        while i < n and _word(text[i]):
            i += 1
        return i
    return i + 1


def _token_before(text: str, i: int) -> int:
    """The start of the token ending at or before i (skipping white space)."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i <= 0:
        return 0
    if _word(text[i - 1]):
        while i > 0 and _word(text[i - 1]):
            i -= 1
        return i
    return i - 1


def _skip_space_forward(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _skip_space_back(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def moved_edge(text: str, start: int, end: int, edge: str, step: int,
               words: bool = True) -> tuple[int, int]:
    """(start, end) after moving one edge by one step (-1 left, +1 right).

    A span never becomes empty: a move that would cross the other edge is refused
    (the span comes back unchanged).
    """
    n = len(text)
    if edge == END:
        if step > 0:
            new = _token_after(text, end) if words else min(n, end + 1)
        else:
            new = _skip_space_back(text, _token_before(text, end)) if words else end - 1
        return (start, new) if new > start else (start, end)
    if step < 0:
        new = _token_before(text, start) if words else max(0, start - 1)
    else:
        new = _skip_space_forward(text, _token_after(text, start)) if words else start + 1
    return (new, end) if new < end else (start, end)
