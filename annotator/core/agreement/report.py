"""The agreement report (``agreement/1``), built as the typed values of
``results``.

``build_report`` is the entry point; ``results.as_json`` gives the JSON form and the
writers in ``annotator.reports`` turn the report into JSON, CSV and HTML.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from itertools import combinations

import numpy as np

from ..model import Codebook
from ..records import DocumentRecord
from .attributes import attributes_block
from .bootstrap import BootstrapInterval, alpha_intervals
from .confusion import confusion_block
from .doclabels import doc_label_agreement
from .errors import Undefined
from .gamma import SEED as GAMMA_SEED
from .gamma import gamma_block
from .gold import gold_block
from .kappa import cohen_from_confusion
from .notes import Notes
from .results import (
    SCHEMA,
    AgreementReport,
    DocLabelMeasures,
    DocumentMeasures,
    Interval,
    LabelMeasures,
    Measures,
    Number,
    PairMeasures,
)
from .spans import (
    annotator_slices,
    exact_counts,
    f1_from_counts,
    partial_counts,
    partial_f1_from_counts,
    span_keys,
)
from .tokenstats import TokenMeasures, label_measures, overall_measures, pair_confusions
from .unitizing import alpha_from_sums, unitizing_sums
from .units import Study, build_study

DEFAULT_BOOTSTRAP = 1000

Progress = Callable[[int, int], None]

_NO_SHARED = "the two share no document (so for every label too)"
_NO_DEFINED_PAIR = "no pair has a defined value"


class _Progress:
    """Counts work done and reports it; the callback may raise to cancel."""

    def __init__(self, callback: Progress | None, total: int):
        self.callback, self.total, self.done = callback, max(total, 1), 0

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        if self.callback is not None:
            self.callback(self.done, self.total)


def build_report(
    records: Iterable[DocumentRecord],
    *,
    annotators: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    progress: Progress | None = None,
    codebook: Codebook | None = None,
    gamma: int = 0,
    gamma_seed: int = GAMMA_SEED,
    texts: Iterable[str] | None = None,
) -> AgreementReport:
    """The agreement report (schema ``agreement/1``) of ``records``.

    Its fields are the spec's JSON keys in their order: ``schema``, ``annotators``,
    ``documents``, ``tokens``, ``overall``, ``pairs``, ``labels`` (each with ``support``,
    the measures, ``krippendorff_alpha_ci95`` and its ``pairs``), ``documents_detail``,
    ``doc_labels`` and ``notes``; plain Python numbers, ``None`` for undefined ones
    (``results.as_json`` gives the JSON form). See docs/agreement-choices.md for what the
    spec leaves open.

    ``annotators`` (``--annotator``) keeps only these annotators: the report covers those
    of them who took part in at least one document, and the documents where at least
    one of them took part. Whether an annotator took part in a document never depends on
    ``labels``.

    ``labels`` (``--label``) restricts every span measure to spans with these labels, and
    builds the tokens' categories from them alone: a token covered only by other labels
    is ``O``. So under ``--label Loaded`` the overall numbers measure agreement on
    "Loaded or not", and each ``labels`` entry equals the one of the unfiltered report.
    Every label asked for is listed, with ``support`` 0 if nobody used it. Document
    labels are not span labels and are not filtered by ``labels``.

    ``bootstrap``: draws for the alpha intervals (0: no interval). ``codebook``: which
    attributes and kinds of document label there are, their values and which are scales
    (``attributes``). ``gamma``: random continua for γ's expected disorder (0: no γ, and no
    ``gamma`` key), drawn from ``gamma_seed``. ``progress(done, total)`` is called as work
    advances and may raise (e.g. ``Cancelled``) to stop. ``texts``: the records' texts in
    their order, read once, when the records do not carry them (a large corpus's texts
    need not all be in memory at once; only the tokens are measured).

    Undefined measures are ``None`` with the reason in ``notes``; numbers are not rounded.
    Raises ``ValueError`` for a span that is empty or outside its document's text.
    """
    if bootstrap < 0:
        raise ValueError("the number of bootstrap draws cannot be negative")
    if gamma < 0:
        raise ValueError("the number of random continua for γ cannot be negative")
    records = list(records)
    prog = _Progress(progress, len(records) + 4 + bootstrap)
    study = build_study(records, annotators=annotators, labels=labels, tick=prog.advance,
                        texts=texts)
    prog.advance()
    notes = Notes(_note_order(study))
    if study.unmatched_annotators:
        notes.add(
            "annotators asked for who took part in no document: "
            + ", ".join(study.unmatched_annotators)
        )

    overall_tm = overall_measures(study)
    labels_tm = label_measures(study)
    prog.advance()
    pairs, label_pairs, doc_f1 = _pairs(study, notes, prog)
    observed, expected = unitizing_sums(
        study.merged,
        study.participates,
        study.doc_length,
        len(study.labels),
        tick=lambda n: prog.advance(0),
    )
    prog.advance()
    intervals = alpha_intervals(
        [overall_tm.alpha] + [t.alpha for t in labels_tm], bootstrap, tick=prog.advance
    )
    if bootstrap == 0:
        notes.null("overall and labels", "krippendorff_alpha_ci95", "no bootstrap (0 draws)")

    overall = _block(
        _Scope("overall", notes),
        study,
        overall_tm,
        intervals[0],
        pairs,
        (float(observed.sum()), float(expected.sum())),
    )
    label_block: dict[str, LabelMeasures] = {}
    for j, name in enumerate(study.labels):
        measures = _block(
            _Scope(f"labels[{name}]", notes),
            study,
            labels_tm[j],
            intervals[j + 1],
            label_pairs[j],
            (float(observed[j]), float(expected[j])),
        )
        label_block[name] = LabelMeasures(int(study.support[j]), measures,
                                          tuple(label_pairs[j]))

    details = _documents_detail(study, overall_tm, doc_f1, notes)
    doc_labels = {}
    for item in doc_label_agreement(records, annotators):
        if item.alpha is None:
            notes.null(f"doc_labels[{item.name}]", "krippendorff_alpha", str(item.reason))
        doc_labels[item.name] = DocLabelMeasures(item.alpha, item.units)
    prog.advance()

    return AgreementReport(
        schema=SCHEMA,
        annotators=tuple(study.annotators),
        documents=len(study.doc_ids),
        tokens=int(study.doc_tokens.sum()),
        overall=overall,
        pairs=tuple(pairs),
        labels=label_block,
        documents_detail=tuple(details),
        doc_labels=doc_labels,
        # What came after the spec's first keys, computed in this order so that their
        # notes come after the others', and the notes last of all.
        attributes=attributes_block(records, codebook, notes, annotators=annotators,
                                    labels=labels),
        confusion=confusion_block(study),
        against_gold=gold_block(records, notes, annotators=study.annotators, labels=labels),
        gamma=(gamma_block(study, notes, gamma, gamma_seed, tick=lambda: prog.advance(0))
               if gamma else None),
        notes=tuple(notes.render()),
    )


def _note_order(study: Study) -> list[str]:
    """Notes come in the report's order: overall, pairs, each label then its pairs,
    documents, document labels."""
    order = ["", "overall and labels", "overall", "pairs"]
    for name in study.labels:
        order += [f"labels[{name}]", f"labels[{name}].pairs"]
    return order + ["documents_detail"]


class _Scope:
    """Computes the measures of one scope (``overall``, ``labels[X]``, ``pairs``, ...),
    noting why each null is null."""

    def __init__(self, name: str, notes: Notes):
        self.name, self.notes = name, notes

    def null(self, measure: str, reason: str, subject: str | None = None) -> None:
        self.notes.null(self.name, measure, reason, subject)

    def value(
        self, measure: str, compute: Callable[..., float], *args: float, subject: str | None = None
    ) -> Number:
        try:
            value = float(compute(*args))
        except Undefined as e:
            self.null(measure, e.reason, subject)
            return None
        if not math.isfinite(value):
            self.null(measure, "the computation gave no finite number", subject)
            return None
        return value

    def mean(self, measure: str, values: list[Number]) -> Number:
        """Unweighted mean over pairs, skipping nulls."""
        defined = [v for v in values if v is not None]
        if defined:
            return float(sum(defined) / len(defined))
        self.null(measure, _NO_DEFINED_PAIR if values else "fewer than two annotators")
        return None


def _block(
    scope: _Scope,
    study: Study,
    tm: TokenMeasures,
    interval: BootstrapInterval,
    pairs: list[PairMeasures],
    unitizing: tuple[float, float],
) -> Measures:
    """The measures of ``overall`` or of one label (nulls noted in the spec's order)."""
    n_ann = len(study.annotators)
    alpha = scope.value("krippendorff_alpha", tm.krippendorff_alpha)
    ci95 = _interval(scope, interval)
    fleiss: Number = None
    if n_ann < 2:
        scope.null("fleiss_kappa", "fewer than two annotators")
    elif tm.fleiss[0] <= 0:
        scope.null(
            "fleiss_kappa", f"no document with tokens in which all {n_ann} annotators took part"
        )
    else:
        fleiss = scope.value("fleiss_kappa", tm.fleiss_kappa)
    cohen = scope.mean("cohen_kappa_mean", [p.cohen_kappa for p in pairs])
    ac1 = scope.value("gwet_ac1", tm.gwet_ac1)
    f1 = scope.mean("span_f1_mean", [p.span_f1 for p in pairs])
    partial = scope.mean("span_f1_partial_mean", [p.span_f1_partial for p in pairs])
    unitizing_alpha = scope.value("unitizing_alpha", alpha_from_sums, *unitizing)
    return Measures(alpha, ci95, fleiss, cohen, ac1, f1, partial, unitizing_alpha)


def _interval(scope: _Scope, iv: BootstrapInterval) -> Interval | None:
    if iv.draws == 0:
        return None
    if iv.low is None or iv.high is None:
        scope.null("krippendorff_alpha_ci95", f"alpha is undefined in all {iv.draws} draws")
        return None
    if iv.skipped:
        scope.notes.add(
            f"{scope.name}: {iv.skipped} of {iv.draws} bootstrap draws had an undefined "
            "krippendorff_alpha and were left out of krippendorff_alpha_ci95",
            scope.name,
        )
    return Interval(iv.low, iv.high)


def _pairs(
    study: Study, notes: Notes, prog: _Progress
) -> tuple[list[PairMeasures], list[list[PairMeasures]], tuple[np.ndarray, np.ndarray]]:
    """Top-level pairs, per-label pairs, and per document the sum and count of defined
    exact span F1 over pairs (for ``documents_detail``)."""
    n_docs, n_lab = len(study.doc_ids), len(study.labels)
    keys = span_keys(study.spans)
    exact_rows = annotator_slices(study.spans, len(study.annotators))
    merged_rows = annotator_slices(study.merged, len(study.annotators))
    stride = int(study.doc_length.max()) + 1 if n_docs else 1
    top = _Scope("pairs", notes)
    per_label = [_Scope(f"labels[{name}].pairs", notes) for name in study.labels]
    pairs: list[PairMeasures] = []
    label_pairs: list[list[PairMeasures]] = [[] for _ in range(n_lab)]
    f1_sum, f1_count = np.zeros(n_docs), np.zeros(n_docs)
    for a, b in combinations(range(len(study.annotators)), 2):
        prog.advance(0)
        head = (study.annotators[a], study.annotators[b])
        subject = f"{head[0]}/{head[1]}"
        shared = study.participates[:, a] & study.participates[:, b]
        n_shared = int(shared.sum())
        if n_shared == 0:
            for measure in ("cohen_kappa", "span_f1", "span_f1_partial"):
                top.null(measure, _NO_SHARED, subject)
            empty = PairMeasures(*head, 0, None, None, None)
            pairs.append(empty)
            for j in range(n_lab):
                label_pairs[j].append(empty)
            continue
        confusion, confusion_l = pair_confusions(study, a, b)
        ex = exact_counts(
            study.spans,
            keys,
            slice(exact_rows[a], exact_rows[a + 1]),
            slice(exact_rows[b], exact_rows[b + 1]),
            shared,
            n_lab,
        )
        pa = partial_counts(
            study.merged,
            slice(merged_rows[a], merged_rows[a + 1]),
            slice(merged_rows[b], merged_rows[b + 1]),
            shared,
            n_lab,
            stride,
        )
        exact_all = (float(ex.both.sum()), float(ex.first.sum()), float(ex.second.sum()))
        partial_all = (
            float(pa.precision_sum.sum()),
            float(pa.recall_sum.sum()),
            float(pa.first.sum()),
            float(pa.second.sum()),
        )
        pairs.append(_pair_entry(top, head, n_shared, subject, confusion, exact_all, partial_all))
        for j in range(n_lab):
            exact_j = (float(ex.both[j]), float(ex.first[j]), float(ex.second[j]))
            partial_j = (
                float(pa.precision_sum[j]),
                float(pa.recall_sum[j]),
                float(pa.first[j]),
                float(pa.second[j]),
            )
            label_pairs[j].append(
                _pair_entry(per_label[j], head, n_shared, subject, confusion_l[j], exact_j,
                            partial_j)
            )  # fmt: skip
        marked = shared & ((ex.doc_first + ex.doc_second) > 0)
        f1_sum[marked] += 2.0 * ex.doc_both[marked] / (ex.doc_first + ex.doc_second)[marked]
        f1_count[marked] += 1
    return pairs, label_pairs, (f1_sum, f1_count)


def _pair_entry(
    scope: _Scope,
    head: tuple[str, str],
    documents: int,
    subject: str,
    confusion: np.ndarray,
    exact: tuple[float, float, float],
    partial: tuple[float, float, float, float],
) -> PairMeasures:
    return PairMeasures(
        *head,
        documents,
        scope.value("cohen_kappa", cohen_from_confusion, confusion, subject=subject),
        scope.value("span_f1", f1_from_counts, *exact, subject=subject),
        scope.value("span_f1_partial", partial_f1_from_counts, *partial, subject=subject),
    )


def _documents_detail(
    study: Study, tm: TokenMeasures, doc_f1: tuple[np.ndarray, np.ndarray], notes: Notes
) -> list[DocumentMeasures]:
    alphas = tm.alpha.per_document()
    f1_sum, f1_count = doc_f1
    m = study.participants
    out = []
    for d, doc_id in enumerate(study.doc_ids):
        alpha: Number = float(alphas[d]) if not np.isnan(alphas[d]) else None
        f1: Number = float(f1_sum[d] / f1_count[d]) if f1_count[d] else None
        if m[d] < 2:
            for measure in ("krippendorff_alpha", "span_f1_mean"):
                notes.null(
                    "documents_detail", measure, "fewer than two annotators took part", doc_id
                )
        else:
            if alpha is None:
                reason = (
                    "the document has no token"
                    if study.doc_tokens[d] == 0
                    else "every token has one and the same category"
                )
                notes.null("documents_detail", "krippendorff_alpha", reason, doc_id)
            if f1 is None:
                notes.null(
                    "documents_detail",
                    "span_f1_mean",
                    "no annotator has a span on the document",
                    doc_id,
                )
        names = tuple(study.annotators[a] for a in np.flatnonzero(study.participates[d]))
        out.append(DocumentMeasures(doc_id, names, alpha, f1))
    return out
