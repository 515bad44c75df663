"""γ against pygamma-agreement 0.5.9 and against brute force.

pygamma-agreement is not installed with the tests (it brings numba, cvxpy, pandas and
pyannote, and compiles for tens of seconds at start); what it computes on these continua is
stored in pygamma/reference.json (see make_reference.py there). It computes in float32, so
its own disorders are compared to 1e-6; the optimum is compared exactly (1e-9) by rescoring
the alignment it chose with the exact dissimilarity.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.agreement import build_report
from annotator.core.agreement.alignment import (
    DELTA_EMPTY,
    Continua,
    best_alignment_costs,
    dissimilarity,
)
from annotator.core.agreement.chance import samples, statistics, stream
from annotator.core.agreement.gamma import Z95, expected_disorders, gamma_value
from annotator.core.model import Document, Span
from annotator.core.records import DocumentRecord

REFERENCE = json.loads((Path(__file__).parent / "pygamma" / "reference.json").read_text())
CASES = REFERENCE["cases"]
WITH_GAMMA = [name for name, case in CASES.items() if "gamma" in case]


def continuum(units) -> tuple[Continua, list[str]]:
    """One continuum of (annotator, start, end, category) units, each once (pygamma keeps
    a set per annotator)."""
    units = sorted(set(map(tuple, units)))
    names = sorted({u[0] for u in units})
    cats = sorted({u[3] for u in units})
    return Continua(
        np.zeros(len(units), dtype=np.int64),
        np.array([names.index(u[0]) for u in units]),
        np.array([u[1] for u in units], dtype=float),
        np.array([u[2] for u in units], dtype=float),
        np.array([cats.index(u[3]) for u in units]),
        np.array([len(names)]),
    ), names


def observed(units) -> float:
    cont, names = continuum(units)
    return float(best_alignment_costs(cont)[0]) / (len(cont.start) / len(names))


def alignment_disorder(annotators: int, members: list[tuple[float, float, object]]) -> float:
    """The disorder of one unitary alignment, by its definition: ``members`` are the units
    (start, end, category) it holds, at most one per annotator, of ``annotators``; every
    pair of annotators without a unit of each counts the empty unit's dissimilarity."""
    pairs = annotators * (annotators - 1) // 2
    total = (pairs - len(members) * (len(members) - 1) // 2) * DELTA_EMPTY
    for (s1, e1, c1), (s2, e2, c2) in itertools.combinations(members, 2):
        total += float(dissimilarity(s1, e1, c1, s2, e2, c2))
    return total / pairs


def rescored(case) -> float:
    """pygamma's best alignment, its disorder computed exactly."""
    n = len(case["annotators"])
    total = sum(alignment_disorder(n, [tuple(u[1:]) for u in ua if u is not None])
                for ua in case["alignment"])
    units = len(set(map(tuple, case["units"])))
    return total / (units / n)


@pytest.mark.parametrize("name", list(CASES))
def test_observed_disorder_is_pygammas(name):
    case = CASES[name]
    ours = observed(case["units"])
    assert ours == pytest.approx(rescored(case), abs=1e-9)
    assert ours == pytest.approx(case["observed_disorder"], rel=1e-6, abs=1e-6)  # float32


def test_the_documented_example_and_the_random_ones_are_there():
    assert {"quickstart", "AlexPaulSuzan.csv", "3by100.csv"} <= set(CASES)
    assert sum(name.startswith("random") for name in CASES) == 40
    assert observed(CASES["quickstart"]["units"]) == pytest.approx(rescored(
        CASES["quickstart"]), abs=1e-12)


@pytest.mark.parametrize("name", WITH_GAMMA)
def test_expected_disorder_and_gamma_agree_with_pygammas_within_the_sampling(name):
    """Both draw random continua the same way (pygamma's default sampler), from different
    random streams: the two estimates of the expected disorder differ by less than their
    combined 95 % interval, and pygamma's γ lies in ours widened by its own."""
    case = CASES[name]
    ref = case["gamma"]
    cont, _ = continuum(case["units"])
    draws = len(ref["chance_disorders"])
    per_draw = expected_disorders(cont, [name], draws)[0]
    theirs = np.array(ref["chance_disorders"])
    ours_obs = observed(case["units"])
    se = np.sqrt(per_draw.var(ddof=1) / draws + theirs.var(ddof=1) / draws)
    assert abs(per_draw.mean() - theirs.mean()) <= Z95 * se
    value = gamma_value(ours_obs, per_draw)
    if ours_obs == 0:
        assert value.gamma == ref["gamma"] == 1
        return
    wide = gamma_value(ours_obs, np.r_[per_draw, theirs])  # both samples: the wider spread
    low = 1 - ours_obs / (wide.expected - Z95 * se)
    high = 1 - ours_obs / (wide.expected + Z95 * se)
    assert low <= ref["gamma"] <= high


def test_the_sampler_draws_as_pygammas_statistics_say():
    """Many samples of one reference: unit counts, gaps, lengths and categories have the
    reference's means and spreads (pygamma's StatisticalContinuumSampler)."""
    rng = np.random.default_rng(3)
    n = 3
    annotator = np.repeat(np.arange(n), [5, 7, 6])
    start = np.concatenate([np.sort(rng.uniform(0, 200, k)) for k in (5, 7, 6)])
    end = start + rng.uniform(2, 20, len(start))
    category = rng.integers(0, 3, len(start))
    stats = statistics(annotator, start, end, category, n)
    assert stats.units_mean == 6 and stats.units_sd == pytest.approx(np.std([5, 7, 6]))
    sample, who, s, e, cat = samples(stats, 4000, stream(1, "x"))
    counts = np.bincount(sample * n + who, minlength=4000 * n).reshape(4000, n)
    assert counts[:, 0].min() >= 1  # the first annotator always gets a unit
    assert (e - s).mean() == pytest.approx(stats.length_mean, rel=0.02)
    # each annotator's units follow one another, in the order drawn
    same = (sample[1:] == sample[:-1]) & (who[1:] == who[:-1])
    gaps = (s[1:] - e[:-1])[same]
    assert gaps.mean() == pytest.approx(stats.gap_mean, rel=0.05)
    assert gaps.std() == pytest.approx(stats.gap_sd, rel=0.05)
    shares = np.bincount(cat, minlength=3) / len(cat)
    assert shares == pytest.approx(stats.shares, abs=0.01)


# ---------------------------------------------------------------- brute force

def _partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for p in _partitions(rest):
        yield [[first], *p]
        for i in range(len(p)):
            yield p[:i] + [[first, *p[i]]] + p[i + 1:]


def _brute_force(units, n) -> float:
    best = None
    for p in _partitions(list(range(len(units)))):
        if any(len({units[x][0] for x in g}) < len(g) for g in p):
            continue  # two units of one annotator in one unitary alignment
        cost = sum(alignment_disorder(n, [units[x][1:] for x in g]) for g in p)
        best = cost if best is None else min(best, cost)
    return best


unit = st.tuples(st.integers(0, 3), st.integers(0, 40), st.integers(1, 12), st.integers(0, 2))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 4), st.lists(unit, min_size=1, max_size=7))
def test_best_alignment_is_the_brute_forces(n, raw):
    units = sorted({(a % n, float(s), float(s + length), c) for a, s, length, c in raw})
    cont = Continua(np.zeros(len(units), dtype=np.int64), np.array([u[0] for u in units]),
                    np.array([u[1] for u in units]), np.array([u[2] for u in units]),
                    np.array([u[3] for u in units]), np.array([n]))
    assert best_alignment_costs(cont)[0] == pytest.approx(_brute_force(units, n), abs=1e-9)


