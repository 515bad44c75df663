"""Every measure against the reference libraries, on random data (hypothesis).

The report is compared with ``krippendorff``, ``statsmodels``, ``scikit-learn`` and
``irrCAC`` fed with token matrices that ``agreement_oracle`` builds token by token from the
spec's wording, and with the oracle's literal span and unitizing computations.
"""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from annotator.core.agreement import (
    Undefined,
    cohen_kappa,
    fleiss_kappa_ratings,
    gwet_ac1,
    nominal_alpha,
)
from tests.core.agreement.agreement_oracle import Oracle
from tests.core.agreement.agreement_strategies import projects
from tests.core.agreement.report_json import report_json

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _codes(rows):
    cats = sorted({v for r in rows for v in r if v is not None})
    index = {c: i for i, c in enumerate(cats)}
    return [[None if v is None else index[v] for v in r] for r in rows], len(cats)


def ref_alpha(rows):
    """krippendorff.alpha (raters × units, NaN missing); None where it refuses or gives NaN."""
    if not rows:
        return None
    codes, k = _codes(rows)
    data = np.array([[np.nan if v is None else v for v in r] for r in codes], float).T
    try:
        value = krippendorff.alpha(
            reliability_data=data, level_of_measurement="nominal", value_domain=list(range(k))
        )
    except ValueError:
        return None
    return float(value) if np.isfinite(value) else None


def ref_fleiss(rows):
    if not rows or len(rows[0]) < 2:
        return None
    codes, _ = _codes(rows)
    table, _ = aggregate_raters(np.array(codes))
    with np.errstate(invalid="ignore", divide="ignore"):
        value = sm_fleiss_kappa(table)
    return float(value) if np.isfinite(value) else None


def ref_cohen(first, second):
    if not first:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(first, second)
    return float(value) if np.isfinite(value) else None


def ref_ac1(rows):
    """irrCAC's AC1; None where the spec says null (one category; no unit with 2 ratings),
    cases where irrCAC itself returns a made-up number or divides by zero."""
    # irrCAC pins scipy 1.12, which has no build for Python 3.13 (pyproject.toml)
    cac = pytest.importorskip("irrCAC.raw").CAC
    codes, k = _codes(rows)
    if k < 2 or not any(sum(v is not None for v in r) >= 2 for r in codes):
        return None
    frame = pd.DataFrame([[np.nan if v is None else float(v + 1) for v in r] for r in codes])
    if len(frame.dropna(how="all")) == 1:
        # irrCAC's variance divides by n (n - 1); two copies of the unit give the same AC1.
        frame = pd.concat([frame, frame], ignore_index=True)
    return float(cac(frame, digits=17).gwet()["est"]["coefficient_value"])


def same(actual, expected, what=""):
    if expected is None or actual is None:
        assert actual is None and expected is None, (what, actual, expected)
    else:
        assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9), (what, actual, expected)


def f1(both, first, second):
    return None if first + second == 0 else 2 * both / (first + second)


def partial_f1(p, r, first, second):
    if first + second == 0:
        return None
    precision = p / first if first else 0.0
    recall = r / second if second else 0.0
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def unitizing(observed, expected):
    return None if expected == 0 else 1 - observed / expected


# ---------------------------------------------------------------- measures on matrices

ratings = st.integers(1, 5).flatmap(
    lambda raters: arrays(
        np.int64, st.tuples(st.integers(1, 12), st.just(raters)), elements=st.integers(-1, 3)
    )
)


def _rows(codes):
    return [[None if v < 0 else int(v) for v in r] for r in codes]


@SETTINGS
@given(ratings)
def test_alpha_matches_krippendorff(codes):
    expected = ref_alpha(_rows(codes))
    try:
        actual = nominal_alpha(codes)
    except Undefined:
        actual = None
    same(actual, expected)


@SETTINGS
@given(ratings)
def test_ac1_matches_irrcac(codes):
    rows = [r for r in _rows(codes) if any(v is not None for v in r)]
    expected = ref_ac1(rows) if rows else None
    try:
        actual = gwet_ac1(codes)
    except Undefined:
        actual = None
    same(actual, expected)


@SETTINGS
@given(ratings)
def test_fleiss_matches_statsmodels(codes):
    complete = np.abs(codes)
    expected = ref_fleiss(_rows(complete))
    try:
        actual = fleiss_kappa_ratings(complete)
    except Undefined:
        actual = None
    same(actual, expected)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=1))
def test_cohen_matches_sklearn(pairs):
    first, second = [p[0] for p in pairs], [p[1] for p in pairs]
    try:
        actual = cohen_kappa(first, second)
    except Undefined:
        actual = None
    same(actual, ref_cohen(first, second))


def test_weights_repeat_rows():
    codes = np.array([[0, 0, 1], [1, 1, -1], [0, 2, 2]])
    weights = np.array([3, 1, 2])
    repeated = np.repeat(codes, weights, axis=0)
    assert nominal_alpha(codes, weights) == pytest.approx(nominal_alpha(repeated))
    assert gwet_ac1(codes, weights) == pytest.approx(gwet_ac1(repeated))


