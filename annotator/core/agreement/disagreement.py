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


def _documents(
    records: Iterable[DocumentRecord],
    annotators: Collection[str] | None,
    labels: Collection[str] | None,
    texts: Iterable[str] | None,
) -> Iterator[tuple[int, DocumentRecord, str, set[str], dict[tuple[int, int, str], set[str]]]]:
    """Per document: its order, record, text, participants and who marked each distinct
    ``(start, end, label)`` (participants only, labels filtered)."""
    wanted_labels = None if labels is None else set(labels)
    pairs = ((r, r.text) for r in records) if texts is None else zip(records, texts, strict=True)
    for order, (record, text) in enumerate(pairs):
        took = participants_of(record, annotators)
        marks: dict[tuple[int, int, str], set[str]] = {}
        for s in record.annotations:
            if s.annotator in took and (wanted_labels is None or s.label in wanted_labels):
                marks.setdefault((s.start, s.end, s.label), set()).add(s.annotator)
        yield order, record, text, took, marks


def _marked_by_whom(record: DocumentRecord, took: set[str]
                    ) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """Per participant and label, the (start, end) of each span they marked."""
    by_who: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for s in record.annotations:
        if s.annotator in took:
            by_who.setdefault((s.annotator, s.label), []).append((s.start, s.end))
    return by_who


def _voted(record: DocumentRecord, text: str, took: set[str],
           by_who: dict[tuple[str, str], list[tuple[int, int]]],
           start: int, end: int, label: str, who: set[str]) -> DisagreedSpan:
    m, k = len(took), len(who)
    missing = sorted(took - who)
    near = tuple(
        a for a in missing
        if any(s < end and start < e for s, e in by_who.get((a, label), ()))
    )  # fmt: skip
    return DisagreedSpan(
        document=record.id, start=start, end=end, label=label,
        text=text[start:end], marked_by=tuple(sorted(who)),
        not_marked_by=tuple(missing), overlapping=near,
        score=k * (m - k) / (m * (m - 1) / 2) if m >= 2 else None,
    )  # fmt: skip


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
    for order, record, text, took, marks in _documents(records, annotators, labels, texts):
        by_who = _marked_by_whom(record, took)
        for (start, end, label), who in sorted(marks.items()):
            yield order, len(took), _voted(record, text, took, by_who, start, end, label, who)


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
    # corpus has hundreds of thousands of disagreed spans, of which a few are shown, so a
    # span is described (its text, who marked an overlapping one) only once it ranks
    # among them. No two spans of one label have the same rank (document, start and end
    # are in it), so the order they are looked at in changes nothing.
    kept: dict[str, list[tuple[tuple, DisagreedSpan]]] = {}
    seen_labels: set[str] = set(labels or ())
    for order, record, text, took, marks in _documents(records, annotators, labels, texts):
        m = len(took)
        seen_labels.update(label for _, _, label in marks)
        if m < 2 or limit <= 0:  # a single participant disagrees with nobody
            continue
        pairs = m * (m - 1) / 2
        by_who = None  # made for the document's first span that ranks
        for (start, end, label), who in marks.items():
            k = len(who)
            if k == m:  # everyone marked it
                continue
            worst_first = (k * (m - k) / pairs, m, -order, -start, -end)
            heap = kept.setdefault(label, [])
            if len(heap) == limit and worst_first <= heap[0][0]:
                continue
            if by_who is None:
                by_who = _marked_by_whom(record, took)
            item = _voted(record, text, took, by_who, start, end, label, who)
            if len(heap) < limit:
                heapq.heappush(heap, (worst_first, item))
            else:
                heapq.heapreplace(heap, (worst_first, item))
    out: dict[str, list[DisagreedSpan]] = {}
    for label in sorted(seen_labels):
        best = sorted(kept.get(label, []), key=lambda pair: pair[0], reverse=True)
        out[label] = [item for _, item in best]
    return out
