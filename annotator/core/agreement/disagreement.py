"""The spans annotators disagree on most, per label: for a reviewer or a report reader.

Kept apart from the report dict, whose shape the spec fixes.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from ..records import DocumentRecord
from .units import participants_of


@dataclass(frozen=True)
class DisagreedSpan:
    """One exact span ``(document, start, end, label)`` that some participants marked and
    others did not.

    ``score``: the share of pairs of participants that disagree on it,
    ``k (m − k) / (m (m − 1) / 2)`` for ``k`` of ``m`` marking it (1.0: an even split of
    two). ``overlapping``: those of ``not_marked_by`` who marked an overlapping span of
    the same label, i.e. disagree on the boundaries rather than on the span.
    """

    document: str
    start: int
    end: int
    label: str
    text: str
    marked_by: tuple[str, ...]
    not_marked_by: tuple[str, ...]
    overlapping: tuple[str, ...]
    score: float | None


def voted_spans(
    records: Iterable[DocumentRecord],
    *,
    annotators: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    texts: Iterable[str] | None = None,
) -> Iterator[tuple[int, int, DisagreedSpan]]:
    """Every distinct span a participant marked, in document order then by (start, end,
    label), as ``(document index, participants, span)``; ``score`` is 0 where everyone
    marked it and None where the document has a single participant.

    Participation and filters are those of ``build_report``; ``texts`` those of the
    records, in their order, when the records do not carry them.
    """
    wanted_labels = None if labels is None else set(labels)
    pairs = ((r, r.text) for r in records) if texts is None else zip(records, texts, strict=True)
    for order, (record, text) in enumerate(pairs):
        took = participants_of(record, annotators)
        marks: dict[tuple[int, int, str], set[str]] = {}
        by_who: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for s in record.annotations:
            if s.annotator in took and (wanted_labels is None or s.label in wanted_labels):
                marks.setdefault((s.start, s.end, s.label), set()).add(s.annotator)
                by_who.setdefault((s.annotator, s.label), []).append((s.start, s.end))
        m = len(took)
        for (start, end, label), who in sorted(marks.items()):
            k = len(who)
            missing = sorted(took - who)
            near = tuple(
                a for a in missing
                if any(s < end and start < e for s, e in by_who.get((a, label), ()))
            )  # fmt: skip
            yield order, m, DisagreedSpan(
                document=record.id, start=start, end=end, label=label,
                text=text[start:end], marked_by=tuple(sorted(who)),
                not_marked_by=tuple(missing), overlapping=near,
                score=k * (m - k) / (m * (m - 1) / 2) if m >= 2 else None,
            )  # fmt: skip


def most_disagreed_spans(
    records: Iterable[DocumentRecord],
    *,
    annotators: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    limit: int = 10,
    texts: Iterable[str] | None = None,
) -> dict[str, list[DisagreedSpan]]:
    """Per label (sorted; with ``labels``, exactly those), up to ``limit`` spans ranked by
    ``score``, then by more participants, then by document order, start and end.

    Documents with fewer than two participants have nothing to disagree on.
    """
    # Per label, the `limit` best so far as a heap whose top is the worst of them: a
    # corpus has hundreds of thousands of disagreed spans, of which a few are shown. No
    # two spans of one label have the same rank (document, start and end are in it).
    kept: dict[str, list[tuple[tuple, DisagreedSpan]]] = {}
    seen_labels: set[str] = set(labels or ())
    for order, m, item in voted_spans(records, annotators=annotators, labels=labels,
                                      texts=texts):
        seen_labels.add(item.label)
        if item.score and limit > 0:  # None: one participant; 0: everyone marked it
            worst_first = (item.score, m, -order, -item.start, -item.end)
            heap = kept.setdefault(item.label, [])
            if len(heap) < limit:
                heapq.heappush(heap, (worst_first, item))
            elif worst_first > heap[0][0]:
                heapq.heapreplace(heap, (worst_first, item))
    out: dict[str, list[DisagreedSpan]] = {}
    for label in sorted(seen_labels):
        best = sorted(kept.get(label, []), key=lambda pair: pair[0], reverse=True)
        out[label] = [item for _, item in best]
    return out
