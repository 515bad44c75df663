"""A document with everything said about it, and a whole project's content: what the
interchange (shared/spec/interchange.md) carries, line by line.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter

from annotator.core.gold import DecisionRecord, GoldDocLabel, GoldSpan
from annotator.core.model import Codebook, Concept, DocLabel, Document, Span, SpanRows
from annotator.core.proposals import Rejection, Suggestion


@dataclass(frozen=True)
class DocumentRecord:
    """A document with everything said about it: one line of the interchange."""

    document: Document
    annotations: Sequence[Span] = ()  # a tuple, or SpanRows from an importer
    doc_labels: tuple[DocLabel, ...] = ()
    status: Mapping[str, str] = field(default_factory=dict)
    gold: tuple[GoldSpan, ...] = ()
    gold_doc_labels: tuple[GoldDocLabel, ...] = ()
    # per-annotator free-text note on the whole document (GUI); travels in meta
    notes: Mapping[str, str] = field(default_factory=dict)
    # the reviewers' decisions, oldest first; travel in meta too
    decisions: tuple[DecisionRecord, ...] = ()
    # machine suggestions (never annotations) and the annotators' rejections of them
    suggestions: tuple[Suggestion, ...] = ()
    rejections: tuple[Rejection, ...] = ()

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def text(self) -> str:
        return self.document.text

    def without(self, people: Collection[str]) -> DocumentRecord:
        """The record without these people's own work (spans, document labels, statuses,
        notes); gold and decisions stay. Records carry no roles, so whoever measures or
        adjudicates drops the reviewers this way: a reviewer's status ``done`` would
        otherwise count as taking part."""
        if not people:
            return self
        annotations = self.annotations
        if type(annotations) is SpanRows:
            # rows stay rows (no Span made): the annotator is each row's first field; a
            # reviewer seldom has spans of their own, which a C loop tells
            rows = annotations.rows
            if not frozenset(people).isdisjoint(map(itemgetter(0), rows)):
                annotations = SpanRows(tuple(r for r in rows if r[0] not in people))
        else:
            annotations = tuple(s for s in annotations if s.annotator not in people)
        return replace(
            self,
            annotations=annotations,
            doc_labels=tuple(d for d in self.doc_labels if d.annotator not in people),
            status={k: v for k, v in self.status.items() if k not in people},
            notes={k: v for k, v in self.notes.items() if k not in people},
        )


@dataclass(frozen=True)
class Corpus:
    """A whole project's content as the interchange carries it."""

    codebook: Codebook | None
    concepts: tuple[Concept, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()
