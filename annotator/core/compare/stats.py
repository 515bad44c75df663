"""The numbers behind a comparison of sources: which items (expressions, labels) one source
uses more than the others, and whether labels and sources are independent.

- Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
  2008, "Fightin' Words", Political Analysis 16(4), eqs. 16, 18 and 22): each source
  against all the other sources pooled, with its z-score.
- Pearson's chi-square test of independence on a labels × sources table, Cramér's V, and
  per cell the Pearson residual and the adjusted standardized residual (Haberman 1973).
  When the expected counts are too small for the chi-square approximation (Cochran's
  rule: any expected count below 1, or more than a fifth below 5) there is no p-value,
  only the reason.

Pure Python and numpy; the p-value comes from the regularized upper incomplete gamma
function computed here (the tests compare it with scipy).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

# Cochran (1954): the chi-square approximation holds when no expected count is below 1
# and at most 20 % of them are below 5.
MIN_EXPECTED = 1.0
SMALL_EXPECTED = 5.0
MAX_SMALL_SHARE = 0.2


class LogOdds(NamedTuple):
    """One item of one source against all the other sources pooled (a named tuple: a
    comparison of a large corpus makes hundreds of thousands of them)."""

    source: str
    item: str
    count: int  # y_w^i: the item's count in this source
    others: int  # y_w^j: its count in all the other sources
    prior: float  # alpha_w
    log_odds: float  # delta_w^(i-j)
    variance: float  # sigma^2 of delta
    z: float  # delta / sigma


@dataclass(frozen=True)
class LogOddsResult:
    rows: tuple[LogOdds, ...]  # by source (as given), the items it used, z from highest
    prior_size: float  # alpha_0
    reason: str | None = None  # why there are no rows


def weighted_log_odds(counts: Mapping[str, Mapping[str, int]],
                      prior: Mapping[str, float] | None = None) -> LogOddsResult:
    """Each source's items against the other sources' (Monroe et al. 2008).

    `counts` is source → item → count. `prior` is item → alpha_w (pseudo-counts); without
    it the informative prior is the pooled counts of all sources (alpha_w = y_w, so
    alpha_0 = n, the prior weighing as much as the data): an item a source used once is
    pulled towards the overall rate, and only differences backed by counts stand out.

    For source i and the pooled rest j, with n the totals and alpha_0 = sum of alpha_w:

        delta_w = ln[(y_wi + a_w) / (n_i + a_0 - y_wi - a_w)]
                  - ln[(y_wj + a_w) / (n_j + a_0 - y_wj - a_w)]
        sigma2_w = 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
        z_w = delta_w / sqrt(sigma2_w)

    A source's rows are the items it used (an item it never used is another source's
    row), most distinctive first. Undefined (no rows, a reason instead) with fewer than
    two sources or two items that have counts.
    """
    sources = [s for s in counts if sum(counts[s].values()) > 0]
    items = sorted({w for s in sources for w, n in counts[s].items() if n > 0})
    if len(sources) < 2:
        return LogOddsResult((), 0.0, "fewer than two sources have any: nothing to compare")
    if len(items) < 2:
        return LogOddsResult((), 0.0, "only one kind is used: nothing to tell sources apart")
    y = np.array([[counts[s].get(w, 0) for w in items] for s in sources], dtype=float)
    pooled = y.sum(axis=0)
    alpha = pooled.copy() if prior is None else np.array(
        [float(prior.get(w, 0.0)) for w in items])
    if np.any(alpha <= 0):
        raise ValueError("every prior count must be positive")
    a0 = float(alpha.sum())
    totals = y.sum(axis=1)
    rows = []
    for i, source in enumerate(sources):
        yi, yj = y[i], pooled - y[i]
        ni, nj = totals[i], totals.sum() - totals[i]
        delta = (np.log(yi + alpha) - np.log(ni + a0 - yi - alpha)
                 - np.log(yj + alpha) + np.log(nj + a0 - yj - alpha))
        var = 1.0 / (yi + alpha) + 1.0 / (yj + alpha)
        z = delta / np.sqrt(var)
        used = np.nonzero(yi)[0].tolist()
        used.sort(key=lambda k: (-z[k], items[k]))
        rows += [LogOdds(source, items[k], int(yi[k]), int(yj[k]), float(alpha[k]),
                         float(delta[k]), float(var[k]), float(z[k])) for k in used]
    return LogOddsResult(tuple(rows), a0)


@dataclass(frozen=True)
class ChiSquare:
    """Pearson's chi-square test of independence on a rows × columns table of counts.

    Rows and columns with no counts are left out (listed in `dropped_rows/columns`).
    `p_value` is None when the test does not apply; `reason` says why (too few counts
    is one reason: it is never turned into a p-value).
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    observed: tuple[tuple[int, ...], ...]
    expected: tuple[tuple[float, ...], ...]
    residuals: tuple[tuple[float, ...], ...]  # Pearson: (O - E) / sqrt(E)
    adjusted_residuals: tuple[tuple[float, ...], ...]  # (O - E) / sqrt(E (1 - r/N)(1 - c/N))
    n: int
    statistic: float | None
    dof: int
    p_value: float | None
    cramers_v: float | None
    reason: str | None
    dropped_rows: tuple[str, ...] = ()
    dropped_columns: tuple[str, ...] = ()


