"""The reviewer's side of a document: the gold standard (spans and document labels) and
the decisions recorded on the way to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class GoldSpan:
    decided_by: str
    start: int
    end: int
    label: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    concept: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    id: int | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass(frozen=True)
class GoldDocLabel:
    decided_by: str
    name: str
    value: str


@dataclass(frozen=True)
class DecisionRecord:
    """A reviewer's recorded decision on a candidate (see annotator/core/adjudication.py).

    `gold` is the (start, end, label) of the gold span the decision produced, if any.
    """

    reviewer: str
    at: str
    decision: str
    start: int
    end: int
    label: str | None = None
    annotators: tuple[str, ...] = ()
    gold: tuple[int, int, str] | None = None
    details: Mapping[str, object] = field(default_factory=dict)
