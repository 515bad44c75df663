"""Percentile bootstrap intervals for alpha, resampling documents with replacement.

Draw ``i`` picks ``D`` documents with ``numpy.random.default_rng(seed).integers(0, D, D)``
(the ``i``-th such call on one generator; ``rng.choice(D, D)`` draws the same). A draw's
alpha comes from the per-document counts weighted by how often each document was drawn,
so every draw is a matrix product, not a recomputation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .tokenstats import AlphaCounts

SEED = 12345
# Bound on the size of the draws × documents and documents × categories blocks.
_BLOCK = 4_000_000


@dataclass(frozen=True)
class Interval:
    """A percentile interval, or ``None`` bounds when no draw had a defined alpha."""

    low: float | None
    high: float | None
    draws: int
    skipped: int


def alpha_intervals(
    counts: Sequence[AlphaCounts],
    draws: int,
    *,
    seed: int = SEED,
    tick: Callable[[int], None] | None = None,
) -> list[Interval]:
    """One 95 % percentile interval (2.5 and 97.5, linear interpolation) per ``counts``.

    All share the same draws. Draws where an alpha is undefined are skipped for it and
    counted in ``Interval.skipped``.
    """
    if draws < 0:
        raise ValueError("the number of bootstrap draws cannot be negative")
    if not counts:
        return []
    n_docs = len(counts[0].values)
    if draws == 0 or n_docs == 0:
        return [Interval(None, None, draws, draws) for _ in counts]
    items = len(counts)
    values = np.stack([c.values for c in counts], axis=1)
    matching = np.stack([c.matching for c in counts], axis=1)
    # Category columns of all items side by side; column j belongs to item owner[j].
    widths = np.array([c.n_categories for c in counts])
    offsets = np.r_[0, np.cumsum(widths)]
    owner = np.repeat(np.arange(items), widths)
    columns = int(offsets[-1])
    col_chunk = max(1, _BLOCK // n_docs)

    # Documents × categories blocks are kept between draw blocks when they are small.
    cache: dict[int, np.ndarray] | None = {} if n_docs * columns <= 4 * _BLOCK else None
    rng = np.random.default_rng(seed)
    alphas = np.empty((draws, items))
    per_block = max(1, min(draws, _BLOCK // n_docs))
    done = 0
    while done < draws:
        size = min(per_block, draws - done)
        picks = rng.integers(0, n_docs, size=(size, n_docs))
        flat = (np.arange(size)[:, None] * n_docs + picks).ravel()
        weight = np.bincount(flat, minlength=size * n_docs).reshape(size, n_docs)
        weight = weight.astype(np.float64)
        n = weight @ values
        agree = weight @ matching
        squares = np.zeros((size, items))
        kinds = np.zeros((size, items))
        for lo in range(0, columns, col_chunk):
            hi = min(columns, lo + col_chunk)
            block = cache.get(lo) if cache is not None else None
            if block is None:
                block = _dense(counts, offsets, lo, hi, n_docs)
                if cache is not None:
                    cache[lo] = block
            totals = weight @ block
            onehot = np.zeros((hi - lo, items))
            onehot[np.arange(hi - lo), owner[lo:hi]] = 1.0
            squares += (totals * totals) @ onehot
            kinds += (totals > 0) @ onehot
        with np.errstate(divide="ignore", invalid="ignore"):
            a = 1.0 - (n - 1.0) * (n - agree) / (n * n - squares)
        a[(n <= 0) | (kinds < 2)] = np.nan
        alphas[done : done + size] = a
        done += size
        if tick is not None:
            tick(size)
    out = []
    for i in range(items):
        ok = alphas[:, i][~np.isnan(alphas[:, i])]
        if len(ok) == 0:
            out.append(Interval(None, None, draws, draws))
            continue
        low, high = np.percentile(ok, [2.5, 97.5])
        out.append(Interval(float(low), float(high), draws, draws - len(ok)))
    return out


def _dense(
    counts: Sequence[AlphaCounts], offsets: np.ndarray, lo: int, hi: int, n_docs: int
) -> np.ndarray:
    """Documents × category columns ``lo:hi`` of the items side by side."""
    block = np.zeros((n_docs, hi - lo))
    first = int(np.searchsorted(offsets, lo, side="right")) - 1
    for i in range(first, len(counts)):
        start = int(offsets[i])
        if start >= hi:
            break
        c = counts[i]
        col = c.cat_code + start
        sel = (col >= lo) & (col < hi)
        np.add.at(block, (c.cat_doc[sel], col[sel] - lo), c.cat_count[sel])
    return block
