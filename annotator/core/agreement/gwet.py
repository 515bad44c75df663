"""Gwet's AC1, multi-rater with missing values (Gwet 2014, ch. 2 and 4), as ``irrCAC``
computes it from raw ratings (``CAC(ratings).gwet()`` with identity weights):

* ``pa``: over units with two ratings or more, the mean of
  ``Σ_k r_uk (r_uk − 1) / (r_u (r_u − 1))``;
* ``π_k``: over units with at least one rating, the mean of ``r_uk / r_u``;
* ``pe = Σ_k π_k (1 − π_k) / (q − 1)``, ``q`` the number of categories observed;
* ``AC1 = (pa − pe) / (1 − pe)``.
"""

from __future__ import annotations

import numpy as np

from .errors import Undefined
from .ratings import as_codes, unit_agreement


def ac1_from_counts(
    agreement_sum: float, units2: float, share_sums: np.ndarray, units1: float
) -> float:
    """AC1 from ``Σ_u agree_u / (r_u (r_u − 1))`` over the ``units2`` units with two
    ratings or more, and ``Σ_u r_uk / r_u`` per category over the ``units1`` units with one."""
    shares = np.asarray(share_sums, dtype=np.float64)
    q = int(np.count_nonzero(shares))
    if q < 2:
        raise Undefined("only one category occurs")
    if units2 <= 0:
        raise Undefined("no unit has ratings from two annotators")
    pa = agreement_sum / units2
    pi = shares / units1
    pe = float(pi @ (1.0 - pi)) / (q - 1)
    return (pa - pe) / (1.0 - pe)


def gwet_ac1(ratings: object, weights: np.ndarray | None = None) -> float:
    """AC1 of a units × raters table (codes with -1 missing, or values with None/NaN)."""
    codes = as_codes(ratings)
    w = np.ones(len(codes)) if weights is None else np.asarray(weights, dtype=np.float64)
    m, agree = unit_agreement(codes)
    rated = m >= 1
    two = m >= 2
    agreement_sum = float(w[two] @ (agree[two] / (m[two] * (m[two] - 1))))
    r, c = np.nonzero(codes >= 0)
    size = int(codes.max()) + 1 if codes.size else 0
    shares = np.bincount(codes[r, c], weights=w[r] / m[r], minlength=size)
    return ac1_from_counts(agreement_sum, float(w[two].sum()), shares, float(w[rated].sum()))
