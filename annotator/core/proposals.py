"""What a source (a file, a command, a recommender) proposes as spans, and what annotators
said to it: suggestions are never anyone's annotation until an annotator accepts one, and a
span accepted from one keeps its provenance.

Offsets are Unicode code points, end exclusive, as in core.model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.model import Span


@dataclass(frozen=True)
class Proposal:
    """A span as a source (a file, a command, a recommender) proposes it."""

    source: str
    start: int
    end: int
    label: str
    score: float | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    concept: str | None = None


@dataclass(frozen=True)
class Provenance(Proposal):
    """The suggestion an annotator's span was accepted from, as it was offered (so that
    whether the span still is what was suggested can be told later)."""

    suggestion_id: int | None = field(default=None, compare=False)  # its row, when stored

    def unchanged(self, span: Span) -> bool:
        """The span is still exactly what was suggested."""
        return (span.start, span.end, span.label, dict(span.attributes), span.concept) == (
            self.start, self.end, self.label, dict(self.attributes), self.concept)


@dataclass(frozen=True)
class Suggestion(Proposal):
    """A machine's (or a recommender's) proposal of a span: never anyone's annotation
    until an annotator accepts it. `annotator`: offered to that annotator only (a
    recommender that learnt from their own spans), None: to everyone."""

    annotator: str | None = None
    id: int | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[int, int, str]:
        """What makes two suggestions the same, whatever their source (a rejection
        holds for every source)."""
        return (self.start, self.end, self.label)


@dataclass(frozen=True)
class Rejection:
    """An annotator said no to the suggestion (start, end, label) on a document."""

    annotator: str
    start: int
    end: int
    label: str
