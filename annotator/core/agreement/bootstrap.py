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
class BootstrapInterval:
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
) -> list[BootstrapInterval]:
    """One 95 % percentile interval (2.5 and 97.5, linear interpolation) per ``counts``.

    All share the same draws. Draws where an alpha is undefined are skipped for it and
    counted in ``BootstrapInterval.skipped``.
    """
    if draws < 0:
        raise ValueError("the number of bootstrap draws cannot be negative")
    if not counts:
        return []
    n_docs = len(counts[0].values)
    if draws == 0 or n_docs == 0:
        return [BootstrapInterval(None, None, draws, draws) for _ in counts]
    items = len(counts)
    per_block = max(1, min(draws, _BLOCK // n_docs))
    col_chunk = max(1, _BLOCK // n_docs)
    # Documents × categories of each item, kept between draw blocks when small.
    cells = sum(n_docs * max(c.n_categories, 1) for c in counts)
    cache: dict[tuple[int, int], np.ndarray] | None = {} if cells <= 4 * _BLOCK else None
    rng = np.random.default_rng(seed)
    alphas = np.empty((draws, items))
    done = 0
    while done < draws:
        size = min(per_block, draws - done)
        picks = rng.integers(0, n_docs, size=(size, n_docs))
        flat = (np.arange(size)[:, None] * n_docs + picks).ravel()
        weight = np.bincount(flat, minlength=size * n_docs).reshape(size, n_docs)
        weight = weight.astype(np.float64)
        # Item by item, so that an item's draws never depend on which others are computed.
        for i, c in enumerate(counts):
            n = weight @ c.values
            agree = weight @ c.matching
            squares = np.zeros(size)
            kinds = np.zeros(size)
            for lo in range(0, c.n_categories, col_chunk):
                hi = min(c.n_categories, lo + col_chunk)
                block = cache.get((i, lo)) if cache is not None else None
                if block is None:
                    block = _dense(c, lo, hi, n_docs)
                    if cache is not None:
                        cache[(i, lo)] = block
                totals = weight @ block
                squares += (totals * totals).sum(axis=1)
                kinds += (totals > 0).sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                a = 1.0 - (n - 1.0) * (n - agree) / (n * n - squares)
            a[(n <= 0) | (kinds < 2)] = np.nan
            alphas[done : done + size, i] = a
        done += size
        if tick is not None:
            tick(size)
    out = []
    for i in range(items):
        ok = alphas[:, i][~np.isnan(alphas[:, i])]
        if len(ok) == 0:
            out.append(BootstrapInterval(None, None, draws, draws))
            continue
        low, high = np.percentile(ok, [2.5, 97.5])
        out.append(BootstrapInterval(float(low), float(high), draws, draws - len(ok)))
    return out


def _dense(counts: AlphaCounts, lo: int, hi: int, n_docs: int) -> np.ndarray:
    """Documents × categories ``lo:hi`` of one item's counts."""
    block = np.zeros((n_docs, hi - lo))
    sel = (counts.cat_code >= lo) & (counts.cat_code < hi)
    np.add.at(block, (counts.cat_doc[sel], counts.cat_code[sel] - lo), counts.cat_count[sel])
    return block