def chi_square(table: Mapping[str, Mapping[str, int]], columns: Sequence[str] | None = None
               ) -> ChiSquare:
    """`table` is row → column → count (labels → sources); `columns` fixes their order."""
    all_rows = list(table)
    all_cols = list(columns) if columns is not None else sorted(
        {c for r in table.values() for c in r})
    obs = np.array([[int(table[r].get(c, 0)) for c in all_cols] for r in all_rows],
                   dtype=float).reshape(len(all_rows), len(all_cols))
    keep_r = obs.sum(axis=1) > 0 if obs.size else np.zeros(len(all_rows), bool)
    keep_c = obs.sum(axis=0) > 0 if obs.size else np.zeros(len(all_cols), bool)
    rows = tuple(r for r, k in zip(all_rows, keep_r, strict=True) if k)
    cols = tuple(c for c, k in zip(all_cols, keep_c, strict=True) if k)
    dropped_r = tuple(r for r, k in zip(all_rows, keep_r, strict=True) if not k)
    dropped_c = tuple(c for c, k in zip(all_cols, keep_c, strict=True) if not k)
    obs = obs[keep_r][:, keep_c] if obs.size else obs
    n = int(obs.sum())

    def make(expected=(), residuals=(), adjusted=(), statistic=None, dof=0, p=None, v=None,
             reason=None) -> ChiSquare:
        return ChiSquare(rows, cols, _ints(obs), expected, residuals, adjusted, n, statistic,
                         dof, p, v, reason, dropped_r, dropped_c)

    if len(rows) < 2 or len(cols) < 2:
        what = "label" if len(rows) < 2 else "source"
        return make(reason=f"fewer than two {what}s have any spans: nothing to test")
    row_t, col_t = obs.sum(axis=1), obs.sum(axis=0)
    exp = np.outer(row_t, col_t) / n
    resid = (obs - exp) / np.sqrt(exp)
    adjusted = (obs - exp) / np.sqrt(exp * np.outer(1 - row_t / n, 1 - col_t / n))
    stat = float((resid ** 2).sum())
    dof = (len(rows) - 1) * (len(cols) - 1)
    v = math.sqrt(stat / (n * (min(len(rows), len(cols)) - 1)))
    parts = dict(expected=_floats(exp), residuals=_floats(resid), adjusted=_floats(adjusted),
                 statistic=stat, dof=dof, v=v)
    small = int((exp < SMALL_EXPECTED).sum())
    if exp.min() < MIN_EXPECTED or small > MAX_SMALL_SHARE * exp.size:
        return make(**parts, reason=(
            f"counts too small for a chi-square test: {small} of {exp.size} expected counts "
            f"are below {SMALL_EXPECTED:g} (smallest {exp.min():.2f}); Cochran's rule "
            f"allows none below {MIN_EXPECTED:g} and at most a fifth below {SMALL_EXPECTED:g}"))
    return make(**parts, p=chi2_sf(stat, dof))


def _ints(a: np.ndarray) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(int(x) for x in row) for row in a)


def _floats(a: np.ndarray) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(x) for x in row) for row in a)


# ------------------------------------------------------------------ the chi-square tail

def chi2_sf(x: float, dof: int) -> float:
    """P(X >= x) for X ~ chi-square(dof): the regularized upper incomplete gamma Q(k/2, x/2)."""
    if dof <= 0:
        raise ValueError("degrees of freedom must be positive")
    if x <= 0:
        return 1.0
    return gamma_q(dof / 2.0, x / 2.0)


def gamma_q(a: float, x: float) -> float:
    """Regularized upper incomplete gamma function Q(a, x) = Gamma(a, x) / Gamma(a).

    The power series of P(a, x) converges quickly for x < a + 1; beyond, the continued
    fraction of Q (evaluated with the modified Lentz method) does.
    """
    if x < a + 1.0:
        return max(0.0, 1.0 - _p_series(a, x))
    return _q_fraction(a, x)


_EPS = 1e-15
_TINY = 1e-300
_MAX_TERMS = 10_000


def _prefactor(a: float, x: float) -> float:
    return math.exp(a * math.log(x) - x - math.lgamma(a))


def _p_series(a: float, x: float) -> float:
    term = total = 1.0 / a
    k = a
    for _ in range(_MAX_TERMS):
        k += 1.0
        term *= x / k
        total += term
        if abs(term) < abs(total) * _EPS:
            break
    return total * _prefactor(a, x)


def _q_fraction(a: float, x: float) -> float:
    b = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_TERMS):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return h * _prefactor(a, x)
