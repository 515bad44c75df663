"""Published worked examples, and what the reference libraries give on them."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from annotator.core.agreement import (
    Undefined,
    cohen_kappa,
    fleiss_kappa,
    fleiss_kappa_ratings,
    gwet_ac1,
    nominal_alpha,
    unitizing_alpha,
    unitizing_disagreement,
)

nan = math.nan

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers, twelve units, values 1-5, missing values; nominal alpha = 0.743.
# Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., uses the same data: AC1 = 0.7754
# (irrCAC's documentation reproduces it as 0.77544).
KRIPPENDORFF_2011 = [  # observers × units
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]


def units_by_raters(observers_by_units):
    return np.asarray(observers_by_units, dtype=float).T


def test_krippendorff_2011_nominal_alpha():
    data = units_by_raters(KRIPPENDORFF_2011)
    assert nominal_alpha(data) == pytest.approx(0.743, abs=5e-4)
    reference = krippendorff.alpha(
        reliability_data=KRIPPENDORFF_2011, level_of_measurement="nominal"
    )
    assert nominal_alpha(data) == pytest.approx(reference, rel=1e-12)


def test_gwet_2014_ac1_on_the_same_data():
    data = units_by_raters(KRIPPENDORFF_2011)
    assert gwet_ac1(data) == pytest.approx(0.7754, abs=5e-5)
    # irrCAC pins scipy 1.12, which has no build for Python 3.13 (pyproject.toml)
    cac = pytest.importorskip("irrCAC.raw").CAC
    reference = cac(pd.DataFrame(data), digits=17).gwet()["est"]["coefficient_value"]
    assert gwet_ac1(data) == pytest.approx(reference, rel=1e-12)


# Fleiss (1971), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses; kappa = 0.430
# (R irr's `diagnoses` data, kappam.fleiss: 0.4302445).
FLEISS_1971 = [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
]


def test_fleiss_1971():
    assert fleiss_kappa_ratings(np.asarray(FLEISS_1971) - 1) == pytest.approx(0.4302445, abs=1e-7)
    table, _ = aggregate_raters(np.asarray(FLEISS_1971))
    assert fleiss_kappa(table) == pytest.approx(sm_fleiss_kappa(table), rel=1e-12)


# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; 0.210.
WIKIPEDIA_FLEISS = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_wikipedia_fleiss_example():
    assert fleiss_kappa(WIKIPEDIA_FLEISS) == pytest.approx(0.210, abs=5e-4)
    assert fleiss_kappa(WIKIPEDIA_FLEISS) == pytest.approx(
        sm_fleiss_kappa(np.asarray(WIKIPEDIA_FLEISS)), rel=1e-12
    )


def _expand(confusion):
    """Two raters' ratings from a confusion matrix of counts."""
    first, second = [], []
    for i, row in enumerate(confusion):
        for j, n in enumerate(row):
            first += [i] * n
            second += [j] * n
    return first, second


def test_cohen_1960():
    # Cohen (1960), Table 1: two judges, 200 cases, 3 categories; p_o = .70, p_c = .41,
    # kappa = .492. Cells (proportions × 200) with rows .50/.30/.20, columns .60/.30/.10.
    first, second = _expand([[88, 10, 2], [14, 40, 6], [18, 10, 12]])
    assert cohen_kappa(first, second) == pytest.approx((0.70 - 0.41) / (1 - 0.41), rel=1e-12)
    assert cohen_kappa(first, second) == pytest.approx(0.492, abs=5e-4)
    assert cohen_kappa(first, second) == pytest.approx(cohen_kappa_score(first, second))


def test_wikipedia_cohen_example():
    # Wikipedia, "Cohen's kappa": 50 grant proposals, yes/yes 20, yes/no 5, no/yes 10,
    # no/no 15; kappa = 0.4.
    first, second = _expand([[20, 5], [10, 15]])
    assert cohen_kappa(first, second) == pytest.approx(0.4, abs=1e-12)


def test_cohen_undefined_when_both_use_one_category():
    with pytest.raises(Undefined):
        cohen_kappa(["O", "O"], ["O", "O"])


# DKPro Agreement's unit tests of KrippendorffAlphaUnitizingAgreement
# (dkpro/dkpro-statistics, dkpro-statistics-agreement/src/test/java/org/dkpro/statistics/
# agreement/unitizing/Krippendorff2004Test.java): Krippendorff (2004), Content Analysis,
# 2nd ed., p. 254, continuum [150, 450), two observers, categories c and k.
def _offset_length(units):
    return [(rater, offset, offset + length, cat) for offset, length, rater, cat in units]


