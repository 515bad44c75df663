"""Token-level BIO tags (CoNLL, the Hugging Face `ner_tags`) from character spans.

Tokens are the agreement spec's (annotator.core.text.TOKEN_RE), so that a token here is a
token there. A span that starts or ends inside a token grows to the whole token. One tag
per token cannot hold overlapping spans: the span that starts first wins (on a tie the
longer one, then the label and annotator in order), and every span that shares a token
with one already kept is left out and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.core.text import covered_tokens, token_bounds
from annotator.formats.export_spec import LayerSpan

OUTSIDE = "O"


@dataclass
class Tagged:
    starts: np.ndarray  # token start offsets (code points)
    ends: np.ndarray
    tags: list[str]  # "O", "B-label", "I-label"
    kept: list[LayerSpan]
    left_out: list[tuple[LayerSpan, str]]  # span, why


def tag(text: str, spans: list[LayerSpan]) -> Tagged:
    starts, ends = token_bounds(text)
    tags = [OUTSIDE] * len(starts)
    taken = np.zeros(len(starts), dtype=bool)
    owner: list[LayerSpan | None] = [None] * len(starts)
    ranges = []
    left_out: list[tuple[LayerSpan, str]] = []
    for span in spans:
        i, j = covered_tokens(starts, ends, span.start, span.end)
        if i == j:
            left_out.append((span, "covers no token"))
        else:
            ranges.append((i, -(j - i), span.label, span.by, span.start, span.end, j, span))
    ranges.sort(key=lambda r: r[:6])
    kept = []
    for i, _, label, _, _, _, j, span in ranges:
        if taken[i:j].any():
            k = i + int(np.argmax(taken[i:j]))
            other = owner[k]
            left_out.append((span, f"overlaps {describe(other)}"))
            continue
        taken[i:j] = True
        for k in range(i, j):
            owner[k] = span
        tags[i] = f"B-{label}"
        for k in range(i + 1, j):
            tags[k] = f"I-{label}"
        kept.append(span)
    return Tagged(starts, ends, tags, kept, left_out)


def describe(span: LayerSpan | None) -> str:
    if span is None:
        return "another span"
    return f"{span.label!r} {span.start}-{span.end} ({span.by})"


def tag_names(labels: list[str]) -> list[str]:
    """The ClassLabel names: O, then B- and I- of each label in order."""
    out = [OUTSIDE]
    for label in labels:
        out += [f"B-{label}", f"I-{label}"]
    return out


def left_out_warning(fmt: str, doc_id: str, left_out: list[tuple[LayerSpan, str]],
                     limit: int = 5) -> str:
    shown = "; ".join(f"{describe(s)} {why}" for s, why in left_out[:limit])
    more = f"; and {len(left_out) - limit} more" if len(left_out) > limit else ""
    return (f"{fmt}: document {doc_id!r}: left out {len(left_out)} span(s) one tag per "
            f"token cannot hold: {shown}{more}")
