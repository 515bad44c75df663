"""Fleiss' kappa (Fleiss 1971) and Cohen's kappa (Cohen 1960).

Fleiss as ``statsmodels.stats.inter_rater.fleiss_kappa`` (method "fleiss") computes it;
Cohen as ``sklearn.metrics.cohen_kappa_score`` does:
``1 − Σ_{i≠j} observed_ij / Σ_{i≠j} expected_ij``.
"""

from __future__ import annotations

import numpy as np

from .errors import Undefined
from .ratings import as_codes, category_totals, encode, unit_agreement

ONE_CATEGORY = "only one category occurs"


def fleiss_from_counts(
    units: float, raters: int, agreeing_pairs: float, by_category: np.ndarray
) -> float:
    """Fleiss' kappa from the number of units (each rated by all ``raters``), the ordered
    pairs of equal values summed over units (``Σ_i Σ_j n_ij² − n``) and category totals."""
    if raters < 2:
        raise Undefined("fewer than two annotators")
    if units <= 0:
        raise Undefined("no unit rated by every annotator")
    counts = np.asarray(by_category, dtype=np.float64)
    if np.count_nonzero(counts) < 2:
        raise Undefined(ONE_CATEGORY)
    shares = counts / (units * raters)
    chance = float(shares @ shares)
    observed = agreeing_pairs / (units * raters * (raters - 1))
    return (observed - chance) / (1.0 - chance)


def fleiss_kappa(table: object) -> float:
    """Fleiss' kappa of a subjects × categories table of counts (statsmodels' input)."""
    t = np.asarray(table, dtype=np.float64)
    if t.ndim != 2:
        raise ValueError("expected a subjects × categories table")
    per_subject = t.sum(axis=1)
    raters = float(per_subject.max()) if len(t) else 0.0
    if len(t) and not np.all(per_subject == raters):
        raise ValueError("every subject must be rated by the same number of raters")
    if raters != int(raters):
        raise ValueError("counts must be whole numbers")
    agreeing = float((t * (t - 1)).sum())
    return fleiss_from_counts(float(len(t)), int(raters), agreeing, t.sum(axis=0))


def fleiss_kappa_ratings(ratings: object, weights: np.ndarray | None = None) -> float:
    """Fleiss' kappa of a units × raters table with no missing value."""
    codes = as_codes(ratings)
    if (codes < 0).any():
        raise ValueError("Fleiss' kappa needs every rater on every unit")
    w = np.ones(len(codes)) if weights is None else np.asarray(weights, dtype=np.float64)
    _, agree = unit_agreement(codes)
    return fleiss_from_counts(
        float(w.sum()), codes.shape[1], float(w @ agree), category_totals(codes, w)
    )


def cohen_from_confusion(confusion: np.ndarray) -> float:
    """Cohen's kappa from a square confusion matrix (rows: first rater)."""
    c = np.asarray(confusion, dtype=np.float64)
    total = float(c.sum())
    if total <= 0:
        raise Undefined("no unit rated by both annotators")
    rows, cols = c.sum(axis=1), c.sum(axis=0)
    chance_matches = float(rows @ cols)
    if chance_matches == total * total:
        raise Undefined("both annotators used one and the same category throughout")
    observed_off = total - float(np.trace(c))
    expected_off = total - chance_matches / total
    return 1.0 - observed_off / expected_off


def cohen_kappa(first: object, second: object, weights: np.ndarray | None = None) -> float:
    """Cohen's kappa of two equally long sequences of values (or of codes)."""
    a, b = list(np.asarray(first).tolist()), list(np.asarray(second).tolist())
    if len(a) != len(b):
        raise ValueError("the two raters must rate the same units")
    codes, categories = encode(list(zip(a, b, strict=True)))
    if (codes < 0).any():
        raise ValueError("Cohen's kappa takes no missing value")
    k = max(len(categories), 1)
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    flat = codes[:, 0] * k + codes[:, 1] if len(codes) else np.zeros(0, dtype=np.int64)
    confusion = np.bincount(flat, weights=w, minlength=k * k).reshape(k, k)
    return cohen_from_confusion(confusion)