def test_many_continua_at_once_are_each_alone():
    rng = np.random.default_rng(11)
    parts = []
    for c in range(25):
        k = int(rng.integers(1, 30))
        parts.append((np.full(k, c), rng.integers(0, 3, k), rng.uniform(0, 100, k)))
    cont = Continua(np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
                    np.concatenate([p[2] for p in parts]),
                    np.concatenate([p[2] for p in parts]) + 5,
                    np.zeros(sum(len(p[0]) for p in parts), dtype=np.int64), np.full(25, 3))
    together = best_alignment_costs(cont)
    for c, (ids, who, start) in enumerate(parts):
        alone = Continua(np.zeros(len(ids), dtype=np.int64), who, start, start + 5,
                         np.zeros(len(ids), dtype=np.int64), np.array([3]))
        assert together[c] == pytest.approx(best_alignment_costs(alone)[0], abs=1e-9)


# ---------------------------------------------------------------- in the report

TEXT = "The sham election was held today in the capital, observers said. " * 3


def _records():
    spans = [("alice", 4, 17, "Loaded"), ("bob", 4, 8, "Loaded"), ("carol", 4, 17, "Loaded"),
             ("alice", 28, 33, "Frame"), ("bob", 28, 40, "Frame"), ("alice", 70, 80, "Loaded"),
             ("carol", 100, 120, "Frame")]
    return [DocumentRecord(Document("d1", TEXT), tuple(Span(*s) for s in spans)),
            DocumentRecord(Document("d2", TEXT), (Span("alice", 0, 3, "Loaded"),
                                                  Span("bob", 0, 3, "Loaded")))]


