"""The project's data as plain frozen dataclasses, shared by every layer.

Offsets are Unicode code points (Python ``str`` indices), end exclusive.
Mappings inside frozen dataclasses are treated as read-only by convention.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import starmap
from types import MappingProxyType

IN_PROGRESS = "in_progress"
DONE = "done"
STATUSES = (IN_PROGRESS, DONE)

ANNOTATOR = "annotator"
REVIEWER = "reviewer"
ROLES = (ANNOTATOR, REVIEWER)

# The attributes of a span that has none, one mapping shared by all of them: a corpus of a
# million spans would otherwise hold a million empty dicts. Read-only, so sharing is safe.
NO_ATTRIBUTES: Mapping[str, str] = MappingProxyType({})


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Label:
    name: str
    group: str | None = None
    color: str | None = None
    hotkey: str | None = None
    description: str | None = None
    # retired: kept for the spans that have it, offered for no new span
    retired: bool = False


@dataclass(frozen=True)
class Attribute:
    name: str
    values: tuple[str, ...] | None = None  # None: free text
    labels: tuple[str, ...] | None = None  # None: every label
    required: bool = False
    retired: bool = False

    def applies_to(self, label: str) -> bool:
        return self.labels is None or label in self.labels


@dataclass(frozen=True)
class DocLabelScheme:
    name: str
    values: tuple[str, ...] = ()
    retired: bool = False


@dataclass(frozen=True)
class Codebook:
    name: str = "Codebook"
    version: str | int | None = None
    guidelines: str | None = None
    labels: tuple[Label, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    doc_labels: tuple[DocLabelScheme, ...] = ()

    def label(self, name: str) -> Label | None:
        return next((lab for lab in self.labels if lab.name == name), None)

    def label_names(self) -> tuple[str, ...]:
        return tuple(lab.name for lab in self.labels)

    def attributes_for(self, label: str) -> tuple[Attribute, ...]:
        return tuple(a for a in self.attributes if a.applies_to(label))

    def doc_label(self, name: str) -> DocLabelScheme | None:
        return next((d for d in self.doc_labels if d.name == name), None)

    def groups(self) -> dict[str | None, list[Label]]:
        """Labels by group, groups in order of first appearance."""
        out: dict[str | None, list[Label]] = {}
        for lab in self.labels:
            out.setdefault(lab.group, []).append(lab)
        return out

    def active(self) -> Codebook:
        """What is offered for new work: without the retired labels, attributes and
        document labels (an attribute's labels then name active labels only)."""
        if not any(x.retired for x in (*self.labels, *self.attributes, *self.doc_labels)):
            return self
        names = {lab.name for lab in self.labels if not lab.retired}
        return Codebook(
            self.name, self.version, self.guidelines,
            tuple(lab for lab in self.labels if not lab.retired),
            tuple(Attribute(a.name, a.values, None if a.labels is None else tuple(
                x for x in a.labels if x in names), a.required)
                  for a in self.attributes if not a.retired),
            tuple(d for d in self.doc_labels if not d.retired))


@dataclass(frozen=True)
class Concept:
    id: str
    name: str | None = None
    type: str | None = None
    event: str | None = None
    description: str | None = None


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


# slots: an import of a large corpus holds a million of them
@dataclass(frozen=True, slots=True)
class Span:
    annotator: str
    start: int
    end: int
    label: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    concept: str | None = None
    note: str | None = None
    id: int | None = field(default=None, compare=False)  # the database row, when stored
    # the project's codebook version when its annotator last made or changed it
    codebook_version: int | None = field(default=None, compare=False)
    suggested: Provenance | None = None  # accepted from a suggestion

    @property
    def key(self) -> tuple[str, int, int, str]:
        """What makes a span unique: an exact duplicate is one span."""
        return (self.annotator, self.start, self.end, self.label)


class SpanRows(Sequence):
    """Spans held as tuples in Span's field order, each made a Span when read: an importer
    builds no object per span (a frozen dataclass took a tenth of a large import), and
    the import's checks and inserts read `rows` (span_rows)."""

    __slots__ = ("rows",)

    def __init__(self, rows: tuple[tuple, ...]):
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(starmap(Span, self.rows[index]))
        return Span(*self.rows[index])

    def __iter__(self) -> Iterator[Span]:
        return starmap(Span, self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SpanRows | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def span_rows(spans: Sequence[Span]) -> Sequence[tuple]:
    """The spans as SpanRows holds them: tuples in Span's field order (annotator, start,
    end, label, attributes, concept, note, id, codebook_version, suggested)."""
    if type(spans) is SpanRows:
        return spans.rows
    return [(s.annotator, s.start, s.end, s.label, s.attributes, s.concept, s.note, s.id,
             s.codebook_version, s.suggested) for s in spans]


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


@dataclass(frozen=True)
class DocLabel:
    annotator: str
    name: str
    value: str


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


@dataclass(frozen=True)
class Document:
    """A document's text and metadata; the text never changes after import."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    event: str | None = None
    meta: Mapping[str, object] = field(default_factory=dict)

    @cached_property  # an import checks it against the project's, then stores it
    def sha256(self) -> str:
        return sha256_of(self.text)


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
        return replace(
            self,
            # SpanRows stay rows (no Span made): the annotator is each row's first field
            annotations=SpanRows(tuple(r for r in annotations.rows if r[0] not in people))
            if type(annotations) is SpanRows
            else tuple(s for s in annotations if s.annotator not in people),
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
