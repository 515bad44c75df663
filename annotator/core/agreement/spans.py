"""Span measures per pair of annotators: exact span F1 and the SemEval-2020 Task 11 score.

Exact: ``2·|A∩B| / (|A|+|B|)`` on distinct ``(document, start, end, label)``.

Partial (Da San Martino et al. 2019, SemEval-2020 Task 11): after merging each annotator's
overlapping spans of one label in one document, ``C(s,t,h) = |s∩t| / h`` for spans of the
same label; ``P = Σ_s Σ_t C(s,t,|s|) / |A|``, ``R = Σ_s Σ_t C(s,t,|t|) / |B|``,
``F1 = 2PR / (P+R)``; micro over documents: numerators and denominators are summed over
documents (and over labels for the overall score) before dividing.

Both are ``Undefined`` when neither annotator has a span, and 0 when only one has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .errors import Undefined
from .intervals import merge_overlapping, overlap_pairs, stride_for
from .units import SpanTable

NO_SPANS = "neither annotator has a span on the documents they share"

SpanKey = tuple[object, int, int, object]  # (document, start, end, label)


@dataclass(frozen=True, eq=False)
class ExactCounts:
    """Per label (and per document) ``|A∩B|``, ``|A|`` and ``|B|``."""

    both: np.ndarray
    first: np.ndarray
    second: np.ndarray
    doc_both: np.ndarray
    doc_first: np.ndarray
    doc_second: np.ndarray


@dataclass(frozen=True, eq=False)
class PartialCounts:
    """Per label the numerators of P and R and the numbers of (merged) spans."""

    precision_sum: np.ndarray
    recall_sum: np.ndarray
    first: np.ndarray
    second: np.ndarray


def f1_from_counts(both: float, first: float, second: float) -> float:
    if first + second <= 0:
        raise Undefined(NO_SPANS)
    return 2.0 * both / (first + second)


def partial_f1_from_counts(p_sum: float, r_sum: float, first: float, second: float) -> float:
    if first + second <= 0:
        raise Undefined(NO_SPANS)
    precision = p_sum / first if first else 0.0
    recall = r_sum / second if second else 0.0
    if precision + recall == 0:
        return 0.0
    return 2.0 * precision * recall / (precision + recall)


def span_keys(spans: SpanTable) -> np.ndarray:
    """An id per span, equal for spans with the same (document, label, start, end)."""
    n = len(spans)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((spans.end, spans.start, spans.label, spans.doc))
    cols = [c[order] for c in (spans.doc, spans.label, spans.start, spans.end)]
    fresh = np.ones(n, dtype=bool)
    same = np.ones(n - 1, dtype=bool)
    for c in cols:
        same &= c[1:] == c[:-1]
    fresh[1:] = ~same
    ids = np.empty(n, dtype=np.int64)
    ids[order] = np.cumsum(fresh) - 1
    return ids


def annotator_slices(table: SpanTable, n_annotators: int) -> np.ndarray:
    """``table`` sorted by annotator: rows of annotator ``a`` are ``[s[a], s[a+1])``."""
    return np.searchsorted(table.annotator, np.arange(n_annotators + 1))


def exact_counts(
    spans: SpanTable,
    keys: np.ndarray,
    rows_a: slice,
    rows_b: slice,
    shared: np.ndarray,
    n_labels: int,
) -> ExactCounts:
    """Counts for two annotators' rows of ``spans`` restricted to the ``shared`` documents."""
    n_docs = len(shared)
    sel_a = np.arange(rows_a.start, rows_a.stop)
    sel_b = np.arange(rows_b.start, rows_b.stop)
    sel_a = sel_a[shared[spans.doc[sel_a]]]
    sel_b = sel_b[shared[spans.doc[sel_b]]]
    _, in_a, _ = np.intersect1d(keys[sel_a], keys[sel_b], assume_unique=True, return_indices=True)
    common = sel_a[in_a]
    return ExactCounts(
        np.bincount(spans.label[common], minlength=n_labels),
        np.bincount(spans.label[sel_a], minlength=n_labels),
        np.bincount(spans.label[sel_b], minlength=n_labels),
        np.bincount(spans.doc[common], minlength=n_docs),
        np.bincount(spans.doc[sel_a], minlength=n_docs),
        np.bincount(spans.doc[sel_b], minlength=n_docs),
    )


