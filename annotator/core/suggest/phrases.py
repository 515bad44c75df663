"""The phrase recommender's memory: the labels given to each phrase, and where a text
holds those phrases again.

A phrase is its tokens (core.text's token rule), compared ignoring case: "Sham election"
at the start of a sentence is the same phrase as "sham election", and a line break
between its words does not matter. A match covers whole tokens, from the first token's
start to the last one's end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from annotator.core.text import TOKEN_RE


def tokens_of(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().casefold()) for m in TOKEN_RE.finditer(text)]


class PhraseBook:
    """How often each phrase was given each label."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, ...], Counter[str]] = {}
        self._by_first: dict[str, list[tuple[str, ...]]] | None = None

    def learn(self, text: str, start: int, end: int, label: str) -> None:
        phrase = tuple(t for _s, _e, t in tokens_of(text[start:end]))
        if phrase:
            self.counts.setdefault(phrase, Counter())[label] += 1
            self._by_first = None

    def __len__(self) -> int:
        return len(self.counts)

    def find(self, text: str) -> Iterator[tuple[int, int, str, int]]:
        """(start, end, label, how often that label was given) of every place in `text`
        holding a known phrase."""
        if not self.counts:
            return
        if self._by_first is None:
            self._by_first = {}
            for phrase in sorted(self.counts, key=len, reverse=True):
                self._by_first.setdefault(phrase[0], []).append(phrase)
        tokens = tokens_of(text)
        words = [t for _s, _e, t in tokens]
        for i, word in enumerate(words):
            for phrase in self._by_first.get(word, ()):
                n = len(phrase)
                if tuple(words[i:i + n]) == phrase:
                    start, end = tokens[i][0], tokens[i + n - 1][1]
                    for label, times in sorted(self.counts[phrase].items()):
                        yield start, end, label, times
