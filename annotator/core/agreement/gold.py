"""Each annotator against the gold layer, on the documents adjudication has finished.

A document counts once it is adjudicated (docs/adjudication.md: someone took part and
every candidate has a decision); an annotator is measured on those of them they took part
in. Spans are compared as ``(start, end, label)``, distinct, within the report's labels:

- precision ``|A∩G| / |A|``, recall ``|A∩G| / |G|``, F1 ``2|A∩G| / (|A| + |G|)``, summed
  over documents before dividing (micro), as sklearn's ``precision_recall_fscore_support``
  gives them on the union of both sets of spans;
- partial F1: the SemEval-2020 Task 11 score of the report's ``span_f1_partial``, the
  annotator in the place of the first annotator and the gold in the place of the second;
- accepted unchanged: the share of the annotator's spans that gold holds as they marked
  them, attributes and concept included (the annotator's "accepted" verdict).

A value whose denominator is zero is undefined (F1 is 0 when only one side has spans).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from .. import adjudication as adj
from ..records import DocumentRecord
from .errors import Undefined
from .notes import Notes
from .results import AnnotatorGold, GoldMeasures
from .spans import f1_from_counts, partial_span_f1
from .units import participants_of

NO_SPANS = "the annotator has no span on the adjudicated documents"
NO_GOLD = "gold has no span on the annotator's adjudicated documents"
NO_EITHER = "neither the annotator nor gold has a span on the adjudicated documents"


@dataclass(frozen=True)
class GoldCounts:
    """Spans of one annotator and of gold, per scope, over adjudicated documents."""

    mine: set = field(default_factory=set)  # (document, start, end, label)
    gold: set = field(default_factory=set)
    accepted: int = 0

    def add(self, doc: str, mine, gold, accepted: int) -> GoldCounts:
        return GoldCounts(self.mine | {(doc, *k) for k in mine},
                          self.gold | {(doc, *k) for k in gold}, self.accepted + accepted)


@dataclass(frozen=True)
class GoldScores:
    precision: float | None
    recall: float | None
    f1: float | None
    f1_partial: float | None
    accepted_unchanged: float | None
    spans: int
    gold: int
    reasons: dict[str, str]  # measure → why it is None


def scores(counts: GoldCounts) -> GoldScores:
    mine, gold = counts.mine, counts.gold
    both = len(mine & gold)
    reasons: dict[str, str] = {}

    def ratio(measure: str, num: float, den: int, reason: str) -> float | None:
        if den:
            return num / den
        reasons[measure] = reason
        return None

    precision = ratio("precision", both, len(mine), NO_SPANS)
    recall = ratio("recall", both, len(gold), NO_GOLD)
    try:
        f1 = f1_from_counts(both, len(mine), len(gold))
        partial = partial_span_f1(_keys(mine), _keys(gold))
    except Undefined:
        f1 = partial = None
        reasons["f1"] = reasons["f1_partial"] = NO_EITHER
    accepted = ratio("accepted_unchanged", counts.accepted, len(mine), NO_SPANS)
    return GoldScores(precision, recall, f1, partial, accepted, len(mine), len(gold), reasons)


def _keys(spans: set) -> list[tuple[object, int, int, object]]:
    return [(doc, start, end, label) for doc, start, end, label in spans]


@dataclass(frozen=True)
class AnnotatorCounts:
    documents: int
    overall: GoldCounts
    labels: dict[str, GoldCounts]


def judged(record: DocumentRecord) -> tuple[adj.DocumentCandidates, dict]:
    """The document's candidates and where each stands after its decisions and gold."""
    gold = tuple(replace(g, id=i) for i, g in enumerate(record.gold))
    by_key = {g.key: g.id for g in gold}
    decisions = [
        adj.Decision(i, d.decision, d.start, d.end, d.label, d.annotators, d.reviewer, d.at,
                     by_key.get(d.gold) if d.gold is not None else None, d.details)
        for i, d in enumerate(record.decisions)]
    cands = adj.candidates_of(record)
    return cands, adj.candidate_states(cands, decisions, gold)


def adjudicated(record: DocumentRecord) -> bool:
    """Whether adjudication has finished the document (its decisions and gold decide)."""
    cands, states = judged(record)
    return adj.summarise(cands, states, len(record.gold)).adjudicated


def against_gold(records: Sequence[DocumentRecord], *, annotators: Collection[str],
                 labels: Collection[str] | None = None) -> dict[str, AnnotatorCounts]:
    """Per annotator (those given), their counts on the adjudicated documents they took
    part in; {} when no document is adjudicated."""
    wanted = None if labels is None else set(labels)
    finished = []
    for r in records:
        cands, states = judged(r)
        if adj.summarise(cands, states, len(r.gold)).adjudicated:
            finished.append((r, cands, states))
    if not finished:
        return {}
    out = {}
    for name in annotators:
        overall, per_label, documents = GoldCounts(), {}, 0
        for r, cands, states in finished:
            if name not in participants_of(r):
                continue
            documents += 1
            gold = {g.key for g in r.gold if wanted is None or g.label in wanted}
            mine = {(s.start, s.end, s.label): s for s in r.annotations
                    if s.annotator == name and (wanted is None or s.label in wanted)}
            accepted = {(j.span.start, j.span.end, j.span.label)
                        for j in adj.judge(list(mine.values()), cands, states)
                        if j.verdict == adj.ACCEPTED}
            overall = overall.add(r.id, mine, gold, len(accepted))
            for label in sorted({k[2] for k in mine} | {k[2] for k in gold}):
                per_label[label] = per_label.get(label, GoldCounts()).add(
                    r.id, {k for k in mine if k[2] == label}, {k for k in gold if k[2] == label},
                    sum(1 for k in accepted if k[2] == label))
        out[name] = AnnotatorCounts(documents, overall, dict(sorted(per_label.items())))
    return out


NO_DOCUMENT = "no document is adjudicated"


def gold_block(records: Sequence[DocumentRecord], notes: Notes, *,
               annotators: Collection[str], labels: Collection[str] | None = None
               ) -> dict[str, AnnotatorGold]:
    """The report's ``against_gold``, nulls noted."""
    counts = against_gold(records, annotators=annotators, labels=labels)
    if not counts:
        notes.add(f"against_gold: empty: {NO_DOCUMENT}", "against_gold")
        return {}
    out = {}
    for name, c in counts.items():
        scope = f"against_gold[{name}]"
        if not c.documents:
            notes.null(scope, "every measure", "took part in no adjudicated document")
            out[name] = AnnotatorGold(_measures(scores(c.overall), notes, None), 0, {})
            continue
        out[name] = AnnotatorGold(
            _measures(scores(c.overall), notes, scope), c.documents,
            {label: _measures(scores(lc), notes, f"{scope}.labels", label)
             for label, lc in c.labels.items()})
    return out


def _measures(s: GoldScores, notes: Notes, scope: str | None,
              subject: str | None = None) -> GoldMeasures:
    if scope is not None:
        for measure, reason in s.reasons.items():
            notes.null(scope, measure, reason, subject)
    return GoldMeasures(s.precision, s.recall, s.f1, s.f1_partial, s.accepted_unchanged,
                        s.spans, s.gold)
