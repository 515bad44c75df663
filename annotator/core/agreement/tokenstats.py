"""Sufficient statistics of the token measures, per document, from a ``Study``'s runs.

Every token of a document has a value from each of the document's ``m`` participants,
so per run only the count of agreeing pairs changes; alpha, Fleiss' kappa and AC1 are
then sums of weighted per-run numbers. Per-document sums of alpha's counts let the
bootstrap re-weight documents without looking at tokens again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .alpha import alpha_from_counts
from .gwet import ac1_from_counts
from .intervals import block_sums
from .kappa import fleiss_from_counts
from .ratings import unit_agreement
from .units import Study

# Bound on rows × labels held at once by the per-label computations.
_CELLS = 4_000_000


@dataclass(frozen=True, eq=False)
class AlphaCounts:
    """Alpha's counts per document: ``values`` (n), ``matching`` (Σ o_cc) and category
    totals as sparse triples ``(cat_doc, cat_code, cat_count)`` (zero for documents with
    fewer than two participants, whose tokens are not pairable)."""

    values: np.ndarray
    matching: np.ndarray
    cat_doc: np.ndarray
    cat_code: np.ndarray
    cat_count: np.ndarray
    n_categories: int

    def totals(self) -> tuple[float, float, np.ndarray]:
        by_cat = np.bincount(self.cat_code, weights=self.cat_count, minlength=self.n_categories)
        return float(self.values.sum()), float(self.matching.sum()), by_cat

    def alpha(self) -> float:
        return alpha_from_counts(*self.totals())

    def per_document(self) -> np.ndarray:
        """Alpha of each document alone; NaN where it is undefined (no pairable token, or
        one category only)."""
        n_docs = len(self.values)
        squares = np.bincount(self.cat_doc, weights=self.cat_count**2, minlength=n_docs)
        kinds = np.bincount(self.cat_doc, minlength=n_docs)
        n, a = self.values, self.matching
        ok = (n > 0) & (kinds >= 2)
        out = np.full(n_docs, np.nan)
        out[ok] = 1.0 - (n[ok] - 1.0) * (n[ok] - a[ok]) / (n[ok] ** 2 - squares[ok])
        return out


@dataclass(frozen=True, eq=False)
class TokenMeasures:
    """What alpha, Fleiss' kappa and AC1 need, for one system of categories."""

    alpha: AlphaCounts
    fleiss: tuple[float, int, float, np.ndarray]
    ac1: tuple[float, float, np.ndarray, float]

    def krippendorff_alpha(self) -> float:
        return self.alpha.alpha()

    def fleiss_kappa(self) -> float:
        return fleiss_from_counts(*self.fleiss)

    def gwet_ac1(self) -> float:
        return ac1_from_counts(*self.ac1)


def _divided_total(per_doc: np.ndarray, m_doc: np.ndarray, divisor) -> np.ndarray:
    """``Σ_d per_doc[d] / divisor(m_d)`` (over the first axis), adding the whole numbers of
    documents with the same participant count before dividing, so that the result does not
    depend on how tokens were grouped into runs (a label's entry is then the same whether
    or not other labels are in the report)."""
    total = np.zeros(per_doc.shape[1:])
    for m in np.unique(m_doc):
        div = divisor(float(m))
        if div > 0:
            total = total + per_doc[m_doc == m].sum(axis=0) / div
    return total


def _ordered_pairs(m: float) -> float:
    return m * (m - 1.0) if m >= 2 else 0.0


def overall_measures(study: Study) -> TokenMeasures:
    """Counts for the tokens' categories (label combinations, ``O`` when none)."""
    n_docs, k = len(study.doc_ids), len(study.categories)
    values = study.row_values
    # Column by column (a slot of every run at a time), so that a large corpus's
    # temporaries are a fifth of the matrix, not several times it.
    cat = np.empty_like(values)
    for s in range(values.shape[1]):
        v = values[:, s]
        cat[:, s] = np.where(v >= 0, study.code_category[np.maximum(v, 0)], -1)
    m_doc = study.participants
    n_ann = len(study.annotators)
    _, agree = unit_agreement(cat)
    w = study.row_weight
    # Whole numbers per document: agreeing ordered pairs, and tokens per category.
    agree_doc = np.bincount(study.row_doc, weights=w * agree, minlength=n_docs)
    # Tokens per (document, category), summed per slot then over slots: sums of whole
    # numbers, exact in any order.
    keys, sums = [np.zeros(0, dtype=np.int64)], [np.zeros(0)]
    for s in range(cat.shape[1]):
        r = np.flatnonzero(cat[:, s] >= 0)
        some, inv = np.unique(study.row_doc[r] * max(k, 1) + cat[r, s], return_inverse=True)
        keys.append(some)
        sums.append(np.bincount(inv.ravel(), weights=w[r], minlength=len(some)))
    uniq, inv = np.unique(np.concatenate(keys), return_inverse=True)
    counts = np.bincount(inv.ravel(), weights=np.concatenate(sums), minlength=len(uniq))
    del keys, sums
    t_doc, t_cat = uniq // max(k, 1), uniq % max(k, 1)

    pair_doc = m_doc >= 2
    doc_values = (study.doc_tokens * m_doc * pair_doc).astype(np.float64)
    matching = np.where(pair_doc, agree_doc / np.maximum(m_doc - 1, 1), 0.0)
    keep = pair_doc[t_doc]
    alpha = AlphaCounts(doc_values, matching, t_doc[keep], t_cat[keep], counts[keep], k)

    full_doc = (m_doc == n_ann) & (n_ann >= 2)
    in_full = full_doc[t_doc]
    fleiss = (
        float(study.doc_tokens[full_doc].sum()),
        n_ann,
        float(agree_doc[full_doc].sum()),
        np.bincount(t_cat[in_full], weights=counts[in_full], minlength=k),
    )
    dense = np.zeros((n_docs, k))
    dense[t_doc, t_cat] = counts
    ac1 = (
        float(_divided_total(agree_doc, m_doc, _ordered_pairs)),
        float(study.doc_tokens[pair_doc].sum()),
        _divided_total(dense, m_doc, lambda m: m),
        float(study.doc_tokens.sum()),
    )
    return TokenMeasures(alpha, fleiss, ac1)


