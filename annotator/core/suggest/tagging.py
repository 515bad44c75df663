"""The span tagger's pure parts: a token's features, spans as BIO tags, tags back to spans,
and which documents it learns from and is tested on. The model itself (scikit-learn) is
services.suggest_tagger's.

Tokens are the agreement spec's (core.text.TOKEN_RE). A token is inside a span when they
share a character. BIO holds no overlaps: of overlapping spans the first (then the
longest) is learnt and the others are counted as left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from annotator.core.text import token_bounds

OUTSIDE = "O"


def shape(word: str) -> str:
    """Xxxx, dd, x-x …: runs of one kind of character shortened to two."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) < 2 or out[-1] != c or out[-2] != c:
            out.append(c)
    return "".join(out)


def features(text: str) -> tuple[np.ndarray, np.ndarray, list[dict[str, object]]]:
    """Token starts and ends, and each token's features: the word, lower-cased, its
    shape, prefix and suffix, and its neighbours' lower-cased words."""
    starts, ends = token_bounds(text)
    words = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    lower = [w.lower() for w in words]
    n = len(words)
    out = []
    for i, w in enumerate(words):
        f: dict[str, object] = {
            "bias": 1, "w=" + w: 1, "lw=" + lower[i]: 1, "shape=" + shape(w): 1,
            "pre3=" + lower[i][:3]: 1, "suf3=" + lower[i][-3:]: 1,
        }
        if w[:1].isupper():
            f["title"] = 1
        for d in (-2, -1, 1, 2):
            j = i + d
            f[f"w{d:+d}=" + (lower[j] if 0 <= j < n else ("<s>" if j < 0 else "</s>"))] = 1
        if i > 0:
            f["bigram-1=" + lower[i - 1] + "|" + lower[i]] = 1
        out.append(f)
    return starts, ends, out


def bio_tags(starts: np.ndarray, ends: np.ndarray,
             spans: Iterable[tuple[int, int, str]]) -> tuple[list[str], int]:
    """The BIO tag of every token, and how many spans were left out for overlapping
    one learnt already (or covering no token)."""
    tags = [OUTSIDE] * len(starts)
    left_out = 0
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        i = int(np.searchsorted(ends, start, side="right"))
        j = int(np.searchsorted(starts, end, side="left"))
        if i >= j or any(t != OUTSIDE for t in tags[i:j]):
            left_out += 1
            continue
        tags[i] = "B-" + label
        for k in range(i + 1, j):
            tags[k] = "I-" + label
    return tags, left_out


def spans_of(starts: np.ndarray, ends: np.ndarray, tags: Sequence[str],
             scores: Sequence[float] | None = None) -> list[tuple[int, int, str, float]]:
    """Spans (start, end, label, score) from BIO tags; an I- that does not continue a span
    of its label starts one. The score is the mean of its tokens' scores (1.0 without)."""
    out = []
    current: list | None = None
    for k, tag in enumerate(tags):
        score = 1.0 if scores is None else float(scores[k])
        if tag == OUTSIDE:
            current = _close(current, out)
            continue
        kind, label = tag[:1], tag[2:]
        if kind == "B" or current is None or current[2] != label:
            _close(current, out)
            current = [int(starts[k]), int(ends[k]), label, [score]]
        else:
            current[1] = int(ends[k])
            current[3].append(score)
    _close(current, out)
    return out


def _close(current: list | None, out: list) -> None:
    if current is not None:
        out.append((current[0], current[1], current[2], sum(current[3]) / len(current[3])))
    return None


def held_out(doc_ids: Sequence[str], share: float = 0.2) -> tuple[list[str], list[str]]:
    """Split documents into those learnt from and those held out for testing: the same
    split for the same documents on every run and machine (by a hash of each id), at
    least one document on each side when there are two or more."""
    ranked = sorted(doc_ids, key=lambda d: (hashlib.sha256(d.encode("utf-8")).hexdigest(), d))
    n_test = max(1, round(len(ranked) * share)) if len(ranked) >= 2 else 0
    test = set(ranked[:n_test])
    return [d for d in doc_ids if d not in test], [d for d in doc_ids if d in test]
