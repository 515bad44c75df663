"""Krippendorff's alpha for ordinal values (Krippendorff 2011), from the coincidence matrix.

Values are ranks 0 … k−1 on an ordered scale. With ``o_ck`` the coincidences of values c
and k over the units with two values or more (each unit's ordered pairs weighted
1 / (m_u − 1)), ``n_c`` their totals and ``n`` their sum, the ordinal distance is
``δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)²`` and

    alpha = 1 − (n − 1) · Σ o_ck δ²(c, k) / Σ n_c n_k δ²(c, k)

as the ``krippendorff`` package computes it with ``level_of_measurement="ordinal"`` (a
rank that nobody used counts 0 in the sums).
"""

from __future__ import annotations

import numpy as np

from .alpha import NO_PAIRABLE, ONE_CATEGORY
from .errors import Undefined
from .ratings import MISSING


def coincidences(ranks: np.ndarray, levels: int) -> np.ndarray:
    """The levels × levels coincidence matrix of a units × raters table of ranks
    (``MISSING`` where a rater gave no value)."""
    ranks = np.asarray(ranks, dtype=np.int64)
    units = ranks.shape[0]
    counts = np.zeros((units, levels))
    r, c = np.nonzero(ranks != MISSING)
    np.add.at(counts, (r, ranks[r, c]), 1.0)
    m = counts.sum(axis=1)
    pairable = m >= 2
    counts, m = counts[pairable], m[pairable]
    weight = 1.0 / (m - 1.0)
    return (counts * weight[:, None]).T @ counts - np.diag(counts.T @ weight)


def ordinal_alpha(ranks: np.ndarray, levels: int) -> float:
    """Ordinal alpha of a units × raters table of ranks 0 … ``levels`` − 1."""
    o = coincidences(ranks, levels)
    totals = o.sum(axis=1)
    n = totals.sum()
    if n <= 0:
        raise Undefined(NO_PAIRABLE)
    if np.count_nonzero(totals) < 2:
        raise Undefined(ONE_CATEGORY)
    running = np.cumsum(totals)
    low = np.minimum.outer(np.arange(levels), np.arange(levels))
    high = np.maximum.outer(np.arange(levels), np.arange(levels))
    between = running[high] - np.r_[0.0, running][low]  # Σ n_g for g from low to high
    delta = (between - (totals[low] + totals[high]) / 2.0) ** 2
    expected = float(totals @ delta @ totals)
    return 1.0 - (n - 1.0) * float((o * delta).sum()) / expected