def partial_counts(
    merged: SpanTable,
    rows_a: slice,
    rows_b: slice,
    shared: np.ndarray,
    n_labels: int,
    stride: int,
) -> PartialCounts:
    """SemEval sums for two annotators' merged spans on the ``shared`` documents.

    ``merged`` must be sorted by annotator, document, label, start and hold no two
    overlapping spans of one annotator, document and label.
    """
    a = np.arange(rows_a.start, rows_a.stop)
    b = np.arange(rows_b.start, rows_b.stop)
    a = a[shared[merged.doc[a]]]
    b = b[shared[merged.doc[b]]]
    base_a = (merged.doc[a] * n_labels + merged.label[a]) * stride
    base_b = (merged.doc[b] * n_labels + merged.label[b]) * stride
    sa, ea = merged.start[a] + base_a, merged.end[a] + base_a
    sb, eb = merged.start[b] + base_b, merged.end[b] + base_b
    ia, ib = overlap_pairs(sa, ea, sb, eb)
    inter = (np.minimum(ea[ia], eb[ib]) - np.maximum(sa[ia], sb[ib])).astype(np.float64)
    lab = merged.label[a][ia]
    return PartialCounts(
        np.bincount(lab, weights=inter / (ea - sa)[ia], minlength=n_labels),
        np.bincount(lab, weights=inter / (eb - sb)[ib], minlength=n_labels),
        np.bincount(merged.label[a], minlength=n_labels),
        np.bincount(merged.label[b], minlength=n_labels),
    )


def _tables(first: Iterable[SpanKey], second: Iterable[SpanKey]) -> tuple[SpanTable, int, int]:
    spans = [(0, *k) for k in set(first)] + [(1, *k) for k in set(second)]
    docs = {d: i for i, d in enumerate(dict.fromkeys(s[1] for s in spans))}
    labels = {lab: i for i, lab in enumerate(dict.fromkeys(s[4] for s in spans))}
    arr = np.array(
        [(who, docs[d], labels[lab], start, end) for who, d, start, end, lab in spans],
        dtype=np.int64,
    ).reshape(-1, 5)
    if (arr[:, 4] <= arr[:, 3]).any():
        raise ValueError("a span must have start < end")
    order = np.lexsort((arr[:, 4], arr[:, 3], arr[:, 2], arr[:, 1], arr[:, 0]))
    arr = arr[order]
    return SpanTable(*(arr[:, i] for i in range(5))), max(len(docs), 1), max(len(labels), 1)


def span_f1(first: Iterable[SpanKey], second: Iterable[SpanKey]) -> float:
    """Exact span F1 of two sets of ``(document, start, end, label)``."""
    a, b = set(first), set(second)
    return f1_from_counts(len(a & b), len(a), len(b))


def partial_span_f1(first: Iterable[SpanKey], second: Iterable[SpanKey]) -> float:
    """The SemEval-2020 Task 11 F1 of two sets of ``(document, start, end, label)``."""
    table, n_docs, n_labels = _tables(first, second)
    g, start, end = merge_overlapping(
        (table.annotator * n_docs + table.doc) * n_labels + table.label, table.start, table.end
    )
    rest = g // n_labels
    merged = SpanTable(rest // n_docs, rest % n_docs, g % n_labels, start, end)
    bounds = annotator_slices(merged, 2)
    counts = partial_counts(
        merged, slice(bounds[0], bounds[1]), slice(bounds[1], bounds[2]),
        np.ones(n_docs, dtype=bool), n_labels, stride_for(merged.end),
    )  # fmt: skip
    return partial_f1_from_counts(
        float(counts.precision_sum.sum()), float(counts.recall_sum.sum()),
        float(counts.first.sum()), float(counts.second.sum()),
    )  # fmt: skip