def test_report_gamma_of_one_document_is_its_continuums():
    record = _records()[0]
    report = build_report([record], bootstrap=0, gamma=20)
    units = [(s.annotator, float(s.start), float(s.end), s.label) for s in record.annotations]
    assert report.gamma.values.observed_disorder == pytest.approx(observed(units), abs=1e-12)
    assert report.gamma.samples == 20 and report.gamma.seed == 12345
    for label, values in report.gamma.labels.items():
        mine = [u for u in units if u[3] == label]
        # every participant of the document is an annotator of the label's continuum
        cont, names = continuum(mine)
        cont = Continua(cont.continuum, np.array([["alice", "bob", "carol"].index(names[i])
                                                  for i in cont.annotator]),
                        cont.start, cont.end, cont.category, np.array([3]))
        expect = best_alignment_costs(cont)[0] / (len(mine) / 3)
        assert values.observed_disorder == pytest.approx(expect, abs=1e-12)


def test_documents_combine_by_summing_and_a_label_does_not_depend_on_the_others():
    records = _records()
    full = build_report(records, bootstrap=0, gamma=10)
    alone = build_report(records, bootstrap=0, gamma=10, labels=["Loaded"])
    assert alone.gamma.labels["Loaded"] == full.gamma.labels["Loaded"]
    # the overall continuum of a document then holds the same units as the label's
    assert alone.gamma.values.observed_disorder == full.gamma.labels["Loaded"].observed_disorder
    again = build_report(records, bootstrap=0, gamma=10)
    assert again.gamma == full.gamma  # a fixed seed
    # Σ_d best alignment's summed disorder / Σ_d units per annotator
    totals, weights = [], []
    for r in records:
        units = [(s.annotator, float(s.start), float(s.end), s.label) for s in r.annotations]
        took = sorted({s.annotator for s in r.annotations})
        cont, names = continuum(units)
        cont = Continua(cont.continuum, np.array([took.index(names[i]) for i in cont.annotator]),
                        cont.start, cont.end, cont.category, np.array([len(took)]))
        totals.append(best_alignment_costs(cont)[0])
        weights.append(len(units) / len(took))
    assert full.gamma.values.observed_disorder == pytest.approx(sum(totals) / sum(weights),
                                                                abs=1e-12)


def test_gamma_is_absent_unless_asked_and_undefined_values_are_noted():
    assert build_report(_records(), bootstrap=0).gamma is None
    one = [DocumentRecord(Document("d", TEXT), (Span("alice", 0, 3, "X"),))]
    report = build_report(one, bootstrap=0, gamma=5)
    assert report.gamma.values.gamma is None
    assert any(n.startswith("gamma: gamma") and "two or more participants" in n
               for n in report.notes)
    with pytest.raises(ValueError):
        build_report(one, gamma=-1)


def test_perfect_agreement_is_one_with_an_interval_of_one():
    spans = tuple(Span(a, s, s + 5, "X") for a in ("alice", "bob") for s in (0, 20, 40))
    report = build_report([DocumentRecord(Document("d", TEXT), spans)], bootstrap=0, gamma=5)
    v = report.gamma.values
    assert (v.gamma, v.observed_disorder) == (1.0, 0.0)
    assert (v.ci95.low, v.ci95.high) == (1.0, 1.0)


def test_pairs_never_needed_together_are_far_apart():
    """Two units whose dissimilarity reaches P + n − 1 are never aligned: the best
    alignment of two far units is two singletons (a cost of 1 each)."""
    for n in (2, 3, 5):
        cont = Continua(np.zeros(2, dtype=np.int64), np.array([0, 1]), np.array([0.0, 100.0]),
                        np.array([1.0, 101.0]), np.zeros(2, dtype=np.int64), np.array([n]))
        assert best_alignment_costs(cont)[0] == 2.0
    assert list(itertools.islice(_partitions([1, 2]), 2)) == [[[1], [2]], [[1, 2]]]
