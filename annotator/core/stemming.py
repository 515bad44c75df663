"""Finding a phrase again in other words' clothing: ignoring case, typographic quotes and
English inflection (plural, possessive, -ed, -ing), so that "sham elections", "Sham
Election" and "the sanctioned banks" are found from "sham election" and "sanction".

The stemmer is deliberately small: it strips inflection, not derivation ("invasion" and
"invaded" stay apart), because a suggestion that is wrong costs the annotator a click
while one that is missed costs nothing they would know of.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.text import TOKEN_RE

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "`": "'"})
_VOWELS = set("aeiouy")
_KEEP_DOUBLE = set("lsz")  # "falling" -> "fall", not "fal"


def stem(word: str) -> str:
    """The inflection-free form of one word (lower case)."""
    w = word.casefold().translate(_QUOTES)
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "ches", "shes", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ing") and len(w) > 5 and _VOWELS & set(w[:-3]):
        return _undouble(w[:-3])
    if w.endswith("ed") and len(w) > 4 and _VOWELS & set(w[:-2]):
        return _undouble(w[:-2])
    # "invade" meets "invaded" and "invading" (whose e went with the ending)
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


def _undouble(w: str) -> str:
    if len(w) > 2 and w[-1] == w[-2] and w[-1] not in _VOWELS | _KEEP_DOUBLE:
        return w[:-1]
    return w


def keys(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every token: words by their stem, other characters with
    typographic quotes made plain. Offsets are code points."""
    out = []
    for m in TOKEN_RE.finditer(text):
        token = m.group()
        out.append((m.start(), m.end(), stem(token) if token[0].isalnum() or token[0] == "_"
                    else token.translate(_QUOTES)))
    return out


def occurrences(text: str, phrase: str, tokens: Sequence[tuple[int, int, str]] | None = None
                ) -> list[tuple[int, int]]:
    """Every place in `text` where `phrase` occurs, token for token, up to case, quotes and
    inflection. `tokens`: keys(text), when the caller has them already."""
    wanted = [k for _, _, k in keys(phrase)]
    if not wanted:
        return []
    tokens = keys(text) if tokens is None else tokens
    m = len(wanted)
    out = []
    for i in range(len(tokens) - m + 1):
        if tokens[i][2] == wanted[0] and all(tokens[i + k][2] == wanted[k] for k in range(1, m)):
            out.append((tokens[i][0], tokens[i + m - 1][1]))
    return out
