"""Which suggestions an annotator is offered on a document, held column by column like a
layer of spans (core.layer) so that a document with 10,000 suggestions opens as fast as
one with 10,000 spans.

The same suggestion is its (start, end, label), whatever its source: it is not offered
again once the annotator rejected it, has that span, or accepted it (edited or not) from
any source; where several sources suggest it, the best-scored one is offered (then the
first by source name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.layer import Layer, columns

if TYPE_CHECKING:
    from annotator.core.proposals import Suggestion

Key = tuple[int, int, str]


@dataclass
class Offered(Layer):
    """Suggestions as a layer: `annotators` holds each one's source; `scores` its score
    (None: the source gave none)."""

    scores: list[float | None] = field(default_factory=list)
    # whether anything is suggested there at all, offered or taken: when nothing is, no
    # change of the annotator's own spans changes what is offered
    suggested: bool = False

    def source(self, i: int) -> str:
        return self.annotators[i]

    def suggestion(self, i: int) -> Suggestion:
        # here, not at import: the first window reads what is offered, and makes no Suggestion
        from annotator.core.proposals import Suggestion

        span = self.span(i)
        return Suggestion(span.annotator, span.start, span.end, span.label, self.scores[i],
                          span.attributes, span.concept, id=span.id)

    def suggestions(self) -> list[Suggestion]:
        return [self.suggestion(i) for i in range(len(self))]


def rank(score: float | None, source: str) -> tuple:
    """Sort key among suggestions of one place and label: best score first (a missing
    score last), then source name."""
    return (score is None, -(score or 0.0), source)


def offered(rows: Iterable[tuple], taken: set[Key]) -> Offered:
    """The suggestions to offer, from rows (id, start, end, label, attributes JSON,
    concept, source, score) sorted by (start, end, id), leaving out the keys in `taken`
    (rejected, already annotated or accepted). One per key: the best ranked."""
    best: dict[Key, tuple] = {}
    suggested = False
    for row in rows:
        suggested = True
        key = (row[1], row[2], row[3])
        if key in taken:
            continue
        held = best.get(key)
        if held is None or rank(row[7], row[6]) < rank(held[7], held[6]):
            best[key] = row
    ids, starts, ends, labels, attributes, concepts, sources, scores = columns(
        sorted(best.values(), key=lambda r: (r[1], r[2], r[0])), 8)
    return Offered(ids, starts, ends, labels, attributes, concepts, [None] * len(ids),
                   sources, scores, suggested)
