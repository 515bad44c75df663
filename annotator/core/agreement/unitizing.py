"""Krippendorff's alpha for unitizing, α_U (Krippendorff 2004, *Content Analysis*, 2nd ed.,
pp. 251-256), computed as DKPro Agreement's ``KrippendorffAlphaUnitizingAgreement`` does.

For one continuum of length ``L`` rated by ``R`` raters and one category ``c``, each rater's
continuum is cut into their units of ``c`` and the gaps between them.

Observed: ``D_o = 2 / (R (R−1) L²) · Σ_{rater pairs} Σ δ²``, where δ² is summed over
pairs of intersecting segments: two units give ``(b₁−b₂)² + (e₁−e₂)²``, a unit lying
inside the other rater's gap gives ``l²``, anything else 0. So a unit that overlaps none
of the other rater's units costs ``l²``, and overlapping units cost their boundary
differences.

Expected: with ``N_c`` units of ``c`` over all raters and the gaps ``g`` of all raters (a
rater without units has one gap ``L``),
``D_e = (2/L) · Σ_u [ (N_c−1)(2l³−3l²+l)/3 + l² Σ_{g ≥ l} (g−l+1) ] / (RL(RL−1) − Σ_u l(l−1))``.

The DKPro walk needs one rater's units of a category not to overlap, so they are merged
first. Documents combine by summing: ``α_U = 1 − Σ D_o / Σ D_e`` (over documents, and
over labels for the overall value; DKPro's mean over categories is the same ratio).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from .errors import Undefined
from .intervals import merge_overlapping, overlap_pairs, stride_for
from .units import SpanTable

NO_UNITS = "no span on a document with two or more participants"


def unitizing_sums(
    merged: SpanTable,
    participates: np.ndarray,
    doc_length: np.ndarray,
    n_labels: int,
    tick: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``(Σ_d D_o, Σ_d D_e)`` per label over the documents with two participants or more.

    ``merged``: spans sorted by annotator, document, label, start, with no two overlapping
    spans of one annotator, document and label; every span's annotator takes part in its
    document (``participates``: documents × annotators).
    """
    n_docs, n_ann = participates.shape
    m = participates.sum(axis=1).astype(np.float64)
    length = doc_length.astype(np.float64)
    usable = (m >= 2) & (doc_length > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(usable, 2.0 / (m * (m - 1) * length * length), 0.0)
    observed = np.zeros(n_labels)
    expected = np.zeros(n_labels)
    keep = np.flatnonzero(usable[merged.doc])
    if len(keep) == 0 or n_labels == 0:
        return observed, expected
    units = merged.take(keep)
    stride = stride_for(units.end, doc_length)
    bounds = np.searchsorted(units.annotator, np.arange(n_ann + 1))
    for a in range(n_ann):
        for b in range(a + 1, n_ann):
            shared = participates[:, a] & participates[:, b]
            sa_rows = np.arange(bounds[a], bounds[a + 1])
            sb_rows = np.arange(bounds[b], bounds[b + 1])
            sa_rows = sa_rows[shared[units.doc[sa_rows]]]
            sb_rows = sb_rows[shared[units.doc[sb_rows]]]
            observed += _pair_observed(units, sa_rows, sb_rows, n_labels, stride, factor)
        if tick is not None:
            tick(1)
    expected += _expected(units, m, length, n_labels, stride)
    return observed, expected


def _pair_observed(
    units: SpanTable,
    rows_a: np.ndarray,
    rows_b: np.ndarray,
    n_labels: int,
    stride: int,
    factor: np.ndarray,
) -> np.ndarray:
    base_a = (units.doc[rows_a] * n_labels + units.label[rows_a]) * stride
    base_b = (units.doc[rows_b] * n_labels + units.label[rows_b]) * stride
    sa, ea = units.start[rows_a] + base_a, units.end[rows_a] + base_a
    sb, eb = units.start[rows_b] + base_b, units.end[rows_b] + base_b
    ia, ib = overlap_pairs(sa, ea, sb, eb)
    both = (sa[ia] - sb[ib]).astype(np.float64) ** 2 + (ea[ia] - eb[ib]).astype(np.float64) ** 2
    lone_a = np.bincount(ia, minlength=len(rows_a)) == 0
    lone_b = np.bincount(ib, minlength=len(rows_b)) == 0
    len_a = (ea - sa).astype(np.float64)
    len_b = (eb - sb).astype(np.float64)
    doc_a, doc_b = units.doc[rows_a], units.doc[rows_b]
    lab_a, lab_b = units.label[rows_a], units.label[rows_b]
    out = np.zeros(n_labels)
    out += np.bincount(lab_a[ia], weights=both * factor[doc_a[ia]], minlength=n_labels)
    out += np.bincount(
        lab_a[lone_a], weights=len_a[lone_a] ** 2 * factor[doc_a[lone_a]], minlength=n_labels
    )
    out += np.bincount(
        lab_b[lone_b], weights=len_b[lone_b] ** 2 * factor[doc_b[lone_b]], minlength=n_labels
    )
    return out


def _expected(
    units: SpanTable, m: np.ndarray, length: np.ndarray, n_labels: int, stride: int
) -> np.ndarray:
    group = units.doc * n_labels + units.label
    lens = (units.end - units.start).astype(np.float64)
    groups, inverse, n_units = np.unique(group, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    g_doc, g_lab = groups // n_labels, groups % n_labels
    g_len, g_m = length[g_doc], m[g_doc]
    n_units = n_units.astype(np.float64)

    cubic = np.bincount(inverse, weights=2 * lens**3 - 3 * lens**2 + lens, minlength=len(groups))
    first = (n_units - 1) * cubic / 3.0
    squared = np.bincount(inverse, weights=lens * (lens - 1), minlength=len(groups))

    # Gaps of the raters who have units in a group: before, between and after them.
    rater_group = units.annotator * (len(groups)) + inverse
    order = np.lexsort((units.start, rater_group))
    rg, s, e, gi = rater_group[order], units.start[order], units.end[order], inverse[order]
    new = np.r_[True, rg[1:] != rg[:-1]]
    last = np.r_[rg[1:] != rg[:-1], True]
    gap_group = np.concatenate([gi[new], gi[~new], gi[last]])
    gap_len = np.concatenate(
        [
            s[new],
            s[~new] - e[np.flatnonzero(~new) - 1],
            g_len[gi[last]].astype(np.int64) - e[last],
        ]
    )
    positive = gap_len > 0
    gap_group, gap_len = gap_group[positive], gap_len[positive]
    raters_with_units = np.bincount(gi[new], minlength=len(groups)).astype(np.float64)
    whole_gaps = g_m - raters_with_units

    key = gap_group * stride + gap_len
    order = np.argsort(key, kind="stable")
    key = key[order]
    cum = np.r_[0.0, np.cumsum(gap_len[order].astype(np.float64))]
    ulen = (units.end - units.start).astype(np.int64)
    lo = np.searchsorted(key, inverse * stride + ulen, side="left")
    hi = np.searchsorted(key, (inverse + 1) * stride, side="left")
    count = (hi - lo).astype(np.float64)
    fits = (cum[hi] - cum[lo]) - (lens - 1) * count
    fits += whole_gaps[inverse] * (g_len[inverse] - lens + 1)
    second = np.bincount(inverse, weights=lens**2 * fits, minlength=len(groups))

    total = g_m * g_len
    d_e = (2.0 / g_len) * (first + second) / (total * (total - 1) - squared)
    return np.bincount(g_lab, weights=d_e, minlength=n_labels)


def alpha_from_sums(observed: float, expected: float) -> float:
    if expected <= 0:
        raise Undefined(NO_UNITS)
    return 1.0 - observed / expected


UnitSpec = tuple[int, int, int, object]  # (rater, start, end, category)


def unitizing_disagreement(
    units: Iterable[UnitSpec], *, length: int, raters: int, begin: int = 0
) -> dict[object, tuple[float, float]]:
    """``{category: (D_o, D_e)}`` of one continuum ``[begin, begin + length)``.

    ``units``: ``(rater, start, end, category)`` with ``0 <= rater < raters``; one
    rater's overlapping units of one category are merged first.
    """
    rows = list(units)
    categories = list(dict.fromkeys(u[3] for u in rows))
    cat_index = {c: i for i, c in enumerate(categories)}
    if any(not 0 <= u[0] < raters for u in rows):
        raise ValueError("rater index out of range")
    if any(not begin <= u[1] < u[2] <= begin + length for u in rows):
        raise ValueError("every unit must lie inside the continuum and be non-empty")
    n_cat = max(len(categories), 1)
    rater = np.array([u[0] for u in rows], dtype=np.int64)
    cat = np.array([cat_index[u[3]] for u in rows], dtype=np.int64)
    start = np.array([u[1] - begin for u in rows], dtype=np.int64)
    end = np.array([u[2] - begin for u in rows], dtype=np.int64)
    g, s, e = merge_overlapping(rater * n_cat + cat, start, end)
    table = SpanTable(g // n_cat, np.zeros(len(g), dtype=np.int64), g % n_cat, s, e)
    observed, expected = unitizing_sums(
        table, np.ones((1, raters), dtype=bool), np.array([length], dtype=np.int64), n_cat
    )
    return {c: (float(observed[i]), float(expected[i])) for i, c in enumerate(categories)}


def unitizing_alpha(
    units: Iterable[UnitSpec],
    *,
    length: int,
    raters: int,
    begin: int = 0,
    category: object = None,
) -> float:
    """α_U of one continuum, over all categories or for ``category`` alone."""
    sums = unitizing_disagreement(units, length=length, raters=raters, begin=begin)
    if category is not None:
        observed, expected = sums.get(category, (0.0, 0.0))
    else:
        observed = sum(o for o, _ in sums.values())
        expected = sum(e for _, e in sums.values())
    return alpha_from_sums(observed, expected)
