"""Nominal Krippendorff's alpha from pair counts (Krippendorff 2011).

With ``m_u`` values in unit ``u`` (only units with two or more count: "pairable"),
``n = Σ m_u``, the matching coincidences ``Σ_c o_cc = Σ_u Σ_c n_uc (n_uc − 1) / (m_u − 1)``
and the category totals ``n_c``:

    alpha = 1 − (n − 1) · (n − Σ_c o_cc) / (n² − Σ_c n_c²)

That is the ``krippendorff`` package's ``1 − Σ o·d / Σ e·d`` for the nominal metric,
computed from per-unit counts instead of a units × values × values array, so the
counts can be summed per document and re-weighted for the bootstrap.
"""

from __future__ import annotations

import numpy as np

from .errors import Undefined
from .ratings import as_codes, category_totals, unit_agreement

NO_PAIRABLE = "no unit has values from two annotators"
ONE_CATEGORY = "only one category occurs in the units that have values from two annotators"


def alpha_from_counts(values: float, matching: float, by_category: np.ndarray) -> float:
    """Alpha from ``n``, ``Σ_c o_cc`` and ``n_c`` (all over pairable units).

    Raises ``Undefined`` when there is no pairable unit or only one category in them.
    """
    if values <= 0:
        raise Undefined(NO_PAIRABLE)
    counts = np.asarray(by_category, dtype=np.float64)
    if np.count_nonzero(counts) < 2:
        raise Undefined(ONE_CATEGORY)
    expected = values * values - float(counts @ counts)
    return 1.0 - (values - 1.0) * (values - matching) / expected


def pairable_counts(
    codes: np.ndarray, weights: np.ndarray | None = None
) -> tuple[float, float, np.ndarray]:
    """``(n, Σ_c o_cc, n_c)`` of a units × raters code matrix (rows may carry weights)."""
    w = np.ones(len(codes)) if weights is None else np.asarray(weights, dtype=np.float64)
    m, agree = unit_agreement(codes)
    pairable = m >= 2
    values = float(w[pairable] @ m[pairable])
    matching = float(w[pairable] @ (agree[pairable] / (m[pairable] - 1)))
    totals = category_totals(codes, w, np.flatnonzero(pairable))
    return values, matching, totals


def nominal_alpha(ratings: object, weights: np.ndarray | None = None) -> float:
    """Nominal alpha of a units × raters table (codes with -1 missing, or any values with
    None/NaN missing). ``weights`` repeats rows (a row of weight 3 counts as three units).

    Note: the ``krippendorff`` package takes raters × units; this takes units × raters.
    """
    codes = as_codes(ratings)
    return alpha_from_counts(*pairable_counts(codes, weights))
