"""Label confusion: how often one annotator's label meets another's on the same text.

For every ordered pair of annotators (a, b), over the documents both took part in:

- tokens: each token adds 1 to the cell (x, y) for every label x of a's spans covering it
  and every label y of b's (``O`` standing for none);
- spans: each of a's spans adds 1 to (its label, y) for every span of b of label y that
  shares a character with it, or to (its label, ``O``) when none does; each of b's spans
  that none of a's meets adds 1 to (``O``, its label).

Summed over both orders, the matrices are symmetric; the diagonal is agreement, the rest
is where definitions blur (or where one annotator saw nothing). Labels are the report's,
then ``O``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from ..model import Span
from ..records import DocumentRecord
from .results import Confusion
from .tokens import token_bounds_many
from .units import Study, participants_of

NONE = "O"
TOKENS, SPANS = "tokens", "spans"


def confusion_matrices(study: Study) -> tuple[np.ndarray, np.ndarray]:
    """``(tokens, spans)``: (labels + 1) × (labels + 1) counts, ``O`` last."""
    n_lab, n_ann = len(study.labels), len(study.annotators)
    tokens = np.zeros((n_lab + 1, n_lab + 1))
    spans = np.zeros((n_lab + 1, n_lab + 1), dtype=np.int64)
    member = np.hstack([study.code_labels, ~study.code_labels.any(axis=1, keepdims=True)])
    member = member.astype(np.float64)
    n_codes = len(study.code_labels)
    for a in range(n_ann):
        for b in range(a + 1, n_ann):
            shared = study.participates[:, a] & study.participates[:, b]
            rows = np.flatnonzero(shared[study.row_doc])
            if len(rows) and n_codes:
                docs = study.row_doc[rows]
                x = study.row_values[rows, study.slot_of[docs, a]]
                y = study.row_values[rows, study.slot_of[docs, b]]
                pairs = np.bincount(x * n_codes + y, weights=study.row_weight[rows],
                                    minlength=n_codes * n_codes).reshape(n_codes, n_codes)
                m = member.T @ pairs @ member
                tokens += m + m.T
            m = _span_counts(study, a, b, shared, n_lab)
            spans += m + m.T
    return np.rint(tokens).astype(np.int64), spans


def confusion_block(study: Study) -> Confusion:
    """The report's ``confusion``."""
    tokens, spans = confusion_matrices(study)
    return Confusion((*study.labels, NONE), tuple(map(tuple, tokens.tolist())),
                     tuple(map(tuple, spans.tolist())))


def _span_counts(study: Study, a: int, b: int, shared: np.ndarray, n_lab: int) -> np.ndarray:
    """The spans matrix of the ordered pair (a, b)."""
    t = study.spans
    mine = np.flatnonzero((t.annotator == a) & shared[t.doc])
    theirs = np.flatnonzero((t.annotator == b) & shared[t.doc])
    out = np.zeros((n_lab + 1, n_lab + 1), dtype=np.int64)
    ia, ib = _meeting(t.doc[mine], t.start[mine], t.end[mine],
                      t.doc[theirs], t.start[theirs], t.end[theirs])
    np.add.at(out, (t.label[mine][ia], t.label[theirs][ib]), 1)
    alone_a = np.bincount(ia, minlength=len(mine)) == 0
    alone_b = np.bincount(ib, minlength=len(theirs)) == 0
    np.add.at(out, (t.label[mine][alone_a], n_lab), 1)
    np.add.at(out, (n_lab, t.label[theirs][alone_b]), 1)
    return out


