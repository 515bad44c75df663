"""The statistics of the comparison, against values worked out by hand and against scipy
and statsmodels."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps
from scipy.stats.contingency import association
from statsmodels.stats.contingency_tables import Table

from annotator.core.compare import chi2_sf, chi_square, weighted_log_odds


def _row(result, source, item):
    return next(r for r in result.rows if (r.source, r.item) == (source, item))


def test_log_odds_with_the_informative_prior_by_hand():
    """Two outlets' words for one concept, 10 spans each:

                 "re-election"  "fifth term"  "sham election"   n
        A              8              2              0          10
        B              2              4              4          10
        pooled y_w    10              6              4          N = 20

    The informative prior is the pooled counts: alpha_w = y_w, so alpha_0 = 20.
    A against the rest (B), "re-election":
        A: (8 + 10) / (10 + 20 - 8 - 10) = 18 / 12 = 1.5
        B: (2 + 10) / (10 + 20 - 2 - 10) = 12 / 18 = 2/3
        delta = ln 1.5 - ln(2/3) = ln 2.25 = 0.8109302
        sigma^2 = 1/18 + 1/12 = 0.1388889;  z = 0.8109302 / 0.3726780 = 2.1759541
    A, "sham election" (A never used it: the row is B's, the signs turned):
        A: (0 + 4) / (10 + 20 - 0 - 4) = 4 / 26;   B: (4 + 4) / (10 + 20 - 4 - 4) = 8 / 22
        delta = ln(4/26) - ln(8/22) = ln(88/208) = -0.8602013
        sigma^2 = 1/4 + 1/8 = 0.375;  z = -0.8602013 / 0.6123724 = -1.4047028
    A, "fifth term":
        A: (2 + 6) / 22;  B: (4 + 6) / 20;  delta = ln(16/22) = -0.3184537
        sigma^2 = 1/8 + 1/10 = 0.225;  z = -0.6713594
    With two sources, B's values are A's with the sign turned.
    """
    result = weighted_log_odds({"A": {"re-election": 8, "fifth term": 2},
                                "B": {"re-election": 2, "fifth term": 4, "sham election": 4}})
    assert result.prior_size == 20
    r = _row(result, "A", "re-election")
    assert (r.count, r.others, r.prior) == (8, 2, 10)
    assert r.log_odds == pytest.approx(math.log(2.25))
    assert r.variance == pytest.approx(1 / 18 + 1 / 12)
    assert r.z == pytest.approx(2.1759541, abs=1e-7)
    assert _row(result, "A", "fifth term").z == pytest.approx(-0.6713594, abs=1e-7)
    # A never wrote "sham election": that is B's row, with A's values turned
    r = _row(result, "B", "sham election")
    assert (r.count, r.others) == (4, 0)
    assert (r.log_odds, r.z) == (pytest.approx(0.8602013, abs=1e-7),
                                 pytest.approx(1.4047028, abs=1e-7))
    for item in ("re-election", "fifth term"):
        assert _row(result, "B", item).z == pytest.approx(-_row(result, "A", item).z)
    # each source's rows are the items it used, most distinctive first
    assert [r.item for r in result.rows if r.source == "A"] == ["re-election", "fifth term"]
    assert [r.item for r in result.rows if r.source == "B"] == [
        "sham election", "fifth term", "re-election"]


def test_one_source_against_the_others_pooled():
    three = weighted_log_odds({"A": {"x": 8, "y": 2}, "B": {"x": 1, "y": 3, "z": 1},
                               "C": {"x": 1, "y": 1, "z": 3}})
    two = weighted_log_odds({"A": {"x": 8, "y": 2}, "rest": {"x": 2, "y": 4, "z": 4}})
    for item in ("x", "y"):
        assert _row(three, "A", item).z == pytest.approx(_row(two, "A", item).z)


def test_a_given_prior_and_the_formula_on_random_counts():
    rng = np.random.default_rng(7)
    counts = {s: {w: int(rng.integers(0, 30)) for w in "abcdef"} for s in ("P", "Q", "R")}
    prior = {w: 0.5 + k for k, w in enumerate("abcdef")}
    result = weighted_log_odds(counts, prior)
    a0 = sum(prior.values())
    n = {s: sum(c.values()) for s, c in counts.items()}
    assert len(result.rows) == sum(1 for c in counts.values() for n in c.values() if n)
    for r in result.rows:
        yi = counts[r.source][r.item]
        yj = sum(counts[s][r.item] for s in counts if s != r.source)
        nj = sum(n.values()) - n[r.source]
        a = prior[r.item]
        delta = (math.log((yi + a) / (n[r.source] + a0 - yi - a))
                 - math.log((yj + a) / (nj + a0 - yj - a)))
        assert r.log_odds == pytest.approx(delta)
        assert r.z == pytest.approx(delta / math.sqrt(1 / (yi + a) + 1 / (yj + a)))


def test_log_odds_says_why_when_there_is_nothing_to_compare():
    assert weighted_log_odds({"A": {"x": 3}, "B": {}}).reason.startswith("fewer than two")
    assert weighted_log_odds({"A": {"x": 3}, "B": {"x": 1}}).reason.startswith("only one")
    assert weighted_log_odds({"A": {"x": 3}, "B": {"x": 1}}).rows == ()


@pytest.mark.parametrize("seed", range(8))
def test_chi_square_cramers_v_and_residuals_against_scipy_and_statsmodels(seed):
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(2, 6)), int(rng.integers(2, 5)))
    observed = rng.integers(8, 60, size=shape)
    table = {f"label{i}": {f"src{j}": int(observed[i, j]) for j in range(shape[1])}
             for i in range(shape[0])}
    got = chi_square(table, [f"src{j}" for j in range(shape[1])])
    stat, p, dof, expected = sps.chi2_contingency(observed, correction=False)
    assert got.reason is None
    assert got.statistic == pytest.approx(stat)
    assert got.dof == dof
    assert got.p_value == pytest.approx(p, rel=1e-9, abs=1e-15)
    assert np.allclose(got.expected, expected)
    assert got.cramers_v == pytest.approx(association(observed, method="cramer"))
    t = Table(observed)
    assert np.allclose(got.residuals, t.resid_pearson)
    assert np.allclose(got.adjusted_residuals, t.standardized_resids)


def test_too_few_counts_give_a_reason_not_a_p_value():
    got = chi_square({"Word choice": {"NTD": 3, "Newsweek": 1},
                      "Loaded language": {"NTD": 0, "Newsweek": 4}}, ["NTD", "Newsweek"])
    assert got.p_value is None
    assert got.reason.startswith("counts too small for a chi-square test: 4 of 4")
    assert got.statistic == pytest.approx(sps.chi2_contingency(
        [[3, 1], [0, 4]], correction=False)[0])


def test_empty_rows_and_columns_are_left_out_and_one_row_is_no_test():
    got = chi_square({"a": {"X": 10, "Y": 20, "Z": 0}, "b": {"X": 30, "Y": 25, "Z": 0},
                      "c": {}}, ["X", "Y", "Z"])
    assert (got.rows, got.columns) == (("a", "b"), ("X", "Y"))
    assert (got.dropped_rows, got.dropped_columns) == (("c",), ("Z",))
    assert got.p_value == pytest.approx(sps.chi2_contingency(
        [[10, 20], [30, 25]], correction=False)[1])
    one = chi_square({"a": {"X": 10, "Y": 20}}, ["X", "Y"])
    assert one.p_value is None and one.statistic is None
    assert one.reason == "fewer than two labels have any spans: nothing to test"


@pytest.mark.parametrize("dof", [1, 2, 3, 5, 12, 40, 150])
def test_the_chi_square_tail_against_scipy(dof):
    for x in (1e-6, 0.05, 0.7, 1.0, 2.5, dof - 0.5, dof, dof + 3.0, 4.0 * dof, 300.0):
        if x <= 0:
            continue
        want = sps.chi2.sf(x, dof)
        assert chi2_sf(x, dof) == pytest.approx(want, rel=1e-10, abs=1e-300)
    assert chi2_sf(0.0, dof) == 1.0
