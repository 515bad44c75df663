"""Vectorised operations on many half-open intervals at once, grouped by a key.

Groups (a document and label, an annotator and label, ...) are laid end to end on one
integer line, ``group * stride + position``, so that one sort or one ``searchsorted``
serves every group and intervals of different groups can never touch.
"""

from __future__ import annotations

import numpy as np


def stride_for(*ends: np.ndarray) -> int:
    """A stride longer than every position, for laying groups end to end."""
    top = max((int(e.max()) for e in ends if len(e)), default=0)
    return top + 1


def merge_overlapping(
    group: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unions of the intervals of each group that share at least one position.

    Intervals that only touch (one ends where the next starts) stay apart, as in the
    SemEval scorer. Returns ``(group, start, end)`` sorted by group, then start.
    """
    group = np.asarray(group, dtype=np.int64)
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    if len(start) == 0:
        return group[:0], start[:0], end[:0]
    stride = stride_for(end)
    order = np.lexsort((start, group))
    g, s, e = group[order], start[order], end[order]
    base = g * stride
    reach = np.maximum.accumulate(e + base)
    fresh = np.ones(len(s), dtype=bool)
    fresh[1:] = (s[1:] + base[1:]) >= reach[:-1]
    first = np.flatnonzero(fresh)
    last = np.r_[first[1:] - 1, len(s) - 1]
    return g[first], s[first], reach[last] - base[first]


def overlap_pairs(
    a_start: np.ndarray, a_end: np.ndarray, b_start: np.ndarray, b_end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(i, j)`` with ``a[i]`` and ``b[j]`` sharing at least one position.

    Each side must be sorted and pairwise disjoint (as ``merge_overlapping`` leaves
    them), so that its ends are sorted too.
    """
    lo = np.searchsorted(b_end, a_start, side="right")
    hi = np.searchsorted(b_start, a_end, side="left")
    count = np.maximum(hi - lo, 0)
    total = int(count.sum())
    ia = np.repeat(np.arange(len(a_start)), count)
    if total == 0:
        return ia, np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(count) - count
    ib = np.repeat(lo, count) + (np.arange(total) - np.repeat(offsets, count))
    return ia, ib


def block_sums(values: np.ndarray, pointer: np.ndarray) -> np.ndarray:
    """Sums of the row blocks ``values[pointer[k]:pointer[k + 1]]``; an empty block sums to 0."""
    shape = (len(pointer) - 1,) + values.shape[1:]
    out = np.zeros(shape, dtype=np.float64)
    nonempty = np.flatnonzero(pointer[1:] > pointer[:-1])
    if len(nonempty):
        out[nonempty] = np.add.reduceat(values, pointer[nonempty], axis=0)
    return out
