"""The figures of the progress dashboard, from the project's records, the annotators'
queues and their stretches of active time.

- Queues: per annotator, documents done, in progress and not started, against their
  queue (every document when the project has no assignments).
- Labels: per annotator and label, the spans, the annotator's share (of their own spans)
  and the group's share (of everyone's spans), with the adjusted residual of the
  annotators × labels table: beyond ±2 the annotator uses the label notably more (or
  less) than the group. Annotators who code different documents may differ because the
  documents do; compare on shared documents (a calibration set) before concluding.
- Time: active seconds per document and annotator (core.activity: pauses over two
  minutes left out), totals per annotator, and the median per document they finished.
- Adjudication: a document waits for the reviewer when everyone it is assigned to (or,
  without assignments, everyone who worked on it) has marked it done and some candidate
  has no decision yet; it is adjudicated when every candidate has one.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annotator.core.activity import Stretch
from annotator.core.adjudication import Summary
from annotator.core.compare.stats import chi_square
from annotator.core.model import DONE, IN_PROGRESS
from annotator.core.records import DocumentRecord

NOTABLE = 2.0  # |adjusted residual| beyond which a label's use stands out


@dataclass(frozen=True)
class QueueProgress:
    annotator: str
    queue: int
    done: int
    in_progress: int
    spans: int
    seconds: float  # active time, all documents
    median_done: float | None  # median active seconds on the documents they finished

    @property
    def not_started(self) -> int:
        return self.queue - self.done - self.in_progress

    @property
    def share_done(self) -> float:
        return self.done / self.queue if self.queue else 0.0


@dataclass(frozen=True)
class LabelUse:
    annotator: str
    label: str
    spans: int
    share: float  # of the annotator's spans
    group_share: float  # of everyone's spans
    residual: float | None  # adjusted residual (None: too little to test)

    @property
    def notable(self) -> str | None:
        if self.residual is None or abs(self.residual) < NOTABLE:
            return None
        return "more" if self.residual > 0 else "less"


@dataclass(frozen=True)
class DocumentTime:
    doc_id: str
    title: str | None
    annotator: str
    seconds: float
    status: str | None


@dataclass(frozen=True)
class DocumentState:
    doc_id: str
    title: str | None
    coders: tuple[str, ...]
    done: tuple[str, ...]
    open_candidates: int
    state: str  # annotating | waiting | adjudicated | unassigned


ANNOTATING, WAITING, ADJUDICATED, UNASSIGNED = ("annotating", "waiting", "adjudicated",
                                                "unassigned")


@dataclass(frozen=True)
class Figures:
    queues: tuple[QueueProgress, ...]
    labels: tuple[LabelUse, ...]
    times: tuple[DocumentTime, ...]
    documents: tuple[DocumentState, ...]
    assigned: bool

    def count(self, state: str) -> int:
        return sum(1 for d in self.documents if d.state == state)

    @property
    def waiting(self) -> tuple[DocumentState, ...]:
        return tuple(d for d in self.documents if d.state == WAITING)


def duration(seconds: float | None) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour on ("–" for none)."""
    if seconds is None:
        return "–"
    h, rest = divmod(int(round(seconds)), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02}:{s:02}" if h else f"{m}:{s:02}"


def figures(records: Sequence[DocumentRecord],
            queue_items: Mapping[str, Sequence[tuple[str, str | None]]],
            stretches: Sequence[Stretch], summaries: Mapping[str, Summary],
            assigned: bool) -> Figures:
    """`queue_items`: each annotator's documents in order, as (id, where it stands for them:
    core.assignment.queue_status); `summaries`: each document's adjudication summary."""
    status_of = {(d, a): st for a, items in queue_items.items() for d, st in items}
    queues = {a: [d for d, _ in items] for a, items in queue_items.items()}
    people = sorted(queues)
    by_id = {r.id: r for r in records}
    seconds: dict[tuple[str, str], float] = defaultdict(float)
    for s in stretches:
        seconds[(s.doc_id, s.annotator)] += s.seconds
    span_counts: dict[str, Counter[str]] = {a: Counter() for a in people}
    for r in records:
        for s in r.annotations:
            if s.annotator in span_counts:
                span_counts[s.annotator][s.label] += 1

    out_queues = []
    for a in people:
        status = [status_of[(d, a)] for d in queues[a]]
        finished = [seconds[(d, a)] for d in queues[a]
                    if status_of[(d, a)] == DONE and seconds.get((d, a))]
        out_queues.append(QueueProgress(
            a, len(queues[a]), status.count(DONE), status.count(IN_PROGRESS),
            sum(span_counts[a].values()),
            round(sum(v for (_, who), v in seconds.items() if who == a), 3),
            statistics.median(finished) if finished else None))

    order = {doc_id: i for i, doc_id in enumerate(by_id)}
    times = tuple(DocumentTime(d, by_id[d].document.title, a, round(v, 3),
                               status_of.get((d, a), by_id[d].status.get(a)))
                  for (d, a), v in sorted(seconds.items(),
                                          key=lambda kv: (order.get(kv[0][0], 0), kv[0][1]))
                  if d in by_id)
    return Figures(tuple(out_queues), _labels(span_counts), times,
                   _documents(records, queues, summaries, assigned), assigned)


def _labels(span_counts: Mapping[str, Counter[str]]) -> tuple[LabelUse, ...]:
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for a, labels in span_counts.items():
        for label, n in labels.items():
            table[label][a] = n
    total = sum(sum(c.values()) for c in span_counts.values())
    if not total:
        return ()
    test = chi_square(table, sorted(span_counts))
    residual = {}
    if test.adjusted_residuals:
        for i, label in enumerate(test.rows):
            for j, a in enumerate(test.columns):
                residual[(label, a)] = test.adjusted_residuals[i][j]
    group = {label: sum(v.values()) / total for label, v in table.items()}
    out = []
    for a in sorted(span_counts):
        mine = sum(span_counts[a].values())
        for label in sorted(table, key=lambda x: (-group[x], x)):
            n = span_counts[a].get(label, 0)
            out.append(LabelUse(a, label, n, n / mine if mine else 0.0, group[label],
                                residual.get((label, a))))
    return tuple(out)


def _documents(records: Sequence[DocumentRecord], queues: Mapping[str, Sequence[str]],
               summaries: Mapping[str, Summary], assigned: bool
               ) -> tuple[DocumentState, ...]:
    coders: dict[str, set[str]] = defaultdict(set)
    if assigned:
        for a, docs in queues.items():
            for d in docs:
                coders[d].add(a)
    out = []
    for r in records:
        who = coders[r.id] if assigned else (
            {s.annotator for s in r.annotations} | set(r.status) | {d.annotator for d in
                                                                    r.doc_labels})
        who = {a for a in who if a in queues}
        done = tuple(sorted(a for a in who if r.status.get(a) == DONE))
        summary = summaries.get(r.id)
        open_ = summary.open if summary is not None else 0
        if summary is not None and summary.adjudicated:
            state = ADJUDICATED
        elif not who:
            state = UNASSIGNED
        elif len(done) == len(who):
            state = WAITING
        else:
            state = ANNOTATING
        out.append(DocumentState(r.id, r.document.title, tuple(sorted(who)), done, open_,
                                 state))
    return tuple(out)
