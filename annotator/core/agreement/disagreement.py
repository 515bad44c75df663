"""The spans annotators disagree on most, per label: for a reviewer or a report reader.

Kept apart from the report dict, whose shape the spec fixes.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..model import DocumentRecord
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
    score: float


def most_disagreed_spans(
    records: Iterable[DocumentRecord],
    *,
    annotators: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    limit: int = 10,
) -> dict[str, list[DisagreedSpan]]:
    """Per label (sorted; with ``labels``, exactly those), up to ``limit`` spans ranked by
    ``score``, then by more participants, then by document order, start and end.

    Participation and filters are those of ``build_report``; documents with fewer than
    two participants have nothing to disagree on.
    """
    wanted_labels = None if labels is None else set(labels)
    ranked: dict[str, list[tuple[tuple, DisagreedSpan]]] = {}
    seen_labels: set[str] = set(wanted_labels or ())
    for order, record in enumerate(records):
        took = participants_of(record, annotators)
        spans = [
            s for s in record.annotations
            if s.annotator in took and (wanted_labels is None or s.label in wanted_labels)
        ]  # fmt: skip
        seen_labels.update(s.label for s in spans)
        if len(took) < 2:
            continue
        marks: dict[tuple[int, int, str], set[str]] = {}
        by_who: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for s in spans:
            marks.setdefault((s.start, s.end, s.label), set()).add(s.annotator)
            by_who.setdefault((s.annotator, s.label), []).append((s.start, s.end))
        m = len(took)
        for (start, end, label), who in marks.items():
            k = len(who)
            if k == m:
                continue
            missing = sorted(took - who)
            near = tuple(
                a for a in missing
                if any(s < end and start < e for s, e in by_who.get((a, label), ()))
            )  # fmt: skip
            item = DisagreedSpan(
                document=record.id, start=start, end=end, label=label,
                text=record.text[start:end], marked_by=tuple(sorted(who)),
                not_marked_by=tuple(missing), overlapping=near,
                score=k * (m - k) / (m * (m - 1) / 2),
            )  # fmt: skip
            rank = (-item.score, -m, order, start, end)
            ranked.setdefault(label, []).append((rank, item))
    out: dict[str, list[DisagreedSpan]] = {}
    for label in sorted(seen_labels):
        best = heapq.nsmallest(limit, ranked.get(label, []), key=lambda pair: pair[0])
        out[label] = [item for _, item in best]
    return out