def label_counts(study: Study, labels: np.ndarray) -> np.ndarray:
    """Per run and label (of ``labels``): how many annotators' categories include it."""
    codes = study.row_values
    table = np.vstack([study.code_labels[:, labels], np.zeros((1, len(labels)), dtype=bool)])
    ext = np.where(codes >= 0, codes, len(study.code_labels))
    k = np.zeros((len(codes), len(labels)), dtype=np.int64)
    for s in range(codes.shape[1]):
        k += table[ext[:, s]]
    return k


def label_measures(study: Study) -> list[TokenMeasures]:
    """Counts for each label's binary categories: the label (code 0) or ``O`` (code 1)."""
    n_lab, n_ann = len(study.labels), len(study.annotators)
    m_doc = study.participants
    m = m_doc[study.row_doc]
    w = study.row_weight
    pointer = study.row_pointer
    pair_doc = m_doc >= 2
    full_doc = (m_doc == n_ann) & (n_ann >= 2)
    doc_values = (study.doc_tokens * m_doc * pair_doc).astype(np.float64)
    doc_cells = (study.doc_tokens * m_doc).astype(np.float64)
    n_rows = len(study.row_doc)
    chunk = max(1, _CELLS // max(n_rows, 1))
    out: list[TokenMeasures] = []
    for lo in range(0, n_lab, chunk):
        labels = np.arange(lo, min(n_lab, lo + chunk))
        k = label_counts(study, labels)
        mk = m[:, None] - k
        agree = block_sums(w[:, None] * (k * (k - 1) + mk * (mk - 1)), pointer)
        marked = block_sums(w[:, None] * k, pointer)
        matching = np.where(pair_doc[:, None], agree / np.maximum(m_doc - 1, 1)[:, None], 0.0)
        a_sum = _divided_total(agree, m_doc, _ordered_pairs)
        share_l = _divided_total(marked, m_doc, lambda m: m)
        share_o = _divided_total(doc_cells[:, None] - marked, m_doc, lambda m: m)
        f_agree = agree[full_doc].sum(axis=0)
        f_marked = marked[full_doc].sum(axis=0)
        units_full = float(study.doc_tokens[full_doc].sum())
        for j in range(len(labels)):
            yes = pair_doc & (marked[:, j] > 0)
            others = doc_values - np.where(pair_doc, marked[:, j], 0.0)
            no = others > 0
            docs = np.concatenate([np.flatnonzero(yes), np.flatnonzero(no)])
            codes = np.r_[np.zeros(int(yes.sum()), dtype=np.int64),
                          np.ones(int(no.sum()), dtype=np.int64)]  # fmt: skip
            counts = np.concatenate([marked[yes, j], others[no]])
            alpha = AlphaCounts(doc_values, matching[:, j], docs, codes, counts, 2)
            by_cat = np.array([f_marked[j], units_full * n_ann - f_marked[j]])
            fleiss = (units_full, n_ann, float(f_agree[j]), by_cat)
            ac1 = (
                float(a_sum[j]),
                float(study.doc_tokens[pair_doc].sum()),
                np.array([share_l[j], share_o[j]]),
                float(study.doc_tokens.sum()),
            )
            out.append(TokenMeasures(alpha, fleiss, ac1))
    return out


def pair_confusions(study: Study, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
    """Cohen's inputs for annotators ``a`` and ``b`` over the tokens of the documents both
    took part in: the categories' confusion matrix, and per label a 2 × 2 one
    (index 0: the label, 1: ``O``)."""
    shared = study.participates[:, a] & study.participates[:, b]
    rows = np.flatnonzero(shared[study.row_doc])
    docs = study.row_doc[rows]
    x = study.row_values[rows, study.slot_of[docs, a]]
    y = study.row_values[rows, study.slot_of[docs, b]]
    w = study.row_weight[rows].astype(np.float64)
    k = len(study.categories)
    confusion = np.bincount(
        study.code_category[x] * k + study.code_category[y], weights=w, minlength=k * k
    ).reshape(k, k)
    n_lab = len(study.labels)
    per_label = np.zeros((n_lab, 2, 2))
    chunk = max(1, _CELLS // max(len(rows), 1))
    total = w.sum()
    for lo in range(0, n_lab, chunk):
        cols = np.arange(lo, min(n_lab, lo + chunk))
        table = study.code_labels[:, cols]
        xa, yb = table[x], table[y]
        both = w @ (xa & yb)
        only_a = w @ xa - both
        only_b = w @ yb - both
        per_label[cols, 0, 0] = both
        per_label[cols, 0, 1] = only_a
        per_label[cols, 1, 0] = only_b
        per_label[cols, 1, 1] = total - both - only_a - only_b
    return confusion, per_label