def _meeting(doc_a, start_a, end_a, doc_b, start_b, end_b) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i, j) of a span of a and a span of b of one document sharing a
    character (spans of one side may overlap each other)."""
    if not len(doc_a) or not len(doc_b):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    stride = int(max(end_a.max(), end_b.max())) + 1
    order = np.lexsort((start_b, doc_b))
    key_b = doc_b[order] * stride + start_b[order]
    longest = np.zeros(int(max(doc_a.max(), doc_b.max())) + 1, dtype=np.int64)
    np.maximum.at(longest, doc_b, end_b - start_b)
    lo = np.searchsorted(key_b, doc_a * stride + np.maximum(start_a - longest[doc_a], 0))
    hi = np.searchsorted(key_b, doc_a * stride + end_a, side="left")
    count = np.maximum(hi - lo, 0)
    ia = np.repeat(np.arange(len(doc_a)), count)
    starts = np.cumsum(count) - count
    jb = order[np.repeat(lo, count) + np.arange(int(count.sum())) - np.repeat(starts, count)]
    hit = end_b[jb] > start_a[ia]
    return ia[hit], jb[hit]


@dataclass(frozen=True)
class Meeting:
    """Spans behind a cell: ``first``'s span of the row label and ``second``'s span of
    the column label (``second_span`` None for ``O``: nothing of theirs meets it, or, for
    tokens, some of its tokens are outside all of theirs)."""

    document: str
    first: str
    first_span: tuple[int, int, str, str]  # start, end, label, text
    second: str
    second_span: tuple[int, int, str, str] | None


def meetings(records: Iterable[DocumentRecord], row: str, column: str, level: str = SPANS,
             *, annotators: Collection[str] | None = None,
             labels: Collection[str] | None = None) -> Iterator[Meeting]:
    """The spans behind the cell (``row``, ``column``) of a confusion matrix (``level``
    tokens or spans), document by document; a pair of annotators is listed in both orders
    only where the labels differ. Filters and participation are the report's."""
    if row == NONE and column == NONE:
        return
    if row == NONE:  # the other half of the symmetric cell
        for m in meetings(records, column, row, level, annotators=annotators, labels=labels):
            yield Meeting(m.document, m.first, m.first_span, m.second, m.second_span)
        return
    wanted = None if labels is None else set(labels)
    for r in records:
        took = sorted(participants_of(r, annotators))
        distinct: dict[str, dict[tuple[int, int, str], Span]] = {name: {} for name in took}
        for s in r.annotations:
            if s.annotator in distinct and (wanted is None or s.label in wanted):
                distinct[s.annotator].setdefault((s.start, s.end, s.label), s)
        spans = {name: list(found.values()) for name, found in distinct.items()}
        bounds = _token_bounds(r.text) if level == TOKENS else None
        for a in took:
            for b in took:
                if a == b or (row == column and b < a):
                    continue
                for s in sorted(spans[a], key=lambda x: (x.start, x.end, x.label)):
                    if s.label != row:
                        continue
                    first = (s.start, s.end, s.label, r.text[s.start:s.end])
                    met = [t for t in spans[b] if _meet(s, t, bounds)]
                    if column == NONE:
                        if not met if bounds is None else _uncovered(s, spans[b], bounds):
                            yield Meeting(r.id, a, first, b, None)
                        continue
                    for t in sorted(met, key=lambda x: (x.start, x.end, x.label)):
                        if t.label == column:
                            yield Meeting(r.id, a, first, b,
                                          (t.start, t.end, t.label, r.text[t.start:t.end]))


def _token_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    start, end, _, _ = token_bounds_many([text])
    return start, end


def _tokens_of(span: Span, bounds) -> tuple[int, int]:
    start, end = bounds
    return (int(np.searchsorted(end, span.start, side="right")),
            int(np.searchsorted(start, span.end, side="left")))


def _meet(s: Span, t: Span, bounds) -> bool:
    """Sharing a character (spans), or a token (tokens)."""
    if bounds is None:
        return s.start < t.end and t.start < s.end
    s0, s1 = _tokens_of(s, bounds)
    t0, t1 = _tokens_of(t, bounds)
    return s0 < t1 and t0 < s1


def _uncovered(s: Span, others: list[Span], bounds) -> bool:
    """Whether some token of ``s`` lies in none of ``others``."""
    s0, s1 = _tokens_of(s, bounds)
    covered = np.zeros(max(s1 - s0, 0), dtype=bool)
    for t in others:
        t0, t1 = _tokens_of(t, bounds)
        lo, hi = max(s0, t0), min(s1, t1)
        if lo < hi:
            covered[lo - s0:hi - s0] = True
    return not covered.all()