# ---------------------------------------------------------------- the whole report


def check_report(records, annotators=None, labels=None):
    report = report_json(records, annotators=annotators, labels=labels, bootstrap=0)
    o = Oracle(records, annotators, labels)
    assert report["annotators"] == o.annotators
    assert report["documents"] == len(o.docs)
    assert list(report["labels"]) == o.labels
    rows = o.matrix()
    assert report["tokens"] == len(rows)
    overall = report["overall"]
    full = o.full_docs()
    two = len(o.annotators) >= 2
    same(overall["krippendorff_alpha"], ref_alpha(rows), "alpha")
    same(overall["fleiss_kappa"], ref_fleiss(o.matrix(docs=full)) if two else None, "fleiss")
    same(overall["gwet_ac1"], ref_ac1(rows), "ac1")
    same(overall["unitizing_alpha"], unitizing(*o.unitizing()), "alpha_U")

    def check_pairs(entries, label=None):
        assert [(p["a"], p["b"]) for p in entries] == o.pairs()
        for p, (a, b) in zip(entries, o.pairs(), strict=True):
            shared = o.shared_docs(a, b)
            assert p["documents"] == len(shared)
            m = o.matrix(label=label, docs=shared, annotators=[a, b])
            expected = ref_cohen([r[0] for r in m], [r[1] for r in m]) if shared else None
            same(p["cohen_kappa"], expected, f"cohen {label}")
            same(p["span_f1"], f1(*o.exact(a, b, label)) if shared else None, f"f1 {label}")
            expected = partial_f1(*o.partial(a, b, label)) if shared else None
            same(p["span_f1_partial"], expected, f"partial {label}")

    def mean(values):
        defined = [v for v in values if v is not None]
        return sum(defined) / len(defined) if defined else None

    check_pairs(report["pairs"])
    for key, measure in (("cohen_kappa_mean", "cohen_kappa"), ("span_f1_mean", "span_f1"),
                         ("span_f1_partial_mean", "span_f1_partial")):  # fmt: skip
        same(overall[key], mean([p[measure] for p in report["pairs"]]), key)

    for label in o.labels:
        entry = report["labels"][label]
        assert entry["support"] == o.support(label)
        rows = o.matrix(label=label)
        same(entry["krippendorff_alpha"], ref_alpha(rows), f"alpha {label}")
        expected = ref_fleiss(o.matrix(label=label, docs=full)) if two else None
        same(entry["fleiss_kappa"], expected, f"fleiss {label}")
        same(entry["gwet_ac1"], ref_ac1(rows), f"ac1 {label}")
        same(entry["unitizing_alpha"], unitizing(*o.unitizing(label)), f"alpha_U {label}")
        check_pairs(entry["pairs"], label)

    for detail, (d, (record, took)) in zip(report["documents_detail"], enumerate(o.docs),
                                           strict=True):  # fmt: skip
        assert detail["id"] == record.id
        assert detail["annotators"] == sorted(took)
        same(detail["krippendorff_alpha"], ref_alpha(o.matrix(docs={d})), f"doc alpha {d}")
        per_pair = []
        for a, b in o.pairs():
            if a in took and b in took:
                keep = o.docs
                o.docs = [(record, took) if i == d else (r, set()) for i, (r, _) in
                          enumerate(keep)]  # fmt: skip
                per_pair.append(f1(*o.exact(a, b)))
                o.docs = keep
        same(detail["span_f1_mean"], mean(per_pair), f"doc f1 {d}")
    return report


@SETTINGS
@given(projects())
def test_report_matches_the_reference_libraries(records):
    check_report(records)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects(), st.data())
def test_filtered_report_matches_the_reference_libraries(records, data):
    annotators = data.draw(st.none() | st.sets(st.sampled_from(["ann", "bob", "cy", "zed"])))
    labels = data.draw(st.none() | st.sets(st.sampled_from(["L1", "L2", "L9"]), min_size=1))
    check_report(records, annotators, labels)


@settings(max_examples=30, deadline=None)
@given(projects(doc_labels=True))
def test_doc_label_alpha_matches_krippendorff(records):
    report = report_json(records, bootstrap=0)
    names = sorted({lab.name for r in records for lab in r.doc_labels})
    assert list(report["doc_labels"]) == names
    for name in names:
        raters = sorted(
            {lab.annotator for r in records for lab in r.doc_labels if lab.name == name}
        )
        rows = []
        for r in records:
            given_ = {lab.annotator: lab.value for lab in r.doc_labels if lab.name == name}
            rows.append([given_.get(a) for a in raters])
        entry = report["doc_labels"][name]
        same(entry["krippendorff_alpha"], ref_alpha(rows), name)
        assert entry["units"] == sum(1 for row in rows if sum(v is not None for v in row) >= 2)