KRIPPENDORFF_2004 = _offset_length([
    (225, 70, 0, "c"), (370, 30, 0, "c"), (220, 80, 1, "c"), (355, 20, 1, "c"),
    (400, 20, 1, "c"), (180, 60, 0, "k"), (300, 50, 0, "k"), (180, 60, 1, "k"),
    (300, 50, 1, "k"),
])  # fmt: skip


def test_krippendorff_2004_unitizing_example():
    sums = unitizing_disagreement(KRIPPENDORFF_2004, length=300, raters=2, begin=150)
    assert sums["c"][0] == pytest.approx(0.0144, abs=1e-4)
    assert sums["c"][1] == pytest.approx(0.0532, abs=1e-4)
    assert sums["k"][0] == pytest.approx(0.0, abs=1e-4)
    assert sums["k"][1] == pytest.approx(0.0490, abs=1e-4)
    kwargs = {"length": 300, "raters": 2, "begin": 150}
    assert unitizing_alpha(KRIPPENDORFF_2004, category="c", **kwargs) == pytest.approx(
        0.7286, abs=1e-4
    )
    assert unitizing_alpha(KRIPPENDORFF_2004, category="k", **kwargs) == pytest.approx(1.0)
    assert unitizing_alpha(KRIPPENDORFF_2004, **kwargs) == pytest.approx(0.8591, abs=5e-4)


def test_dkpro_unitizing_agreement_test_example():
    # UnitizingAgreementTest.java: r0 -11111111-, r1 --1-1-1--- (continuum of 10).
    units = [(0, 1, 9, "A"), (1, 2, 3, "A"), (1, 4, 5, "A"), (1, 6, 7, "A")]
    observed, expected = unitizing_disagreement(units, length=10, raters=2)["A"]
    assert observed == pytest.approx(0.9100, abs=1e-4)
    assert expected == pytest.approx(0.5351, abs=1e-4)
    assert unitizing_alpha(units, length=10, raters=2) == pytest.approx(-0.7003, abs=1e-4)


def test_dkpro_single_unit_and_empty_study():
    # testSingleAnnotationUnit: 0.0; testEmptyAnnotationSet: NaN in DKPro, undefined here.
    assert unitizing_alpha([(0, 0, 1, "X")], length=20, raters=3) == pytest.approx(0.0)
    with pytest.raises(Undefined):
        unitizing_alpha([], length=20, raters=3)


def _krippendorff_1995(stretch):
    # Krippendorff1995Test.java: Krippendorff (1995: p. 57), four pairs of observers
    # (categories A-D) on a continuum of 24, optionally stretched.
    s = lambda x: int(x * stretch)  # noqa: E731
    raw = [
        (2, 8, 0, "A"), (14, 6, 0, "A"), (4, 4, 1, "A"), (15, 2, 1, "A"),
        (0, 18, 0, "B"), (0, 2, 1, "B"), (2, 1, 1, "B"), (3, 1, 1, "B"), (4, 1, 1, "B"),
        (5, 1, 1, "B"), (6, 3, 1, "B"), (9, 1, 1, "B"),
        (2, 6, 0, "C"), (10, 2, 0, "C"), (14, 4, 0, "C"), (20, 2, 0, "C"), (0, 2, 1, "C"),
        (4, 4, 1, "C"), (10, 4, 1, "C"), (16, 2, 1, "C"), (20, 2, 1, "C"),
        (0, 2, 0, "D"), (2, 8, 0, "D"), (10, 4, 0, "D"), (14, 6, 0, "D"), (20, 4, 0, "D"),
        (0, 4, 1, "D"), (4, 4, 1, "D"), (8, 7, 1, "D"), (15, 2, 1, "D"), (17, 7, 1, "D"),
    ]  # fmt: skip
    return _offset_length([(s(o), s(n), r, c) for o, n, r, c in raw]), s(24)


def test_krippendorff_1995_observed_disagreement():
    units, length = _krippendorff_1995(1)
    sums = unitizing_disagreement(units, length=length, raters=2)
    for cat, value in {"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}.items():
        assert sums[cat][0] == pytest.approx(value, abs=1e-5)


def test_krippendorff_1995_expected_disagreement_and_alpha():
    # DKPro asserts these with its own tolerances (0.005 and 0.02): the paper's D_e
    # differs slightly from Krippendorff (2004)'s formula that DKPro implements.
    units, length = _krippendorff_1995(1200000 / 24)
    sums = unitizing_disagreement(units, length=length, raters=2)
    for cat, (d_e, alpha) in {
        "A": (0.06990, 0.553),
        "B": (1.17731, -0.926),
        "C": (0.08642, 0.679),
        "D": (0.41445, 0.066),
    }.items():
        assert sums[cat][1] == pytest.approx(d_e, abs=0.005)
        assert 1 - sums[cat][0] / sums[cat][1] == pytest.approx(alpha, abs=0.02)
