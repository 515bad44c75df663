"""γ (Mathet, Widlöcher & Métivier 2015) over a report's documents, overall and per label.

Each document with two participants or more is a continuum of its characters, with its
participants as annotators (one who marked nothing there contributes empty units only)
and their spans as units, the label as category; a label's continuum holds that label's
spans alone. The observed disorder is that of the best alignment (``alignment``); the
expected disorder the mean over ``samples`` random continua drawn per continuum as
pygamma-agreement's default sampler draws them (``chance``); γ = 1 − observed / expected,
and 1 when the observed disorder is 0, as pygamma-agreement has it.

Documents combine as α_U's do, by summing: the observed disorder is Σ_d (summed disorder
of d's best alignment) / Σ_d (d's units per annotator), so that for one document it is
pygamma-agreement's; each draw's expected disorder is the mean of the documents' sampled
disorders weighted the same way. The 95 % interval of γ comes from the normal interval of
the expected disorder over the draws, mean ± 1.96 · sd / √samples (sd with ddof 1):
[1 − observed / (mean − h), 1 − observed / (mean + h)].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .alignment import Continua, best_alignment_costs
from .chance import samples as draw_samples
from .chance import statistics, stream
from .notes import Notes
from .results import Gamma, GammaValues, Interval
from .units import Study

DEFAULT_SAMPLES = 30  # pygamma-agreement's default number of random continua
SEED = 12345
Z95 = 1.959963984540054  # the normal distribution's 97.5th percentile
_BATCH_UNITS = 400_000  # sampled units measured at once (memory)

NO_CONTINUUM = "no document with two or more participants has a span"
ONE_SAMPLE = "one random continuum gives no interval"


@dataclass(frozen=True)
class GammaValue:
    """γ of one scope, or why it is undefined (``reason``; ``ci_reason`` for the
    interval alone)."""

    gamma: float | None
    observed: float | None
    expected: float | None
    ci: tuple[float, float] | None
    reason: str | None = None
    ci_reason: str | None = None


@dataclass(frozen=True, eq=False)
class _Scoped:
    """The continua of a report: per continuum its scope (0 overall, 1 + j label j), its
    document, its annotators, its name (for its random stream) and units."""

    scope: np.ndarray
    weight: np.ndarray  # units per annotator
    names: list[str]
    units: Continua


def gamma_values(study: Study, samples: int = DEFAULT_SAMPLES, seed: int = SEED,
                 tick: Callable[[], None] | None = None) -> list[GammaValue]:
    """γ overall (first) and for each of ``study.labels``."""
    if samples < 1:
        raise ValueError("γ needs at least one random continuum")
    scoped = _continua(study)
    n_scopes = 1 + len(study.labels)
    if len(scoped.weight) == 0:
        return [GammaValue(None, None, None, None, NO_CONTINUUM)] * n_scopes
    cont = scoped.units
    observed_cost = best_alignment_costs(cont, tick)
    expected = expected_disorders(cont, scoped.names, samples, seed, tick)
    out = []
    for scope in range(n_scopes):
        mine = scoped.scope == scope
        if not mine.any():
            out.append(GammaValue(None, None, None, None, NO_CONTINUUM))
            continue
        weight = scoped.weight[mine]
        observed = float(observed_cost[mine].sum() / weight.sum())
        per_draw = weight @ expected[mine] / weight.sum()
        out.append(gamma_value(observed, per_draw))
    return out


def gamma_value(observed: float, per_draw: np.ndarray) -> GammaValue:
    """γ, the expected disorder and the interval from an observed disorder and the
    expected disorder of each draw."""
    mean = float(per_draw.mean())
    if observed == 0:
        return GammaValue(1.0, 0.0, mean, (1.0, 1.0))
    if mean <= 0:
        return GammaValue(None, observed, mean, None, "the expected disorder is 0")
    gamma = 1.0 - observed / mean
    if len(per_draw) < 2:
        return GammaValue(gamma, observed, mean, None, ci_reason=ONE_SAMPLE)
    half = Z95 * float(np.std(per_draw, ddof=1)) / np.sqrt(len(per_draw))
    if mean - half <= 0:
        return GammaValue(gamma, observed, mean, None,
                          ci_reason="the interval of the expected disorder reaches 0")
    return GammaValue(gamma, observed, mean,
                      (1.0 - observed / (mean - half), 1.0 - observed / (mean + half)))


def _continua(study: Study) -> _Scoped:
    spans = study.spans
    participants = study.participants
    usable = participants[spans.doc] >= 2
    doc, lab = spans.doc[usable], spans.label[usable]
    slot = study.slot_of[doc, spans.annotator[usable]]
    start = spans.start[usable].astype(np.float64)
    end = spans.end[usable].astype(np.float64)
    # every span once in its document's overall continuum, once in its label's
    n_docs = len(study.doc_ids)
    overall_id = doc
    label_id = n_docs + lab * n_docs + doc
    ids = np.concatenate([overall_id, label_id])
    present, continuum = np.unique(ids, return_inverse=True)
    scope = np.where(present < n_docs, 0, 1 + (present - n_docs) // max(n_docs, 1))
    c_doc = np.where(present < n_docs, present, (present - n_docs) % max(n_docs, 1))
    annotators = participants[c_doc].astype(np.int64)
    cont = Continua(continuum.ravel(), np.concatenate([slot, slot]),
                    np.concatenate([start, start]), np.concatenate([end, end]),
                    np.concatenate([lab, lab]), annotators)
    units = np.bincount(cont.continuum, minlength=len(present)).astype(np.float64)
    names = [f"{study.doc_ids[d]}\x1f{study.labels[s - 1] if s else ''}"
             for d, s in zip(c_doc.tolist(), scope.tolist(), strict=True)]
    return _Scoped(scope, units / annotators, names, cont)


def expected_disorders(cont: Continua, names: list[str], samples: int, seed: int = SEED,
                       tick: Callable[[], None] | None = None) -> np.ndarray:
    """The disorders of ``samples`` random continua drawn from each of ``cont``'s
    (continua × samples); ``names`` name their random streams."""
    n = len(cont.annotators)
    out = np.zeros((n, samples))
    order = np.argsort(cont.continuum, kind="stable")
    bounds = np.searchsorted(cont.continuum[order], np.arange(n + 1))
    pending: list[tuple[int, tuple[np.ndarray, ...]]] = []
    size = 0
    for c in range(n):
        rows = order[bounds[c]:bounds[c + 1]]
        stats = statistics(cont.annotator[rows], cont.start[rows], cont.end[rows],
                           cont.category[rows], int(cont.annotators[c]))
        drawn = draw_samples(stats, samples, stream(seed, names[c]))
        pending.append((c, drawn))
        size += len(drawn[0])
        if size >= _BATCH_UNITS or c == n - 1:
            _measure(pending, cont.annotators, samples, out, tick)
            pending, size = [], 0
    return out


def _measure(pending, annotators, samples, out, tick) -> None:
    ids, slot, start, end, cat, n_ann = [], [], [], [], [], []
    for k, (c, (sample, annotator, s, e, category)) in enumerate(pending):
        ids.append(k * samples + sample)
        slot.append(annotator)
        start.append(s)
        end.append(e)
        cat.append(category)
        n_ann.append(np.full(samples, annotators[c]))
    cont = Continua(np.concatenate(ids), np.concatenate(slot), np.concatenate(start),
                    np.concatenate(end), np.concatenate(cat), np.concatenate(n_ann))
    cost = best_alignment_costs(cont, tick)
    per_annotator = cont.units / cont.annotators
    disorder = cost / per_annotator
    for k, (c, _) in enumerate(pending):
        out[c] = disorder[k * samples:(k + 1) * samples]


def gamma_block(study: Study, notes: Notes, samples: int = DEFAULT_SAMPLES, seed: int = SEED,
                tick: Callable[[], None] | None = None) -> Gamma:
    """The report's ``gamma``, nulls noted."""
    values = gamma_values(study, samples, seed, tick)

    def typed(scope: str, subject: str | None, v: GammaValue) -> GammaValues:
        if v.reason:
            measures = ("gamma", "observed_disorder", "expected_disorder", "ci95")
            for measure in measures[:1] if v.observed is not None else measures:
                notes.null(scope, measure, v.reason, subject)
            if v.observed is not None:
                notes.null(scope, "ci95", v.reason, subject)
        elif v.ci_reason:
            notes.null(scope, "ci95", v.ci_reason, subject)
        return GammaValues(v.gamma, v.observed, v.expected,
                           Interval(*v.ci) if v.ci is not None else None)

    return Gamma(typed("gamma", None, values[0]), samples, seed,
                 {name: typed("gamma.labels", name, v)
                  for name, v in zip(study.labels, values[1:], strict=True)})
